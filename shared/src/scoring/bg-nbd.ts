// BG/NBD: the beta-geometric / negative binomial distribution model of repeat buying
// (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2); the
// formulas below follow their note "Implementing the BG/NBD model", brucehardie.com/notes/004).
// While active a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out
// with probability p ~ Beta(a, b). A customer's history is summarised as x repeat transactions, the
// time t_x of the last one and the time T since the first purchase, all in one time unit (a "period").
import {
  minimizeBounded,
  type ObjectiveWithGradient,
  observedInformation,
  remainingGain,
  standardErrorOf,
} from './bounded-minimizer';
import { digamma, lgamma, logBeta, logisticOfMinus } from './special-functions';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** Total log-likelihood at the optimum (natural log, summed over customers). */
  logLikelihood: number;
  /** False when the optimiser stopped without meeting its tolerance: treat the fit as unstable. */
  converged: boolean;
  /**
   * Parameters that ended on or near (within a factor of 100 of) the search box's edge: the likelihood is
   * flat towards it and the data cannot identify them. Such a fit should not be used for decisions.
   */
  atBound: (keyof BgNbdParams)[];
  /**
   * Standard errors of ln r, ln α, ln a, ln b (about the relative standard errors of the parameters),
   * from the observed information; Infinity where the data leave a direction flat.
   */
  logStandardErrors: Record<keyof BgNbdParams, number>;
  /** Parameters not pinned down within a factor of e (standard error of the log above 1). */
  unidentified: (keyof BgNbdParams)[];
  /**
   * Whether the fit can be used: at its optimum along every direction the data identify (at most 0.01
   * of log-likelihood left to gain there), with the two things the predictions rest on, the mean
   * purchase rate r/α and the mean dropout a/(a+b), each known within about ±50% (standard error of
   * its log at most 0.5). Heterogeneity drifting to a bound (r or a+b very large: everyone alike) is
   * harmless to predictions and does not make a fit unstable.
   */
  stable: boolean;
  /** Standard errors of ln(r/α) and ln(a/(a+b)). */
  logStandardErrorOfMeans: { purchaseRate: number; dropout: number };
}

/** One customer's summary: repeat transactions, time of the last one, time since the first purchase. */
export interface RepeatSummary {
  x: number;
  tx: number;
  T: number;
}

const PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

function checkSummary(c: RepeatSummary, where: string): void {
  const { x, tx, T } = c;
  if (!(Number.isFinite(x) && Number.isFinite(tx) && Number.isFinite(T)))
    throw new RangeError(`${where}: x, tx and T must be finite numbers (got x=${x}, tx=${tx}, T=${T})`);
  if (x < 0 || tx < 0 || T < 0) throw new RangeError(`${where}: x, tx and T must not be negative`);
  // x counts transactions: a fraction means nothing to the model and can make b+x−1 negative (NaN P(alive)).
  if (!Number.isInteger(x))
    throw new RangeError(`${where}: x (${x}) must be a whole number: it counts repeat transactions`);
  // A tiny tolerance: summaries computed from dates may carry rounding in the last bit.
  if (tx > T * (1 + 1e-12) + 1e-12)
    throw new RangeError(`${where}: tx (${tx}) must not exceed T (${T}): the last purchase lies after T`);
}

// A forecast horizon must be a number: NaN or ±Infinity would otherwise give 0 without a word.
const horizonError = (t: number, where: string) =>
  new RangeError(`${where}: the horizon t must be a finite number of periods (got t=${t})`);

function checkHorizon(t: number, where: string): void {
  if (!Number.isFinite(t)) throw horizonError(t, where);
}

function checkParams(p: BgNbdParams): void {
  for (const k of PARAM_NAMES)
    if (!(p[k] > 0 && Number.isFinite(p[k])))
      throw new RangeError(`BG/NBD parameter ${k} must be a positive finite number (got ${p[k]})`);
}

// ---------------------------------------------------------------------------------------------
// Likelihood

/**
 * Customers grouped by identical (x, tx, T), with indexes into the distinct values of x, T and tx: the
 * terms that depend on one of them only are computed once per distinct value and evaluation.
 */
interface PreparedData {
  weight: Float64Array;
  xSlot: Int32Array;
  TSlot: Int32Array;
  /** −1 when x = 0 (no t_x term). */
  txSlot: Int32Array;
  distinctX: Float64Array;
  distinctT: Float64Array;
  distinctTx: Float64Array;
  totalWeight: number;
}

