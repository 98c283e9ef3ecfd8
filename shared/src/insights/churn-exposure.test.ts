import { describe, expect, test } from 'vitest';
import type { ListEntry } from '../segments/list-entry';
import { compileFilter } from '../segments/segment-filter';
import { churnExposure } from './churn-exposure';
import { customer } from './insight-test-fixtures';

const NOW = Date.UTC(2026, 10, 22);

describe('churnExposure', () => {
  test('no customers, or nobody at risk', () => {
    expect(churnExposure([])).toMatchObject({ customers: 0, totalAtRiskMinor: 0, top: [] });
    expect(churnExposure([customer('ok', { churnLevel: 'low', lifecycle: 'loyal' })]).customers).toBe(0);
  });

  test('revenue at risk = P(churn) × window revenue, largest first, ties by risk then name', () => {
    const r = churnExposure([
      customer('small', { churnLevel: 'high', churnRisk: 0.9, revenueInWindowMinor: 1_000 }),
      customer('big', {
        lifecycle: 'at-risk',
        churnLevel: 'medium',
        churnRisk: 0.5,
        revenueInWindowMinor: 100_000,
      }),
      customer('tieLowRisk', { churnLevel: 'high', churnRisk: 0.6, revenueInWindowMinor: 1_500 }),
      customer('none', { churnLevel: 'high', churnRisk: 0.8, revenueInWindowMinor: 0 }),
    ]);
    expect(r.top.map((x) => [x.id, x.revenueAtRiskMinor])).toEqual([
      ['big', 50_000],
      ['small', 900],
      ['tieLowRisk', 900],
      ['none', 0],
    ]);
    expect(r.totalAtRiskMinor).toBe(51_800);
    expect(r.customers).toBe(4);
  });

  test('lost and churned customers are gone, not at risk; a refund puts nothing at risk', () => {
    const r = churnExposure([
      customer('lost', { lifecycle: 'lost', churnLevel: 'high', revenueInWindowMinor: 5_000 }),
      customer('churned', { lifecycle: 'churned', churnLevel: 'high', revenueInWindowMinor: 5_000 }),
      customer('refund', { churnLevel: 'high', churnRisk: 0.7, revenueInWindowMinor: -300 }),
    ]);
    expect(r.top.map((x) => [x.id, x.revenueAtRiskMinor])).toEqual([['refund', 0]]);
  });

  test('the list is the "At risk this week" view; `limit` cuts the rows, not the totals', () => {
    const levels = ['low', 'medium', 'high'] as const;
    const stages = ['new', 'repeat', 'loyal', 'at-risk', 'churned', 'lost'] as const;
    const book = Array.from({ length: 36 }, (_, i) =>
      customer(`c${i}`, {
        churnLevel: levels[i % 3]!,
        lifecycle: stages[Math.floor(i / 6)]!,
        churnRisk: (i % 10) / 10,
        revenueInWindowMinor: 100 * i,
      }),
    );
    const entries = book.map(
      (c): ListEntry => ({ ...c, nameKey: c.id, searchText: c.id, tags: [], ownerId: 'me' }),
    );
    const inView = entries.filter(compileFilter({ view: 'at-risk-this-week' }, NOW));
    const r = churnExposure(book, 3);
    expect(r.customers).toBe(inView.length);
    expect(r.top).toHaveLength(3);
    const expected = inView.reduce(
      (s, e) => s + Math.round(e.scores!.churnRisk * e.scores!.revenueInWindowMinor),
      0,
    );
    expect(r.totalAtRiskMinor).toBe(expected);
  });

  test('a row in another currency is listed with nothing summed', () => {
    const r = churnExposure([
      customer('cny1', { churnLevel: 'high', churnRisk: 0.5, revenueInWindowMinor: 1_000 }),
      customer('cny2', { churnLevel: 'low', revenueInWindowMinor: 1_000 }),
      customer('usd', { churnLevel: 'high', churnRisk: 0.5, currency: 'USD', revenueInWindowMinor: 1_000 }),
    ]);
    expect(r.currency).toBe('CNY');
    expect(r.totalAtRiskMinor).toBe(500);
    expect(r.skippedOtherCurrency).toBe(1);
  });
});
