import type { TableName } from '@keepcard/shared';
import { getDb, type KeepcardDB } from '../db/db';
import {
  createRecord,
  createRecords,
  deleteRecord,
  type WriteContext,
  writeTables,
} from '../db/records-repo';
import { setReferrer } from '../db/referral-repo';
import { SCORING_SETTINGS_KEY } from '../scoring/scoring-store';
import { demoBook } from './demo-book';

/**
 * Where the ids of the demo records are kept: "Remove demo data" deletes exactly these and nothing
 * else (a note the rep added to a demo customer stays theirs). Contacts are also marked by their
 * source (`kind: 'demo'`) so a card says where the customer came from.
 */
export const DEMO_KEY = 'demoData';

/** Illustrative exchange rates for the demo book (minor units of CNY per minor unit). */
export const DEMO_SCORING_SETTINGS = { currency: 'CNY', exchangeRates: { USD: 7.1, EUR: 7.8 } };

export interface DemoManifest {
  loadedAt: number;
  ids: Partial<Record<TableName, string[]>>;
}

const TABLES: TableName[] = [
  'companies',
  'contacts',
  'notes',
  'interactions',
  'purchases',
  'feedback',
  'tasks',
  'loyalty',
];

export async function demoManifest(db: KeepcardDB = getDb()): Promise<DemoManifest | null> {
  return ((await db.meta.get(DEMO_KEY))?.value as DemoManifest | undefined) ?? null;
}

/** Counts of a loaded sample book, per table. */
export function demoCounts(manifest: DemoManifest): Record<string, number> {
  return Object.fromEntries(Object.entries(manifest.ids).map(([table, ids]) => [table, ids?.length ?? 0]));
}

/**
 * Writes the sample book in one transaction (all of it or nothing), through the records repository,
 * and records every id it wrote. Loading twice is refused: remove the first book before.
 */
export async function loadDemoData(ctx: WriteContext): Promise<DemoManifest> {
  const db = ctx.db ?? getDb();
  const book = demoBook(ctx.now);
  const inner = { ...ctx, db, cause: 'import' as const, localOnly: true };
  return db.transaction('rw', writeTables(db), async () => {
    if (await demoManifest(db))
      throw new Error('The demo data is already loaded. Remove it before loading it again.');
    const companies = await createRecords('companies', book.companies, inner);
    const contacts = await createRecords(
      'contacts',
      book.contacts.map((c) => ({ ...c.input, companyId: companies[c.company]!.id })),
      inner,
    );
    const idOf = (i: number) => contacts[i]!.id;
    // Referral links go through the referral repository (its cycle guard applies to the sample too).
    for (const r of book.referrals) await setReferrer(idOf(r.contact), idOf(r.referrer), inner);
    // A note's time is its creation time: each is written with its own `now`.
    const notes = [];
    for (const r of book.notes)
      notes.push(
        await createRecord('notes', { ...r.input, contactId: idOf(r.contact) }, { ...inner, now: r.at }),
      );
    const interactions = await createRecords(
      'interactions',
      book.interactions.map((r) => ({ ...r.input, contactId: idOf(r.contact) })),
      inner,
    );
    const purchases = await createRecords(
      'purchases',
      book.purchases.map((r) => ({ ...r.input, contactId: idOf(r.contact) })),
      inner,
    );
    const feedback = await createRecords(
      'feedback',
      book.feedback.map((r) => ({ ...r.input, contactId: idOf(r.contact) })),
      inner,
    );
    const tasks = await createRecords(
      'tasks',
      book.tasks.map((r) => ({ ...r.input, contactId: idOf(r.contact) })),
      inner,
    );
    // Written as they are: the generator keeps every running balance at or above zero (tested).
    const loyalty = await createRecords(
      'loyalty',
      book.loyalty.map((r) => ({ ...r.input, contactId: idOf(r.contact) })),
      inner,
    );
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    const manifest: DemoManifest = {
      loadedAt: ctx.now,
      ids: {
        companies: ids(companies),
        contacts: ids(contacts),
        notes: ids(notes),
        interactions: ids(interactions),
        purchases: ids(purchases),
        feedback: ids(feedback),
        tasks: ids(tasks),
        loyalty: ids(loyalty),
      },
    };
    await db.meta.put({ key: DEMO_KEY, value: manifest });
    // The demo book is priced in CNY, USD and EUR: value it in CNY with illustrative rates, unless
    // the rep already chose a scoring currency.
    if (!(await db.meta.get(SCORING_SETTINGS_KEY))) {
      await db.meta.put({ key: SCORING_SETTINGS_KEY, value: DEMO_SCORING_SETTINGS });
    }
    return manifest;
  });
}

/**
 * Deletes exactly the records the demo loader wrote (tombstones, like every deletion, so a synced
 * device deletes them too), in one transaction; returns how many.
 */
export async function removeDemoData(ctx: WriteContext): Promise<number> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', writeTables(db), async () => {
    const manifest = await demoManifest(db);
    if (!manifest) return 0;
    let removed = 0;
    // Dependent records first, companies last.
    for (const table of [...TABLES].reverse()) {
      for (const id of manifest.ids[table] ?? []) {
        await deleteRecord(table, id, inner);
        removed++;
      }
    }
    await db.meta.delete(DEMO_KEY);
    return removed;
  });
}
