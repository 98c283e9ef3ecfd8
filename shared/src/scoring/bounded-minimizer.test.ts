import { describe, expect, test } from 'vitest';
import { minimizeBounded } from './bounded-minimizer';

describe('minimizeBounded', () => {
  test('finds an interior minimum of the Rosenbrock function', () => {
    const r = minimizeBounded(
      (x, g) => {
        const [a, b] = [x[0]!, x[1]!];
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      {
        lower: [-5, -5],
        upper: [5, 5],
        starts: [
          [-1.2, 1],
          [3, -3],
        ],
      },
    );
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.atBound).toEqual([]);
  });

  test('stops on the bound when the minimum lies outside the box', () => {
    const r = minimizeBounded(
      (x, g) => {
        g[0] = 2 * (x[0]! - 10);
        g[1] = 2 * (x[1]! + 1);
        return (x[0]! - 10) ** 2 + (x[1]! + 1) ** 2;
      },
      { lower: [0, 0], upper: [3, 3], starts: [[1, 1]] },
    );
    expect(r.x).toEqual([3, 0]);
    expect(r.atBound).toEqual([0, 1]);
    expect(r.converged).toBe(true);
  });

  test('keeps the best of several starts on a function with two minima', () => {
    // f(x) = (x² − 1)² + 0.3x: the left minimum (near −1) is the lower one.
    const r = minimizeBounded(
      (x, g) => {
        const v = x[0]!;
        g[0] = 4 * v * (v * v - 1) + 0.3;
        return (v * v - 1) ** 2 + 0.3 * v;
      },
      { lower: [-3], upper: [3], starts: [[2], [-2]] },
    );
    expect(r.x[0]).toBeLessThan(-0.9);
  });

  test('says so when the objective is not finite anywhere it starts', () => {
    expect(() => minimizeBounded(() => Number.NaN, { lower: [0], upper: [1], starts: [[0.5]] })).toThrow(
      /not finite/,
    );
  });
});
