// One pass over a customer's records, reducing them to the facts every score reads: transaction days
// and their values in the workspace currency, interactions, open complaints, satisfaction, overdue
// follow-ups. Inputs are the shared schemas' records (or just the fields read here).
import type { Feedback } from '../schemas/feedback';
import type { Interaction } from '../schemas/interaction';
import type { Purchase } from '../schemas/purchase';
import type { Task } from '../schemas/task';
import { rateToCurrency, type ScoringSettings } from './scoring-settings';
import { DAY_MS, localDay, summarizeTransactionDays } from './summarize-purchases';

type Tombstone = { deletedAt?: number | null };
export type PurchaseFacts = Pick<Purchase, 'occurredAt' | 'amountMinor' | 'currency'> & Tombstone;
export type InteractionFacts = Pick<Interaction, 'occurredAt'> & Tombstone;
export type FeedbackFacts = Pick<Feedback, 'kind' | 'occurredAt' | 'status'> &
  Partial<Pick<Feedback, 'scale' | 'score'>> &
  Tombstone;
export type TaskFacts = Pick<Task, 'kind' | 'dueAt' | 'doneAt'> & Tombstone;

/** Everything scoring needs about one contact. Full schema records fit these shapes as they are. */
export interface CustomerRecords {
  contactId: string;
  purchases: readonly PurchaseFacts[];
  interactions?: readonly InteractionFacts[];
  feedback?: readonly FeedbackFacts[];
  /** Tasks linked to this contact (only follow-ups are read). */
  tasks?: readonly TaskFacts[];
  /** Set when the rep marked the customer lost, with the churn reason they recorded (流失原因). */
  lost?: { at: number; reason: string } | null;
}

export interface CustomerFacts {
  contactId: string;
  now: number;
  nowDay: number;
  /**
   * Transaction days, ascending (local day numbers): days with at least one purchase of a non-negative
   * amount. Same-day purchases are one transaction; a refund alone is not a transaction.
   */
  days: number[];
  /** Each transaction day's net value in workspace minor units; NaN when no amount could be converted. */
  dayValues: number[];
  /** Every purchase's value by day (refunds included), ascending by day, for revenue over a window. */
  valueDays: number[];
  values: number[];
  /** Currencies with no exchange rate to the workspace currency, left out of values. */
  skippedCurrencies: string[];
  /** Interaction times up to now, ascending. */
  interactions: number[];
  openComplaints: number;
  oldestOpenComplaintAt: number | null;
  /** The latest satisfaction answer (CSAT or NPS) up to now. */
  latestScore: { scale: 'csat' | 'nps'; score: number; at: number } | null;
  overdueFollowUps: number;
  oldestOverdueDueAt: number | null;
  lost: { at: number; reason: string } | null;
}

export interface FactsContext {
  currency: string;
  settings: ScoringSettings;
}

const live = (r: Tombstone) => r.deletedAt === undefined || r.deletedAt === null;

