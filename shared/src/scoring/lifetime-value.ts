// Lifetime value over a horizon: expected purchases from BG/NBD times expected spend per purchase from
// Gamma-Gamma, discounted per step; and the expected date of the next purchase.
import { type BgNbdParams, bgNbdExpectedPurchasesAt, bgNbdMedianTimeToNextPurchase } from './bg-nbd';
import { fallbackDropout } from './churn-risk';
import type { CustomerFacts } from './customer-facts';
import { type GammaGammaParams, gammaGammaExpectedValue } from './gamma-gamma';
import { formatDate, formatMoney, oneDecimal, percent, plural, reason, type ScoreReason } from './reasons';
import type { ScoringSettings } from './scoring-settings';
import { DAY_MS } from './summarize-purchases';

export interface LifetimeValueScore {
  /** Discounted value of the expected purchases over the horizon, workspace minor units. */
  valueMinor: number;
  /** The same without discounting: what "potential" compares with past revenue. */
  undiscountedValueMinor: number;
  currency: string;
  horizonDays: number;
  annualDiscountRate: number;
  /** Expected purchases (transactions) over the horizon. */
  expectedPurchases: number;
  /** Expected spend per purchase, workspace minor units. */
  spendPerPurchaseMinor: number;
  /** When the next purchase is expected if the customer is still active; null when unlikely or a prospect. */
  nextPurchaseAt: number | null;
  /** 'bg-nbd' when the expected purchases come from the fitted model. */
  method: 'bg-nbd' | 'fallback' | 'none';
  reasons: ScoreReason[];
}

export interface LifetimeValueContext {
  bgNbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
  summary: { x: number; tx: number; T: number; meanValue: number } | null;
  /** P(alive) and typical gap as the churn score estimated them. */
  pAlive: number | null;
  gapDays: number | null;
  /** Mean value of all known transaction days in the workspace, for spend without a model. */
  workspaceMeanSpendMinor: number | null;
  currency: string;
  settings: ScoringSettings;
}

/**
 * Expected purchases in (0, t] days for the fallback model (fixed rate 1/g, the customer's dropout
 * estimate δ′ per purchase, see fallbackDropout): P(alive) · (1 − e^(−δ′ t / g)) / δ′, the BG/NBD
 * expectation with λ and p known.
 */
function fallbackExpected(pAlive: number, gapDays: number, dropout: number, tDays: number): number {
  return (pAlive * -Math.expm1((-dropout * tDays) / Math.max(gapDays, 1))) / dropout;
}

/** Expected spend per purchase: Gamma-Gamma when fitted, else the customer's own mean, else the workspace's. */
function spendPerPurchase(
  f: CustomerFacts,
  ctx: LifetimeValueContext,
): { value: number; reason: ScoreReason } {
  const { currency } = ctx;
  const s = ctx.summary;
  if (ctx.gammaGamma && s) {
    const known = s.x >= 1 && s.meanValue > 0;
    const v = gammaGammaExpectedValue(ctx.gammaGamma, known ? s : { x: 0, meanValue: 0 });
    return {
      value: v,
      reason: reason(
        'clv.spend-model',
        { spendMinor: Math.round(v), currency, repeatPurchases: known ? s.x : 0 },
        () =>
          known
            ? `About ${formatMoney(v, currency)} per purchase: their average repeat spend, weighted against the workspace's by ${plural(s.x, 'repeat purchase')} (Gamma-Gamma model).`
            : `About ${formatMoney(v, currency)} per purchase: the workspace's typical spend, as they have no repeat purchase yet (Gamma-Gamma model).`,
      ),
    };
  }
  let sum = 0;
  let n = 0;
  for (const v of f.dayValues)
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  const own = n > 0 ? sum / n : null;
  const v = Math.max(0, own ?? ctx.workspaceMeanSpendMinor ?? 0);
  return {
    value: v,
    reason: reason(
      'clv.spend-average',
      { spendMinor: Math.round(v), currency, basis: own !== null ? 'own' : 'workspace' },
      () =>
        `About ${formatMoney(v, currency)} per purchase: the ${own !== null ? "customer's" : "workspace's"} average (too few repeat buyers for the spend model).`,
    ),
  };
}

/**
 * Lifetime value of one customer over the horizon, and the expected next purchase.
 * Value = Σ_k (E[Y(t_k)] − E[Y(t_(k−1))]) · spend · (1 + d)^(−t_k / 365.25 days), steps of `stepDays`.
 */
