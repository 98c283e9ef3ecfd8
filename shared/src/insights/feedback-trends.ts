// Feedback over time: complaints per category and the Net Promoter Score, per month or quarter.
import type { Feedback } from '../schemas/feedback';
import { type Period, type PeriodUnit, periodOf, periodRange } from './periods';

/** The feedback fields the trends read (stored rows carry more). */
export type TrendFeedback = Pick<
  Feedback,
  'contactId' | 'kind' | 'occurredAt' | 'category' | 'scale' | 'score' | 'deletedAt'
>;

export interface TrendOptions {
  unit: PeriodUnit;
  /** The workspace's offset from UTC (scoring setting), so periods are local calendar periods. */
  utcOffsetMinutes?: number;
  /** The last period is the one holding `now`; rows dated after it are left out. */
  now: number;
  /** Periods shown at most (the latest). */
  maxPeriods?: number;
}

/** The category of complaints recorded without one ('' in the data; the UI names it). */
export const UNCATEGORIZED = '';

export interface ComplaintPeriod extends Period {
  /** Complaints per category in this period (every category of `categories`, 0 when none). */
  counts: Record<string, number>;
  total: number;
  /** The customers who complained, per category (for the list behind a bar). */
  contactIds: Record<string, string[]>;
}

export interface ComplaintTrend {
  /** Categories by total complaints over the periods shown, most first (ties by name). */
  categories: string[];
  periods: ComplaintPeriod[];
  total: number;
}

/** Trimmed category; case differences are one category (the first spelling seen is shown). */
const categoryKey = (category: string | undefined) => category?.trim().toLowerCase() ?? UNCATEGORIZED;

/**
 * Complaints (feedback of kind 'complaint', not deleted) per category and period, from the period of
 * the first complaint to the period of `now`. A period without complaints is present with zero counts:
 * no complaint recorded is a real zero here, unlike a survey nobody answered.
 * @example complaintTrend(rows, { unit: 'quarter', now }).periods.at(-1) // { key: '2026-Q4', counts: { delivery: 2, quality: 0 }, total: 2, … }
 */
export function complaintTrend(rows: readonly TrendFeedback[], opts: TrendOptions): ComplaintTrend {
  const offset = opts.utcOffsetMinutes ?? 0;
  const complaints = rows.filter(
    (r) => r.kind === 'complaint' && r.deletedAt == null && r.occurredAt <= opts.now,
  );
  if (complaints.length === 0) return { categories: [], periods: [], total: 0 };
  const first = Math.min(...complaints.map((r) => r.occurredAt));
  const periods = periodRange(first, opts.now, opts.unit, offset, opts.maxPeriods);
  const byKey = new Map(periods.map((p) => [p.key, p]));
  const label = new Map<string, string>();
  const cells = new Map<string, Map<string, Set<string>>>(); // period → category → contact ids
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const r of complaints) {
    const period = periodOf(r.occurredAt, opts.unit, offset).key;
    if (!byKey.has(period)) continue; // older than the periods shown
    const key = categoryKey(r.category);
    if (!label.has(key)) label.set(key, r.category?.trim() ?? UNCATEGORIZED);
    const periodCounts = counts.get(period) ?? new Map<string, number>();
    periodCounts.set(key, (periodCounts.get(key) ?? 0) + 1);
    counts.set(period, periodCounts);
    const periodIds = cells.get(period) ?? new Map<string, Set<string>>();
    periodIds.set(key, (periodIds.get(key) ?? new Set()).add(r.contactId));
    cells.set(period, periodIds);
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  const keys = [...totals.keys()].sort(
    (a, b) => totals.get(b)! - totals.get(a)! || label.get(a)!.localeCompare(label.get(b)!),
  );
  let total = 0;
  const out = periods.map((p): ComplaintPeriod => {
    const c: Record<string, number> = {};
    const ids: Record<string, string[]> = {};
    let periodTotal = 0;
    for (const key of keys) {
      const n = counts.get(p.key)?.get(key) ?? 0;
      c[label.get(key)!] = n;
      ids[label.get(key)!] = [...(cells.get(p.key)?.get(key) ?? [])];
      periodTotal += n;
    }
    total += periodTotal;
    return { ...p, counts: c, total: periodTotal, contactIds: ids };
  });
  return { categories: keys.map((k) => label.get(k)!), periods: out, total };
}

export interface NpsPeriod extends Period {
  /** Answers counted: one per customer (their latest in the period). */
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** %promoters − %detractors, −100..100, rounded to a whole number; null when nobody answered (a gap, not 0). */
  nps: number | null;
  /** The customers who answered 0-6 in this period. */
  detractorIds: string[];
  /** Every customer who answered in this period. */
  respondentIds: string[];
}

/**
 * The Net Promoter Score per period: survey answers on the NPS scale (0-10), promoters 9-10,
 * passives 7-8, detractors 0-6; NPS = %promoters − %detractors (Reichheld 2003). A customer who
 * answered twice in a period counts once, with their latest answer, so one keen customer cannot tilt
 * the score. Periods run from the first answer to `now`'s period; a period without answers has
 * `nps: null`.
 * @example npsTrend(rows, { unit: 'month', now }).periods.map((p) => p.nps) // [40, null, -10]
 */
export function npsTrend(
  rows: readonly TrendFeedback[],
  opts: TrendOptions,
): { periods: NpsPeriod[]; answers: number } {
  const offset = opts.utcOffsetMinutes ?? 0;
  const answers = rows.filter(
    (r) =>
      r.kind === 'survey' &&
      r.scale === 'nps' &&
      r.score !== undefined &&
      r.score >= 0 &&
      r.score <= 10 &&
      r.deletedAt == null &&
      r.occurredAt <= opts.now,
  );
  if (answers.length === 0) return { periods: [], answers: 0 };
  const first = Math.min(...answers.map((r) => r.occurredAt));
  const periods = periodRange(first, opts.now, opts.unit, offset, opts.maxPeriods);
  const latest = new Map<string, Map<string, TrendFeedback>>(); // period → contact → answer
  for (const r of answers) {
    const key = periodOf(r.occurredAt, opts.unit, offset).key;
    const perContact = latest.get(key) ?? new Map<string, TrendFeedback>();
    const seen = perContact.get(r.contactId);
    if (!seen || r.occurredAt >= seen.occurredAt) perContact.set(r.contactId, r);
    latest.set(key, perContact);
  }
  let counted = 0;
  const out = periods.map((p): NpsPeriod => {
    const perContact = [...(latest.get(p.key)?.values() ?? [])];
    const detractorIds = perContact.filter((r) => r.score! <= 6).map((r) => r.contactId);
    const promoters = perContact.filter((r) => r.score! >= 9).length;
    const n = perContact.length;
    counted += n;
    return {
      ...p,
      answers: n,
      promoters,
      passives: n - promoters - detractorIds.length,
      detractors: detractorIds.length,
      nps: n === 0 ? null : Math.round(((promoters - detractorIds.length) / n) * 100),
      detractorIds,
      respondentIds: perContact.map((r) => r.contactId),
    };
  });
  return { periods: out, answers: counted };
}
