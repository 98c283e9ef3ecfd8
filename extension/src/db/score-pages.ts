// How stored scores are laid out: in pages, not one row per contact. Chromium's IndexedDB costs
// 200-300 µs per written row whatever the row holds, so writing 100,000 score rows took 18-30 s, far
// over a refit's 5 s (bench/suites/scoring-worker.mjs). A contact's scores live in page
// `scorePageOf(contactId)` (a stable hash of its id, mod SCORE_PAGE_COUNT) beside those of the other
// contacts hashed there: a refit writes at most SCORE_PAGE_COUNT rows, a rescore reads and writes one.
// Each page carries a change counter (`localRev`), so the list picks up the pages that changed.
// No Dexie and no runtime imports here: the list's score reader (a worker on plain IndexedDB), the
// benchmark seed and the end-to-end tests' helpers use it.
import type { ListScores } from '@keepcard/shared';
import type { ScoreDetail, StoredReason } from './score-detail';

/** The score pages' store (db.ts: pages since version 9, this format since version 10). */
export const SCORE_PAGES = 'scorePages';

/**
 * Pages in the store. With 100,000 contacts a page holds about 50 of them, and a full refit writes
 * 2,048 rows instead of 100,000. The price is a rescore's rewrite of one whole page (about 24 KB
 * since version 10; 62.8 KB before). Measured with bench/suites/scoring-worker.mjs: a refit's write
 * step went from 3.6 to 2.6 s median with version 10's format, and a rescore's write step stayed at
 * about 9 ms median back to back (`rescoreOneContactMs.stepsP50.write`): its cost is the transaction,
 * not the page's size.
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
 * A contact's list scores as a page holds them: the values of ListScores in the order below (rfm
 * as its three numbers). An array is stored as its values alone, where an object repeats its 16 key
 * names for every contact: with the card's detail cut the same way (see PagedScore), a contact's
 * stored scores went from 1,215 bytes (version 9, in the panel bench's book) to about 480 (JSON
 * length, in the scores-repo test's book).
 */
export type ListTuple = [
  tier: ListScores['tier'],
  lifecycle: ListScores['lifecycle'],
  churnLevel: ListScores['churnLevel'],
  churnRisk: number,
  lifetimeValueMinor: number,
  revenueInWindowMinor: number,
  currency: string,
  r: number,
  f: number,
  m: number,
  frequency: ListScores['frequency'],
  revenueClass: ListScores['revenueClass'],
  potential: ListScores['potential'],
  closeness: ListScores['closeness'],
  lastPurchaseAt: number | null,
  lastContactAt: number | null,
  nextFollowUpAt: number | null,
];

/**
 * A contact's scores as a page holds them: [time of scoring, list scores, card detail, expected next
 * purchase]. The detail is JSON text of what the list part does not already say (the ranges, the
 * expected purchases, the lifetime value and the reasons as [code, params] or [code, params, text]):
 * a page is read whole, and text is copied in and out of IndexedDB as one block, where a graph of
 * reason objects is walked field by field; comparing text is also how a refit finds unchanged scores
 * without reading them back as objects. The expected next purchase moves with the time of scoring,
 * so it is kept apart from the text (see `samePagedScore`).
 */
export type PagedScore = [scoredAt: number, list: ListTuple, detail: string, nextPurchaseAt: number | null];

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

function packList(l: ListScores): ListTuple {
  return [
    l.tier,
    l.lifecycle,
    l.churnLevel,
    l.churnRisk,
    l.lifetimeValueMinor,
    l.revenueInWindowMinor,
    l.currency,
    l.rfm.r,
    l.rfm.f,
    l.rfm.m,
    l.frequency,
    l.revenueClass,
    l.potential,
    l.closeness,
    l.lastPurchaseAt,
    l.lastContactAt,
    l.nextFollowUpAt,
  ];
}

/** The list scores a page holds for a contact. */
export function unpackList(t: ListTuple): ListScores {
  return {
    tier: t[0],
    lifecycle: t[1],
    churnLevel: t[2],
    churnRisk: t[3],
    lifetimeValueMinor: t[4],
    revenueInWindowMinor: t[5],
    currency: t[6],
    rfm: { r: t[7], f: t[8], m: t[9] },
    frequency: t[10],
    revenueClass: t[11],
    potential: t[12],
    closeness: t[13],
    lastPurchaseAt: t[14],
    lastContactAt: t[15],
    nextFollowUpAt: t[16],
  };
}

type PackedReason = [code: string, params: StoredReason['params'], text?: string];
type PackedDetail = [
  windowDays: number,
  horizonDays: number,
  expectedPurchases: number,
  lifetimeValueMinor: number,
  tier: PackedReason[],
  lifecycle: PackedReason[],
  churn: PackedReason[],
  moreChurn: PackedReason[],
];

const packReasons = (reasons: readonly StoredReason[]): PackedReason[] =>
  reasons.map((r) => (r.text === undefined ? [r.code, r.params] : [r.code, r.params, r.text]));

const unpackReasons = (packed: readonly PackedReason[]): StoredReason[] =>
  packed.map(([code, params, text]) => (text === undefined ? { code, params } : { code, params, text }));

