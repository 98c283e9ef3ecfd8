import { newId, SegmentFilter } from '@keepcard/shared';
import { getDb, type KeepcardDB, type SegmentRow } from './db';

/** Saved segments, by name. */
export async function listSegments(db: KeepcardDB = getDb()): Promise<SegmentRow[]> {
  return db.segments.orderBy('name').toArray();
}

/** A segment name that is empty or too long. */
export class SegmentNameError extends Error {
  override readonly name = 'SegmentNameError';
}

/**
 * Saves a combination of filters under a name; a segment of the same name is replaced. The filter is
 * validated with the shared SegmentFilter schema.
 */
export async function saveSegment(
  name: string,
  filter: SegmentFilter,
  now: number,
  db: KeepcardDB = getDb(),
): Promise<SegmentRow> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100)
    throw new SegmentNameError('Segment name must be 1 to 100 characters');
  const parsed = SegmentFilter.parse(filter);
  return db.transaction('rw', db.segments, async () => {
    const existing = await db.segments.where('name').equals(trimmed).first();
    const row: SegmentRow = {
      id: existing?.id ?? newId(),
      name: trimmed,
      filter: parsed,
      createdAt: existing?.createdAt ?? now,
    };
    await db.segments.put(row);
    return row;
  });
}

export async function deleteSegment(id: string, db: KeepcardDB = getDb()): Promise<void> {
  await db.segments.delete(id);
}
