import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../segments/list-entry';
import { compileFilter } from '../segments/segment-filter';
import { lifecycleFunnel, tierDistribution } from './customer-mix';
import { customer } from './insight-test-fixtures';

const NOW = Date.UTC(2026, 10, 22);

describe('tierDistribution', () => {
  test('empty book: four tiers with zero, no division by zero', () => {
    const d = tierDistribution([]);
    expect(d.total).toBe(0);
    expect(d.tiers.map((t) => [t.tier, t.customers, t.share])).toEqual([
      ['A', 0, 0],
      ['B', 0, 0],
      ['C', 0, 0],
      ['prospect', 0, 0],
    ]);
  });

  test('counts, shares and window revenue per tier; the unscored count as prospects', () => {
    const d = tierDistribution([
      customer('a1', { tier: 'A', revenueInWindowMinor: 800 }),
      customer('b1', { tier: 'B', revenueInWindowMinor: 150 }),
      customer('c1', { tier: 'C', revenueInWindowMinor: 50 }),
      customer('c2', { tier: 'C', revenueInWindowMinor: -20 }), // a refund is not negative tier revenue
      customer('p1', { tier: 'prospect' }),
      customer('u1', null),
    ]);
    expect(d.tiers).toEqual([
      { tier: 'A', customers: 1, share: 1 / 6, revenueMinor: 800 },
      { tier: 'B', customers: 1, share: 1 / 6, revenueMinor: 150 },
      { tier: 'C', customers: 2, share: 2 / 6, revenueMinor: 50 },
      { tier: 'prospect', customers: 2, share: 2 / 6, revenueMinor: 0 },
    ]);
  });

  test('each tier count is the size of the list its bar opens (the list filter `tiers`)', () => {
    const tiers = ['A', 'B', 'C', 'prospect'] as const;
    const book = Array.from({ length: 40 }, (_, i) =>
      i % 7 === 0 ? customer(`u${i}`, null) : customer(`c${i}`, { tier: tiers[i % 4]! }),
    );
    const entries = book.map(
      (c): ListEntry => ({ ...c, nameKey: c.id, searchText: c.id, tags: [], ownerId: 'me' }),
    );
    for (const slice of tierDistribution(book).tiers)
      expect(entries.filter(compileFilter({ tiers: [slice.tier] }, NOW))).toHaveLength(slice.customers);
  });
});

describe('lifecycleFunnel', () => {
  test('empty book: zero everywhere, conversions unknown', () => {
    const f = lifecycleFunnel([]);
    expect(f.funnel.map((s) => [s.stage, s.customers, s.conversion])).toEqual([
      ['prospect', 0, null],
      ['new', 0, null],
      ['repeat', 0, null],
      ['loyal', 0, null],
    ]);
    expect(f.leaving.map((s) => s.stage)).toEqual(['at-risk', 'churned', 'lost']);
  });

  test('counts per stage and conversion = reached this step / reached the step before', () => {
    const stages = [
      ...Array(4).fill('prospect'),
      ...Array(3).fill('new'),
      ...Array(2).fill('repeat'),
      'loyal',
      'at-risk',
      'churned',
      'lost',
      'lost',
    ];
    const book = [...stages.map((s, i) => customer(`c${i}`, { lifecycle: s })), customer('u', null)];
    const f = lifecycleFunnel(book);
    expect(f.total).toBe(15);
    expect(f.funnel.map((s) => s.customers)).toEqual([5, 3, 2, 1]);
    // Reached: prospect+ 11, new+ 6, repeat+ 3, loyal 1.
    expect(f.funnel.map((s) => s.conversion)).toEqual([null, 6 / 11, 3 / 6, 1 / 3]);
    expect(f.leaving.map((s) => s.customers)).toEqual([1, 1, 2]);
    expect(f.leaving.every((s) => s.conversion === null)).toBe(true);
    expect(f.funnel[0]!.share).toBeCloseTo(5 / 15);
  });

  test('one customer', () => {
    const f = lifecycleFunnel([customer('only', { lifecycle: 'new' })]);
    expect(f.funnel.map((s) => s.customers)).toEqual([0, 1, 0, 0]);
    expect(f.funnel.map((s) => s.conversion)).toEqual([null, 1, 0, null]);
  });
});
