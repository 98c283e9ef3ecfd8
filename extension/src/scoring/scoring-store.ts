import { type CustomerRecords, type CustomerScores, groupCustomerRecords } from '@keepcard/shared';
import type { KeepcardDB, ScoreRow } from '../db/db';
import { nextRevs } from '../db/records-repo';
import { listScoresOf } from './score-rows';

export { MODEL_KEY, SCORING_SETTINGS_KEY, type StoredModel } from './scoring-keys';

const lostOf = (contacts: { id: string; lost?: { at: number; reason: string } | null }[]) =>
  new Map(contacts.filter((c) => c.lost).map((c) => [c.id, c.lost!]));

/** Every live contact's scoring records, from one bulk read per table. */
export async function readAllCustomerRecords(db: KeepcardDB): Promise<CustomerRecords[]> {
  const [contacts, purchases, interactions, feedback, tasks] = await Promise.all([
    db.contacts.filter((c) => c.deletedAt === null).toArray(),
    db.purchases.toArray(),
    db.interactions.toArray(),
    db.feedback.toArray(),
    db.tasks.toArray(),
  ]);
  return groupCustomerRecords({
    contactIds: contacts.map((c) => c.id),
    purchases,
    interactions,
    feedback,
    tasks,
    lost: lostOf(contacts),
  });
}

/** The scoring records of some contacts, read through their indexes (no scan). */
export async function readCustomerRecords(
  db: KeepcardDB,
  contactIds: readonly string[],
): Promise<CustomerRecords[]> {
  const contacts = (await db.contacts.bulkGet([...contactIds])).filter(
    (c): c is NonNullable<typeof c> => c !== undefined && c.deletedAt === null,
  );
  const ids = contacts.map((c) => c.id);
  const byContact = async (table: 'purchases' | 'interactions' | 'feedback') =>
    (
      await Promise.all(
        ids.map((id) =>
          db.table(table).where('[contactId+occurredAt]').between([id, -Infinity], [id, Infinity]).toArray(),
        ),
      )
    ).flat();
  const [purchases, interactions, feedback, tasks] = await Promise.all([
    byContact('purchases'),
    byContact('interactions'),
    byContact('feedback'),
    db.tasks.where('contactId').anyOf(ids).toArray(),
  ]);
  return groupCustomerRecords({
    contactIds: ids,
    purchases,
    interactions,
    feedback,
    tasks,
    lost: lostOf(contacts),
  });
}

/**
 * Stores scores with fresh change counters, in one transaction per call, so the list picks them up
 * incrementally (the counter is shared with contacts and companies).
 */
export async function storeScores(
  db: KeepcardDB,
  scored: readonly { scores: CustomerScores; records: CustomerRecords }[],
): Promise<void> {
  await db.transaction('rw', [db.scores, db.meta], async () => {
    const first = await nextRevs(db, scored.length);
    const rows: ScoreRow[] = scored.map(({ scores, records }, i) => ({
      contactId: scores.contactId,
      localRev: first + i,
      scoredAt: scores.scoredAt,
      list: listScoresOf(scores, records),
      detail: scores,
    }));
    await db.scores.bulkPut(rows);
  });
}
