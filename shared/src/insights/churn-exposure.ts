// The churn-risk list: the customers of the list's "At risk this week" view (not lost or churned, and
// high churn risk or in the at-risk stage) with the revenue expected to leave with them.
//
// Expected revenue at risk = P(churn) × the customer's revenue over the scoring window:
// - P(churn) is the stored churn risk (0..1): the BG/NBD probability that the customer is no longer
//   active combined with the early warnings (see shared/src/scoring/churn-risk.ts);
// - the window revenue (by default the last 365 days, in the workspace currency) is what the customer
//   brings in a year while they stay, so it is what the business loses in the next year if they go.
// Lifetime value is not used: it already discounts by P(alive), and multiplying it by P(churn) again
// would count the risk twice.
import type { ListScores } from '../segments/list-entry';
import { isAtRisk } from '../segments/segment-filter';
import { type InsightCustomer, scoreCurrency } from './insight-customer';

export interface ChurnExposureRow {
  id: string;
  displayName: string;
  churnRisk: number;
  churnLevel: ListScores['churnLevel'];
  lifecycle: ListScores['lifecycle'];
  revenueInWindowMinor: number;
  /** churnRisk × revenueInWindowMinor, rounded to a minor unit. */
  revenueAtRiskMinor: number;
  lastPurchaseAt: number | null;
}

export interface ChurnExposure {
  currency: string | null;
  /** Every at-risk customer (the view's count). */
  customers: number;
  /** Sum of the expected revenue at risk over all of them, minor units. */
  totalAtRiskMinor: number;
  /** The `limit` largest, by revenue at risk, then churn risk, then name. */
  top: ChurnExposureRow[];
  /** At-risk customers whose scores are in another currency: listed with 0 at risk, not summed. */
  skippedOtherCurrency: number;
}

/**
 * The at-risk customers with their expected revenue at risk (formula above), largest first.
 * @example churnExposure(entries, 10).top[0] // { displayName: '王芳', churnRisk: 0.7, revenueAtRiskMinor: 84000, … }
 */
export function churnExposure(customers: readonly InsightCustomer[], limit = 20): ChurnExposure {
  const currency = scoreCurrency(customers);
  const rows: ChurnExposureRow[] = [];
  let total = 0;
  let skipped = 0;
  for (const c of customers) {
    const s = c.scores;
    if (!s || !isAtRisk(s)) continue;
    const sameCurrency = s.currency === currency;
    if (!sameCurrency) skipped++;
    const revenue = sameCurrency ? Math.max(0, s.revenueInWindowMinor) : 0;
    const atRisk = Math.round(s.churnRisk * revenue);
    total += atRisk;
    rows.push({
      id: c.id,
      displayName: c.displayName,
      churnRisk: s.churnRisk,
      churnLevel: s.churnLevel,
      lifecycle: s.lifecycle,
      revenueInWindowMinor: revenue,
      revenueAtRiskMinor: atRisk,
      lastPurchaseAt: s.lastPurchaseAt,
    });
  }
  rows.sort(
    (a, b) =>
      b.revenueAtRiskMinor - a.revenueAtRiskMinor ||
      b.churnRisk - a.churnRisk ||
      a.displayName.localeCompare(b.displayName),
  );
  return {
    currency,
    customers: rows.length,
    totalAtRiskMinor: total,
    top: rows.slice(0, limit),
    skippedOtherCurrency: skipped,
  };
}
