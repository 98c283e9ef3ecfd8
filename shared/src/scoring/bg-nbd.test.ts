import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type BgNbdParams,
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesAt,
  bgNbdExpectedPurchasesNew,
  bgNbdInternals,
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodGradient,
  bgNbdMedianTimeToNextPurchase,
  bgNbdPAlive,
  bgNbdProbabilityOfPurchase,
  fitBgNbd,
} from './bg-nbd';

// CDNOW, full precision (BTYD walkthrough).
const CDNOW: BgNbdParams = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };

const positive = (min: number, max: number) =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map(Math.exp);
const params = fc.record({
  r: positive(1e-3, 1e3),
  alpha: positive(1e-2, 1e3),
  a: positive(1e-3, 1e3),
  b: positive(1e-3, 1e3),
});
/** A customer summary: x repeat purchases, the last at tx ≤ T. */
const history = fc
  .record({
    x: fc.integer({ min: 0, max: 1000 }),
    T: fc.double({ min: 0, max: 1000, noNaN: true }),
    f: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, f }) => ({ x, T, tx: x > 0 ? f * T : 0 }));

describe('bgNbdPAlive', () => {
  test.each([
    // x = 0: alive by the model's assumption (dropout happens only after a purchase).
    [{ x: 0, tx: 0, T: 100 }, 1],
    // The extreme: 1000 purchases in 10 weeks, then 90 silent weeks.
    [{ x: 1000, tx: 10, T: 100 }, 0],
    // Last purchase right now: 1 / (1 + a/(b+x−1)).
    [{ x: 1, tx: 30, T: 30 }, 1 / (1 + CDNOW.a / CDNOW.b)],
    // By hand: 1 / (1 + 0.79299/3.42617 · (43.2737/34.8437)^2.2426) = 0.72661.
    [{ x: 2, tx: 30.43, T: 38.86 }, 0.72661],
  ])('%j → %d', (c, want) => {
    const p = bgNbdPAlive(CDNOW, c);
    expect(p).toBeCloseTo(want, 4);
  });

  test('is exactly 0, not NaN, and raises no error for absurd histories', () => {
    expect(bgNbdPAlive(CDNOW, { x: 1000, tx: 10, T: 100 })).toBe(0);
    expect(bgNbdPAlive(CDNOW, { x: 1e6, tx: 1e-9, T: 1e6 })).toBe(0);
    expect(bgNbdExpectedPurchases(CDNOW, { x: 1000, tx: 10, T: 100 }, 52)).toBe(0);
    expect(bgNbdProbabilityOfPurchase(CDNOW, { x: 1000, tx: 10, T: 100 }, 52)).toBe(0);
  });

  test('refuses impossible input with a message naming it', () => {
    expect(() => bgNbdPAlive(CDNOW, { x: 2, tx: 50, T: 40 })).toThrow(/tx \(50\) must not exceed T \(40\)/);
    expect(() => bgNbdPAlive(CDNOW, { x: Number.NaN, tx: 1, T: 2 })).toThrow(/finite/);
    expect(() => bgNbdPAlive({ ...CDNOW, a: 0 }, { x: 1, tx: 1, T: 2 })).toThrow(/parameter a/);
  });

  test.each([0.5, 1.5, 2.000001])(
    'refuses a fractional x = %d (it counts transactions) instead of NaN',
    (x) => {
      // With b < 1 and 0 < x < 1, b+x−1 is negative: before the check P(alive) came out NaN.
      const p = { r: 0.2426, alpha: 4.414, a: 0.793, b: 0.3 };
      const c = { x, tx: 1, T: 2 };
      const message = new RegExp(`x \\(${x}\\) must be a whole number`);
      expect(() => bgNbdPAlive(p, c)).toThrow(message);
      expect(() => bgNbdExpectedPurchases(p, c, 10)).toThrow(message);
      expect(() => bgNbdProbabilityOfPurchase(p, c, 10)).toThrow(message);
      expect(() => bgNbdLogLikelihood(p, [c])).toThrow(
        /fitBgNbd customers\[0\]: x \(.*\) must be a whole number/,
      );
      expect(() => fitBgNbd([{ x: 1, tx: 1, T: 2 }, c])).toThrow(/customers\[1\]: x/);
    },
  );

  test('property: in [0, 1]; falls as silence grows (T up); rises with a later last purchase (tx up)', () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0, max: 100, noNaN: true }), (p, c, d) => {
        const v = bgNbdPAlive(p, c);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(bgNbdPAlive(p, { ...c, T: c.T + d })).toBeLessThanOrEqual(v);
        if (c.x > 0) expect(bgNbdPAlive(p, { ...c, tx: Math.min(c.T, c.tx + d) })).toBeGreaterThanOrEqual(v);
      }),
    );
  });
});

