// Read-only queries behind the customer card: each reads one customer's rows by index (never a scan),
// so a card opens in the same time with 100 customers or 100,000. The card's reads are written once,
// against `CardReader`: a row by key, rows by an index range. Dexie answers them for the card's live
// query (which watches what it read); plain IndexedDB answers them for the snapshot a panel opened on
// a card reads while its scripts still start (card-idb-reader.ts: no Dexie to construct and open first).
import type { Feedback, Interaction, Note, Purchase, Task } from '@keepcard/shared';
import type { Table } from 'dexie';
import { type CompanyRow, type ContactRow, getDb, type HistoryRow, type KeepcardDB } from '../db';
import {
  type ContactScores,
  SCORE_PAGES,
  type ScorePageRow,
  scorePageOf,
  scoresOnPage,
} from '../score-pages';

/** The stores a card reads, in one read-only transaction. */
export const CARD_STORES = [
  'contacts',
  'companies',
  SCORE_PAGES,
  'tasks',
  'purchases',
  'notes',
  'interactions',
  'feedback',
  'history',
] as const;
export type CardStore = (typeof CARD_STORES)[number];

/** Bounds below and above every key that follows a contact id in a compound index (Dexie's minKey and maxKey). */
const MIN_KEY = Number.NEGATIVE_INFINITY;
const MAX_KEY: IDBValidKey = [[]];

/** The two reads a card is made of, answered inside one read-only transaction over CARD_STORES. */
export interface CardReader {
  get<T>(store: CardStore, key: IDBValidKey): Promise<T | undefined>;
  /** Rows whose `index` key lies in [lower, upper] (bounds included), in index order or reversed, at most `limit`. */
  range<T>(
    store: CardStore,
    index: string,
    lower: IDBValidKey,
    upper: IDBValidKey,
    options?: { reverse?: boolean; limit?: number },
  ): Promise<T[]>;
}

/** The reader over a Dexie database (inside a transaction of the caller's, or each read its own). */
export function dexieCardReader(db: KeepcardDB): CardReader {
  const table = (store: CardStore) => db.table(store) as Table<unknown, IDBValidKey>;
  return {
    get: <T>(store: CardStore, key: IDBValidKey) => table(store).get(key) as Promise<T | undefined>,
    range: <T>(
      store: CardStore,
      index: string,
      lower: IDBValidKey,
      upper: IDBValidKey,
      options: { reverse?: boolean; limit?: number } = {},
    ) => {
      let rows = table(store).where(index).between(lower, upper, true, true);
      if (options.reverse) rows = rows.reverse();
      if (options.limit !== undefined) rows = rows.limit(options.limit);
      return rows.toArray() as Promise<T[]>;
    },
  };
}

const live = <R extends { deletedAt: number | null }>(r: R | undefined): r is R =>
  r !== undefined && r.deletedAt === null;

/** All rows of a contact in a `[contactId+occurredAt]` index, newest first, at most `limit`. */
const newestOf = <R>(read: CardReader, store: CardStore, contactId: string, limit?: number) =>
  read.range<R>(store, '[contactId+occurredAt]', [contactId, MIN_KEY], [contactId, MAX_KEY], {
    reverse: true,
    ...(limit === undefined ? {} : { limit }),
  });

export interface CardHead {
  contact: ContactRow;
  company: CompanyRow | null;
}

/** The contact and its company, or null when the contact does not exist (or was deleted). */
async function cardHead(read: CardReader, id: string): Promise<CardHead | null> {
  const contact = await read.get<ContactRow>('contacts', id);
  if (!live(contact)) return null;
  const company = contact.companyId ? await read.get<CompanyRow>('companies', contact.companyId) : undefined;
  return { contact, company: live(company) ? company : null };
}

/** The stored scores of a contact (a key lookup of its page), or null before the scoring worker scored it. */
async function scoresOf(read: CardReader, contactId: string): Promise<ContactScores | null> {
  return scoresOnPage(await read.get<ScorePageRow>(SCORE_PAGES, scorePageOf(contactId)), contactId);
}

/** Open tasks of a contact, soonest first (overdue ones lead). */
async function openTasksOf(read: CardReader, contactId: string): Promise<Task[]> {
  const tasks = await read.range<Task & { deletedAt: number | null }>(
    'tasks',
    'contactId',
    contactId,
    contactId,
  );
  return tasks.filter((t) => live(t) && t.doneAt === null).sort((a, b) => a.dueAt - b.dueAt);
}

