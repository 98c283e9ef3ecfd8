// The database's change counter (db.ts, `localRev`), apart from the repositories that use it, so a
// module that only stores scores need not load the record repository and its schemas.
import type { KeepcardDB } from './db';

/**
 * Takes `count` consecutive values of the database's change counter. Call inside a read-write
 * transaction that includes `meta`: IndexedDB serialises those, so every context (side panel,
 * background, worker) gets distinct, increasing revisions.
 */
export async function nextRevs(db: KeepcardDB, count: number): Promise<number> {
  const { first, stored } = takeRevs(db, await currentRev(db), count);
  await stored;
  return first;
}

/** The counter's current value, for `takeRevs` (read it alongside the transaction's other reads). */
export async function currentRev(db: KeepcardDB): Promise<number> {
  return ((await db.meta.get('localRev'))?.value as number | undefined) ?? 0;
}

/**
 * `nextRevs` in two halves: takes `count` values after `current` (read by `currentRev` in this same
 * read-write transaction) and returns the first with the counter's write, which the caller issues
 * beside its own writes instead of waiting for it first.
 */
export function takeRevs(
  db: KeepcardDB,
  current: number,
  count: number,
): { first: number; stored: Promise<unknown> } {
  return { first: current + 1, stored: db.meta.put({ key: 'localRev', value: current + count }) };
}