describe('bgNbdExpectedPurchases', () => {
  test('reproduces the paper’s example: 1.226 purchases in weeks 40-78 for x = 2, tx = 30.43, T = 38.86', () => {
    expect(bgNbdExpectedPurchases(CDNOW, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  test.each([
    [0, 0],
    [-5, 0],
  ])('t = %d gives %d', (t, want) => {
    expect(bgNbdExpectedPurchases(CDNOW, { x: 2, tx: 30, T: 38 }, t)).toBe(want);
    expect(bgNbdExpectedPurchasesNew(CDNOW, t)).toBe(want);
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses a horizon t = %d with a message naming it, rather than returning 0',
    (t) => {
      const c = { x: 2, tx: 30, T: 38 };
      expect(() => bgNbdExpectedPurchases(CDNOW, c, t)).toThrow(
        `bgNbdExpectedPurchases: the horizon t must be a finite number of periods (got t=${t})`,
      );
      expect(() => bgNbdExpectedPurchasesNew(CDNOW, t)).toThrow(
        `bgNbdExpectedPurchasesNew: the horizon t must be a finite number of periods (got t=${t})`,
      );
      expect(() => bgNbdExpectedPurchasesAt(CDNOW, c, [4, t])).toThrow(
        /ts\[1\]: the horizon t must be a finite/,
      );
    },
  );

  test('the new-customer expectation is the conditional one at x = 0, T = 0', () => {
    for (const t of [1, 10, 39, 78, 520])
      expect(bgNbdExpectedPurchasesNew(CDNOW, t)).toBeCloseTo(
        bgNbdExpectedPurchases(CDNOW, { x: 0, tx: 0, T: 0 }, t),
        12,
      );
  });

  test('for small t it approaches P(alive) · (r+x)/(α+T) · t (the current purchase rate)', () => {
    const c = { x: 3, tx: 20, T: 30 };
    const t = 1e-6;
    const rate = (bgNbdPAlive(CDNOW, c) * (CDNOW.r + c.x)) / (CDNOW.alpha + c.T);
    expect(bgNbdExpectedPurchases(CDNOW, c, t) / t).toBeCloseTo(rate, 6);
  });

  test('is finite at a = 1 exactly, where the textbook formula divides by zero', () => {
    const p = { ...CDNOW, a: 1 };
    const v = bgNbdExpectedPurchases(p, { x: 2, tx: 30, T: 38 }, 39);
    expect(Number.isFinite(v)).toBe(true);
    const near = bgNbdExpectedPurchases({ ...p, a: 1 + 1e-7 }, { x: 2, tx: 30, T: 38 }, 39);
    expect(v).toBeCloseTo(near, 6);
  });

  test('several horizons at once equal one at a time', () => {
    const c = { x: 4, tx: 25, T: 38 };
    const ts = [4, 13, 26, 52];
    const many = bgNbdExpectedPurchasesAt(CDNOW, c, ts);
    ts.forEach((t, i) => {
      expect(many[i]).toBeCloseTo(bgNbdExpectedPurchases(CDNOW, c, t), 13);
    });
  });

  test('property: finite, non-negative, increasing in t, and never above the purchases of a customer who never drops out', () => {
    fc.assert(
      fc.property(params, history, positive(1e-3, 5000), positive(1e-3, 5000), (p, c, t1, t2) => {
        const [lo, hi] = t1 < t2 ? [t1, t2] : [t2, t1];
        const e1 = bgNbdExpectedPurchases(p, c, lo);
        const e2 = bgNbdExpectedPurchases(p, c, hi);
        expect(Number.isFinite(e1) && e1 >= 0).toBe(true);
        // Within the evaluation's documented accuracy (1e-7 relative).
        expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-7));
        // Without dropout the expectation is the posterior mean rate times t.
        const noDropout = ((p.r + c.x) / (p.alpha + c.T)) * hi;
        expect(e2).toBeLessThanOrEqual(noDropout * (1 + 1e-9) + 1e-12);
        const n = bgNbdExpectedPurchasesNew(p, hi);
        expect(Number.isFinite(n) && n >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    // Ordinary, a = 1, tiny and huge shape parameters, long horizons.
    [CDNOW, 0, 0, 39],
    [CDNOW, 2, 38.86, 39],
    [{ r: 2, alpha: 3, a: 1, b: 0.5 }, 5, 20, 200],
    [{ r: 0.05, alpha: 10, a: 5, b: 20 }, 0, 10, 900],
    [{ r: 1, alpha: 1, a: 0.1, b: 0.1 }, 10, 30, 30],
    [{ r: 802.66, alpha: 11532.5, a: 5.4257e-5, b: 14391 }, 10, 100, 1],
    [{ r: 0.0037, alpha: 273.1, a: 952.8, b: 281.6 }, 48, 38.6, 189.5],
  ])('series and quadrature agree: %j x=%d T=%d t=%d', (p, x, T, t) => {
    const series = bgNbdInternals.seriesIfAlive(p, x, T, t);
    const quad = bgNbdInternals.quadratureIfAlive(p, x, T, t);
    expect(series).toBeDefined();
    expect(Math.abs(series! - quad) / series!).toBeLessThan(1e-8);
  });

  test('property: where both apply, series and quadrature agree to 1e-7', () => {
    fc.assert(
      fc.property(params, history, positive(1e-2, 2000), (p, c, t) => {
        const series = bgNbdInternals.seriesIfAlive(p, c.x, c.T, t);
        fc.pre(series !== undefined);
        const quad = bgNbdInternals.quadratureIfAlive(p, c.x, c.T, t);
        expect(Math.abs(series! - quad) / series!).toBeLessThan(1e-7);
      }),
      { numRuns: 300 },
    );
  });

  test('beyond the series’ reach (z > 0.99) the quadrature still gives a sound figure', () => {
    const c = { x: 0, tx: 0, T: 0 };
    const p = { ...CDNOW, alpha: 0.01 };
    expect(bgNbdInternals.seriesIfAlive(p, 0, 0, 52)).toBeUndefined();
    const v = bgNbdExpectedPurchases(p, c, 52);
    expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(bgNbdExpectedPurchases(p, c, 104)).toBeGreaterThan(v);
  });
});

describe('bgNbdProbabilityOfPurchase and bgNbdMedianTimeToNextPurchase', () => {
  test('the chance of a purchase never exceeds P(alive) and grows with t', () => {
    const c = { x: 3, tx: 20, T: 38 };
    const pa = bgNbdPAlive(CDNOW, c);
    const p1 = bgNbdProbabilityOfPurchase(CDNOW, c, 4);
    const p2 = bgNbdProbabilityOfPurchase(CDNOW, c, 52);
    expect(p1).toBeLessThan(p2);
    expect(p2).toBeLessThan(pa);
    expect(bgNbdProbabilityOfPurchase(CDNOW, c, 1e9)).toBeCloseTo(pa, 6);
  });

  test('half of the alive customers buy within the median wait', () => {
    const c = { x: 3, tx: 20, T: 38 };
    const m = bgNbdMedianTimeToNextPurchase(CDNOW, c);
    expect(bgNbdProbabilityOfPurchase(CDNOW, c, m) / bgNbdPAlive(CDNOW, c)).toBeCloseTo(0.5, 12);
  });
});

describe('bgNbdLogLikelihood and fitBgNbd', () => {
  const customers = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 1, tx: 1.71, T: 38.86 },
    { x: 0, tx: 0, T: 30 },
    { x: 5, tx: 29, T: 32 },
  ];
  test('the analytic gradient matches central differences', () => {
    const g = bgNbdLogLikelihoodGradient(CDNOW, customers);
    const keys = ['r', 'alpha', 'a', 'b'] as const;
    keys.forEach((k, i) => {
      const h = 1e-6;
      const up = bgNbdLogLikelihood({ ...CDNOW, [k]: CDNOW[k] * Math.exp(h) }, customers);
      const down = bgNbdLogLikelihood({ ...CDNOW, [k]: CDNOW[k] * Math.exp(-h) }, customers);
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  test('the likelihood of one customer matches the closed form (Hardie’s note, eq. 4)', () => {
    const { r, alpha, a, b } = CDNOW;
    const [x, tx, T] = [2, 30.43, 38.86];
    const B = (p: number, q: number) => Math.exp(lgammaRef(p) + lgammaRef(q) - lgammaRef(p + q));
    const common = (Math.exp(lgammaRef(r + x) - lgammaRef(r)) * alpha ** r) / B(a, b);
    const L = common * (B(a, b + x) / (alpha + T) ** (r + x) + B(a + 1, b + x - 1) / (alpha + tx) ** (r + x));
    expect(bgNbdLogLikelihood(CDNOW, [{ x, tx, T }])).toBeCloseTo(Math.log(L), 10);
  });

  test('refuses an empty list with a message', () => {
    expect(() => fitBgNbd([])).toThrow(/at least one customer/);
  });

  test('recovers the parameters it simulated from', () => {
    const truth = { r: 0.8, alpha: 6, a: 0.9, b: 3 };
    const sim = simulate(truth, 4000, 52, 20240501);
    const fit = fitBgNbd(sim);
    expect(fit.converged).toBe(true);
    expect(fit.atBound).toEqual([]);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(Math.abs(Math.log(fit[k] / truth[k]))).toBeLessThan(0.35);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, sim));
  });

  test('flags parameters the data cannot identify (no repeat purchase at all) and calls the fit unstable', () => {
    const fit = fitBgNbd(Array.from({ length: 50 }, (_, i) => ({ x: 0, tx: 0, T: 10 + i })));
    // Without repeat purchases nothing is known about dropout: a and b are not identified.
    expect(fit.unidentified).toEqual(expect.arrayContaining(['a', 'b']));
    expect(fit.stable).toBe(false);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
  });

  test('one dropout rate for everyone: a and b run off together, yet the fit is stable (a/(a+b) is known)', () => {
    // Simulated with Beta(a, b) very concentrated at 0.2: in effect a single dropout probability.
    const sim = simulate({ r: 1.5, alpha: 10, a: 2000, b: 8000 }, 3000, 52, 11);
    const fit = fitBgNbd(sim);
    expect(fit.stable).toBe(true);
    expect(fit.a / (fit.a + fit.b)).toBeCloseTo(0.2, 1);
    expect(fit.logStandardErrorOfMeans.dropout).toBeLessThan(0.2);
  });

  test('gives small standard errors where the data are rich', () => {
    const fit = fitBgNbd(simulate({ r: 0.8, alpha: 6, a: 0.9, b: 3 }, 4000, 52, 7));
    expect(fit.unidentified).toEqual([]);
    expect(fit.stable).toBe(true);
    for (const se of Object.values(fit.logStandardErrors)) expect(se).toBeLessThan(0.5);
  });
});

/** Reference ln Γ by Stirling's series after a shift (independent of the implementation under test). */
function lgammaRef(x: number): number {
  let shift = 0;
  let v = x;
  while (v < 20) {
    shift -= Math.log(v);
    v++;
  }
  return (
    shift +
    (v - 0.5) * Math.log(v) -
    v +
    0.5 * Math.log(2 * Math.PI) +
    1 / (12 * v) -
    1 / (360 * v ** 3) +
    1 / (1260 * v ** 5)
  );
}

/** Simulates BG/NBD histories over T periods (seeded), all customers starting at time 0. */
function simulate(p: BgNbdParams, n: number, T: number, seed: number) {
  let s = seed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gamma = (shape: number): number => {
    // Marsaglia & Tsang, with the shape < 1 boost.
    if (shape < 1) return gamma(shape + 1) * rnd() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let z: number;
      let v: number;
      do {
        z = Math.sqrt(-2 * Math.log(rnd() || 1e-300)) * Math.cos(2 * Math.PI * rnd());
        v = 1 + c * z;
      } while (v <= 0);
      v = v ** 3;
      const u = rnd();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return Array.from({ length: n }, () => {
    const lambda = gamma(p.r) / p.alpha;
    const ga = gamma(p.a);
    const dropout = ga / (ga + gamma(p.b));
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(1 - rnd()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (rnd() < dropout) break;
    }
    return { x, tx, T };
  });
}