export function lifetimeValue(f: CustomerFacts, ctx: LifetimeValueContext): LifetimeValueScore {
  const { horizonDays, annualDiscountRate: d, stepDays } = ctx.settings.lifetimeValue;
  const { currency } = ctx;
  const base = { currency, horizonDays, annualDiscountRate: d };
  const s = ctx.summary;
  if (!s || f.days.length === 0)
    return {
      ...base,
      valueMinor: 0,
      undiscountedValueMinor: 0,
      expectedPurchases: 0,
      spendPerPurchaseMinor: 0,
      nextPurchaseAt: null,
      method: 'none',
      reasons: [reason('clv.prospect', {}, () => 'No purchases yet: no lifetime value to project.')],
    };

  const periodDays = ctx.settings.model.periodDays;
  const useModel = ctx.bgNbd !== null;
  const steps = Math.max(1, Math.ceil(horizonDays / stepDays - 1e-9));
  // Plain loops: this runs for every customer of a refit (Array.from and map were a tenth of it).
  const stepEnds: number[] = new Array(steps);
  for (let k = 0; k < steps; k++) stepEnds[k] = Math.min((k + 1) * stepDays, horizonDays);
  let expected: number[];
  if (useModel) {
    const periods: number[] = new Array(steps);
    for (let k = 0; k < steps; k++) periods[k] = stepEnds[k]! / periodDays;
    expected = bgNbdExpectedPurchasesAt(ctx.bgNbd!, s, periods);
  } else {
    const pAlive = ctx.pAlive ?? 0;
    const gap = ctx.gapDays ?? ctx.settings.churn.fallbackGapDays;
    const dropout = fallbackDropout(ctx.settings, s.x);
    expected = new Array(steps);
    for (let k = 0; k < steps; k++) expected[k] = fallbackExpected(pAlive, gap, dropout, stepEnds[k]!);
  }
  const spend = spendPerPurchase(f, ctx);
  const lnDiscount = Math.log1p(d) / 365.25;
  let previous = 0;
  let discounted = 0;
  for (let k = 0; k < steps; k++) {
    const e = expected[k]!;
    discounted += (e - previous) * Math.exp(-lnDiscount * stepEnds[k]!);
    previous = e;
  }
  const expectedPurchases = previous;
  const valueMinor = Math.round(discounted * spend.value);
  const undiscountedValueMinor = Math.round(expectedPurchases * spend.value);

  const reasons: ScoreReason[] = [
    reason(
      useModel ? 'clv.model' : 'clv.fallback',
      {
        valueMinor,
        currency,
        expectedPurchases: oneDecimal(expectedPurchases),
        horizonDays,
        discountPercent: oneDecimal(d * 100),
      },
      () =>
        `${formatMoney(valueMinor, currency)} over the next ${horizonDays} days: about ${oneDecimal(expectedPurchases)} purchases expected${useModel ? ' (BG/NBD model)' : ' (fallback estimate from their usual gap between purchases)'}, discounted at ${oneDecimal(d * 100)}% a year.`,
    ),
    spend.reason,
  ];

  // Next purchase: if still active, the median wait. Not offered once churned.
  const { churnedBelow } = ctx.settings.lifecycle;
  let nextPurchaseAt: number | null = null;
  if (ctx.pAlive !== null && ctx.pAlive < churnedBelow) {
    const pAlivePercent = percent(ctx.pAlive);
    reasons.push(
      reason(
        'next.unlikely',
        { pAlivePercent },
        () => `No next purchase expected: only a ${pAlivePercent}% chance they are still buying.`,
      ),
    );
  } else if (useModel) {
    const waitDays = bgNbdMedianTimeToNextPurchase(ctx.bgNbd!, s) * periodDays;
    nextPurchaseAt = Math.round(f.now + Math.min(waitDays, 36_500) * DAY_MS);
    reasons.push(nextReason(nextPurchaseAt, f, ctx, 'the median wait the model gives'));
  } else {
    const gap = ctx.gapDays ?? ctx.settings.churn.fallbackGapDays;
    const lastDayStart = f.days[f.days.length - 1]! * DAY_MS - ctx.settings.utcOffsetMinutes * 60_000;
    nextPurchaseAt = Math.max(f.now, lastDayStart + gap * DAY_MS);
    reasons.push(nextReason(nextPurchaseAt, f, ctx, 'their last purchase plus their usual gap'));
  }
  return {
    ...base,
    valueMinor,
    undiscountedValueMinor,
    expectedPurchases,
    spendPerPurchaseMinor: Math.round(spend.value),
    nextPurchaseAt,
    method: useModel ? 'bg-nbd' : 'fallback',
    reasons,
  };
}

function nextReason(at: number, f: CustomerFacts, ctx: LifetimeValueContext, basis: string): ScoreReason {
  const inDays = Math.round((at - f.now) / DAY_MS);
  const date = formatDate(at, ctx.settings.utcOffsetMinutes);
  return reason(
    'next.expected',
    { at, date, inDays },
    () =>
      `If still active, next purchase expected around ${date} (${inDays <= 0 ? 'due now' : `in ${plural(inDays, 'day')}`}; ${basis}).`,
  );
}
