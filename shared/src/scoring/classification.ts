// The classification dimensions of the customer card, each a label with the reason for it:
// revenue contribution, transaction frequency, potential and relationship closeness.
import { type CustomerFacts, daysBetween } from './customer-facts';
import { formatMoney, percent, plural, reason, type ScoreReason } from './reasons';
import type { RfmScore } from './rfm';
import type { ScoringSettings } from './scoring-settings';
import type { ValueTierScore } from './value-tier';

export interface Dimension<L extends string> {
  label: L;
  reasons: ScoreReason[];
}

export interface Classification {
  revenueContribution: Dimension<'high' | 'mid' | 'low'>;
  frequency: Dimension<'high' | 'low'>;
  potential: Dimension<'high' | 'mid' | 'low'>;
  closeness: Dimension<'close' | 'loose'>;
}

/** Revenue contribution follows the Pareto tier: A high, B mid, C and prospects low (the tier says why). */
export function revenueContribution(tier: ValueTierScore): Classification['revenueContribution'] {
  const label = tier.tier === 'A' ? 'high' : tier.tier === 'B' ? 'mid' : 'low';
  const text =
    tier.tier === 'prospect'
      ? 'No purchases yet.'
      : `Tier ${tier.tier} by revenue in the last ${tier.windowDays} days.`;
  return { label, reasons: [reason(`revenue-contribution.${label}`, { tier: tier.tier }, () => text)] };
}

/** Transaction frequency is high from the configured RFM frequency score. */
export function transactionFrequency(
  rfm: RfmScore,
  transactions: number,
  settings: ScoringSettings,
): Classification['frequency'] {
  const from = settings.classification.frequencyHighFromScore;
  const windowDays = settings.valueTiers.windowDays;
  if (rfm.frequency === null)
    return { label: 'low', reasons: [reason('frequency.none', {}, () => 'No purchases yet.')] };
  const high = rfm.frequency >= from;
  return {
    label: high ? 'high' : 'low',
    reasons: [
      reason(
        high ? 'frequency.high' : 'frequency.low',
        { transactions, windowDays, score: rfm.frequency, highFromScore: from },
        () =>
          `${plural(transactions, 'purchase')} in the last ${windowDays} days: frequency score ${rfm.frequency} of 5 (high from ${from}).`,
      ),
    ],
  };
}

/**
 * Potential: the value predicted over the horizon against the value of the same span just past.
 * With no past revenue, the prediction is compared with the workspace's median revenue over that span.
 */
export function potential(
  input: { purchased: boolean; predictedMinor: number; pastMinor: number },
  workspaceMedianMinor: number | null,
  currency: string,
  settings: ScoringSettings,
): Classification['potential'] {
  const { potentialHighFrom: hi, potentialLowBelow: lo } = settings.classification;
  const horizonDays = settings.lifetimeValue.horizonDays;
  if (!input.purchased)
    return {
      label: 'mid',
      reasons: [
        reason('potential.unknown', {}, () => 'No purchase history: potential cannot be estimated yet.'),
      ],
    };
  const predicted = () => formatMoney(input.predictedMinor, currency);
  if (input.pastMinor <= 0) {
    const high = workspaceMedianMinor !== null && input.predictedMinor >= workspaceMedianMinor;
    return {
      label: high ? 'high' : 'low',
      reasons: [
        reason(
          high ? 'potential.high-no-recent' : 'potential.low-no-recent',
          {
            predictedMinor: input.predictedMinor,
            medianMinor: workspaceMedianMinor ?? 0,
            currency,
            horizonDays,
          },
          () =>
            `No revenue in the last ${horizonDays} days; ${predicted()} predicted for the next ${horizonDays}, ${high ? 'at or above' : 'below'} the workspace median of ${formatMoney(workspaceMedianMinor ?? 0, currency)}.`,
        ),
      ],
    };
  }
  const ratio = input.predictedMinor / input.pastMinor;
  const label = ratio >= hi ? 'high' : ratio < lo ? 'low' : 'mid';
  return {
    label,
    reasons: [
      reason(
        `potential.${label}`,
        {
          predictedMinor: input.predictedMinor,
          pastMinor: input.pastMinor,
          currency,
          ratioPercent: percent(ratio),
          horizonDays,
        },
        () =>
          `${predicted()} predicted for the next ${horizonDays} days against ${formatMoney(input.pastMinor, currency)} in the last ${horizonDays} (${percent(ratio)}%).`,
      ),
    ],
  };
}

/** Relationship closeness from interaction recency and frequency. */
export function closeness(f: CustomerFacts, settings: ScoringSettings): Classification['closeness'] {
  const { closeWithinDays, closeMinInteractions, closeWindowDays } = settings.classification;
  const n = f.interactions.length;
  if (n === 0)
    return { label: 'loose', reasons: [reason('closeness.none', {}, () => 'No interactions recorded.')] };
  const lastDays = daysBetween(f.interactions[n - 1]!, f.now);
  const from = f.now - closeWindowDays * 86_400_000;
  let inWindow = 0;
  for (let i = n - 1; i >= 0 && f.interactions[i]! > from; i--) inWindow++;
  const close = lastDays <= closeWithinDays && inWindow >= closeMinInteractions;
  return {
    label: close ? 'close' : 'loose',
    reasons: [
      reason(
        close ? 'closeness.close' : 'closeness.loose',
        { daysSinceInteraction: lastDays, interactions: inWindow, windowDays: closeWindowDays },
        () =>
          `Last interaction ${lastDays === 0 ? 'today' : `${plural(lastDays, 'day')} ago`}; ${plural(inWindow, 'interaction')} in the last ${closeWindowDays} days.`,
      ),
    ],
  };
}
