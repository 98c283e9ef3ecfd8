import {
  buildModelFromFacts,
  deriveCustomerFacts,
  resolveScoringSettings,
  type ScoringSettingsInput,
  scoreCustomer,
  scoreFacts,
  workspaceCurrency,
} from '@keepcard/shared';
import Dexie from 'dexie';
import type { KeepcardDB, MetaRow } from '../db/db';
import { EVERYONE } from '../db/rescore-queue-middleware';
import {
  type ContactScores,
  type PageWriteResult,
  readScoreWriteBase,
  replaceScorePages,
  SCORE_PAGE_COUNT,
  scorePageOf,
  writeScoresOver,
} from '../db/scores-repo';
import { currentIdbTransaction, getByKeys } from '../db/tx-reads';
import {
  contactScoresOf,
  MODEL_KEY,
  readAllCustomerRecords,
  readCustomerRecords,
  SCORING_SETTINGS_KEY,
  type StoredModel,
} from './scoring-store';

const DAY_MS = 86_400_000;

/**
 * Scoring settings of this browser: the stored ones (currency, exchange rates...) over the defaults,
 * with days counted in the rep's own time zone.
 */
export async function localScoringSettings(db: KeepcardDB, now: number): Promise<ScoringSettingsInput> {
  return withLocalDays((await db.meta.get(SCORING_SETTINGS_KEY))?.value, now);
}

const withLocalDays = (stored: unknown, now: number): ScoringSettingsInput => ({
  ...(stored as ScoringSettingsInput | undefined),
  utcOffsetMinutes: -new Date(now).getTimezoneOffset(),
});

export async function loadModel(db: KeepcardDB): Promise<StoredModel | undefined> {
  return (await db.meta.get(MODEL_KEY))?.value as StoredModel | undefined;
}

/** The stored model and this browser's scoring settings, in one batch on `tx` (tx-reads.ts). */
async function modelAndSettings(tx: IDBTransaction, now: number) {
  const [model, settings] = await getByKeys<MetaRow>(tx, 'meta', [MODEL_KEY, SCORING_SETTINGS_KEY]);
  return {
    stored: model?.value as StoredModel | undefined,
    current: withLocalDays(settings?.value, now),
  };
}

/** A refit is due at most daily, or when the book of customers grew or shrank by a tenth. */
export function refitDue(stored: StoredModel | undefined, liveContacts: number, now: number): boolean {
  if (!stored) return true;
  if (now - stored.model.builtAt >= DAY_MS) return true;
  return Math.abs(liveContacts - stored.contacts) > Math.max(10, stored.contacts * 0.1);
}

/** Pages scored and written per step: the next step is scored while this one is being written. */
const PAGE_CHUNK = 256;

/**
 * Fits the workspace model on every live contact's records and stores everyone's scores, page by
 * page (scores-repo): contacts are grouped by their score page, a chunk of pages is scored while the
 * chunk before it is being written, and only pages where some contact's scores changed are written.
 * Scores of contacts that are gone leave their page with it. Each customer's facts are derived once,
 * for the fit and for their scores.
 */
export async function refitAll(db: KeepcardDB, now: number) {
  const started = performance.now();
  // Everything queued so far is in what this refit reads next; what is queued from now on stays.
  await db.rescoreQueue.clear();
  const settingsInput = await localScoringSettings(db, now);
  const settings = resolveScoringSettings(settingsInput);
  const records = await readAllCustomerRecords(db);
  const read = performance.now();
  const currency = workspaceCurrency(records, settings);
  const facts = records.map((r) => deriveCustomerFacts(r, { currency, settings }, now));
  const model = buildModelFromFacts(facts, currency, settings, now);
  const fitted = performance.now();
  await db.meta.put({
    key: MODEL_KEY,
    value: { model, settings: settingsInput, contacts: records.length } satisfies StoredModel,
  });
  const onPage: number[][] = Array.from({ length: SCORE_PAGE_COUNT }, () => []);
  records.forEach((r, k) => {
    onPage[scorePageOf(r.contactId)]!.push(k);
  });
  let scoringMs = 0;
  let writingMs = 0;
  const written = { pages: 0, contacts: 0 };
  const add = (r: PageWriteResult) => {
    written.pages += r.pages;
    written.contacts += r.contacts;
  };
  let writing: Promise<PageWriteResult> = Promise.resolve({ pages: 0, contacts: 0 });
  for (let first = 0; first < SCORE_PAGE_COUNT; first += PAGE_CHUNK) {
    const t0 = performance.now();
    const pages = new Map<number, ContactScores[]>();
    for (let page = first; page < Math.min(first + PAGE_CHUNK, SCORE_PAGE_COUNT); page++)
      pages.set(
        page,
        onPage[page]!.map((k) =>
          contactScoresOf({ scores: scoreFacts(facts[k]!, model, settings), records: records[k]! }),
        ),
      );
    const t1 = performance.now();
    scoringMs += t1 - t0;
    add(await writing);
    writingMs += performance.now() - t1;
    writing = replaceScorePages(db, pages);
  }
  const t2 = performance.now();
  add(await writing);
  writingMs += performance.now() - t2;
  return {
    contacts: records.length,
    /** Contacts whose scores changed (appeared, or went), and the score pages written for them. */
    written: written.contacts,
    pagesWritten: written.pages,
    ms: {
      read: read - started,
      fit: fitted - read,
      score: scoringMs,
      // Time spent waiting for writes beyond the scoring they overlap with.
      write: writingMs,
      total: performance.now() - started,
    },
  };
}

