// Revenue contribution by the Pareto principle: over a trailing window, the customers sorted by revenue;
// tier A is the smallest set that produces `aShare` (80%) of revenue, B the customers up to `bShare`
// (the next 15%), C the rest; "prospect" for a contact who never bought.
import { formatMoney, reason, type ScoreReason } from './reasons';

export type ValueTier = 'A' | 'B' | 'C' | 'prospect';

/** Revenue cut-offs found over the workspace: a customer's tier needs only these. */
export interface TierCutoffs {
  /** Lowest revenue inside tier A (customers with the same revenue share the tier); null: no revenue. */
  aFrom: number | null;
  /** Lowest revenue inside tier B; equals aFrom when A already reaches the B share. */
  bFrom: number | null;
}

/**
 * Finds the cut-offs from the customers' revenues over the window (in minor units). Customers with no
 * positive revenue are never in A or B.
 * @example tierCutoffs([500, 300, 100, 50, 50], 0.8, 0.95) // { aFrom: 300, bFrom: 50 }: A = 500, 300; B = 100 and both 50s (ties share a tier)
 */
export function tierCutoffs(revenues: readonly number[], aShare: number, bShare: number): TierCutoffs {
  const positive = revenues.filter((r) => r > 0).sort((x, y) => y - x);
  const total = positive.reduce((s, r) => s + r, 0);
  if (total <= 0) return { aFrom: null, bFrom: null };
  let cumulative = 0;
  let aFrom: number | null = null;
  let bFrom: number | null = null;
  for (const r of positive) {
    // A customer joins while the customers before them have not yet reached the share.
    if (cumulative < aShare * total) aFrom = r;
    else if (cumulative < bShare * total) bFrom = r;
    else break;
    cumulative += r;
  }
  return { aFrom, bFrom: bFrom ?? aFrom };
}

export interface ValueTierScore {
  tier: ValueTier;
  /** Net revenue in the window, workspace minor units. */
  revenueMinor: number;
  currency: string;
  windowDays: number;
  reasons: ScoreReason[];
}

/** A customer's tier from their window revenue and the workspace cut-offs. */
export function valueTier(
  input: { purchased: boolean; revenueMinor: number },
  cutoffs: TierCutoffs,
  opts: { currency: string; windowDays: number; aShare: number; bShare: number },
): ValueTierScore {
  const { currency, windowDays } = opts;
  const base = { revenueMinor: input.revenueMinor, currency, windowDays };
  if (!input.purchased)
    return { tier: 'prospect', ...base, reasons: [reason('tier.prospect', {}, () => 'No purchases yet.')] };
  const money = () => formatMoney(input.revenueMinor, currency);
  const params = {
    ...base,
    aPercent: Math.round(opts.aShare * 100),
    bPercent: Math.round(opts.bShare * 100),
  };
  const { aFrom, bFrom } = cutoffs;
  if (input.revenueMinor > 0 && aFrom !== null && input.revenueMinor >= aFrom)
    return {
      tier: 'A',
      ...base,
      reasons: [
        reason(
          'tier.a',
          { ...params, fromMinor: aFrom },
          () =>
            `${money()} in the last ${windowDays} days: among the customers who bring ${params.aPercent}% of revenue (tier A from ${formatMoney(aFrom, currency)}).`,
        ),
      ],
    };
  if (input.revenueMinor > 0 && bFrom !== null && input.revenueMinor >= bFrom)
    return {
      tier: 'B',
      ...base,
      reasons: [
        reason(
          'tier.b',
          { ...params, fromMinor: bFrom },
          () =>
            `${money()} in the last ${windowDays} days: among the customers who bring the next ${params.bPercent - params.aPercent}% of revenue (tier B from ${formatMoney(bFrom, currency)}).`,
        ),
      ],
    };
  if (input.revenueMinor <= 0)
    return {
      tier: 'C',
      ...base,
      reasons: [reason('tier.c-no-revenue', params, () => `No revenue in the last ${windowDays} days.`)],
    };
  return {
    tier: 'C',
    ...base,
    reasons: [
      reason(
        'tier.c',
        { ...params, fromMinor: bFrom ?? 0 },
        () =>
          `${money()} in the last ${windowDays} days: below tier B (from ${formatMoney(bFrom ?? 0, currency)}).`,
      ),
    ],
  };
}