function slotter(): { slot: (v: number) => number; values: () => Float64Array } {
  const slots = new Map<number, number>();
  return {
    slot: (v) => {
      let s = slots.get(v);
      if (s === undefined) {
        s = slots.size;
        slots.set(v, s);
      }
      return s;
    },
    values: () => Float64Array.from(slots.keys()),
  };
}

function prepare(customers: readonly RepeatSummary[]): PreparedData {
  const groups = new Map<string, { x: number; tx: number; T: number; w: number }>();
  customers.forEach((c, i) => {
    checkSummary(c, `fitBgNbd customers[${i}]`);
    const tx = c.x > 0 ? Math.min(c.tx, c.T) : 0;
    const key = `${c.x},${tx},${c.T}`;
    const g = groups.get(key);
    if (g) g.w++;
    else groups.set(key, { x: c.x, tx, T: c.T, w: 1 });
  });
  const n = groups.size;
  const xs = slotter();
  const Ts = slotter();
  const txs = slotter();
  const weight = new Float64Array(n);
  const xSlot = new Int32Array(n);
  const TSlot = new Int32Array(n);
  const txSlot = new Int32Array(n);
  let i = 0;
  for (const g of groups.values()) {
    weight[i] = g.w;
    xSlot[i] = xs.slot(g.x);
    TSlot[i] = Ts.slot(g.T);
    txSlot[i] = g.x > 0 ? txs.slot(g.tx) : -1;
    i++;
  }
  return {
    weight,
    xSlot,
    TSlot,
    txSlot,
    distinctX: xs.values(),
    distinctT: Ts.values(),
    distinctTx: txs.values(),
    totalWeight: customers.length,
  };
}

/**
 * Σ log-likelihood of the customers under (r, α, a, b), and, when `grad` is given, its gradient with
 * respect to (ln r, ln α, ln a, ln b). Per customer (Hardie's note, eq. 4, in log space):
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *        + ln[ (α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * with the last bracket summed by log-add-exp so neither term underflows.
 */
function logLikelihood(d: PreparedData, p: BgNbdParams, grad?: Float64Array): number {
  const { r, alpha, a, b } = p;
  const m = d.distinctX.length;
  // Terms that depend on x only.
  const termX = new Float64Array(m);
  const dR = new Float64Array(m);
  const dA = new Float64Array(m);
  const dB = new Float64Array(m);
  const lnBx1 = new Float64Array(m);
  const lgR = lgamma(r);
  const lgAB = lgamma(a + b);
  const lgB = lgamma(b);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  for (let k = 0; k < m; k++) {
    const x = d.distinctX[k]!;
    termX[k] = lgamma(r + x) - lgR + lgAB + lgamma(b + x) - lgB - lgamma(a + b + x);
    lnBx1[k] = x > 0 ? Math.log(b + x - 1) : 0;
    if (grad) {
      const psiABX = digamma(a + b + x);
      dR[k] = digamma(r + x) - psiR;
      dA[k] = psiAB - psiABX;
      dB[k] = psiAB + digamma(b + x) - psiB - psiABX;
    }
  }
  const lnAT = d.distinctT.map((T) => Math.log(alpha + T));
  const invAT = d.distinctT.map((T) => 1 / (alpha + T));
  const lnAtx = d.distinctTx.map((tx) => Math.log(alpha + tx));
  const invAtx = d.distinctTx.map((tx) => 1 / (alpha + tx));
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  let ll = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const n = d.weight.length;
  for (let i = 0; i < n; i++) {
    const k = d.xSlot[i]!;
    const x = d.distinctX[k]!;
    const w = d.weight[i]!;
    const rx = r + x;
    const ti = d.TSlot[i]!;
    const a3 = -rx * lnAT[ti]!;
    const j = d.txSlot[i]!;
    if (j < 0) {
      ll += w * (termX[k]! + r * lnAlpha + a3);
      if (grad) {
        gr += w * (dR[k]! + lnAlpha - lnAT[ti]!);
        gAlpha += w * (r / alpha - rx * invAT[ti]!);
        ga += w * dA[k]!;
        gb += w * dB[k]!;
      }
      continue;
    }
    const a4 = lnA - lnBx1[k]! - rx * lnAtx[j]!;
    // ln(e^a3 + e^a4) and the weight w4 = e^a4 / (e^a3 + e^a4) from one exponential.
    let tail: number;
    let w4: number;
    if (a4 <= a3) {
      const e = Math.exp(a4 - a3);
      tail = a3 + Math.log1p(e);
      w4 = e / (1 + e);
    } else {
      const e = Math.exp(a3 - a4);
      tail = a4 + Math.log1p(e);
      w4 = 1 / (1 + e);
    }
    ll += w * (termX[k]! + r * lnAlpha + tail);
    if (grad) {
      const w3 = 1 - w4;
      gr += w * (dR[k]! + lnAlpha - w3 * lnAT[ti]! - w4 * lnAtx[j]!);
      gAlpha += w * (r / alpha - rx * (w3 * invAT[ti]! + w4 * invAtx[j]!));
      ga += w * (dA[k]! + w4 / a);
      gb += w * (dB[k]! - w4 / (b + x - 1));
    }
  }
  if (grad) {
    grad[0] = gr * r;
    grad[1] = gAlpha * alpha;
    grad[2] = ga * a;
    grad[3] = gb * b;
  }
  return ll;
}

