import { type CustomerRecords, type CustomerScores, groupCustomerRecords, sameValue } from '@keepcard/shared';
import type { KeepcardDB, ScoreRow } from '../db/db';
import { type DigestEntry, type PurchaseDigestRow, unpackDigest } from '../db/purchase-digest';
import { nextRevs } from '../db/records-repo';
import { scoreDetailOf } from '../db/score-detail';
import { listScoresOf } from './score-rows';

export { MODEL_KEY, SCORING_SETTINGS_KEY, type StoredModel } from './scoring-keys';

const DAY_MS = 86_400_000;

const lostOf = (contacts: { id: string; lost?: { at: number; reason: string } | null }[]) =>
  new Map(contacts.filter((c) => c.lost).map((c) => [c.id, c.lost!]));

/** Digest rows read per request: a refit holds all of them anyway, chunks only bound each read. */
const DIGEST_CHUNK = 20_000;

/** Every contact's purchase digest, unpacked, in key-range chunks. */
async function readAllPurchases(db: KeepcardDB): Promise<Map<string, DigestEntry[]>> {
  const out = new Map<string, DigestEntry[]>();
  let after: string | null = null;
  for (;;) {
    const rows: PurchaseDigestRow[] = await (after === null
      ? db.purchaseDigests.limit(DIGEST_CHUNK)
      : db.purchaseDigests.where('contactId').above(after).limit(DIGEST_CHUNK)
    ).toArray();
    for (const row of rows) out.set(row.contactId, unpackDigest(row));
    if (rows.length < DIGEST_CHUNK) return out;
    after = rows[rows.length - 1]!.contactId;
  }
}

/**
 * Every live contact's scoring records. Contacts come from keys and sparse indexes (tombstones and
 * contacts marked lost), never from reading the contact rows; purchases from the per-contact digests.
 */
export async function readAllCustomerRecords(db: KeepcardDB): Promise<CustomerRecords[]> {
  const [ids, deleted, lost, purchases, interactions, feedback, tasks] = await Promise.all([
    db.contacts.toCollection().primaryKeys(),
    db.contacts.where('deletedAt').above(-Infinity).primaryKeys(),
    db.contacts.where('lost.at').above(-Infinity).toArray(),
    readAllPurchases(db),
    db.interactions.toArray(),
    db.feedback.toArray(),
    db.tasks.toArray(),
  ]);
  const gone = new Set(deleted);
  const records = groupCustomerRecords({
    contactIds: ids.filter((id) => !gone.has(id)),
    purchases: [],
    interactions,
    feedback,
    tasks,
    lost: lostOf(lost),
  });
  for (const r of records) r.purchases = purchases.get(r.contactId) ?? [];
  return records;
}

/** The scoring records of some contacts, read through their keys and indexes (no scan). */
export async function readCustomerRecords(
  db: KeepcardDB,
  contactIds: readonly string[],
): Promise<CustomerRecords[]> {
  const contacts = (await db.contacts.bulkGet([...contactIds])).filter(
    (c): c is NonNullable<typeof c> => c !== undefined && c.deletedAt === null,
  );
  const ids = contacts.map((c) => c.id);
  const byContact = async (table: 'interactions' | 'feedback') =>
    (
      await Promise.all(
        ids.map((id) =>
          db.table(table).where('[contactId+occurredAt]').between([id, -Infinity], [id, Infinity]).toArray(),
        ),
      )
    ).flat();
  const [digests, interactions, feedback, tasks] = await Promise.all([
    db.purchaseDigests.bulkGet(ids),
    byContact('interactions'),
    byContact('feedback'),
    db.tasks.where('contactId').anyOf(ids).toArray(),
  ]);
  const records = groupCustomerRecords({
    contactIds: ids,
    purchases: [],
    interactions,
    feedback,
    tasks,
    lost: lostOf(contacts),
  });
  records.forEach((r, i) => {
    const digest = digests[i];
    r.purchases = digest ? unpackDigest(digest) : [];
  });
  return records;
}

/** A customer's scores with the records they were computed from. */
export interface ScoredRecords {
  scores: CustomerScores;
  records: CustomerRecords;
}

/**
 * True when a stored row already holds these scores, so a refit need not write it (nor make the
 * list reload it). The expected next purchase moves with the time of scoring; within half a day it
 * counts as the same (the card shows it as a date).
 */
function unchanged(stored: ScoreRow | undefined, row: Omit<ScoreRow, 'localRev'>): boolean {
  if (!stored || !sameValue(stored.list, row.list)) return false;
  const a = stored.detail.lifetimeValue.nextPurchaseAt;
  const b = row.detail.lifetimeValue.nextPurchaseAt;
  if ((a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) >= DAY_MS / 2))
    return false;
  const withoutNext = (d: ScoreRow['detail']) => ({
    ...d,
    lifetimeValue: { ...d.lifetimeValue, nextPurchaseAt: null },
  });
  return sameValue(withoutNext(stored.detail), withoutNext(row.detail));
}

/**
 * Stores scores with fresh change counters, in one transaction per call, so the list picks them up
 * incrementally (the counter is shared with contacts and companies). With `skipUnchanged` (a refit),
 * rows that already hold the same scores are left alone. Returns the number of rows written.
 */
export async function storeScores(
  db: KeepcardDB,
  scored: readonly ScoredRecords[],
  opts: { skipUnchanged?: boolean } = {},
): Promise<number> {
  return db.transaction('rw', [db.scores, db.meta], async () => {
    let rows = scored.map(({ scores, records }) => ({
      contactId: scores.contactId,
      scoredAt: scores.scoredAt,
      list: listScoresOf(scores, records),
      detail: scoreDetailOf(scores),
    }));
    if (opts.skipUnchanged) {
      const stored = await db.scores.bulkGet(rows.map((r) => r.contactId));
      rows = rows.filter((row, i) => !unchanged(stored[i], row));
    }
    if (rows.length === 0) return 0;
    const first = await nextRevs(db, rows.length);
    await db.scores.bulkPut(rows.map((row, i) => ({ ...row, localRev: first + i })));
    return rows.length;
  });
}
