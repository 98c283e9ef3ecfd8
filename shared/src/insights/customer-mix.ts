// How the book splits by value tier and by lifecycle stage. A customer without stored scores counts as
// a prospect, as the list's filters do (segment-filter.ts), so a bar's count is the count of the list
// it opens.
import type { LifecycleStageName, TierName } from '../segments/list-entry';
import { type InsightCustomer, scoreCurrency } from './insight-customer';

export const TIER_ORDER: readonly TierName[] = ['A', 'B', 'C', 'prospect'];

export interface TierSlice {
  tier: TierName;
  customers: number;
  /** Share of all customers, 0..1. */
  share: number;
  /** Revenue of the tier over the scoring window, workspace minor units. */
  revenueMinor: number;
}

/**
 * Customers and window revenue per value tier, always all four tiers in order A, B, C, prospect.
 * @example tierDistribution(entries).map((t) => t.customers) // [3, 5, 20, 10]
 */
export function tierDistribution(customers: readonly InsightCustomer[]): {
  currency: string | null;
  total: number;
  tiers: TierSlice[];
} {
  const currency = scoreCurrency(customers);
  const count = new Map<TierName, number>();
  const revenue = new Map<TierName, number>();
  for (const c of customers) {
    const tier = c.scores?.tier ?? 'prospect';
    count.set(tier, (count.get(tier) ?? 0) + 1);
    if (c.scores && c.scores.currency === currency && c.scores.revenueInWindowMinor > 0)
      revenue.set(tier, (revenue.get(tier) ?? 0) + c.scores.revenueInWindowMinor);
  }
  const total = customers.length;
  return {
    currency,
    total,
    tiers: TIER_ORDER.map((tier) => ({
      tier,
      customers: count.get(tier) ?? 0,
      share: total ? (count.get(tier) ?? 0) / total : 0,
      revenueMinor: revenue.get(tier) ?? 0,
    })),
  };
}

/** The stages a customer moves through while the relationship grows, in order. */
export const FUNNEL_STAGES = ['prospect', 'new', 'repeat', 'loyal'] as const;
/** The stages of a relationship slipping away, shown beside the funnel. */
export const LEAVING_STAGES = ['at-risk', 'churned', 'lost'] as const;

export interface FunnelStep {
  stage: LifecycleStageName;
  /** Customers in this stage now. */
  customers: number;
  /** Share of all customers, 0..1. */
  share: number;
  /**
   * Funnel steps only: customers in this stage or a later growing stage, over the same for the
   * stage before (how many of those who got this far went on); null for the first step or when
   * nobody got as far as the stage before.
   */
  conversion: number | null;
}

/**
 * The lifecycle funnel: customers per stage now (prospect → new → repeat → loyal), with the
 * conversion between steps, and the leaving stages (at-risk, churned, lost) beside it. Stages are
 * the scoring's current stages; a customer who left is not counted in the growing steps.
 * @example lifecycleFunnel(entries).funnel.map((s) => s.customers) // [10, 6, 12, 4]
 */
export function lifecycleFunnel(customers: readonly InsightCustomer[]): {
  total: number;
  funnel: FunnelStep[];
  leaving: FunnelStep[];
} {
  const count = new Map<LifecycleStageName, number>();
  for (const c of customers) {
    const stage = c.scores?.lifecycle ?? 'prospect';
    count.set(stage, (count.get(stage) ?? 0) + 1);
  }
  const total = customers.length;
  const n = (stage: LifecycleStageName) => count.get(stage) ?? 0;
  const reached = FUNNEL_STAGES.map((_, i) => FUNNEL_STAGES.slice(i).reduce((sum, s) => sum + n(s), 0));
  const step = (stage: LifecycleStageName, conversion: number | null): FunnelStep => ({
    stage,
    customers: n(stage),
    share: total ? n(stage) / total : 0,
    conversion,
  });
  return {
    total,
    funnel: FUNNEL_STAGES.map((stage, i) =>
      step(stage, i === 0 || reached[i - 1] === 0 ? null : reached[i]! / reached[i - 1]!),
    ),
    leaving: LEAVING_STAGES.map((stage) => step(stage, null)),
  };
}
