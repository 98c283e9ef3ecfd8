import { describe, expect, test } from 'vitest';
import { type TierCutoffs, tierCutoffs, type ValueTier, valueTier } from './value-tier';

describe('tierCutoffs (Pareto 80 / 95)', () => {
  test.each<[number[], TierCutoffs]>([
    // A = the smallest set reaching 80%, B up to 95%; customers with equal revenue share a tier.
    [[500, 300, 100, 50, 50], { aFrom: 300, bFrom: 50 }],
    // Exactly 80% by the first customer: the next one starts B.
    [[80, 20], { aFrom: 80, bFrom: 20 }],
    // Just under 80%: the next customer is needed for A; nothing is left for B.
    [[79, 21], { aFrom: 21, bFrom: 21 }],
    [[50, 50, 50, 50], { aFrom: 50, bFrom: 50 }],
    [[100], { aFrom: 100, bFrom: 100 }],
    // 95% reached exactly before the last customer: they are C.
    [[80, 15, 5], { aFrom: 80, bFrom: 15 }],
    [[], { aFrom: null, bFrom: null }],
    [[0, -500], { aFrom: null, bFrom: null }],
  ])('%j → %j', (revenues, want) => {
    expect(tierCutoffs(revenues, 0.8, 0.95)).toEqual(want);
  });
});

describe('valueTier at the thresholds', () => {
  const cut = { aFrom: 30_000, bFrom: 5_000 };
  const opts = { currency: 'CNY', windowDays: 365, aShare: 0.8, bShare: 0.95 };
  test.each<[boolean, number, ValueTier, string]>([
    [true, 30_001, 'A', 'tier.a'],
    [true, 30_000, 'A', 'tier.a'],
    [true, 29_999, 'B', 'tier.b'],
    [true, 5_000, 'B', 'tier.b'],
    [true, 4_999, 'C', 'tier.c'],
    [true, 1, 'C', 'tier.c'],
    [true, 0, 'C', 'tier.c-no-revenue'],
    [true, -200, 'C', 'tier.c-no-revenue'],
    [false, 0, 'prospect', 'tier.prospect'],
  ])('purchased %s, revenue %d → %s (%s)', (purchased, revenueMinor, tier, code) => {
    const s = valueTier({ purchased, revenueMinor }, cut, opts);
    expect(s.tier).toBe(tier);
    expect(s.reasons.map((r) => r.code)).toEqual([code]);
  });

  test('the reason carries the numbers and reads well', () => {
    const s = valueTier({ purchased: true, revenueMinor: 123_456 }, cut, opts);
    expect(s.reasons[0]).toEqual({
      code: 'tier.a',
      params: {
        revenueMinor: 123_456,
        currency: 'CNY',
        windowDays: 365,
        aPercent: 80,
        bPercent: 95,
        fromMinor: 30_000,
      },
      text: 'CN¥1,234.56 in the last 365 days: among the customers who bring 80% of revenue (tier A from CN¥300.00).',
    });
  });

  test('with no revenue anywhere every buyer is C', () => {
    expect(valueTier({ purchased: true, revenueMinor: 100 }, { aFrom: null, bFrom: null }, opts).tier).toBe(
      'C',
    );
  });
});
