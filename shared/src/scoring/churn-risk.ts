// Churn risk: the probability that the customer is no longer active, from the workspace's fitted BG/NBD
// model (or a documented fallback), combined with early-warning signals that the model cannot see.
import { type BgNbdParams, bgNbdPAlive } from './bg-nbd';
import {
  type CustomerFacts,
  daysBetween,
  daysSinceLastPurchase,
  meanDayValue,
  medianGapDays,
} from './customer-facts';
import { formatMoney, oneDecimal, percent, plural, reason, type ScoreReason } from './reasons';
import type { ScoringSettings } from './scoring-settings';
import { DAY_MS } from './summarize-purchases';

export type ChurnLevel = 'low' | 'medium' | 'high';

export interface ChurnRiskScore {
  level: ChurnLevel;
  /** Combined risk, 0-100: the model's churn probability and the signals' weights, noisy-OR. */
  percent: number;
  /** P(alive) behind the risk (model or fallback); null for a prospect. */
  pAlive: number | null;
  /** Where P(alive) came from. */
  method: 'bg-nbd' | 'fallback' | 'none';
  /** True when P(alive) is the fallback estimate, not the fitted model. */
  fallback: boolean;
  /** The customer's usual gap between purchases in days (own, else the workspace's); null for a prospect. */
  typicalGapDays: number | null;
  /** The top reasons, strongest first; the P(alive) reason is always among them. */
  reasons: ScoreReason[];
  /** The other reasons that applied, strongest first (for a "more" view; not repeated from `reasons`). */
  moreReasons: ScoreReason[];
}

export interface ChurnContext {
  /** The fitted model, or null when the workspace has too little data for a stable fit. */
  bgNbd: BgNbdParams | null;
  /** The customer's (x, t_x, T) in model periods; null for a prospect. */
  summary: { x: number; tx: number; T: number } | null;
  /** Workspace median of customers' typical gaps (days), for one-time buyers. */
  workspaceGapDays: number | null;
  settings: ScoringSettings;
}

interface Weighted {
  weight: number;
  reason: ScoreReason;
}

/** How P(alive) is estimated for this customer, and the reason saying so. */
export interface AliveEstimate {
  pAlive: number | null;
  method: ChurnRiskScore['method'];
  reason: ScoreReason;
  /** The typical gap between purchases the estimate and texts use (days); null for a prospect. */
  gapDays: number | null;
}

/**
 * Fallback P(alive) when the model cannot be used: the MBG/NBD (Batislam, Denizel & Filiztekin 2007)
 * with the purchase rate known. While active the customer buys on average every g days; after any
 * purchase, their first included, they stop with a probability p ~ Beta(κδ, κ(1−δ)): δ on average, held
 * with the weight of κ purchases. After x repeat purchases and R silent days the odds that they have
 * stopped are κδ / (κ(1−δ) + x) · e^(R/g). With δ = 0.1, κ = 10 and a one-time buyer: 0.9 right after
 * the purchase, 0.77 after one usual gap, 0.31 after three; a customer with 20 repeat purchases keeps
 * 0.97, 0.91 and 0.59: a long record of returning is evidence of loyalty.
 * @example fallbackPAlive(140, 30, 0.1, 0, 10) // 0.078
 */
