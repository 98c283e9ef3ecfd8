import type { ListScores } from '../segments/list-entry';

/** List scores for tests: an unremarkable tier-C repeat customer, with `over` applied. */
export const listScores = (over: Partial<ListScores> = {}): ListScores => ({
  tier: 'C',
  lifecycle: 'repeat',
  churnLevel: 'low',
  churnRisk: 0.1,
  lifetimeValueMinor: 0,
  revenueInWindowMinor: 0,
  currency: 'CNY',
  rfm: { r: 3, f: 3, m: 3 },
  frequency: 'low',
  revenueClass: 'low',
  potential: 'mid',
  closeness: 'loose',
  lastPurchaseAt: null,
  lastContactAt: null,
  nextFollowUpAt: null,
  ...over,
});
