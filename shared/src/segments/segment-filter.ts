import { z } from 'zod';
import { type ListEntry, type ListScores, responsibleId } from './list-entry';

export const AGE_BANDS = ['under-25', '25-34', '35-44', '45-54', '55-64', '65-plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const LIST_VIEWS = [
  'at-risk-this-week',
  'follow-ups-due',
  'birthdays-this-month',
  'core-customers',
] as const;
export type ListView = (typeof LIST_VIEWS)[number];

const list = <T extends z.ZodType>(item: T) => z.array(item).max(200).optional();
const scoreRange = z
  .tuple([z.number().int().min(1).max(5), z.number().int().min(1).max(5)])
  .refine(([lo, hi]) => lo <= hi, { error: 'must be [lowest, highest] with lowest ≤ highest' })
  .optional();

/**
 * A combination of filters: the seeds' segmentation made concrete. Every present criterion must
 * hold (AND); within a criterion any listed value may match (OR). Saved segments store this.
 */
export const SegmentFilter = z.object({
  text: z.string().max(200).optional(),
  view: z.enum(LIST_VIEWS).optional(),
  // geographic
  countries: list(z.string().length(2)),
  regions: list(z.string().max(100)),
  cities: list(z.string().max(100)),
  // demographic
  ageBands: list(z.enum(AGE_BANDS)),
  genders: list(z.enum(['female', 'male', 'other', 'unspecified'])),
  // behavioural
  tiers: list(z.enum(['A', 'B', 'C', 'prospect'])),
  lifecycle: list(z.enum(['prospect', 'new', 'repeat', 'loyal', 'at-risk', 'churned', 'lost'])),
  churnLevels: list(z.enum(['low', 'medium', 'high'])),
  frequency: list(z.enum(['high', 'low'])),
  revenueClass: list(z.enum(['high', 'mid', 'low'])),
  rfmR: scoreRange,
  rfmF: scoreRange,
  rfmM: scoreRange,
  // relationship
  closeness: list(z.enum(['close', 'loose'])),
  /** Every listed tag must be on the customer. */
  tags: list(z.string().max(50)),
  owners: list(z.string().max(200)),
  /**
   * Exactly these customers: the list behind a chart that no other criterion describes (customers
   * with a complaint of a category in a month, the detractors of an NPS period).
   */
  contactIds: z.array(z.string().min(1).max(100)).max(5000).optional(),
});
export type SegmentFilter = z.infer<typeof SegmentFilter>;

const DAY = 86_400_000;

/**
 * The age band of a birthday on the day `now` (UTC dates); 'unknown' without a year.
 * @example ageBand('1990-06-01', Date.UTC(2026, 0, 1)) // '35-44'
 */
export function ageBand(birthday: string | undefined, now: number): AgeBand {
  const match = birthday && /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
  if (!match) return 'unknown';
  const today = new Date(now);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  if (age < 25) return 'under-25';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  return '65-plus';
}

/** The folded form search compares: NFKC, lower case, single spaces. */
export const foldSearch = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** At risk (the "At risk this week" view): not lost or churned yet, and high churn risk or in the at-risk stage. */
export function isAtRisk(s: Pick<ListScores, 'lifecycle' | 'churnLevel'>): boolean {
  return (
    s.lifecycle !== 'lost' &&
    s.lifecycle !== 'churned' &&
    (s.churnLevel === 'high' || s.lifecycle === 'at-risk')
  );
}

/** True when the entry belongs to the morning view, as of `now`. */
export function inView(entry: ListEntry, view: ListView, now: number): boolean {
  const s = entry.scores;
  switch (view) {
    case 'core-customers':
      return s?.tier === 'A';
    case 'at-risk-this-week':
      return s !== undefined && isAtRisk(s);
    case 'follow-ups-due': {
      const endOfToday = Math.floor(now / DAY) * DAY + DAY;
      return s?.nextFollowUpAt != null && s.nextFollowUpAt < endOfToday;
    }
    case 'birthdays-this-month': {
      const month = String(new Date(now).getUTCMonth() + 1).padStart(2, '0');
      return entry.birthday !== undefined && entry.birthday.slice(-5, -3) === month;
    }
  }
}

const anyOf = <T>(wanted: readonly T[] | undefined, value: T | undefined) =>
  !wanted || wanted.length === 0 || (value !== undefined && wanted.includes(value));
const inRange = (range: readonly [number, number] | undefined, value: number | undefined) =>
  !range || (value !== undefined && value >= range[0] && value <= range[1]);

/**
 * Compiles a filter into a predicate (search text folded once, not per entry).
 * @example entries.filter(compileFilter({ tiers: ['A'], countries: ['CN'] }, now))
 */
export function compileFilter(filter: SegmentFilter, now: number): (entry: ListEntry) => boolean {
  const text = filter.text ? foldSearch(filter.text) : '';
  const digits = text.replace(/[\s()+-]/g, '');
  const phoneLike = /^\d{3,}$/.test(digits) && digits !== text;
  const tags = filter.tags?.map((t) => t.toLowerCase());
  const ids = filter.contactIds?.length ? new Set(filter.contactIds) : undefined;
  return (e) => {
    const s = e.scores;
    return (
      (!text || e.searchText.includes(text) || (phoneLike && e.searchText.includes(digits))) &&
      (!filter.view || inView(e, filter.view, now)) &&
      anyOf(filter.countries, e.country) &&
      anyOf(filter.regions, e.region) &&
      anyOf(filter.cities, e.city) &&
      anyOf(filter.genders, e.gender ?? 'unspecified') &&
      anyOf(filter.ageBands, filter.ageBands?.length ? ageBand(e.birthday, now) : undefined) &&
      anyOf(filter.tiers, s?.tier ?? 'prospect') &&
      anyOf(filter.lifecycle, s?.lifecycle ?? 'prospect') &&
      anyOf(filter.churnLevels, s?.churnLevel) &&
      anyOf(filter.frequency, s?.frequency) &&
      anyOf(filter.revenueClass, s?.revenueClass) &&
      anyOf(filter.closeness, s?.closeness) &&
      inRange(filter.rfmR, s?.rfm.r) &&
      inRange(filter.rfmF, s?.rfm.f) &&
      inRange(filter.rfmM, s?.rfm.m) &&
      (!tags || tags.every((t) => e.tags.includes(t))) &&
      anyOf(filter.owners, responsibleId(e)) &&
      (!ids || ids.has(e.id))
    );
  };
}

/** True when no criterion is set. */
export function isEmptyFilter(filter: SegmentFilter): boolean {
  return Object.values(filter).every(
    (v) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
}
