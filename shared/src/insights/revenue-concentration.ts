// Revenue concentration: the Pareto (Lorenz-style) curve of the workspace, customers sorted by revenue
// from the largest, with the cumulative share of revenue against the cumulative share of customers.
// The core-customer line is where tier A ends: the value-tier scoring already found the smallest set of
// customers bringing 80% of revenue (shared/src/scoring/value-tier.ts), so the chart shows that same
// set rather than recomputing a second, possibly different, cut-off.
import { type InsightCustomer, scoreCurrency } from './insight-customer';

export interface ParetoPoint {
  /** Cumulative share of customers, 0..1 (x). */
  customerShare: number;
  /** Cumulative share of revenue, 0..1 (y). */
  revenueShare: number;
}

export interface RevenueConcentration {
  /** Workspace currency of every amount; null when nobody is scored. */
  currency: string | null;
  /** Customers with positive revenue in the tier window: the curve's 100% of customers. */
  customers: number;
  /** Their revenue over the window, minor units. */
  totalRevenueMinor: number;
  /** The curve from (0, 0) to (1, 1), at most `maxPoints` points plus the core point. */
  points: ParetoPoint[];
  /** Tier A: how many customers, their share of the customers and of the revenue. */
  core: { customers: number; customerShare: number; revenueShare: number };
  /** Scored customers left out because their scores are in another currency. */
  skippedOtherCurrency: number;
}

/**
 * The Pareto curve of revenue over the scoring window (`revenueInWindowMinor`, already converted into
 * the workspace currency by the scoring), with the tier-A line. Refunds and zero revenue are left out.
 * @example revenueConcentration(entries).core // { customers: 2, customerShare: 0.2, revenueShare: 0.81 }
 */
export function revenueConcentration(
  customers: readonly InsightCustomer[],
  maxPoints = 200,
): RevenueConcentration {
  const currency = scoreCurrency(customers);
  let skipped = 0;
  const rows: { revenue: number; core: boolean }[] = [];
  for (const c of customers) {
    const s = c.scores;
    if (!s) continue;
    if (s.currency !== currency) {
      skipped++;
      continue;
    }
    if (s.revenueInWindowMinor > 0) rows.push({ revenue: s.revenueInWindowMinor, core: s.tier === 'A' });
  }
  // Largest first; among equal revenues tier A first, so the core line falls on a point of the curve.
  rows.sort((a, b) => b.revenue - a.revenue || Number(b.core) - Number(a.core));
  const n = rows.length;
  const total = rows.reduce((sum, r) => sum + r.revenue, 0);
  const empty = { customers: 0, customerShare: 0, revenueShare: 0 };
  if (n === 0 || total <= 0)
    return {
      currency,
      customers: 0,
      totalRevenueMinor: 0,
      points: [],
      core: empty,
      skippedOtherCurrency: skipped,
    };

  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i]! + rows[i]!.revenue;
  const coreCount = rows.filter((r) => r.core).length;
  const coreRevenue = rows.reduce((sum, r) => sum + (r.core ? r.revenue : 0), 0);
  // Evenly spaced customer counts, always with the first and last customer and the core point.
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const at = new Set<number>([0, n, coreCount]);
  for (let k = step; k < n; k += step) at.add(k);
  const points = [...at]
    .sort((a, b) => a - b)
    .map((k) => ({ customerShare: k / n, revenueShare: cumulative[k]! / total }));
  return {
    currency,
    customers: n,
    totalRevenueMinor: total,
    points,
    core: { customers: coreCount, customerShare: coreCount / n, revenueShare: coreRevenue / total },
    skippedOtherCurrency: skipped,
  };
}
