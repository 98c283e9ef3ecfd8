import type { CustomerRecords, CustomerScores, ListScores } from '@keepcard/shared';

const latest = (times: Iterable<number>): number | null => {
  let max: number | null = null;
  for (const t of times) if (max === null || t > max) max = t;
  return max;
};

/**
 * The flat part of a contact's scores that the list filters and sorts on, with the dates the card
 * and the morning views need (last purchase, last contact, next open follow-up).
 */
export function listScoresOf(scores: CustomerScores, records: CustomerRecords): ListScores {
  const live = <T extends { deletedAt?: number | null }>(rows: readonly T[] | undefined) =>
    (rows ?? []).filter((r) => r.deletedAt == null);
  const openFollowUps = live(records.tasks).filter((t) => t.kind === 'follow-up' && t.doneAt == null);
  const nextFollowUp = openFollowUps.reduce<number | null>(
    (min, t) => (min === null || t.dueAt < min ? t.dueAt : min),
    null,
  );
  return {
    tier: scores.valueTier.tier,
    lifecycle: scores.lifecycle.stage,
    churnLevel: scores.churnRisk.level,
    churnRisk: scores.churnRisk.percent / 100,
    lifetimeValueMinor: Math.round(scores.lifetimeValue.valueMinor),
    revenueInWindowMinor: scores.valueTier.revenueMinor,
    currency: scores.currency,
    rfm: { r: scores.rfm.recency ?? 0, f: scores.rfm.frequency ?? 0, m: scores.rfm.monetary ?? 0 },
    frequency: scores.classification.frequency.label,
    revenueClass: scores.classification.revenueContribution.label,
    potential: scores.classification.potential.label,
    closeness: scores.classification.closeness.label,
    // A refund or a purchase dated in the future is no "last purchase".
    lastPurchaseAt: latest(
      live(records.purchases)
        .filter((p) => p.amountMinor >= 0 && p.occurredAt <= scores.scoredAt)
        .map((p) => p.occurredAt),
    ),
    lastContactAt: latest(live(records.interactions).map((i) => i.occurredAt)),
    nextFollowUpAt: nextFollowUp,
  };
}
