// The workspace model: the BG/NBD and Gamma-Gamma fits plus the thresholds (Pareto tier cut-offs, RFM
// quintiles, typical gaps) that make one customer's scores computable alone. Plain JSON: the extension
// stores it and refits it in the background (daily or on demand); a new purchase or complaint rescores
// one customer against the stored model at once.
import { type BgNbdFit, fitBgNbd } from './bg-nbd';
import {
  type CustomerFacts,
  type CustomerRecords,
  daysSinceLastPurchase,
  deriveCustomerFacts,
  median,
  medianGapDays,
  repeatSummary,
  revenueInWindow,
  transactionsInWindow,
} from './customer-facts';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import { reason, type ScoreReason } from './reasons';
import { quintileCuts, type RfmCuts } from './rfm';
import { resolveScoringSettings, type ScoringSettings, type ScoringSettingsInput } from './scoring-settings';
import { type TierCutoffs, tierCutoffs } from './value-tier';

export const WORKSPACE_MODEL_VERSION = 1;

export interface WorkspaceModel {
  version: typeof WORKSPACE_MODEL_VERSION;
  /** The `now` the model was built at (epoch ms). */
  builtAt: number;
  /** Currency of every value in the model and the scores. */
  currency: string;
  /** Time unit of the BG/NBD parameters, days. */
  periodDays: number;
  /** Null when the workspace has too little data for a stable fit: churn then uses the fallback. */
  bgNbd: BgNbdFit | null;
  /** Null when too few repeat buyers have spend data: spend then uses plain averages. */
  gammaGamma: GammaGammaFit | null;
  /** What the model was built from and why a part is missing. */
  fit: {
    contacts: number;
    buyers: number;
    repeatBuyers: number;
    spendBuyers: number;
    reasons: ScoreReason[];
  };
  thresholds: {
    windowDays: number;
    tiers: TierCutoffs;
    /** Null when nobody has bought yet. */
    rfm: RfmCuts | null;
    /** Median over repeat buyers of their median gap between purchases (days). */
    typicalGapDays: number | null;
    /** Median revenue over the lifetime-value horizon just past, among buyers with revenue in it. */
    medianHorizonRevenueMinor: number | null;
    /** Mean value of a transaction day across the workspace. */
    meanSpendMinor: number | null;
  };
}

