// The one door to stored scores (score-pages.ts says how they are laid out). The scoring worker writes
// through it (a rescore: `readScoreWriteBase` and `writeScoresOver` in its own transaction; a refit:
// `replaceScorePages`); the card, follow-ups, reminders,
// the list and its export, and sync's hand-over read or clear through it. Every read of one contact is
// a key lookup of its page, never a scan of the book.
import type { ListScores } from '@keepcard/shared';
import Dexie, { type Table } from 'dexie';
import type { KeepcardDB, MetaRow } from './db';
import { currentRev, takeRevs } from './local-rev';
import {
  type ContactScores,
  listScoresOnPage,
  type PagedScore,
  packScore,
  SCORE_PAGE_COUNT,
  type ScorePageRow,
  samePagedScore,
  scorePageOf,
  scoreReadOf,
  scoresOnPage,
} from './score-pages';
import { currentIdbTransaction, getByKeys } from './tx-reads';

export { type ContactScores, SCORE_PAGE_COUNT, scorePageOf } from './score-pages';

/** The store a transaction that reads or writes scores must include. */
export const scoresTable = (db: KeepcardDB): Table => db.scorePages;

/** A contact's stored scores, or null when the scoring worker has not scored it yet. */
export async function readScores(db: KeepcardDB, contactId: string): Promise<ContactScores | null> {
  return scoresOnPage(await db.scorePages.get(scorePageOf(contactId)), contactId);
}

/** A contact's list scores (tier, lifecycle...) without the card's detail, or null before scoring. */
export async function readListScores(db: KeepcardDB, contactId: string): Promise<ListScores | null> {
  return listScoresOnPage(await db.scorePages.get(scorePageOf(contactId)), contactId);
}

/** Every stored contact's list scores, by contact id (reminders of the whole book, the list export). */
export async function readAllListScores(db: KeepcardDB): Promise<Map<string, ListScores>> {
  const pages = await db.scorePages.toArray();
  return new Map(scoreReadOf(pages).rows.map((s) => [s.contactId, s.list]));
}

/** Pages changed after change counter `afterRev`, oldest change first, at most `limit` (the list). */
export function scorePagesAfter(db: KeepcardDB, afterRev: number, limit: number): Promise<ScorePageRow[]> {
  return db.scorePages.where('localRev').above(afterRev).limit(limit).toArray();
}

const pagesOf = (contactIds: Iterable<string>): number[] => [...new Set([...contactIds].map(scorePageOf))];

/** What a write of some contacts' scores starts from: their pages as stored, and the change counter. */
export interface ScoreWriteBase {
  keys: number[];
  stored: (ScorePageRow | undefined)[];
  rev: number;
}

/**
 * Reads what writeScoresOver needs for these contacts (their pages and the change counter), in one
 * round trip on `tx`: the IndexedDB transaction of the read-write Dexie transaction over scorePages
 * and meta that writes them (tx-reads.ts).
 */
export async function readScoreWriteBase(
  tx: IDBTransaction,
  contactIds: Iterable<string>,
): Promise<ScoreWriteBase> {
  const keys = pagesOf(contactIds);
  const [stored, [rev]] = await Dexie.Promise.all([
    getByKeys<ScorePageRow>(tx, 'scorePages', keys),
    getByKeys<MetaRow>(tx, 'meta', ['localRev']),
  ]);
  return { keys, stored, rev: (rev?.value as number | undefined) ?? 0 };
}

/**
 * Stores some contacts' scores and removes others' (a rescore: contacts changed, or gone), in one
 * transaction: each page concerned is read, changed and written back with a fresh change counter.
 * Returns the number of pages written.
 */
export function writeScores(
  db: KeepcardDB,
  change: { put?: readonly ContactScores[]; remove?: readonly string[] },
): Promise<number> {
  const ids = [...(change.put ?? []).map((s) => s.contactId), ...(change.remove ?? [])];
  return db.transaction('rw', [db.scorePages, db.meta], async () =>
    writeScoresOver(db, await readScoreWriteBase(currentIdbTransaction(), ids), change),
  );
}