/**
 * The BG/NBD log-likelihood of customers under given parameters (natural log, summed).
 * @example bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, [{ x: 2, tx: 30.43, T: 38.86 }])
 */
export function bgNbdLogLikelihood(p: BgNbdParams, customers: readonly RepeatSummary[]): number {
  checkParams(p);
  return logLikelihood(prepare(customers), p);
}

/** Gradient of the log-likelihood with respect to (ln r, ln α, ln a, ln b): exposed for tests. */
export function bgNbdLogLikelihoodGradient(p: BgNbdParams, customers: readonly RepeatSummary[]): number[] {
  const g = new Float64Array(4);
  logLikelihood(prepare(customers), p, g);
  return [...g];
}

// Search box for the parameters: wide enough for any real data set (the time unit only rescales α,
// which the box follows), narrow enough that every formula stays finite.
const LOG_BOUND = Math.log(1e5);

/**
 * Fits BG/NBD by maximum likelihood: projected BFGS on the log-parameters with analytic gradients,
 * from four starts scaled to the data's purchase rate.
 * @example fitBgNbd(summaries) // CDNOW sample, weeks: { r: 0.2426, alpha: 4.4137, a: 0.7930, b: 2.4262, logLikelihood: -9582.43, ... }
 */
export function fitBgNbd(customers: readonly RepeatSummary[]): BgNbdFit {
  if (customers.length === 0) throw new RangeError('fitBgNbd needs at least one customer summary');
  const d = prepare(customers);
  let sumX = 0;
  let sumT = 0;
  for (const c of customers) {
    sumX += c.x;
    sumT += c.T;
  }
  // Scale of α: the time unit. r/α is the mean purchase rate, so α ≈ r / (observed rate).
  const rate = Math.max(sumX / Math.max(sumT, 1e-12), 1e-6);
  const lnAlpha0 = Math.log(1 / rate);
  const lnScale = Math.max(Math.log(Math.max(sumT / customers.length, 1e-12)), -LOG_BOUND);
  const lower = [-LOG_BOUND, Math.min(lnScale, lnAlpha0) - LOG_BOUND, -LOG_BOUND, -LOG_BOUND];
  const upper = [LOG_BOUND, Math.max(lnScale, lnAlpha0) + LOG_BOUND, LOG_BOUND, LOG_BOUND];
  const ln = Math.log;
  const starts = [
    [0, lnAlpha0, 0, 0],
    [ln(0.3), lnAlpha0 + ln(0.3), ln(0.5), ln(2)],
    [ln(3), lnAlpha0 + ln(3), ln(2), ln(5)],
    [ln(0.1), lnAlpha0 + ln(0.1), ln(0.2), ln(0.5)],
  ];
  const total = d.totalWeight;
  const g = new Float64Array(4);
  const objective: ObjectiveWithGradient = (lp, grad) => {
    const p = { r: Math.exp(lp[0]!), alpha: Math.exp(lp[1]!), a: Math.exp(lp[2]!), b: Math.exp(lp[3]!) };
    const ll = logLikelihood(d, p, g);
    // Mean negative log-likelihood: the tolerance then means the same for 100 or 100,000 customers.
    for (let i = 0; i < 4; i++) grad[i] = -g[i]! / total;
    return Number.isFinite(ll) ? -ll / total : Number.POSITIVE_INFINITY;
  };
  const result = minimizeBounded(objective, { lower, upper, starts, maxIterations: 200 });
  const info = observedInformation(objective, result.x, total);
  const se = [0, 1, 2, 3].map((i) =>
    standardErrorOf(
      info,
      [0, 1, 2, 3].map((j) => (j === i ? 1 : 0)),
    ),
  );
  const [r, alpha, a, b] = result.x.map(Math.exp) as [number, number, number, number];
  const near = Math.log(100);
  // d ln(r/α) = d ln r − d ln α;  d ln(a/(a+b)) = b/(a+b) · (d ln a − d ln b).
  const rateSE = standardErrorOf(info, [1, -1, 0, 0]);
  const w = b / (a + b);
  const dropoutSE = standardErrorOf(info, [0, 0, w, -w]);
  const gradient = new Float64Array(4);
  objective(Float64Array.from(result.x), gradient);
  const atOptimum =
    remainingGain(
      info,
      Array.from(gradient, (v) => v * total),
    ) <= 0.01;
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: -result.f * total,
    converged: result.converged,
    atBound: PARAM_NAMES.filter((_, i) => result.x[i]! - lower[i]! < near || upper[i]! - result.x[i]! < near),
    logStandardErrors: { r: se[0]!, alpha: se[1]!, a: se[2]!, b: se[3]! },
    unidentified: PARAM_NAMES.filter((_, i) => !(se[i]! <= 1)),
    stable: Number.isFinite(result.f) && atOptimum && rateSE <= 0.5 && dropoutSE <= 0.5,
    logStandardErrorOfMeans: { purchaseRate: rateSE, dropout: dropoutSE },
  };
}