/** Reduces a customer's records to the facts the scores read. Records after `now` are ignored. */
export function deriveCustomerFacts(c: CustomerRecords, ctx: FactsContext, now: number): CustomerFacts {
  const offset = ctx.settings.utcOffsetMinutes;
  const rate = (currency: string): number | undefined => rateToCurrency(currency, ctx.currency, ctx.settings);

  // Purchases as parallel arrays, put in day order (usually they already are), then merged by day.
  const pDay: number[] = [];
  const pValue: number[] = [];
  const pCounts: boolean[] = [];
  let skipped: string[] | undefined;
  let sorted = true;
  for (const p of c.purchases) {
    if (!live(p) || p.occurredAt > now) continue;
    const day = localDay(p.occurredAt, offset);
    const r = rate(p.currency);
    if (r === undefined && !skipped?.includes(p.currency)) {
      skipped ??= [];
      skipped.push(p.currency);
    }
    if (pDay.length && day < pDay[pDay.length - 1]!) sorted = false;
    pDay.push(day);
    pValue.push(r === undefined ? Number.NaN : p.amountMinor * r);
    pCounts.push(p.amountMinor >= 0);
  }
  const order = pDay.map((_, i) => i);
  if (!sorted) order.sort((i, j) => pDay[i]! - pDay[j]!);
  const days: number[] = [];
  const dayValues: number[] = [];
  const valueDays: number[] = [];
  const values: number[] = [];
  for (let k = 0; k < order.length; ) {
    const day = pDay[order[k]!]!;
    let sum = 0;
    let known = false;
    let counts = false;
    for (; k < order.length && pDay[order[k]!] === day; k++) {
      const v = pValue[order[k]!]!;
      if (!Number.isNaN(v)) {
        sum += v;
        known = true;
      }
      if (pCounts[order[k]!]) counts = true;
    }
    if (known) {
      valueDays.push(day);
      values.push(sum);
    }
    if (counts) {
      days.push(day);
      dayValues.push(known ? sum : Number.NaN);
    }
  }

  const interactions: number[] = [];
  let interactionsSorted = true;
  for (const i of c.interactions ?? [])
    if (live(i) && i.occurredAt <= now) {
      if (interactions.length && i.occurredAt < interactions[interactions.length - 1]!)
        interactionsSorted = false;
      interactions.push(i.occurredAt);
    }
  if (!interactionsSorted) interactions.sort((x, y) => x - y);

  let openComplaints = 0;
  let oldestOpenComplaintAt: number | null = null;
  let latestScore: CustomerFacts['latestScore'] = null;
  for (const f of c.feedback ?? []) {
    if (!live(f) || f.occurredAt > now) continue;
    if (f.kind === 'complaint' && f.status === 'open') {
      openComplaints++;
      if (oldestOpenComplaintAt === null || f.occurredAt < oldestOpenComplaintAt)
        oldestOpenComplaintAt = f.occurredAt;
    }
    if (f.scale && typeof f.score === 'number' && (!latestScore || f.occurredAt >= latestScore.at))
      latestScore = { scale: f.scale, score: f.score, at: f.occurredAt };
  }

  let overdueFollowUps = 0;
  let oldestOverdueDueAt: number | null = null;
  for (const t of c.tasks ?? []) {
    if (!live(t) || t.kind !== 'follow-up' || (t.doneAt !== null && t.doneAt !== undefined)) continue;
    if (t.dueAt < now) {
      overdueFollowUps++;
      if (oldestOverdueDueAt === null || t.dueAt < oldestOverdueDueAt) oldestOverdueDueAt = t.dueAt;
    }
  }

  return {
    contactId: c.contactId,
    now,
    nowDay: localDay(now, offset),
    days,
    dayValues,
    valueDays,
    values,
    skippedCurrencies: skipped ? skipped.sort() : [],
    interactions,
    openComplaints,
    oldestOpenComplaintAt,
    latestScore,
    overdueFollowUps,
    oldestOverdueDueAt,
    lost: c.lost ?? null,
  };
}

/** Net value of purchases on the last `windowDays` local days (today included). */
export function revenueInWindow(f: CustomerFacts, windowDays: number): number {
  const from = f.nowDay - windowDays;
  let sum = 0;
  for (let i = f.valueDays.length - 1; i >= 0 && f.valueDays[i]! > from; i--) sum += f.values[i]!;
  return sum;
}

/** Transaction days among the last `windowDays` local days. */
export function transactionsInWindow(f: CustomerFacts, windowDays: number): number {
  const from = f.nowDay - windowDays;
  let n = 0;
  for (let i = f.days.length - 1; i >= 0 && f.days[i]! > from; i--) n++;
  return n;
}

/** Whole days since the last transaction day; null for a prospect. */
export function daysSinceLastPurchase(f: CustomerFacts): number | null {
  return f.days.length ? f.nowDay - f.days[f.days.length - 1]! : null;
}

/** Median gap in days between consecutive transaction days; null with fewer than two. */
export function medianGapDays(f: CustomerFacts): number | null {
  if (f.days.length < 2) return null;
  const gaps: number[] = [];
  for (let i = 1; i < f.days.length; i++) gaps.push(f.days[i]! - f.days[i - 1]!);
  return median(gaps);
}

/** The model summary (x, t_x, T in periods, mean repeat value) at `now`; null for a prospect. */
export function repeatSummary(
  f: CustomerFacts,
  settings: ScoringSettings,
): { x: number; tx: number; T: number; meanValue: number } | null {
  const s = summarizeTransactionDays(
    f.days,
    f.dayValues,
    f.now,
    settings.model.periodDays,
    settings.utcOffsetMinutes,
  );
  if (!s) return null;
  // Mean over the repeat days whose value is known (a day in an unconvertible currency is skipped).
  let sum = 0;
  let n = 0;
  for (let i = 1; i < f.days.length; i++) {
    const v = f.dayValues[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return { ...s, meanValue: n > 0 ? sum / n : 0 };
}

/** Mean value of the transaction days in [fromDay, toDay] whose value is known; null if none. */
export function meanDayValue(
  f: CustomerFacts,
  fromDay: number,
  toDay: number,
): { mean: number; n: number } | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < f.days.length; i++) {
    const d = f.days[i]!;
    const v = f.dayValues[i]!;
    if (d >= fromDay && d <= toDay && Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? { mean: sum / n, n } : null;
}

/** Median of a list (mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const daysBetween = (fromMs: number, toMs: number): number => Math.floor((toMs - fromMs) / DAY_MS);