/**
 * Rescores some contacts against the stored model (what runs after a purchase, complaint, interaction
 * or task changes), in one read-write transaction: the model, the settings, the contacts' records
 * (through keys and indexes) and their score pages are read in one round trip, the pages written in
 * one more. Two transactions (read, then write) cost a rescore one more round trip and commit; the
 * price of one is that the panel's reads of these stores wait for it (a few milliseconds). Fits the
 * model first when there is none yet, or when it is a day old or the settings changed (the book's
 * size is left to refitIfDue).
 */
export async function rescore(db: KeepcardDB, contactIds: readonly string[], now: number) {
  const started = performance.now();
  const tables = [
    db.meta,
    db.contacts,
    db.interactions,
    db.feedback,
    db.purchaseDigests,
    db.tasks,
    db.scorePages,
    db.rescoreQueue,
  ];
  const done = await db.transaction('rw', tables, async () => {
    const tx = currentIdbTransaction();
    const [found, records, base] = await Dexie.Promise.all([
      modelAndSettings(tx, now),
      readCustomerRecords(tx, contactIds),
      readScoreWriteBase(tx, contactIds),
    ]);
    // The write below must join this transaction (tx-reads.ts says why it would not).
    if (Dexie.currentTransaction?.idbtrans !== tx) throw new Error('rescore: its reads left the transaction');
    if (await refitNeeded(db, found, now, { bookSize: false })) return null;
    const read = performance.now();
    const stored = found.stored!;
    const settings = resolveScoringSettings(stored.settings);
    const live = new Set(records.map((r) => r.contactId));
    const put = records.map((r) =>
      contactScoresOf({ scores: scoreCustomer(r, stored.model, settings, now), records: r }),
    );
    const scored = performance.now();
    await Promise.all([
      writeScoresOver(db, base, { put, remove: contactIds.filter((id) => !live.has(id)) }),
      // Rescored: off the queue (a write after this transaction queues them again).
      db.rescoreQueue.bulkDelete([...contactIds]),
    ]);
    return { contacts: records.length, read, scored };
  });
  if (!done) return refitAll(db, now);
  const end = performance.now();
  return {
    contacts: done.contacts,
    ms: {
      read: done.read - started,
      score: done.scored - done.read,
      // The pages' write and the transaction's commit.
      write: end - done.scored,
      total: end - started,
    },
  };
}

/**
 * A refit is needed when refitDue says so, or when the rep changed the scoring settings since the
 * model was built. `bookSize` false leaves out refitDue's test of the book's size (the book is taken
 * as the model's): counting the contact rows walks them in Chromium's IndexedDB (25 ms of a 31 ms
 * rescore at 20,000 contacts, measured once with the scoring-worker bench at SCORING_CONTACTS=20000),
 * so a rescore leaves that test to the refit-if-due check every panel open makes.
 */
async function refitNeeded(
  db: KeepcardDB,
  { stored, current }: { stored: StoredModel | undefined; current: ScoringSettingsInput },
  now: number,
  { bookSize = true }: { bookSize?: boolean } = {},
): Promise<boolean> {
  if (!stored) return true;
  if (
    JSON.stringify({ ...stored.settings, utcOffsetMinutes: 0 }) !==
    JSON.stringify({ ...current, utcOffsetMinutes: 0 })
  )
    return true;
  return refitDue(stored, bookSize ? await db.contacts.count() : stored.contacts, now);
}

/** Refits when due (see refitNeeded); otherwise does nothing. */
export async function refitIfDue(db: KeepcardDB, now: number) {
  const found = await db.transaction('r', db.meta, () => modelAndSettings(currentIdbTransaction(), now));
  return (await refitNeeded(db, found, now)) ? refitAll(db, now) : null;
}

/** Queued contacts rescored per transaction. */
const DRAIN_BATCH = 500;
/** A longer queue (a large import or sync pull while the panel was closed) is a refit's work. */
const REFIT_ABOVE = 5_000;

/**
 * Rescores every contact in the rescore queue (rescore-queue-middleware.ts: every write to a contact's
 * records queues it, in any context), a batch per transaction, until the queue is empty; a cleared
 * store (EVERYONE) or a queue longer than REFIT_ABOVE refits instead. What is written meanwhile is
 * rescored in a later batch or by the next drain.
 */
export async function drainRescoreQueue(db: KeepcardDB, now: number) {
  let contacts = 0;
  for (;;) {
    const [count, keys] = await db.transaction('r', db.rescoreQueue, () =>
      Promise.all([db.rescoreQueue.count(), db.rescoreQueue.limit(DRAIN_BATCH).primaryKeys()]),
    );
    if (keys.length === 0) return { contacts, refit: null };
    if (count > REFIT_ABOVE || keys.includes(EVERYONE)) return { contacts, refit: await refitAll(db, now) };
    const result = await rescore(db, keys, now);
    // A rescore that found the model missing or stale refitted everyone (and emptied the queue).
    if ('fit' in result.ms) return { contacts, refit: result };
    contacts += result.contacts;
  }
}
