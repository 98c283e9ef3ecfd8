import { describe, expect, test } from 'vitest';
import { digamma, lgamma, logAddExp, logBeta, logisticOfMinus, softplus } from './special-functions';

describe('lgamma', () => {
  test.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [10, Math.log(362880)],
    [171, 706.5730622457874],
    [1e-8, 18.420680738180209],
    [1e6, 12815504.569147613],
  ])('lgamma(%d) = %d', (x, want) => {
    expect(lgamma(x)).toBeCloseTo(want, 10);
    expect(Math.abs(lgamma(x) - want)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want)) + 1e-13);
  });
  test('is NaN outside its domain instead of a wrong number', () => {
    expect(lgamma(0)).toBeNaN();
    expect(lgamma(-1)).toBeNaN();
    expect(lgamma(Number.NaN)).toBeNaN();
  });
});

describe('digamma', () => {
  test.each([
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [2, 0.42278433509846713],
    [10, 2.251752589066721],
    [1e-6, -1000000.57721402],
    [1000, 6.907255195648812],
  ])('digamma(%d) = %d', (x, want) => {
    expect(Math.abs(digamma(x) - want)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(want)));
  });
  test('is the derivative of lgamma', () => {
    for (const x of [0.01, 0.3, 1.7, 6, 42]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((lgamma(x + h) - lgamma(x - h)) / (2 * h), 6);
    }
  });
});

describe('log-space helpers', () => {
  test.each([
    [0, 0, Math.LN2],
    [1000, 0, 1000],
    [-1000, 0, 0],
    [Number.NEGATIVE_INFINITY, 3, 3],
    [3, Number.NEGATIVE_INFINITY, 3],
  ])('logAddExp(%d, %d) = %d', (a, b, want) => expect(logAddExp(a, b)).toBeCloseTo(want, 12));
  test.each([
    [0, Math.LN2],
    [800, 800],
    [-800, 0],
  ])('softplus(%d) = %d', (x, want) => expect(softplus(x)).toBeCloseTo(want, 12));
  test.each([
    [0, 0.5],
    [2000, 0],
    [-2000, 1],
    [Number.POSITIVE_INFINITY, 0],
    [Number.NEGATIVE_INFINITY, 1],
  ])('logisticOfMinus(%d) = %d', (x, want) => expect(logisticOfMinus(x)).toBe(want));
  test('logBeta(2, 3) = ln(1/12)', () => expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13));
});
