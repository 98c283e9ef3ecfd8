import { describe, expect, test } from 'vitest';
import { tierCutoffs } from '../scoring/value-tier';
import { customer } from './insight-test-fixtures';
import { revenueConcentration } from './revenue-concentration';

/** Customers whose tiers come from the scoring's own cut-offs, as the worker stores them. */
function scored(revenues: number[], currency = 'CNY') {
  const { aFrom, bFrom } = tierCutoffs(revenues, 0.8, 0.95);
  return revenues.map((r, i) =>
    customer(`c${i}`, {
      currency,
      revenueInWindowMinor: r,
      tier: r > 0 && aFrom !== null && r >= aFrom ? 'A' : r > 0 && bFrom !== null && r >= bFrom ? 'B' : 'C',
    }),
  );
}

describe('revenueConcentration', () => {
  test('no purchases: an empty curve, no core', () => {
    expect(revenueConcentration([])).toMatchObject({ customers: 0, points: [], currency: null });
    const r = revenueConcentration([customer('p', { tier: 'prospect' }), customer('u', null)]);
    expect(r).toMatchObject({ customers: 0, totalRevenueMinor: 0, points: [], core: { customers: 0 } });
  });

  test('one customer: the curve is (0,0) → (1,1) and the one customer is the core', () => {
    const r = revenueConcentration(scored([12_345]));
    expect(r.points).toEqual([
      { customerShare: 0, revenueShare: 0 },
      { customerShare: 1, revenueShare: 1 },
    ]);
    expect(r.core).toEqual({ customers: 1, customerShare: 1, revenueShare: 1 });
  });

  test('a classic 80/20 book: the core line is tier A, on the curve', () => {
    // 2 customers bring 800 of 1000.
    const revenues = [500, 300, 50, 40, 30, 30, 20, 15, 10, 5];
    const r = revenueConcentration(scored(revenues));
    expect(r.customers).toBe(10);
    expect(r.totalRevenueMinor).toBe(1000);
    expect(r.core).toEqual({ customers: 2, customerShare: 0.2, revenueShare: 0.8 });
    expect(r.points).toContainEqual({ customerShare: 0.2, revenueShare: 0.8 });
    expect(r.points[1]).toEqual({ customerShare: 0.1, revenueShare: 0.5 });
    // Cumulative: increasing in both coordinates, concave (largest first).
    for (let i = 1; i < r.points.length; i++) {
      expect(r.points[i]!.customerShare).toBeGreaterThan(r.points[i - 1]!.customerShare);
      expect(r.points[i]!.revenueShare).toBeGreaterThanOrEqual(r.points[i - 1]!.revenueShare);
    }
  });

  test('ties share a tier: equal revenues at the 80% line are all core', () => {
    const r = revenueConcentration(scored([100, 100, 100, 100, 10]));
    expect(r.core.customers).toBe(4);
    expect(r.core.revenueShare).toBeCloseTo(400 / 410);
  });

  test('refunds, zero revenue and prospects are not on the curve', () => {
    const book = [...scored([300, 100]), customer('refund', { revenueInWindowMinor: -50 }), customer('zero')];
    const r = revenueConcentration(book);
    expect(r.customers).toBe(2);
    expect(r.totalRevenueMinor).toBe(400);
  });

  test('amounts are the scoring’s workspace-currency revenue; rows in another currency are skipped, not added', () => {
    // The scoring converts USD/EUR purchases into the workspace currency (revenueInWindowMinor); a
    // stale row still in the old workspace currency cannot be added to the others.
    const book = [
      ...scored([700, 300], 'CNY'),
      customer('stale', { currency: 'USD', revenueInWindowMinor: 99 }),
    ];
    const r = revenueConcentration(book);
    expect(r.currency).toBe('CNY');
    expect(r.totalRevenueMinor).toBe(1000);
    expect(r.skippedOtherCurrency).toBe(1);
  });

  test('a large book is downsampled to at most maxPoints (+ ends and core), keeping the core point exact', () => {
    const revenues = Array.from({ length: 10_000 }, (_, i) => Math.round(1_000_000 / (i + 1)));
    const r = revenueConcentration(scored(revenues), 100);
    expect(r.points.length).toBeLessThanOrEqual(103);
    expect(r.points[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(r.points.at(-1)).toEqual({ customerShare: 1, revenueShare: 1 });
    expect(r.points).toContainEqual({
      customerShare: r.core.customerShare,
      revenueShare: r.core.revenueShare,
    });
    expect(r.core.revenueShare).toBeGreaterThanOrEqual(0.8);
  });
});
