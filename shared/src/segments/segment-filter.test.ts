import { describe, expect, test } from 'vitest';
import { listScores } from '../test-support/list-scores';
import type { ListEntry } from './list-entry';
import { compareEntries, type SortKey } from './list-sort';
import {
  ageBand,
  compileFilter,
  isEmptyFilter,
  type SegmentFilter,
  SegmentFilter as SegmentFilterSchema,
} from './segment-filter';

const NOW = Date.UTC(2026, 10, 22, 9); // 22 Nov 2026
const DAY = 86_400_000;

const scores = listScores;

const entry = (id: string, over: Partial<ListEntry>): ListEntry => ({
  id,
  displayName: id,
  nameKey: id.toLowerCase(),
  searchText: id.toLowerCase(),
  tags: [],
  ownerId: 'u1',
  ...over,
});

const wang = entry('王小明', {
  searchText: '王小明 wang@tea.cn 8613800138000 杭州茶叶 vip',
  country: 'CN',
  region: '浙江',
  city: '杭州',
  gender: 'male',
  birthday: '1988-11-30',
  tags: ['vip', 'tea'],
  scores: scores({
    tier: 'A',
    churnLevel: 'high',
    churnRisk: 0.8,
    lifetimeValueMinor: 900_000,
    revenueInWindowMinor: 500_000,
    rfm: { r: 1, f: 5, m: 5 },
    frequency: 'high',
    revenueClass: 'high',
    nextFollowUpAt: NOW - DAY,
    lastPurchaseAt: NOW - 140 * DAY,
  }),
});
const anna = entry('Anna Schmidt', {
  searchText: 'anna schmidt anna@example.de 49301234567 example gmbh',
  country: 'DE',
  city: 'Berlin',
  gender: 'female',
  birthday: '--03-14',
  tags: ['retail'],
  ownerId: 'u2',
  scores: scores({
    tier: 'B',
    lifecycle: 'loyal',
    closeness: 'close',
    lifetimeValueMinor: 300_000,
    nextFollowUpAt: NOW + 3 * DAY,
  }),
});
const lead = entry('Li Lei', { searchText: 'li lei', country: 'CN', city: '深圳' });
const all = [wang, anna, lead];

