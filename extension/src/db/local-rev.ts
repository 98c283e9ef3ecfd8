// The database's change counter (db.ts, `localRev`), apart from the repositories that use it, so a
// module that only stores scores need not load the record repository and its schemas.
import type { KeepcardDB } from './db';

/**
 * Takes `count` consecutive values of the database's change counter. Call inside a read-write
 * transaction that includes `meta`: IndexedDB serialises those, so every context (side panel,
 * background, worker) gets distinct, increasing revisions.
 */
export async function nextRevs(db: KeepcardDB, count: number): Promise<number> {
  const current = ((await db.meta.get('localRev'))?.value as number | undefined) ?? 0;
  await db.meta.put({ key: 'localRev', value: current + count });
  return current + 1;
}
