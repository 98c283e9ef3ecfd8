// How stored scores are laid out: in pages, not one row per contact. Chromium's IndexedDB costs
// 200-300 µs per written row whatever the row holds, so writing 100,000 score rows took 18-30 s, far
// over a refit's 5 s (bench/suites/scoring-worker.mjs). A contact's scores live in page
// `scorePageOf(contactId)` (a stable hash of its id, mod SCORE_PAGE_COUNT) beside those of the other
// contacts hashed there: a refit writes at most SCORE_PAGE_COUNT rows, a rescore reads and writes one.
// Each page carries a change counter (`localRev`), so the list picks up the pages that changed.
// No Dexie and no runtime imports here: the list's score reader (a worker on plain IndexedDB), the
// benchmark seed and the end-to-end tests' helpers use it.
import type { ListScores } from '@keepcard/shared';
import type { ScoreDetail } from './score-detail';

/** The score pages' store (db.ts, version 9). */
export const SCORE_PAGES = 'scorePages';

/**
 * Pages in the store. With 100,000 contacts a page holds about 50 of them (62.8 KB on average in the
 * panel bench's book, measured once), and a full refit
 * writes 2,048 rows instead of 100,000. The price is a rescore's rewrite of one whole page: 8.8 ms
 * median at 100,000 contacts (bench/suites/scoring-worker.mjs, `rescoreOneContactMs.stepsP50.write`).
 */
export const SCORE_PAGE_COUNT = 2048;

/** A contact's current scores, as the card, the list and the reminders read them. */
export interface ContactScores {
  contactId: string;
  /** When these scores were computed; a refit that finds them unchanged leaves them as they were. */
  scoredAt: number;
  /** The flat part the list filters and sorts on. */
  list: ListScores;
  /** What the card shows, with the reasons as codes and numbers. */
  detail: ScoreDetail;
}

/**
 * A contact's scores as a page holds them. The card's detail is JSON text: a page is read whole,
 * and text is copied in and out of IndexedDB as one block, where a graph of reason objects is walked
 * field by field; comparing text is also how a refit finds unchanged scores without reading them
 * back as objects. The expected next purchase moves with the time of scoring, so it is kept apart
 * from the text (see `samePagedScore`).
 */
export interface PagedScore {
  scoredAt: number;
  list: ListScores;
  /** JSON of the ScoreDetail, with `lifetimeValue.nextPurchaseAt` null. */
  detail: string;
  nextPurchaseAt: number | null;
}

/** One page: the scores of the contacts hashed to it, by contact id. */
export interface ScorePageRow {
  page: number;
  /** Change counter (db.ts `nextRevs`), taken each time the page is written. */
  localRev: number;
  scores: Record<string, PagedScore>;
}

/** The page a contact's scores live in: FNV-1a of the id's UTF-16 code units, mod SCORE_PAGE_COUNT. */
export function scorePageOf(contactId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < contactId.length; i++) {
    h ^= contactId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SCORE_PAGE_COUNT;
}

/** A contact's scores as a page stores them. */
export function packScore(s: Omit<ContactScores, 'contactId'>): PagedScore {
  const { nextPurchaseAt } = s.detail.lifetimeValue;
  const detail = { ...s.detail, lifetimeValue: { ...s.detail.lifetimeValue, nextPurchaseAt: null } };
  return { scoredAt: s.scoredAt, list: s.list, detail: JSON.stringify(detail), nextPurchaseAt };
}

/** A contact's scores as read from its page. */
/** A contact's scores on its page (read whole), or null when the page holds none for it. */
export function scoresOnPage(page: ScorePageRow | undefined, contactId: string): ContactScores | null {
  const stored = page?.scores[contactId];
  return stored ? unpackScore(contactId, stored) : null;
}

function unpackScore(contactId: string, p: PagedScore): ContactScores {
  const detail = JSON.parse(p.detail) as ScoreDetail;
  detail.lifetimeValue.nextPurchaseAt = p.nextPurchaseAt;
  return { contactId, scoredAt: p.scoredAt, list: p.list, detail };
}

const HALF_DAY_MS = 43_200_000;

/** List scores are flat but for `rfm` (compared here without the shared module: see the header). */
function sameList(a: ListScores, b: ListScores): boolean {
  const keys = Object.keys(a) as (keyof ListScores)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (a[k] === b[k]) continue;
    if (k !== 'rfm' || a.rfm.r !== b.rfm?.r || a.rfm.f !== b.rfm.f || a.rfm.m !== b.rfm.m) return false;
  }
  return true;
}

/**
 * True when two stored scores say the same, so a refit need not write them (nor make the list reload
 * them). The expected next purchase moves with the time of scoring; within half a day it counts as the
 * same (the card shows it as a date).
 */
export function samePagedScore(a: PagedScore | undefined, b: PagedScore): boolean {
  if (!a || a.detail !== b.detail || !sameList(a.list, b.list)) return false;
  const x = a.nextPurchaseAt;
  const y = b.nextPurchaseAt;
  return x === null || y === null ? x === y : Math.abs(x - y) < HALF_DAY_MS;
}

/** The list scores of the pages read, and the newest change counter among them (null: none changed). */
export interface ScoreRead {
  rows: { contactId: string; list: ListScores }[];
  lastRev: number | null;
}

/** What the list takes of some pages, read in change order: their contacts' list scores. */
export function scoreReadOf(pages: readonly ScorePageRow[]): ScoreRead {
  const rows: ScoreRead['rows'] = [];
  for (const page of pages)
    for (const contactId in page.scores) rows.push({ contactId, list: page.scores[contactId]!.list });
  return { rows, lastRev: pages.length ? pages[pages.length - 1]!.localRev : null };
}

/**
 * Whole pages of some contacts' scores, numbered with change counters from `firstRev` up (the
 * version 9 upgrade, the benchmark seed and the end-to-end helpers write the pages of a whole book).
 */
export function packPages(scores: Iterable<ContactScores>, firstRev: number): ScorePageRow[] {
  const pages = new Map<number, ScorePageRow>();
  for (const { contactId, ...s } of scores) {
    const page = scorePageOf(contactId);
    let row = pages.get(page);
    if (!row) {
      row = { page, localRev: firstRev + pages.size, scores: {} };
      pages.set(page, row);
    }
    row.scores[contactId] = packScore(s);
  }
  return [...pages.values()];
}
