// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for customer
// base analysis", JMR 42(4); Fader & Hardie's note "The Gamma-Gamma model of monetary value", 2013).
// Each transaction's value is Gamma(p, ν); a customer's ν is Gamma(q, γ) across customers. Only the
// number x of repeat transactions and their mean value m are needed. Assumes spend is independent of
// purchase frequency: check that on the data before trusting lifetime values.
import {
  minimizeBounded,
  type ObjectiveWithGradient,
  observedInformation,
  remainingGain,
  standardErrorOf,
} from './bounded-minimizer';
import { digamma, lgamma } from './special-functions';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Total log-likelihood at the optimum (natural log, summed over customers). */
  logLikelihood: number;
  converged: boolean;
  /** Parameters on or near (within a factor of 100 of) the search box's edge: not identified by the data. */
  atBound: (keyof GammaGammaParams)[];
  /** Standard errors of ln p, ln q, ln γ from the observed information (Infinity: not identified). */
  logStandardErrors: Record<keyof GammaGammaParams, number>;
  /** Parameters not pinned down within a factor of e (standard error of the log above 1). */
  unidentified: (keyof GammaGammaParams)[];
  /**
   * Whether the fit can be used: at its optimum along the directions the data identify (at most 0.01 of
   * log-likelihood left to gain), q > 1 (a finite mean spend), and the mean spend pγ/(q−1)
   * known within about ±50% (standard error of its log at most 0.5).
   */
  stable: boolean;
  /** Standard error of ln(pγ/(q−1)); Infinity when q ≤ 1. */
  logStandardErrorOfMean: number;
}

export interface SpendSummary {
  /** Number of repeat transactions (≥ 1 to carry information). */
  x: number;
  /** Mean value of those transactions (> 0). */
  meanValue: number;
}

const PARAM_NAMES = ['p', 'q', 'gamma'] as const;

function checkParams(g: GammaGammaParams): void {
  for (const k of PARAM_NAMES)
    if (!(g[k] > 0 && Number.isFinite(g[k])))
      throw new RangeError(`Gamma-Gamma parameter ${k} must be a positive finite number (got ${g[k]})`);
}

/** The spend data with everything that does not depend on the parameters computed once. */
interface PreparedSpend {
  xs: Float64Array;
  ms: Float64Array;
  /** Distinct x values and how many customers have each. */
  distinctX: Float64Array;
  countX: Float64Array;
  sumXLnM: number;
  sumLnM: number;
  sumXLnX: number;
}

/**
 * Per customer (the note's eq. 5):
 *   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
 * Summed, only ln(γ + m x) needs a pass over the customers; the rest comes from sums fixed in advance
 * and from the distinct values of x.
 */
function logLikelihood(d: PreparedSpend, g: GammaGammaParams, grad?: Float64Array): number {
  const { p, q, gamma } = g;
  const n = d.xs.length;
  const lnGamma = Math.log(gamma);
  let ll = n * (q * lnGamma - lgamma(q)) + p * (d.sumXLnM + d.sumXLnX) - d.sumLnM;
  let gp = d.sumXLnM + d.sumXLnX;
  let gq = n * (lnGamma - (grad ? digamma(q) : 0));
  let gg = (n * q) / gamma;
  for (let k = 0; k < d.distinctX.length; k++) {
    const x = d.distinctX[k]!;
    const c = d.countX[k]!;
    const px = p * x;
    ll += c * (lgamma(px + q) - lgamma(px));
    if (grad) {
      const psiPXQ = digamma(px + q);
      gp += c * x * (psiPXQ - digamma(px));
      gq += c * psiPXQ;
    }
  }
  for (let i = 0; i < n; i++) {
    const x = d.xs[i]!;
    const mx = d.ms[i]! * x;
    const px = p * x;
    const lnGMX = Math.log(gamma + mx);
    ll -= (px + q) * lnGMX;
    if (grad) {
      gp -= x * lnGMX;
      gq -= lnGMX;
      gg -= (px + q) / (gamma + mx);
    }
  }
  if (grad) {
    grad[0] = gp * p;
    grad[1] = gq * q;
    grad[2] = gg * gamma;
  }
  return ll;
}

function prepare(customers: readonly SpendSummary[], where: string): PreparedSpend {
  const kept = customers.filter((c, i) => {
    if (!Number.isFinite(c.x) || !Number.isFinite(c.meanValue))
      throw new RangeError(`${where} customers[${i}]: x and meanValue must be finite numbers`);
    // x = 0 or a non-positive mean carries no information about spend (and has no density).
    return c.x >= 1 && c.meanValue > 0;
  });
  const counts = new Map<number, number>();
  let sumXLnM = 0;
  let sumLnM = 0;
  let sumXLnX = 0;
  for (const c of kept) {
    counts.set(c.x, (counts.get(c.x) ?? 0) + 1);
    const lnM = Math.log(c.meanValue);
    sumXLnM += c.x * lnM;
    sumLnM += lnM;
    sumXLnX += c.x * Math.log(c.x);
  }
  return {
    xs: Float64Array.from(kept, (c) => c.x),
    ms: Float64Array.from(kept, (c) => c.meanValue),
    distinctX: Float64Array.from(counts.keys()),
    countX: Float64Array.from(counts.values()),
    sumXLnM,
    sumLnM,
    sumXLnX,
  };
}

