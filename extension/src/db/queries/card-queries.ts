// Read-only queries behind the customer card: each reads one customer's rows by index (never a scan),
// so a card opens in the same time with 100 customers or 100,000.
import type { Feedback, Interaction, Note, Purchase, Task } from '@keepcard/shared';
import Dexie, { type EntityTable } from 'dexie';
import { type CompanyRow, type ContactRow, getDb, type HistoryRow, type KeepcardDB } from '../db';
import { historyOf } from '../record-reads';
import type { ContactScores } from '../score-pages';
import { readScores, scoresTable } from '../scores-repo';

const live = <R extends { deletedAt: number | null }>(r: R | undefined): r is R =>
  r !== undefined && r.deletedAt === null;

export interface CardHead {
  contact: ContactRow;
  company: CompanyRow | null;
}

/** The contact and its company, or null when the contact does not exist (or was deleted). */
export async function cardHead(id: string, db: KeepcardDB = getDb()): Promise<CardHead | null> {
  const contact = await db.contacts.get(id);
  if (!live(contact)) return null;
  const company = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
  return { contact, company: live(company) ? company : null };
}

/** The stored scores of a contact, or null when the scoring worker has not scored it yet. */
export function scoresOf(contactId: string, db: KeepcardDB = getDb()): Promise<ContactScores | null> {
  return readScores(db, contactId);
}

/** Open tasks of a contact, soonest first (overdue ones lead). */
export async function openTasksOf(contactId: string, db: KeepcardDB = getDb()): Promise<Task[]> {
  const tasks = await db.tasks.where('contactId').equals(contactId).toArray();
  return tasks.filter((t) => live(t) && t.doneAt === null).sort((a, b) => a.dueAt - b.dueAt);
}

/** A contact's purchases, newest first. */
export async function purchasesOf(contactId: string, db: KeepcardDB = getDb()): Promise<Purchase[]> {
  const rows = await db.purchases
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .reverse()
    .toArray();
  return rows.filter(live);
}

export interface PeriodTotal {
  /** Calendar year in local time. */
  year: number;
  count: number;
  /** Net amount per currency (refunds subtract), minor units, largest first. */
  totals: { currency: string; minor: number }[];
}

/** Purchases totalled per calendar year (local time), newest year first; currencies are never mixed. */
export function totalsPerYear(purchases: readonly Purchase[]): PeriodTotal[] {
  const years = new Map<number, { count: number; totals: Map<string, number> }>();
  for (const p of purchases) {
    const year = new Date(p.occurredAt).getFullYear();
    let period = years.get(year);
    if (!period) {
      period = { count: 0, totals: new Map() };
      years.set(year, period);
    }
    period.count++;
    period.totals.set(p.currency, (period.totals.get(p.currency) ?? 0) + p.amountMinor);
  }
  return [...years]
    .sort((a, b) => b[0] - a[0])
    .map(([year, { count, totals }]) => ({
      year,
      count,
      totals: [...totals].map(([currency, minor]) => ({ currency, minor })).sort((a, b) => b.minor - a.minor),
    }));
}

/** One entry of the card's timeline. */
export type TimelineItem =
  | { kind: 'note'; at: number; id: string; row: Note }
  | { kind: 'interaction'; at: number; id: string; row: Interaction }
  | { kind: 'feedback'; at: number; id: string; row: Feedback }
  | { kind: 'purchase'; at: number; id: string; row: Purchase };

export interface Timeline {
  items: TimelineItem[];
  /** True when older items exist beyond `limit`. */
  more: boolean;
}

/**
 * The newest `count` live rows of a contact in a table with a `[contactId+occurredAt]` index. One
 * `getAll` in index order, newest first (no cursor, no row-by-row round trips); deleted rows are
 * dropped after reading, and only when they hid some of the newest are all the contact's rows read.
 */
async function newestLive<R extends { id: string; deletedAt: number | null }>(
  table: EntityTable<R, 'id'>,
  contactId: string,
  count: number,
): Promise<R[]> {
  const range = () =>
    table
      .where('[contactId+occurredAt]')
      .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
      .reverse();
  const rows = await range().limit(count).toArray();
  const kept = rows.filter(live);
  if (kept.length === rows.length || rows.length < count) return kept;
  return (await range().toArray()).filter(live).slice(0, count);
}

/**
 * Notes, interactions, feedback and purchases of a contact in one list, newest first. Each source is
 * read newest-first by its index and only `limit` rows of each are needed for the first `limit` items;
 * `purchases` (all of the contact's, newest first) may be given when the caller reads them anyway.
 */
export async function timelineOf(
  contactId: string,
  limit = 50,
  db: KeepcardDB = getDb(),
  purchases?: Promise<readonly Purchase[]>,
): Promise<Timeline> {
  const [notes, interactions, feedback, bought] = await Promise.all([
    db.notes
      .where('contactId')
      .equals(contactId)
      .toArray()
      .then((rows) => rows.filter(live)),
    newestLive<Interaction>(db.interactions, contactId, limit + 1),
    newestLive<Feedback>(db.feedback, contactId, limit + 1),
    // Every read starts before the first await, inside the caller's transaction.
    purchases
      ? (async () => (await purchases).slice(0, limit + 1))()
      : newestLive<Purchase>(db.purchases, contactId, limit + 1),
  ]);
  const items: TimelineItem[] = [
    ...notes.map((row) => ({ kind: 'note' as const, at: row.createdAt, id: row.id, row })),
    ...interactions.map((row) => ({ kind: 'interaction' as const, at: row.occurredAt, id: row.id, row })),
    ...feedback.map((row) => ({ kind: 'feedback' as const, at: row.occurredAt, id: row.id, row })),
    ...bought.map((row) => ({ kind: 'purchase' as const, at: row.occurredAt, id: row.id, row })),
  ].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return { items: items.slice(0, limit), more: items.length > limit };
}

/** Replaced values of the contact's fields, newest first. */
export function fieldHistoryOf(contactId: string, db: KeepcardDB = getDb()): Promise<HistoryRow[]> {
  return historyOf('contacts', contactId, db);
}

/** Everything the card shows, read in one transaction: one consistent snapshot, one render. */
export interface CardData {
  head: CardHead | null;
  score: ContactScores | null;
  tasks: Task[];
  purchases: Purchase[];
  timeline: Timeline;
  history: HistoryRow[];
}

export async function cardData(id: string, timelineLimit = 50, db: KeepcardDB = getDb()): Promise<CardData> {
  return db.transaction(
    'r',
    [
      db.contacts,
      db.companies,
      scoresTable(db),
      db.tasks,
      db.purchases,
      db.notes,
      db.interactions,
      db.feedback,
      db.history,
    ],
    async () => {
      // The timeline's purchases come from the purchases read for the totals (all of them, newest first).
      const purchasesRead = purchasesOf(id, db);
      const [head, score, tasks, purchases, timeline, history] = await Promise.all([
        cardHead(id, db),
        scoresOf(id, db),
        openTasksOf(id, db),
        purchasesRead,
        timelineOf(id, timelineLimit, db, purchasesRead),
        fieldHistoryOf(id, db),
      ]);
      return { head, score, tasks, purchases, timeline, history };
    },
  );
}