/**
 * A contact's scores as a page stores them. The detail's tier, stage, churn level and percent, RFM
 * scores, closeness and currencies are the list's (both come from one scoring result: score-rows.ts
 * and score-detail.ts), so they are stored once.
 */
export function packScore(s: Omit<ContactScores, 'contactId'>): PagedScore {
  const { valueTier, lifecycle, churnRisk, lifetimeValue } = s.detail;
  const detail: PackedDetail = [
    valueTier.windowDays,
    lifetimeValue.horizonDays,
    lifetimeValue.expectedPurchases,
    lifetimeValue.valueMinor,
    packReasons(valueTier.reasons),
    packReasons(lifecycle.reasons),
    packReasons(churnRisk.reasons),
    packReasons(churnRisk.moreReasons),
  ];
  return [s.scoredAt, packList(s.list), JSON.stringify(detail), lifetimeValue.nextPurchaseAt];
}

function unpackScore(contactId: string, [scoredAt, tuple, json, nextPurchaseAt]: PagedScore): ContactScores {
  const list = unpackList(tuple);
  const [windowDays, horizonDays, expectedPurchases, valueMinor, tier, stage, churn, more] = JSON.parse(
    json,
  ) as PackedDetail;
  const reasons = {
    tier: unpackReasons(tier),
    lifecycle: unpackReasons(stage),
    churn: unpackReasons(churn),
    moreChurn: unpackReasons(more),
  };
  const rest = { windowDays, horizonDays, expectedPurchases, valueMinor, nextPurchaseAt, reasons };
  return { contactId, scoredAt, list, detail: detailWithList(list, rest) };
}

/** What a stored detail holds beside the list scores. */
export interface DetailBesideList {
  windowDays: number;
  horizonDays: number;
  expectedPurchases: number;
  valueMinor: number;
  nextPurchaseAt: number | null;
  reasons: Record<'tier' | 'lifecycle' | 'churn' | 'moreChurn', StoredReason[]>;
}

/** The card's detail: what the list scores say, with the rest beside them (see packScore). */
export function detailWithList(list: ListScores, rest: DetailBesideList): ScoreDetail {
  const { currency } = list;
  const { reasons } = rest;
  // RFM scores are 1-5; the list keeps "none" as 0 (score-rows.ts).
  const rfmScore = (n: number) => (n === 0 ? null : n);
  return {
    currency,
    valueTier: {
      tier: list.tier,
      revenueMinor: list.revenueInWindowMinor,
      currency,
      windowDays: rest.windowDays,
      reasons: reasons.tier,
    },
    lifecycle: { stage: list.lifecycle, reasons: reasons.lifecycle },
    churnRisk: {
      level: list.churnLevel,
      percent: Math.round(list.churnRisk * 100),
      reasons: reasons.churn,
      moreReasons: reasons.moreChurn,
    },
    rfm: { recency: rfmScore(list.rfm.r), frequency: rfmScore(list.rfm.f), monetary: rfmScore(list.rfm.m) },
    closeness: list.closeness,
    lifetimeValue: {
      valueMinor: rest.valueMinor,
      currency,
      horizonDays: rest.horizonDays,
      expectedPurchases: rest.expectedPurchases,
      nextPurchaseAt: rest.nextPurchaseAt,
    },
  };
}

/** A contact's scores on its page (read whole), or null when the page holds none for it. */
export function scoresOnPage(page: ScorePageRow | undefined, contactId: string): ContactScores | null {
  const stored = page?.scores[contactId];
  return stored ? unpackScore(contactId, stored) : null;
}

/** A contact's list scores on its page, or null when the page holds none for it. */
export function listScoresOnPage(page: ScorePageRow | undefined, contactId: string): ListScores | null {
  const stored = page?.scores[contactId];
  return stored ? unpackList(stored[1]) : null;
}

const HALF_DAY_MS = 43_200_000;

/**
 * True when two stored scores say the same, so a refit need not write them (nor make the list reload
 * them). The expected next purchase moves with the time of scoring; within half a day it counts as the
 * same (the card shows it as a date).
 */
export function samePagedScore(a: PagedScore | undefined, b: PagedScore): boolean {
  if (!a || a[2] !== b[2] || a[1].length !== b[1].length || a[1].some((v, i) => v !== b[1][i])) return false;
  const x = a[3];
  const y = b[3];
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
    for (const contactId in page.scores)
      rows.push({ contactId, list: unpackList(page.scores[contactId]![1]) });
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

/** How version 9 stored a contact's scores: ListScores as an object, the whole ScoreDetail as JSON. */
interface Version9Score {
  scoredAt: number;
  list: ListScores;
  detail: string;
  nextPurchaseAt: number | null;
}

/** A page's scores in this format, from version 9's (the version 10 upgrade; scores already in it are kept). */
export function repackVersion9(
  scores: Record<string, PagedScore | Version9Score>,
): Record<string, PagedScore> {
  const out: Record<string, PagedScore> = {};
  for (const [contactId, s] of Object.entries(scores)) {
    if (Array.isArray(s)) {
      out[contactId] = s;
      continue;
    }
    const detail = JSON.parse(s.detail) as ScoreDetail;
    detail.lifetimeValue.nextPurchaseAt = s.nextPurchaseAt;
    out[contactId] = packScore({ scoredAt: s.scoredAt, list: s.list, detail });
  }
  return out;
}
