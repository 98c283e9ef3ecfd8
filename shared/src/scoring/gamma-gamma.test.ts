import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  fitGammaGamma,
  gammaGammaExpectedValue,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodGradient,
} from './gamma-gamma';

const CDNOW = { p: 6.25, q: 3.74, gamma: 15.44 };
const populationMean = (CDNOW.p * CDNOW.gamma) / (CDNOW.q - 1);

describe('gammaGammaExpectedValue', () => {
  test.each([
    // [x, meanValue, expected]: p(γ + m x) / (p x + q − 1)
    [0, 0, populationMean],
    [0, 999, populationMean],
    [1, 30, (6.25 * (15.44 + 30)) / (6.25 + 2.74)],
    [2, 30, (6.25 * (15.44 + 60)) / (12.5 + 2.74)],
    [100, 30, (6.25 * (15.44 + 3000)) / (625 + 2.74)],
  ])('x = %d, mean %d → %d', (x, m, want) => {
    expect(gammaGammaExpectedValue(CDNOW, { x, meanValue: m })).toBeCloseTo(want, 10);
  });

  test('shrinks the customer’s mean towards the population mean, less so with more purchases', () => {
    const own = 100;
    const v1 = gammaGammaExpectedValue(CDNOW, { x: 1, meanValue: own });
    const v10 = gammaGammaExpectedValue(CDNOW, { x: 10, meanValue: own });
    expect(v1).toBeGreaterThan(populationMean);
    expect(v1).toBeLessThan(own);
    expect(v10).toBeGreaterThan(v1);
  });

  test('returns the customer’s own mean where the model has no finite mean (px + q ≤ 1), never Infinity', () => {
    expect(gammaGammaExpectedValue({ p: 0.2, q: 0.5, gamma: 10 }, { x: 1, meanValue: 42 })).toBe(42);
    expect(gammaGammaExpectedValue({ p: 0.2, q: 0.5, gamma: 10 }, { x: 0, meanValue: 0 })).toBe(0);
  });

  test('property: finite and non-negative, between own mean and population mean', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.01, max: 1e6, noNaN: true }),
        (x, m) => {
          const v = gammaGammaExpectedValue(CDNOW, { x, meanValue: m });
          expect(Number.isFinite(v) && v >= 0).toBe(true);
          expect(v).toBeGreaterThanOrEqual(Math.min(m, populationMean) * (1 - 1e-12));
          expect(v).toBeLessThanOrEqual(Math.max(m, populationMean) * (1 + 1e-12));
        },
      ),
    );
  });
});

describe('fitGammaGamma', () => {
  const customers = [
    { x: 1, meanValue: 20 },
    { x: 3, meanValue: 35.5 },
    { x: 2, meanValue: 12 },
    { x: 6, meanValue: 80 },
    { x: 1, meanValue: 15 },
  ];
  test('the analytic gradient matches central differences', () => {
    const g = gammaGammaLogLikelihoodGradient(CDNOW, customers);
    (['p', 'q', 'gamma'] as const).forEach((k, i) => {
      const h = 1e-6;
      const up = gammaGammaLogLikelihood({ ...CDNOW, [k]: CDNOW[k] * Math.exp(h) }, customers);
      const down = gammaGammaLogLikelihood({ ...CDNOW, [k]: CDNOW[k] * Math.exp(-h) }, customers);
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  test('skips customers without repeat purchases or with no positive spend', () => {
    const withNoise = [...customers, { x: 0, meanValue: 0 }, { x: 2, meanValue: -5 }];
    expect(gammaGammaLogLikelihood(CDNOW, withNoise)).toBe(gammaGammaLogLikelihood(CDNOW, customers));
  });

  test('refuses data with nothing to fit, saying what is needed', () => {
    expect(() => fitGammaGamma([{ x: 0, meanValue: 10 }])).toThrow(/x ≥ 1 and a positive meanValue/);
  });

  test('recovers simulated parameters', () => {
    let s = 99;
    const rnd = () => {
      s = (s * 16807) % 2147483647;
      return s / 2147483647;
    };
    // Gamma(k, 1) for integer k as a sum of exponentials: p = 4, q = 5 (integers keep the sampler simple).
    const gammaInt = (k: number) => {
      let v = 0;
      for (let i = 0; i < k; i++) v -= Math.log(rnd());
      return v;
    };
    const truth = { p: 4, q: 5, gamma: 200 };
    const sim = Array.from({ length: 3000 }, () => {
      const nu = gammaInt(truth.q) / truth.gamma;
      const x = 1 + Math.floor(rnd() * 6);
      let sum = 0;
      for (let i = 0; i < x; i++) sum += gammaInt(truth.p) / nu;
      return { x, meanValue: sum / x };
    });
    const fit = fitGammaGamma(sim);
    expect(fit.converged).toBe(true);
    expect(fit.stable).toBe(true);
    // q and γ lie on a ridge: judge each against its own standard error, and the mean they imply directly.
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(Math.abs(Math.log(fit[k] / truth[k]))).toBeLessThan(3 * fit.logStandardErrors[k]);
    const mean = (f: typeof truth) => (f.p * f.gamma) / (f.q - 1);
    expect(Math.abs(mean(fit) / mean(truth) - 1)).toBeLessThan(0.05);
  });
});