/** The workspace currency: the setting, or the most common purchase currency (ties: alphabetical). */
export function workspaceCurrency(customers: readonly CustomerRecords[], settings: ScoringSettings): string {
  if (settings.currency) return settings.currency;
  const counts = new Map<string, number>();
  for (const c of customers)
    for (const p of c.purchases)
      if (p.deletedAt === undefined || p.deletedAt === null)
        counts.set(p.currency, (counts.get(p.currency) ?? 0) + 1);
  let best = 'USD';
  let bestCount = 0;
  for (const [cur, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (n > bestCount) {
      best = cur;
      bestCount = n;
    }
  return best;
}

/** Builds the model from customers' facts (see buildWorkspaceModel). */
export function buildModelFromFacts(
  facts: readonly CustomerFacts[],
  currency: string,
  settings: ScoringSettings,
  now: number,
): WorkspaceModel {
  const { windowDays, aShare, bShare } = settings.valueTiers;
  const { minCustomers, minRepeatCustomers, minSpendCustomers, periodDays } = settings.model;
  const horizonDays = settings.lifetimeValue.horizonDays;
  const summaries: { x: number; tx: number; T: number; meanValue: number }[] = [];
  const windowRevenue: number[] = [];
  const recency: number[] = [];
  const frequency: number[] = [];
  const gaps: number[] = [];
  const horizonRevenue: number[] = [];
  let spendSum = 0;
  let spendCount = 0;
  for (const f of facts) {
    const s = repeatSummary(f, settings);
    if (!s) continue;
    summaries.push(s);
    const rev = revenueInWindow(f, windowDays);
    windowRevenue.push(rev);
    recency.push(daysSinceLastPurchase(f)!);
    frequency.push(transactionsInWindow(f, windowDays));
    const g = medianGapDays(f);
    if (g !== null) gaps.push(g);
    const hr = horizonDays === windowDays ? rev : revenueInWindow(f, horizonDays);
    if (hr > 0) horizonRevenue.push(hr);
    for (const v of f.dayValues)
      if (Number.isFinite(v)) {
        spendSum += v;
        spendCount++;
      }
  }
  const buyers = summaries.length;
  const repeatBuyers = summaries.filter((s) => s.x > 0).length;
  const spenders = summaries.filter((s) => s.x > 0 && s.meanValue > 0);
  const reasons: ScoreReason[] = [];

  let bgNbd: BgNbdFit | null = null;
  if (buyers >= Math.max(minCustomers, 1) && repeatBuyers >= Math.max(minRepeatCustomers, 1)) {
    const fit = fitBgNbd(summaries);
    const shaky = fit.stable ? [] : [...new Set([...fit.atBound, ...fit.unidentified])];
    if (fit.stable) {
      bgNbd = fit;
      reasons.push(
        reason(
          'model.fitted',
          { buyers, repeatBuyers, logLikelihood: Math.round(fit.logLikelihood * 100) / 100 },
          () =>
            `Purchase model (BG/NBD) fitted on ${buyers} customers, ${repeatBuyers} of them repeat buyers.`,
        ),
      );
    } else {
      reasons.push(
        reason(
          'model.unstable',
          { buyers, repeatBuyers, parameters: shaky.join(', ') || 'none' },
          () =>
            `The purchase model (BG/NBD) could not be fitted reliably on these ${buyers} customers${shaky.length ? ` (${shaky.join(', ')} not pinned down by the data)` : ''}; churn uses the fallback estimate.`,
        ),
      );
    }
  } else {
    reasons.push(
      reason(
        'model.too-little-data',
        { buyers, repeatBuyers, minCustomers, minRepeatCustomers },
        () =>
          `Too little purchase history for the purchase model (${buyers} customers, ${repeatBuyers} repeat buyers; needs ${minCustomers} and ${minRepeatCustomers}); churn uses the fallback estimate.`,
      ),
    );
  }

  let gammaGamma: GammaGammaFit | null = null;
  if (spenders.length >= Math.max(minSpendCustomers, 1)) {
    const fit = fitGammaGamma(spenders);
    // q ≤ 1 means the spend distribution has no finite mean: unusable for value.
    if (fit.stable) {
      gammaGamma = fit;
      reasons.push(
        reason(
          'spend-model.fitted',
          { spendBuyers: spenders.length },
          () => `Spend model (Gamma-Gamma) fitted on ${spenders.length} repeat buyers.`,
        ),
      );
    } else
      reasons.push(
        reason(
          'spend-model.unstable',
          { spendBuyers: spenders.length },
          () =>
            `The spend model (Gamma-Gamma) could not be fitted reliably on ${spenders.length} repeat buyers; spend uses plain averages.`,
        ),
      );
  } else
    reasons.push(
      reason(
        'spend-model.too-little-data',
        { spendBuyers: spenders.length, minSpendCustomers },
        () =>
          `Too few repeat buyers with spend for the spend model (${spenders.length}; needs ${minSpendCustomers}); spend uses plain averages.`,
      ),
    );

  return {
    version: WORKSPACE_MODEL_VERSION,
    builtAt: now,
    currency,
    periodDays,
    bgNbd,
    gammaGamma,
    fit: { contacts: facts.length, buyers, repeatBuyers, spendBuyers: spenders.length, reasons },
    thresholds: {
      windowDays,
      tiers: tierCutoffs(windowRevenue, aShare, bShare),
      rfm: buyers
        ? {
            recencyDays: quintileCuts(recency),
            frequency: quintileCuts(frequency),
            monetary: quintileCuts(windowRevenue),
          }
        : null,
      typicalGapDays: gaps.length ? median(gaps) : null,
      medianHorizonRevenueMinor: horizonRevenue.length ? median(horizonRevenue) : null,
      meanSpendMinor: spendCount ? spendSum / spendCount : null,
    },
  };
}

/**
 * Fits the workspace model and its thresholds from every contact's records. Run it in the background
 * (at most daily, or on demand); score single customers against it with scoreCustomer.
 * @example const model = buildWorkspaceModel(customers, {}, Date.now());
 */
export function buildWorkspaceModel(
  customers: readonly CustomerRecords[],
  settingsInput: ScoringSettingsInput | ScoringSettings,
  now: number,
): WorkspaceModel {
  const settings = resolveScoringSettings(settingsInput);
  const currency = workspaceCurrency(customers, settings);
  const facts = customers.map((c) => deriveCustomerFacts(c, { currency, settings }, now));
  return buildModelFromFacts(facts, currency, settings, now);
}
