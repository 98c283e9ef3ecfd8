// The part of a contact's scores the card shows, as stored in its score page (score-pages.ts).
// Scoring's full result carries every dimension's reasons with their English text (a few KB per
// contact); writing and reading that for 100,000 contacts was most of a refit's time. The card renders reasons from code
// and params in the UI's language (ui/common/reason-text.ts), so the text is stored only for a code
// the UI's catalog has no message for.
import type {
  ChurnRiskScore,
  CustomerScores,
  LifecycleScore,
  LifetimeValueScore,
  RfmScore,
  ScoreReason,
  ValueTierScore,
} from '@keepcard/shared';
import { en } from '../i18n/en';

/** A reason as stored: its code and the numbers and names behind it (English text: see above). */
export type StoredReason = Pick<ScoreReason, 'code' | 'params'> & { text?: string };

type WithStoredReasons<T extends { reasons: ScoreReason[] }, K extends keyof T> = Pick<T, K> & {
  reasons: StoredReason[];
};

/** What the card shows of a contact's scores. */
export interface ScoreDetail {
  currency: string;
  valueTier: WithStoredReasons<ValueTierScore, 'tier' | 'revenueMinor' | 'currency' | 'windowDays'>;
  lifecycle: WithStoredReasons<LifecycleScore, 'stage'>;
  /** With the other reasons that applied (`moreReasons`), for a "more" view. */
  churnRisk: WithStoredReasons<ChurnRiskScore, 'level' | 'percent'> & { moreReasons: StoredReason[] };
  rfm: Pick<RfmScore, 'recency' | 'frequency' | 'monetary'>;
  closeness: CustomerScores['classification']['closeness']['label'];
  lifetimeValue: Pick<
    LifetimeValueScore,
    'valueMinor' | 'currency' | 'horizonDays' | 'expectedPurchases' | 'nextPurchaseAt'
  >;
}

const stored = (reasons: readonly ScoreReason[]): StoredReason[] =>
  reasons.map((r) =>
    Object.hasOwn(en, `reason.${r.code}`)
      ? { code: r.code, params: r.params }
      : { code: r.code, params: r.params, text: r.text },
  );

/** The stored detail of a scoring result (also what version 8 turned the older full rows into). */
export function scoreDetailOf(s: CustomerScores): ScoreDetail {
  const { valueTier: v, lifecycle: l, churnRisk: c, rfm, lifetimeValue: ltv } = s;
  return {
    currency: s.currency,
    valueTier: {
      tier: v.tier,
      revenueMinor: v.revenueMinor,
      currency: v.currency,
      windowDays: v.windowDays,
      reasons: stored(v.reasons),
    },
    lifecycle: { stage: l.stage, reasons: stored(l.reasons) },
    churnRisk: {
      level: c.level,
      percent: c.percent,
      reasons: stored(c.reasons),
      moreReasons: stored(c.moreReasons),
    },
    rfm: { recency: rfm.recency, frequency: rfm.frequency, monetary: rfm.monetary },
    closeness: s.classification.closeness.label,
    lifetimeValue: {
      valueMinor: ltv.valueMinor,
      currency: ltv.currency,
      horizonDays: ltv.horizonDays,
      expectedPurchases: ltv.expectedPurchases,
      nextPurchaseAt: ltv.nextPurchaseAt,
    },
  };
}