export function fallbackPAlive(
  daysSince: number,
  gapDays: number,
  dropout: number,
  repeatPurchases = 0,
  priorPurchases = 10,
): number {
  const a = priorPurchases * dropout;
  const b = priorPurchases * (1 - dropout);
  const logOdds = Math.log(a / (b + repeatPurchases)) + daysSince / Math.max(gapDays, 1);
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/** The fallback's dropout estimate after x repeat purchases: κδ / (κ + x). */
export function fallbackDropout(settings: ScoringSettings, repeatPurchases: number): number {
  const { fallbackDropoutPerPurchase: delta, fallbackPriorPurchases: kappa } = settings.churn;
  return (kappa * delta) / (kappa + repeatPurchases);
}

/** P(alive) from the model when it applies, otherwise the fallback, each with its reason. */
export function estimateAlive(f: CustomerFacts, ctx: ChurnContext): AliveEstimate {
  const days = daysSinceLastPurchase(f);
  if (days === null || !ctx.summary)
    return {
      pAlive: null,
      method: 'none',
      gapDays: null,
      reason: reason('churn.prospect', {}, () => 'No purchases yet: only early-warning signals count.'),
    };
  const ownGap = medianGapDays(f);
  const purchases = f.days.length;
  if (ctx.bgNbd && ctx.summary.x > 0) {
    const pAlive = bgNbdPAlive(ctx.bgNbd, ctx.summary);
    const gap = ownGap!;
    const p = percent(pAlive);
    return {
      pAlive,
      method: 'bg-nbd',
      gapDays: gap,
      reason: reason(
        'churn.recency',
        { days, typicalGapDays: oneDecimal(gap), purchases, pAlivePercent: p },
        () => `${recencyText(days, gap)} (the model gives a ${p}% chance they are still buying).`,
      ),
    };
  }
  const {
    fallbackDropoutPerPurchase: delta,
    fallbackPriorPurchases: kappa,
    fallbackGapDays,
  } = ctx.settings.churn;
  const basis = ownGap !== null ? 'own' : ctx.workspaceGapDays !== null ? 'workspace' : 'default';
  const gap = ownGap ?? ctx.workspaceGapDays ?? fallbackGapDays;
  const pAlive = fallbackPAlive(days, gap, delta, ctx.summary.x, kappa);
  const why = ctx.bgNbd ? 'single-purchase' : 'too-little-data';
  const whyText =
    why === 'single-purchase'
      ? 'one purchase only, and the model cannot tell whether a one-time buyer has left'
      : 'too little purchase history in the workspace for the model';
  const gapText =
    basis === 'own'
      ? `usually every ${oneDecimal(gap)}`
      : basis === 'workspace'
        ? `customers here usually buy again within ${oneDecimal(gap)}`
        : `assumed gap ${oneDecimal(gap)}`;
  return {
    pAlive,
    method: 'fallback',
    gapDays: gap,
    reason: reason(
      'churn.fallback',
      {
        days,
        typicalGapDays: oneDecimal(gap),
        gapBasis: basis,
        why,
        purchases,
        pAlivePercent: percent(pAlive),
      },
      () =>
        `Fallback estimate (${whyText}): ${days === 0 ? 'last purchase today' : `no purchase for ${plural(days, 'day')}`}; ${gapText} days, so a ${percent(pAlive)}% chance they are still buying.`,
    ),
  };
}

function recencyText(days: number, gap: number): string {
  const usual = `usually every ${oneDecimal(gap)}`;
  if (days === 0) return `Bought today; ${usual} days`;
  if (days > gap) return `No purchase for ${plural(days, 'day')}; ${usual} days`;
  return `Last purchase ${plural(days, 'day')} ago; ${usual} days`;
}

/** The early-warning signals that fire for this customer, each with its weight and reason. */
export function earlyWarningSignals(
  f: CustomerFacts,
  settings: ScoringSettings,
  currency: string,
): Weighted[] {
  const s = settings.signals;
  const w = s.weights;
  const W = s.recentWindowDays;
  const out: Weighted[] = [];

  // Purchases slowing down against the customer's own earlier rate. A full stop is the P(alive)
  // reason's to explain, so this fires only while they still buy, but less.
  if (f.days.length > 0) {
    const cut = f.nowDay - W;
    let recent = 0;
    let before = 0;
    for (const d of f.days) d > cut ? recent++ : before++;
    const span = cut - f.days[0]! + 1;
    if (span >= W && before > 0) {
      const expected = (before / span) * W;
      if (expected >= s.minExpected && recent >= 1 && recent <= (1 - s.purchaseDrop) * expected)
        out.push({
          weight: w.purchaseFrequencyFalling,
          reason: reason(
            'churn.purchases-falling',
            { recent, expected: oneDecimal(expected), windowDays: W },
            () =>
              `${plural(recent, 'purchase')} in the last ${W} days against about ${oneDecimal(expected)} expected from their own history.`,
          ),
        });
    }
    const recentSpend = meanDayValue(f, cut + 1, f.nowDay);
    const earlierSpend = meanDayValue(f, Number.NEGATIVE_INFINITY, cut);
    if (
      recentSpend &&
      earlierSpend &&
      earlierSpend.n >= 2 &&
      earlierSpend.mean > 0 &&
      recentSpend.mean <= (1 - s.amountDrop) * earlierSpend.mean
    ) {
      const drop = percent(1 - recentSpend.mean / earlierSpend.mean);
      out.push({
        weight: w.purchaseAmountFalling,
        reason: reason(
          'churn.spend-falling',
          {
            recentMeanMinor: Math.round(recentSpend.mean),
            earlierMeanMinor: Math.round(earlierSpend.mean),
            currency,
            dropPercent: drop,
            windowDays: W,
          },
          () =>
            `Spends ${formatMoney(recentSpend.mean, currency)} per purchase in the last ${W} days, ${drop}% less than the ${formatMoney(earlierSpend.mean, currency)} before.`,
        ),
      });
    }
  }

  // Interactions thinning out against their own earlier rate (a full stop counts here).
  if (f.interactions.length > 0) {
    const cutMs = f.now - W * DAY_MS;
    let recent = 0;
    let before = 0;
    for (const t of f.interactions) t > cutMs ? recent++ : before++;
    const spanDays = (cutMs - f.interactions[0]!) / DAY_MS;
    if (spanDays >= W && before > 0) {
      const expected = (before / spanDays) * W;
      if (expected >= s.minExpected && recent <= (1 - s.interactionDrop) * expected)
        out.push({
          weight: w.interactionsFalling,
          reason: reason(
            'churn.interactions-falling',
            { recent, expected: oneDecimal(expected), windowDays: W },
            () =>
              `${plural(recent, 'interaction')} in the last ${W} days against about ${oneDecimal(expected)} expected from earlier contact.`,
          ),
        });
    }
  }

  if (f.openComplaints > 0) {
    const oldestDays = daysBetween(f.oldestOpenComplaintAt!, f.now);
    const n = f.openComplaints;
    out.push({
      weight: 1 - (1 - w.openComplaint) ** Math.min(n, 3),
      reason: reason('churn.open-complaints', { count: n, oldestDays }, () =>
        n === 1
          ? `An open complaint, ${ageText(oldestDays)}.`
          : `${n} open complaints, the oldest ${ageText(oldestDays)}.`,
      ),
    });
  }

  const score = f.latestScore;
  if (score && f.now - score.at <= s.satisfactionLookbackDays * DAY_MS) {
    const low = score.scale === 'csat' ? score.score <= s.lowCsatAtMost : score.score <= s.lowNpsAtMost;
    if (low) {
      const daysAgo = daysBetween(score.at, f.now);
      const max = score.scale === 'csat' ? 5 : 10;
      out.push({
        weight: w.lowSatisfaction,
        reason: reason(
          'churn.low-satisfaction',
          { scale: score.scale, score: score.score, max, daysAgo },
          () =>
            `Latest ${score.scale === 'csat' ? 'satisfaction (CSAT)' : 'NPS'} answer ${score.score} of ${max}${score.scale === 'nps' ? ' (a detractor)' : ''}, ${daysAgo === 0 ? 'today' : `${plural(daysAgo, 'day')} ago`}.`,
        ),
      });
    }
  }

  if (f.overdueFollowUps > 0) {
    const daysOverdue = Math.max(1, Math.ceil((f.now - f.oldestOverdueDueAt!) / DAY_MS));
    const n = f.overdueFollowUps;
    out.push({
      weight: w.followUpOverdue,
      reason: reason('churn.follow-up-overdue', { count: n, daysOverdue }, () =>
        n === 1
          ? `Follow-up overdue by ${plural(daysOverdue, 'day')}.`
          : `${n} follow-ups overdue, the oldest by ${plural(daysOverdue, 'day')}.`,
      ),
    });
  }
  return out;
}

const ageText = (days: number) => (days === 0 ? 'from today' : `${plural(days, 'day')} old`);

/** The churn level of a combined risk (0-1). */
export function churnLevel(risk: number, settings: ScoringSettings): ChurnLevel {
  return risk >= settings.churn.highFrom ? 'high' : risk >= settings.churn.mediumFrom ? 'medium' : 'low';
}

/**
 * Churn risk of one customer: 1 − P(alive) (model or fallback), combined with the early-warning
 * signals as a noisy-OR (risk = 1 − (1 − p_churn) · Π(1 − w_signal)), with a level and top reasons.
 */
export function churnRisk(f: CustomerFacts, ctx: ChurnContext, currency: string): ChurnRiskScore {
  const alive = estimateAlive(f, ctx);
  const signals = earlyWarningSignals(f, ctx.settings, currency);
  const pChurn = alive.pAlive === null ? 0 : 1 - alive.pAlive;
  let keep = 1 - pChurn;
  for (const s of signals) keep *= 1 - s.weight;
  const risk = 1 - keep;
  const base: Weighted = { weight: pChurn, reason: alive.reason };
  // Stable sort: ties keep the base reason first, then signals in their fixed order.
  const all = [base, ...signals].sort((x, y) => y.weight - x.weight);
  const n = ctx.settings.churn.topReasons;
  const top = all.slice(0, n);
  if (!top.includes(base)) top[top.length - 1] = base;
  return {
    level: churnLevel(risk, ctx.settings),
    percent: percent(risk),
    pAlive: alive.pAlive,
    method: alive.method,
    fallback: alive.method === 'fallback',
    typicalGapDays: alive.gapDays,
    reasons: top.map((t) => t.reason),
    moreReasons: all.filter((t) => !top.includes(t)).map((t) => t.reason),
  };
}