describe('compileFilter', () => {
  test.each<[string, SegmentFilter, string[]]>([
    ['no criteria: everyone', {}, ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['Chinese substring', { text: '小明' }, ['王小明']],
    ['email substring, any case', { text: 'ANNA@EX' }, ['Anna Schmidt']],
    ['phone written with spaces', { text: '138 0013 8000' }, ['王小明']],
    ['company', { text: '茶叶' }, ['王小明']],
    ['country', { countries: ['CN'] }, ['王小明', 'Li Lei']],
    ['country AND city', { countries: ['CN'], cities: ['深圳'] }, ['Li Lei']],
    ['region', { regions: ['浙江'] }, ['王小明']],
    ['gender, unknown counts as unspecified', { genders: ['unspecified'] }, ['Li Lei']],
    ['age band', { ageBands: ['35-44'] }, ['王小明']],
    ['age unknown without a year', { ageBands: ['unknown'] }, ['Anna Schmidt', 'Li Lei']],
    ['tier, no scores counts as prospect', { tiers: ['A', 'prospect'] }, ['王小明', 'Li Lei']],
    ['lifecycle', { lifecycle: ['loyal'] }, ['Anna Schmidt']],
    ['churn level', { churnLevels: ['high'] }, ['王小明']],
    ['frequency class', { frequency: ['high'] }, ['王小明']],
    ['revenue class', { revenueClass: ['low'] }, ['Anna Schmidt']],
    ['RFM recency range', { rfmR: [1, 2] }, ['王小明']],
    ['RFM monetary range, bounds inclusive', { rfmM: [3, 5] }, ['王小明', 'Anna Schmidt']],
    ['closeness', { closeness: ['close'] }, ['Anna Schmidt']],
    ['every tag must match', { tags: ['vip', 'tea'] }, ['王小明']],
    ['a tag nobody has', { tags: ['vip', 'retail'] }, []],
    ['owner', { owners: ['u2'] }, ['Anna Schmidt']],
    ['view: core customers', { view: 'core-customers' }, ['王小明']],
    ['view: at risk this week', { view: 'at-risk-this-week' }, ['王小明']],
    ['view: follow-ups due (overdue or today)', { view: 'follow-ups-due' }, ['王小明']],
    ['view: birthdays this month', { view: 'birthdays-this-month' }, ['王小明']],
    ['view and filters combine', { view: 'core-customers', countries: ['DE'] }, []],
    [
      'exact customers (the list behind a chart)',
      { contactIds: ['Li Lei', 'Anna Schmidt'] },
      ['Anna Schmidt', 'Li Lei'],
    ],
    [
      'exact customers AND a criterion',
      { contactIds: ['Li Lei', 'Anna Schmidt'], countries: ['CN'] },
      ['Li Lei'],
    ],
    ['exact customers, none of them here', { contactIds: ['someone else'] }, []],
  ])('%s', (_, filter, names) => {
    expect(all.filter(compileFilter(SegmentFilterSchema.parse(filter), NOW)).map((e) => e.id)).toEqual(names);
  });

  test('a follow-up due later today is due; tomorrow is not', () => {
    const today = entry('t', { scores: scores({ nextFollowUpAt: Math.floor(NOW / DAY) * DAY + DAY - 1 }) });
    const tomorrow = entry('m', { scores: scores({ nextFollowUpAt: Math.floor(NOW / DAY) * DAY + DAY }) });
    expect([today, tomorrow].filter(compileFilter({ view: 'follow-ups-due' }, NOW)).map((e) => e.id)).toEqual(
      ['t'],
    );
  });

  test('a bad range names the field', () => {
    const result = SegmentFilterSchema.safeParse({ rfmR: [4, 2] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['rfmR']);
  });

  test('exact customers: at most 5,000 ids, each named', () => {
    expect(SegmentFilterSchema.safeParse({ contactIds: Array(5001).fill('x') }).success).toBe(false);
    const empty = SegmentFilterSchema.safeParse({ contactIds: [''] });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.path).toEqual(['contactIds', 0]);
  });

  test('isEmptyFilter', () => {
    expect(isEmptyFilter({ text: '', tags: [] })).toBe(true);
    expect(isEmptyFilter({ tiers: ['A'] })).toBe(false);
  });
});

describe('ageBand', () => {
  test.each([
    ['2001-11-22', '', '25-34'],
    ['2001-11-23', '', 'under-25'],
    ['1962-01-01', '', '55-64'],
    ['1961-11-22', '', '65-plus'],
    ['--05-01', '', 'unknown'],
    [undefined, '', 'unknown'],
  ])('%s → %s', (birthday, _, band) => expect(ageBand(birthday, NOW)).toBe(band));
});

describe('compareEntries', () => {
  const order = (key: SortKey, dir: 'asc' | 'desc') =>
    [...all].sort(compareEntries(key, dir)).map((e) => e.id);
  test.each<[SortKey, 'asc' | 'desc', string[]]>([
    // Chinese collation: Han names in pinyin order (王 = wang), before Latin names.
    ['name', 'asc', ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['tier', 'asc', ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['churnRisk', 'desc', ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['churnRisk', 'asc', ['Anna Schmidt', '王小明', 'Li Lei']],
    ['lifetimeValue', 'desc', ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['nextFollowUp', 'asc', ['王小明', 'Anna Schmidt', 'Li Lei']],
    ['lastPurchase', 'desc', ['王小明', 'Anna Schmidt', 'Li Lei']],
  ])('%s %s (no data last)', (key, dir, names) => expect(order(key, dir)).toEqual(names));
});
