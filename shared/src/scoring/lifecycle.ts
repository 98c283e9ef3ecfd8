// Lifecycle stage: where the customer is in their relationship with the business.
import type { ChurnRiskScore } from './churn-risk';
import { type CustomerFacts, daysBetween } from './customer-facts';
import { percent, plural, reason, type ScoreReason } from './reasons';
import type { ScoringSettings } from './scoring-settings';

export type LifecycleStage = 'prospect' | 'new' | 'repeat' | 'loyal' | 'at-risk' | 'churned' | 'lost';

export interface LifecycleScore {
  stage: LifecycleStage;
  /** The churn reason the rep recorded, for a customer marked lost. */
  lostReason: string | null;
  reasons: ScoreReason[];
}

/**
 * The stage, first match wins: lost (marked by the rep) → prospect (no purchase) → churned (P(alive)
 * below `churnedBelow`) → at risk (churn level high) → loyal (enough purchases over enough time) →
 * repeat (two or more purchases) → new (one purchase).
 */
export function lifecycleStage(
  f: CustomerFacts,
  churn: ChurnRiskScore,
  settings: ScoringSettings,
): LifecycleScore {
  const { churnedBelow, loyalMinTransactions, loyalMinTenureDays } = settings.lifecycle;
  if (f.lost) {
    const lost = f.lost;
    const daysAgo = daysBetween(lost.at, f.now);
    return {
      stage: 'lost',
      lostReason: f.lost.reason,
      reasons: [
        reason(
          'lifecycle.lost',
          { reason: f.lost.reason, daysAgo },
          () =>
            `Marked lost ${daysAgo === 0 ? 'today' : `${plural(daysAgo, 'day')} ago`}${lost.reason ? `: ${lost.reason}` : ''}.`,
        ),
      ],
    };
  }
  const purchases = f.days.length;
  if (purchases === 0)
    return {
      stage: 'prospect',
      lostReason: null,
      reasons: [reason('lifecycle.prospect', {}, () => 'No purchases yet.')],
    };
  const pAlive = churn.pAlive ?? 1;
  if (pAlive < churnedBelow)
    return {
      stage: 'churned',
      lostReason: null,
      reasons: [
        reason(
          'lifecycle.churned',
          { pAlivePercent: percent(pAlive), belowPercent: percent(churnedBelow) },
          () =>
            `Probably gone: a ${percent(pAlive)}% chance they are still buying (churned below ${percent(churnedBelow)}%).`,
        ),
      ],
    };
  if (churn.level === 'high')
    return {
      stage: 'at-risk',
      lostReason: null,
      reasons: [
        reason(
          'lifecycle.at-risk',
          { riskPercent: churn.percent },
          () => `High churn risk (${churn.percent}%): see the churn reasons.`,
        ),
      ],
    };
  const tenureDays = f.nowDay - f.days[0]!;
  if (purchases >= loyalMinTransactions && tenureDays >= loyalMinTenureDays)
    return {
      stage: 'loyal',
      lostReason: null,
      reasons: [
        reason(
          'lifecycle.loyal',
          { purchases, tenureDays },
          () => `${plural(purchases, 'purchase')} over ${plural(tenureDays, 'day')} as a customer.`,
        ),
      ],
    };
  if (purchases >= 2)
    return {
      stage: 'repeat',
      lostReason: null,
      reasons: [
        reason(
          'lifecycle.repeat',
          { purchases, tenureDays },
          () => `${plural(purchases, 'purchase')} so far.`,
        ),
      ],
    };
  return {
    stage: 'new',
    lostReason: null,
    reasons: [
      reason(
        'lifecycle.new',
        { daysSinceFirstPurchase: tenureDays },
        () => `One purchase, ${tenureDays === 0 ? 'today' : `${plural(tenureDays, 'day')} ago`}.`,
      ),
    ],
  };
}