/**
 * writeScores' change, over pages read in the same read-write transaction (readScoreWriteBase, with
 * the ids of every contact put or removed): the writes go out together, in one round trip.
 */
export function writeScoresOver(
  db: KeepcardDB,
  { keys, stored, rev }: ScoreWriteBase,
  change: { put?: readonly ContactScores[]; remove?: readonly string[] },
): Promise<number> {
  const put = change.put ?? [];
  const remove = change.remove ?? [];
  const pages = new Map(keys.map((page, i) => [page, { ...stored[i]?.scores }]));
  const touched = new Set<number>();
  for (const id of remove) {
    const page = scorePageOf(id);
    const scores = pages.get(page)!;
    if (!(id in scores)) continue;
    delete scores[id];
    touched.add(page);
  }
  for (const s of put) {
    const page = scorePageOf(s.contactId);
    pages.get(page)![s.contactId] = packScore(s);
    touched.add(page);
  }
  return putPages(
    db,
    [...touched].map((page) => ({ page, scores: pages.get(page)! })),
    rev,
  );
}

/**
 * Writes pages with fresh change counters; a page left empty is deleted. Call inside a read-write
 * transaction over scorePages and meta; `rev` is the counter's current value when the caller read it
 * already (`currentRev`). The writes are issued together, not one after another.
 */
async function putPages(
  db: KeepcardDB,
  pages: readonly { page: number; scores: Record<string, PagedScore> }[],
  rev?: number,
): Promise<number> {
  const full = pages.filter((p) => Object.keys(p.scores).length > 0);
  const empty = pages.filter((p) => Object.keys(p.scores).length === 0).map((p) => p.page);
  const writes: Promise<unknown>[] = [];
  if (empty.length > 0) writes.push(db.scorePages.bulkDelete(empty));
  if (full.length > 0) {
    const { first, stored } = takeRevs(db, rev ?? (await currentRev(db)), full.length);
    writes.push(stored, db.scorePages.bulkPut(full.map((p, i) => ({ ...p, localRev: first + i }))));
  }
  await Promise.all(writes);
  return pages.length;
}

/** What a refit's page write did. */
export interface PageWriteResult {
  /** Pages written (or deleted, when none of their contacts is left). */
  pages: number;
  /** Contacts whose scores changed, appeared or went. */
  contacts: number;
}

/**
 * A refit's write: `pages` maps page numbers to the complete scores of the contacts now hashed there
 * (every live contact; an empty map for a page none is left in). Each page is compared with the stored
 * one and written only when some contact's scores changed, appeared or went; one transaction per call.
 */
export function replaceScorePages(
  db: KeepcardDB,
  pages: ReadonlyMap<number, readonly ContactScores[]>,
): Promise<PageWriteResult> {
  return db.transaction('rw', [db.scorePages, db.meta], async () => {
    const keys = [...pages.keys()];
    const stored = await db.scorePages.bulkGet(keys);
    const changed: { page: number; scores: Record<string, PagedScore> }[] = [];
    let contacts = 0;
    keys.forEach((page, i) => {
      const before = stored[i]?.scores ?? {};
      const scores: Record<string, PagedScore> = {};
      let differ = 0;
      for (const s of pages.get(page)!) {
        const packed = packScore(s);
        const old = before[s.contactId];
        // Unchanged scores keep their stored form (and time of scoring) exactly.
        if (samePagedScore(old, packed)) scores[s.contactId] = old!;
        else {
          scores[s.contactId] = packed;
          differ++;
        }
      }
      for (const id in before) if (!(id in scores)) differ++;
      if (differ === 0) return;
      contacts += differ;
      changed.push({ page, scores });
    });
    return { pages: await putPages(db, changed), contacts };
  });
}

/** Removes every stored score (sync's hand-over to another user; the benchmark's reset). */
export function clearScores(db: KeepcardDB): Promise<void> {
  return db.scorePages.clear();
}

/** All page numbers, for a refit that rebuilds every page. */
export const allScorePages = (): number[] => Array.from({ length: SCORE_PAGE_COUNT }, (_, i) => i);