/** The Gamma-Gamma log-likelihood of the customers with x ≥ 1 and a positive mean value. */
export function gammaGammaLogLikelihood(g: GammaGammaParams, customers: readonly SpendSummary[]): number {
  checkParams(g);
  return logLikelihood(prepare(customers, 'gammaGammaLogLikelihood'), g);
}

/** Gradient with respect to (ln p, ln q, ln γ): exposed for tests. */
export function gammaGammaLogLikelihoodGradient(
  g: GammaGammaParams,
  customers: readonly SpendSummary[],
): number[] {
  const grad = new Float64Array(3);
  logLikelihood(prepare(customers, 'gammaGammaLogLikelihoodGradient'), g, grad);
  return [...grad];
}

const LOG_BOUND = Math.log(1e5);

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with x ≥ 1 and meanValue > 0 (the others
 * are skipped): projected BFGS on (ln p, ln q, ln γ) from four starts scaled to the mean spend.
 * @example fitGammaGamma(repeatCustomers) // CDNOW sample: { p: 6.25, q: 3.74, gamma: 15.44, ... }
 */
export function fitGammaGamma(customers: readonly SpendSummary[]): GammaGammaFit {
  const d = prepare(customers, 'fitGammaGamma');
  const { ms } = d;
  if (ms.length === 0)
    throw new RangeError('fitGammaGamma needs at least one customer with x ≥ 1 and a positive meanValue');
  let sum = 0;
  for (const m of ms) sum += m;
  // E[spend] = pγ/(q−1): start with γ so that the prior mean equals the observed mean.
  const lnMean = Math.log(sum / ms.length);
  const ln = Math.log;
  const starts = [
    [0, ln(2), lnMean],
    [ln(5), ln(3), lnMean + ln(2 / 5)],
    [ln(0.5), ln(1.5), lnMean + ln(1)],
    [ln(20), ln(10), lnMean + ln(9 / 20)],
  ];
  const lower = [-LOG_BOUND, -LOG_BOUND, lnMean - 2 * LOG_BOUND];
  const upper = [LOG_BOUND, LOG_BOUND, lnMean + 2 * LOG_BOUND];
  const n = ms.length;
  const g = new Float64Array(3);
  const objective: ObjectiveWithGradient = (lp, grad) => {
    const ll = logLikelihood(d, { p: Math.exp(lp[0]!), q: Math.exp(lp[1]!), gamma: Math.exp(lp[2]!) }, g);
    for (let i = 0; i < 3; i++) grad[i] = -g[i]! / n;
    return Number.isFinite(ll) ? -ll / n : Number.POSITIVE_INFINITY;
  };
  const result = minimizeBounded(objective, { lower, upper, starts, maxIterations: 200 });
  const info = observedInformation(objective, result.x, n);
  const se = [0, 1, 2].map((i) =>
    standardErrorOf(
      info,
      [0, 1, 2].map((j) => (j === i ? 1 : 0)),
    ),
  );
  const [p, q, gamma] = result.x.map(Math.exp) as [number, number, number];
  const near = Math.log(100);
  // d ln(pγ/(q−1)) = d ln p + d ln γ − q/(q−1) d ln q.
  const meanSE = q > 1 ? standardErrorOf(info, [1, -q / (q - 1), 1]) : Number.POSITIVE_INFINITY;
  const gradient = new Float64Array(3);
  objective(Float64Array.from(result.x), gradient);
  const atOptimum =
    Number.isFinite(result.f) &&
    remainingGain(
      info,
      Array.from(gradient, (v) => v * n),
    ) <= 0.01;
  return {
    p,
    q,
    gamma,
    logLikelihood: -result.f * n,
    converged: result.converged,
    atBound: PARAM_NAMES.filter((_, i) => result.x[i]! - lower[i]! < near || upper[i]! - result.x[i]! < near),
    logStandardErrors: { p: se[0]!, q: se[1]!, gamma: se[2]! },
    unidentified: PARAM_NAMES.filter((_, i) => !(se[i]! <= 1)),
    stable: atOptimum && q > 1 && meanSE <= 0.5,
    logStandardErrorOfMean: meanSE,
  };
}

/**
 * E[mean transaction value | x, m] = p(γ + m x) / (p x + q − 1): the customer's own mean shrunk
 * towards the population mean pγ/(q−1) (the note's eq. 6). For x = 0 it is the population mean.
 * Where the model has no finite mean (p x + q ≤ 1), the customer's own meanValue is returned rather
 * than Infinity.
 * @example gammaGammaExpectedValue({ p: 6.25, q: 3.74, gamma: 15.44 }, { x: 2, meanValue: 30 }) // ≈ 30.5
 */
export function gammaGammaExpectedValue(g: GammaGammaParams, c: SpendSummary): number {
  checkParams(g);
  if (!Number.isFinite(c.x) || !Number.isFinite(c.meanValue) || c.x < 0)
    throw new RangeError('gammaGammaExpectedValue: x must be a non-negative number and meanValue finite');
  const x = c.x >= 1 ? c.x : 0;
  const m = x > 0 ? Math.max(c.meanValue, 0) : 0;
  const denominator = g.p * x + g.q - 1;
  if (!(denominator > 0)) return Math.max(c.meanValue, 0);
  const v = (g.p * (g.gamma + m * x)) / denominator;
  return Number.isFinite(v) ? v : Math.max(c.meanValue, 0);
}