/** A contact's purchases, newest first. */
async function purchasesOf(read: CardReader, contactId: string): Promise<Purchase[]> {
  return (await newestOf<Purchase>(read, 'purchases', contactId)).filter(live);
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
 * The newest `count` live rows of a contact in a store with a `[contactId+occurredAt]` index. One
 * read in index order, newest first (no row-by-row round trips); deleted rows are dropped after
 * reading, and only when they hid some of the newest are all the contact's rows read.
 */
async function newestLive<R extends { id: string; deletedAt: number | null }>(
  read: CardReader,
  store: CardStore,
  contactId: string,
  count: number,
): Promise<R[]> {
  const rows = await newestOf<R>(read, store, contactId, count);
  const kept = rows.filter(live);
  if (kept.length === rows.length || rows.length < count) return kept;
  return (await newestOf<R>(read, store, contactId)).filter(live).slice(0, count);
}

/**
 * Notes, interactions, feedback and purchases of a contact in one list, newest first. Each source is
 * read newest-first by its index and only `limit` rows of each are needed for the first `limit` items;
 * `purchases` (all of the contact's, newest first) may be given when the caller reads them anyway.
 */
async function timelineFrom(
  read: CardReader,
  contactId: string,
  limit: number,
  purchases?: Promise<readonly Purchase[]>,
): Promise<Timeline> {
  const [notes, interactions, feedback, bought] = await Promise.all([
    read
      .range<Note & { deletedAt: number | null }>('notes', 'contactId', contactId, contactId)
      .then((rows) => rows.filter(live)),
    newestLive<Interaction>(read, 'interactions', contactId, limit + 1),
    newestLive<Feedback>(read, 'feedback', contactId, limit + 1),
    // Every read starts before the first await, inside the caller's transaction.
    purchases
      ? (async () => (await purchases).slice(0, limit + 1))()
      : newestLive<Purchase>(read, 'purchases', contactId, limit + 1),
  ]);
  const items: TimelineItem[] = [
    ...notes.map((row) => ({ kind: 'note' as const, at: row.createdAt, id: row.id, row })),
    ...interactions.map((row) => ({ kind: 'interaction' as const, at: row.occurredAt, id: row.id, row })),
    ...feedback.map((row) => ({ kind: 'feedback' as const, at: row.occurredAt, id: row.id, row })),
    ...bought.map((row) => ({ kind: 'purchase' as const, at: row.occurredAt, id: row.id, row })),
  ].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  return { items: items.slice(0, limit), more: items.length > limit };
}

/** The timeline alone, through Dexie. */
export function timelineOf(contactId: string, limit = 50, db: KeepcardDB = getDb()): Promise<Timeline> {
  return db.transaction('r', [...CARD_STORES], () => timelineFrom(dexieCardReader(db), contactId, limit));
}

/** Replaced values of the contact's fields, newest first. */
async function fieldHistoryOf(read: CardReader, contactId: string): Promise<HistoryRow[]> {
  const rows = await read.range<HistoryRow>(
    'history',
    '[table+rowId]',
    ['contacts', contactId],
    ['contacts', contactId],
  );
  return rows.reverse();
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

/** The card's reads, through `read` (every one starts before the first await: one transaction). */
export async function readCard(read: CardReader, id: string, timelineLimit: number): Promise<CardData> {
  // The timeline's purchases come from the purchases read for the totals (all of them, newest first).
  const purchasesRead = purchasesOf(read, id);
  const [head, score, tasks, purchases, timeline, history] = await Promise.all([
    cardHead(read, id),
    scoresOf(read, id),
    openTasksOf(read, id),
    purchasesRead,
    timelineFrom(read, id, timelineLimit, purchasesRead),
    fieldHistoryOf(read, id),
  ]);
  return { head, score, tasks, purchases, timeline, history };
}

/** The card through Dexie, in one read-only transaction (what the card's live query runs). */
export function cardData(id: string, timelineLimit = 50, db: KeepcardDB = getDb()): Promise<CardData> {
  return db.transaction('r', [...CARD_STORES], () => readCard(dexieCardReader(db), id, timelineLimit));
}
