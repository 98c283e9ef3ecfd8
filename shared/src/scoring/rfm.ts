// RFM: recency, frequency and monetary value scored 1-5 by quintiles within the workspace's buyers.
import { formatMoney, plural, reason, type ScoreReason } from './reasons';

/** The four cut points (20th, 40th, 60th, 80th percentiles, nearest rank) of each RFM measure. */
export interface RfmCuts {
  /** Days since the last purchase (fewer is better). */
  recencyDays: [number, number, number, number];
  /** Transactions in the window. */
  frequency: [number, number, number, number];
  /** Net revenue in the window, minor units. */
  monetary: [number, number, number, number];
}

/**
 * Quintile cut points of a list by nearest rank: the values at ranks ⌈k·n/5⌉, k = 1..4.
 * @example quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // [2, 4, 6, 8]
 */
export function quintileCuts(values: readonly number[]): [number, number, number, number] {
  const s = [...values].sort((a, b) => a - b);
  const at = (k: number) => s[Math.max(0, Math.ceil((k * s.length) / 5) - 1)] ?? 0;
  return [at(1), at(2), at(3), at(4)];
}

/**
 * Score 1-5 of a value where more is better: 1 + the number of cut points it exceeds. Equal values
 * always share a score, so heavily tied measures (many one-time buyers) leave some scores empty.
 */
export function quintileScore(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}

export interface RfmScore {
  /** 1-5, 5 best; null for a prospect (no purchase to score). */
  recency: number | null;
  frequency: number | null;
  monetary: number | null;
  reasons: ScoreReason[];
}

/** RFM scores of one customer from the workspace's cut points. */
export function rfmScore(
  input: { daysSinceLastPurchase: number | null; transactions: number; revenueMinor: number },
  cuts: RfmCuts | null,
  opts: { currency: string; windowDays: number },
): RfmScore {
  if (input.daysSinceLastPurchase === null || !cuts)
    return {
      recency: null,
      frequency: null,
      monetary: null,
      reasons: [reason('rfm.prospect', {}, () => 'No purchases yet: nothing to score.')],
    };
  const recency = 6 - quintileScore(input.daysSinceLastPurchase, cuts.recencyDays);
  const frequency = quintileScore(input.transactions, cuts.frequency);
  const monetary = quintileScore(input.revenueMinor, cuts.monetary);
  const { windowDays, currency } = opts;
  const days = input.daysSinceLastPurchase;
  return {
    recency,
    frequency,
    monetary,
    reasons: [
      reason(
        'rfm.recency',
        { score: recency, days },
        () =>
          `Recency ${recency} of 5: last purchase ${days === 0 ? 'today' : `${plural(days, 'day')} ago`}.`,
      ),
      reason(
        'rfm.frequency',
        { score: frequency, transactions: input.transactions, windowDays },
        () =>
          `Frequency ${frequency} of 5: ${plural(input.transactions, 'purchase')} in the last ${windowDays} days.`,
      ),
      reason(
        'rfm.monetary',
        { score: monetary, revenueMinor: input.revenueMinor, currency, windowDays },
        () =>
          `Monetary ${monetary} of 5: ${formatMoney(input.revenueMinor, currency)} in the last ${windowDays} days.`,
      ),
    ],
  };
}
