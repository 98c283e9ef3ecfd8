import {
  type CustomerRecords,
  type CustomerScores,
  type Feedback,
  groupCustomerRecords,
  type Interaction,
  type Task,
} from '@keepcard/shared';
import Dexie from 'dexie';
import type { ContactRow, KeepcardDB } from '../db/db';
import { type DigestEntry, type PurchaseDigestRow, unpackDigest } from '../db/purchase-digest';
import { scoreDetailOf } from '../db/score-detail';
import type { ContactScores } from '../db/score-pages';
import { boundRange, getAllByIndex, getByKeys } from '../db/tx-reads';
import { listScoresOf } from './score-rows';

export { MODEL_KEY, SCORING_SETTINGS_KEY, type StoredModel } from './scoring-keys';

const lostOf = (contacts: { id: string; lost?: { at: number; reason: string } | null }[]) =>
  new Map(contacts.filter((c) => c.lost).map((c) => [c.id, c.lost!]));

/** Digest rows read per request: a refit holds all of them anyway, chunks only bound each read. */
const DIGEST_CHUNK = 20_000;

/**
 * Every contact's purchase digest, unpacked, in key-range chunks read at once: the ranges are cut at
 * every DIGEST_CHUNK-th contact id (digests are keyed by contact id), so the database reads one range
 * while this thread unpacks another.
 */
export async function readAllPurchases(
  db: KeepcardDB,
  contactIds: readonly string[],
  chunk = DIGEST_CHUNK,
): Promise<Map<string, DigestEntry[]>> {
  const out = new Map<string, DigestEntry[]>();
  const cuts: string[] = [];
  for (let i = chunk; i < contactIds.length; i += chunk) cuts.push(contactIds[i]!);
  const ranges = [null, ...cuts].map((from, i) =>
    db.purchaseDigests.where('contactId').between(from ?? Dexie.minKey, cuts[i] ?? Dexie.maxKey, true, false),
  );
  await Promise.all(
    ranges.map(async (range) => {
      const rows: PurchaseDigestRow[] = await range.toArray();
      for (const row of rows) out.set(row.contactId, unpackDigest(row));
    }),
  );
  return out;
}

/**
 * Every live contact's scoring records. Contacts come from keys and sparse indexes (tombstones and
 * contacts marked lost), never from reading the contact rows; purchases from the per-contact digests.
 */
export async function readAllCustomerRecords(db: KeepcardDB): Promise<CustomerRecords[]> {
  // Every read starts at once; only the digests wait for the keys (their ranges are cut at them).
  const keys = db.contacts.toCollection().primaryKeys();
  const [ids, deleted, lost, purchases, interactions, feedback, tasks] = await Promise.all([
    keys,
    db.contacts.where('deletedAt').above(-Infinity).primaryKeys(),
    db.contacts.where('lost.at').above(-Infinity).toArray(),
    keys.then((ids) => readAllPurchases(db, ids)),
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

/**
 * The scoring records of some contacts, read through their keys and indexes (no scan), on `tx`: the
 * IndexedDB transaction of a Dexie transaction over these stores (tx-reads.ts; rescore's, with its
 * score pages). Every read starts at once, one round trip in all, not the contacts first and then
 * their rows: the rows of a contact that turns out deleted are read for nothing and dropped.
 */
export async function readCustomerRecords(
  tx: IDBTransaction,
  contactIds: readonly string[],
): Promise<CustomerRecords[]> {
  const requested = [...new Set(contactIds)];
  const byContact = <T>(store: 'interactions' | 'feedback') =>
    Dexie.Promise.all(
      requested.map((id) =>
        getAllByIndex<T>(tx, store, '[contactId+occurredAt]', boundRange([id, -Infinity], [id, Infinity])),
      ),
    ).then((rows) => rows.flat());
  const [found, digests, interactions, feedback, tasks] = await Dexie.Promise.all([
    getByKeys<ContactRow>(tx, 'contacts', requested),
    getByKeys<PurchaseDigestRow>(tx, 'purchaseDigests', requested),
    byContact<Interaction>('interactions'),
    byContact<Feedback>('feedback'),
    Dexie.Promise.all(requested.map((id) => getAllByIndex<Task>(tx, 'tasks', 'contactId', id))).then((t) =>
      t.flat(),
    ),
  ]);
  const digestOf = new Map(requested.map((id, i) => [id, digests[i]]));
  const contacts = found.filter((c): c is ContactRow => c !== undefined && c.deletedAt === null);
  const records = groupCustomerRecords({
    contactIds: contacts.map((c) => c.id),
    purchases: [],
    interactions,
    feedback,
    tasks,
    lost: lostOf(contacts),
  });
  for (const r of records) {
    const digest = digestOf.get(r.contactId);
    r.purchases = digest ? unpackDigest(digest) : [];
  }
  return records;
}

/** A customer's scores with the records they were computed from. */
export interface ScoredRecords {
  scores: CustomerScores;
  records: CustomerRecords;
}

/** A scoring result as stored: the list part and the card's detail (scores-repo). */
export function contactScoresOf({ scores, records }: ScoredRecords): ContactScores {
  return {
    contactId: scores.contactId,
    scoredAt: scores.scoredAt,
    list: listScoresOf(scores, records),
    detail: scoreDetailOf(scores),
  };
}
