import { describe, expect, test } from 'vitest';
import { quintileCuts, quintileScore, type RfmCuts, rfmScore } from './rfm';

describe('quintileCuts', () => {
  test.each<[number[], number[]]>([
    [
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      [2, 4, 6, 8],
    ],
    [
      [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      [2, 4, 6, 8],
    ],
    [
      [1, 2, 3, 4, 5],
      [1, 2, 3, 4],
    ],
    [[7], [7, 7, 7, 7]],
    [[], [0, 0, 0, 0]],
    [
      [1, 1, 1, 1, 2],
      [1, 1, 1, 1],
    ],
  ])('%j → %j', (values, cuts) => expect(quintileCuts(values)).toEqual(cuts));
});

describe('quintileScore at every cut', () => {
  test.each([
    [1, 1],
    [2, 1],
    [2.5, 2],
    [4, 2],
    [5, 3],
    [6, 3],
    [7, 4],
    [8, 4],
    [9, 5],
  ])('%d with cuts [2, 4, 6, 8] → %d', (v, s) => expect(quintileScore(v, [2, 4, 6, 8])).toBe(s));
});

describe('rfmScore', () => {
  const cuts: RfmCuts = {
    recencyDays: [10, 20, 30, 40],
    frequency: [1, 2, 3, 5],
    monetary: [100, 200, 300, 400],
  };
  const opts = { currency: 'USD', windowDays: 365 };
  test.each([
    // Recency: fewer days is better, so the scale runs the other way.
    [0, 5],
    [10, 5],
    [11, 4],
    [20, 4],
    [21, 3],
    [40, 2],
    [41, 1],
  ])('recency: %d days since the last purchase → %d', (days, score) => {
    expect(
      rfmScore({ daysSinceLastPurchase: days, transactions: 1, revenueMinor: 1 }, cuts, opts).recency,
    ).toBe(score);
  });
  test.each([
    [1, 1],
    [2, 2],
    [5, 4],
    [6, 5],
  ])('frequency: %d purchases → %d', (n, score) => {
    expect(
      rfmScore({ daysSinceLastPurchase: 1, transactions: n, revenueMinor: 1 }, cuts, opts).frequency,
    ).toBe(score);
  });
  test.each([
    [100, 1],
    [101, 2],
    [400, 4],
    [401, 5],
  ])('monetary: %d → %d', (m, score) => {
    expect(
      rfmScore({ daysSinceLastPurchase: 1, transactions: 1, revenueMinor: m }, cuts, opts).monetary,
    ).toBe(score);
  });

  test('reasons name each number', () => {
    const s = rfmScore({ daysSinceLastPurchase: 3, transactions: 6, revenueMinor: 42_000 }, cuts, opts);
    expect(s.reasons.map((r) => r.text)).toEqual([
      'Recency 5 of 5: last purchase 3 days ago.',
      'Frequency 5 of 5: 6 purchases in the last 365 days.',
      'Monetary 5 of 5: $420.00 in the last 365 days.',
    ]);
  });

  test('a prospect has no scores, and says why', () => {
    const s = rfmScore({ daysSinceLastPurchase: null, transactions: 0, revenueMinor: 0 }, cuts, opts);
    expect(s).toMatchObject({ recency: null, frequency: null, monetary: null });
    expect(s.reasons[0]!.code).toBe('rfm.prospect');
  });
});