// ---------------------------------------------------------------------------------------------
// Individual-level quantities

/**
 * ln of the odds that the customer has dropped out, given (x, tx, T):
 *   a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)   (FHL 2005 eq. 13), −∞ for x = 0.
 */
function logOddsDead(p: BgNbdParams, c: RepeatSummary): number {
  if (c.x <= 0) return Number.NEGATIVE_INFINITY;
  const tx = Math.min(c.tx, c.T);
  return (
    Math.log(p.a) - Math.log(p.b + c.x - 1) + (p.r + c.x) * (Math.log(p.alpha + c.T) - Math.log(p.alpha + tx))
  );
}

/**
 * P(alive | x, t_x, T): the probability that the customer has not dropped out (FHL 2005 eq. 13),
 * in closed form, evaluated as a logistic of the log-odds so it is exactly 0 or 1 in the limits rather
 * than NaN. By the model's assumption (dropout happens only right after a purchase) it is 1 for x = 0.
 * @example bgNbdPAlive(params, { x: 1000, tx: 10, T: 100 }) // 0
 */
export function bgNbdPAlive(p: BgNbdParams, c: RepeatSummary): number {
  checkParams(p);
  checkSummary(c, 'bgNbdPAlive');
  return logisticOfMinus(logOddsDead(p, c));
}

/**
 * P(at least one purchase in (T, T+t] | x, t_x, T) = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)):
 * an alive customer cannot drop out before their next purchase, and their rate given the history is
 * Gamma(r+x, α+T). This is what "will they buy again within t" means, and what the holdout calibrates.
 */
export function bgNbdProbabilityOfPurchase(p: BgNbdParams, c: RepeatSummary, t: number): number {
  checkParams(p);
  checkSummary(c, 'bgNbdProbabilityOfPurchase');
  if (!(t > 0)) return 0;
  const pAlive = logisticOfMinus(logOddsDead(p, c));
  return pAlive * -Math.expm1(-(p.r + c.x) * Math.log1p(t / (p.alpha + c.T)));
}

/**
 * Median time from T to the next purchase if the customer is still alive: the waiting time is
 * Lomax((α+T), r+x), whose median is (α+T)(2^(1/(r+x)) − 1). In periods.
 */
export function bgNbdMedianTimeToNextPurchase(p: BgNbdParams, c: RepeatSummary): number {
  checkParams(p);
  checkSummary(c, 'bgNbdMedianTimeToNextPurchase');
  const v = (p.alpha + c.T) * Math.expm1(Math.LN2 / (p.r + c.x));
  return Number.isFinite(v) ? v : Number.MAX_VALUE;
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t periods (FHL 2005 eq. 10), as
 * P(alive) · G where G is the expectation for an alive customer (see expectedIfAlive). A horizon
 * t ≤ 0 gives 0; a NaN or infinite one is refused.
 * @example bgNbdExpectedPurchases(publishedFullPrecision, { x: 2, tx: 30.43, T: 38.86 }, 39) // 1.226 (FHL 2005 §5)
 */
export function bgNbdExpectedPurchases(p: BgNbdParams, c: RepeatSummary, t: number): number {
  checkParams(p);
  checkSummary(c, 'bgNbdExpectedPurchases');
  checkHorizon(t, 'bgNbdExpectedPurchases');
  if (!(t > 0)) return 0;
  const pAlive = logisticOfMinus(logOddsDead(p, c));
  if (pAlive === 0) return 0;
  return pAlive * expectedIfAlive(p, c.x, c.T, t);
}

/**
 * E[Y(t) | x, t_x, T] at several horizons at once (ascending t, in periods), computing P(alive) once:
 * what lifetime value needs for its discounting steps.
 */
export function bgNbdExpectedPurchasesAt(p: BgNbdParams, c: RepeatSummary, ts: readonly number[]): number[] {
  checkParams(p);
  checkSummary(c, 'bgNbdExpectedPurchasesAt');
  for (let i = 0; i < ts.length; i++)
    if (!Number.isFinite(ts[i])) throw horizonError(ts[i]!, `bgNbdExpectedPurchasesAt ts[${i}]`);
  const pAlive = logisticOfMinus(logOddsDead(p, c));
  // Below 1e-12 the expectation cannot show in any rounded figure: skip the series.
  if (pAlive < 1e-12) return ts.map(() => 0);
  return ts.map((t) => (t > 0 ? pAlive * expectedIfAlive(p, c.x, c.T, t) : 0));
}

/**
 * E[X(t)]: expected repeat purchases in the first t periods after a new customer's first purchase
 * (FHL 2005 eq. 9); the conditional expectation at x = 0, T = 0. A horizon t ≤ 0 gives 0; a NaN or
 * infinite one is refused.
 * @example bgNbdExpectedPurchasesNew(params, 39) // ≈ 1.47 for the CDNOW parameters
 */
export function bgNbdExpectedPurchasesNew(p: BgNbdParams, t: number): number {
  checkParams(p);
  checkHorizon(t, 'bgNbdExpectedPurchasesNew');
  if (!(t > 0)) return 0;
  return expectedIfAlive(p, 0, 0, t);
}

/**
 * G = E[purchases in the next t | alive] = E_p[(1 − (1 + p t/β)^−s) / p] with p ~ Beta(a, b+x),
 * s = r+x, β = α+T. In closed form (FHL eq. 10 without its P(alive) factor)
 *   G = C/(a−1) · [1 − (1−z)^s ₂F₁(s, b+x; C; z)],  C = a+b+x−1, z = t/(β+t).
 * That form has a removable singularity at a = 1 and, for large z, a series that needs thousands of
 * terms. Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z) turns it into
 *   G = C · (1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{n≥1} (a+b−1−r)_n (a)_(n−1) / ((C+1)_(n−1) n!) zⁿ
 * (every term beyond the first of ₂F₁(a+b−1−r, a−1; C; z) carries the factor a−1, which cancels),
 * which is finite at a = 1 and at C = 0. For z > 0.99, or when that sum cancels badly or has not
 * converged, the integral over p is computed instead by tanh-sinh quadrature.
 */
function expectedIfAlive(p: BgNbdParams, x: number, T: number, t: number): number {
  const series = z99Series(p, x, T, t);
  const g = series ?? betaMixtureQuadrature(p, x, T, t);
  return Number.isFinite(g) && g > 0 ? g : 0;
}

function z99Series(p: BgNbdParams, x: number, T: number, t: number): number | undefined {
  const { r, a, b } = p;
  const beta = p.alpha + T;
  const k = t / beta;
  const z = k / (1 + k);
  if (!(z <= 0.99)) return undefined;
  const C = a + b + x - 1;
  const lnOneMinusZ = -Math.log1p(k);
  // (1 − (1−z)^(a−1)) / (a−1), continuous through a = 1 where it is −ln(1−z).
  const y = (a - 1) * lnOneMinusZ;
  const q = Math.abs(y) < 1e-8 ? -lnOneMinusZ * (1 + y / 2) : -Math.expm1(y) / (a - 1);
  const A = a + b - 1 - r;
  let term = A * z;
  let sum = term;
  let magnitude = Math.abs(term);
  let converged = term === 0;
  for (let n = 1; n < 5000 && !converged; n++) {
    term *= ((A + n) * (a + n - 1) * z) / ((C + n) * (n + 1));
    sum += term;
    magnitude += Math.abs(term);
    if (n > Math.abs(A) + a + 2 && Math.abs(term) <= 1e-16 * Math.abs(sum)) converged = true;
    if (term === 0) converged = true;
  }
  if (!converged || !Number.isFinite(sum)) return undefined;
  const scaledSum = Math.exp(y) * sum;
  const g = C * q - scaledSum;
  // Heavy cancellation between the two parts (only for extreme b or a) loses digits: use the integral.
  if (!(g > 0) || (Math.abs(C * q) + Math.exp(y) * magnitude) / g > 1e7) return undefined;
  return g;
}

/**
 * G by quadrature: E[g(p)] for p ~ Beta(a, B), g(p) = (1 − (1+pk)^−s)/p, B = b+x, k = t/(α+T).
 * When a < 1 (or B < 1) the weight can pile nearly all its mass against p = 0 (or p = 1), closer than
 * any double can resolve, so the value of g at that end is taken out and integrated exactly:
 *   G = E[L] + ∫₀¹ (g(p) − L(p)) p^(a−1)(1−p)^(B−1)/B(a,B) dp,
 *   L(p) = g(0)(1−p)·[a<1] + g(1)p·[B<1],  E[L] = g(0)(1−μ)·[a<1] + g(1)μ·[B<1],  μ = a/(a+B),
 * leaving an integrand that vanishes at a singular end like p^a or (1−p)^B. (Taking the line out at a
 * regular end would only cancel digits: g(0) = sk can be huge.) The rest is tanh-sinh (Takahasi & Mori
 * 1974), split at the weight's mode when it has one inside so that a sharp peak sits where the nodes
 * crowd; the log-weight stays inside the exponential so 1/B(a,B) cannot overflow.
 */
function betaMixtureQuadrature(p: BgNbdParams, x: number, T: number, t: number): number {
  const { a } = p;
  const B = p.b + x;
  const s = p.r + x;
  const k = t / (p.alpha + T);
  const g0 = a < 1 ? s * k : 0;
  const g1 = B < 1 ? -Math.expm1(-s * Math.log1p(k)) : 0;
  const mu = a / (a + B);
  const line = g0 * (1 - mu) + g1 * mu;
  const lnBeta = logBeta(a, B);
  const f = (pp: number, cp: number) => {
    if (pp === 0 || cp === 0) return 0;
    const lnP = pp < 0.5 ? Math.log(pp) : Math.log1p(-cp);
    const ln1mP = pp < 0.5 ? Math.log1p(-pp) : Math.log(cp);
    const g = -Math.expm1(-s * Math.log1p(pp * k)) / pp;
    return (g - g0 * cp - g1 * pp) * Math.exp((a - 1) * lnP + (B - 1) * ln1mP - lnBeta);
  };
  const mode = a > 1 && B > 1 ? (a - 1) / (a + B - 2) : 0;
  const rest =
    mode > 0 && mode < 1 ? tanhSinh(f, 0, mode, line) + tanhSinh(f, mode, 1, line) : tanhSinh(f, 0, 1, line);
  return line + rest;
}

/**
 * ∫ f over [lo, hi] by tanh-sinh; f receives x and 1 − x (the latter exact near x = 1 when hi = 1).
 * Stops when two step sizes agree to 1e-13 of |offset + integral|.
 */
function tanhSinh(
  f: (x: number, oneMinusX: number) => number,
  lo: number,
  hi: number,
  offset: number,
): number {
  const width = hi - lo;
  const tMax = 6.5;
  const node = (t: number) => {
    const e = Math.PI * Math.sinh(t);
    const u = 1 / (1 + Math.exp(-e));
    const cu = 1 / (1 + Math.exp(e));
    if (u === 0 || cu === 0) return 0;
    const x = lo + width * u;
    const v = f(x, hi === 1 ? width * cu : 1 - x) * Math.PI * Math.cosh(t) * u * cu;
    return Number.isFinite(v) ? v : 0;
  };
  let h = 0.5;
  let sum = node(0);
  for (let t = h; t <= tMax; t += h) sum += node(t) + node(-t);
  let estimate = sum * h * width;
  for (let level = 0; level < 8; level++) {
    h /= 2;
    for (let t = h; t <= tMax; t += 2 * h) sum += node(t) + node(-t);
    const next = sum * h * width;
    if (Math.abs(next - estimate) <= 1e-13 * Math.abs(offset + next)) return next;
    estimate = next;
  }
  return estimate;
}

/** Exposed for tests: G by the series (undefined where it is not used) and by quadrature. */
export const bgNbdInternals = {
  seriesIfAlive: z99Series,
  quadratureIfAlive: betaMixtureQuadrature,
};
