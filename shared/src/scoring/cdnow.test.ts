// Conformance on real data: the CDNOW sample (Fader, Hardie & Lee 2005), prepared the standard way
// (see ../shared/corpora/cdnow/REFERENCE.md). Reproduces the published BG/NBD and Gamma-Gamma fits and
// checks out-of-sample predictions on weeks 40-78.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { corpusPath, hasCorpus } from '../test-support/corpora';
import {
  type BgNbdFit,
  bgNbdExpectedPurchases,
  bgNbdLogLikelihood,
  bgNbdPAlive,
  bgNbdProbabilityOfPurchase,
  fitBgNbd,
} from './bg-nbd';
import { fitGammaGamma } from './gamma-gamma';
import { localDay, type PurchaseSummary, summarizePurchases, toEpochMs } from './summarize-purchases';

const CALIBRATION_END = new Date('1997-09-30T00:00:00Z');
const HOLDOUT_END = new Date('1998-06-30T00:00:00Z');
const HOLDOUT_WEEKS = 39;

// BTYD walkthrough (full precision) and the published log-likelihood.
const PUBLISHED = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const PUBLISHED_LL = -9582.429;
const PUBLISHED_GG = { p: 6.25, q: 3.74, gamma: 15.44 };

interface Row {
  customerId: string;
  at: string;
  amount: number;
}

function readSample(): Row[] {
  return readFileSync(corpusPath('cdnow', 'CDNOW_sample.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d/.test(l))
    .map((l) => {
      const [masterId, , date, , dollars] = l.split(/\s+/) as [string, string, string, string, string];
      return { customerId: masterId, at: date, amount: Number(dollars) };
    });
}

const relErr = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe.skipIf(!hasCorpus('cdnow'))('CDNOW sample: published fits', () => {
  let rows: Row[];
  let cal: PurchaseSummary[];
  let fit: BgNbdFit;
  beforeAll(() => {
    rows = readSample();
    cal = summarizePurchases(rows, { calibrationEnd: CALIBRATION_END, periodDays: 7 });
    fit = fitBgNbd(cal);
  });

  test('the standard preparation gives the 2,357-customer cohort and 946 repeat buyers', () => {
    expect(cal).toHaveLength(2357);
    const repeat = cal.filter((c) => c.x > 0);
    expect(repeat).toHaveLength(946);
    // A customer whose first purchase is on 1997-01-01 has T = 272 days = 38.86 weeks.
    expect(Math.max(...cal.map((c) => c.T))).toBeCloseTo(272 / 7, 10);
    const spend = repeat.map((c) => c.meanValue).sort((x, y) => x - y);
    const mean = spend.reduce((s, v) => s + v, 0) / spend.length;
    const median = (spend[472]! + spend[473]!) / 2;
    console.log(
      `CDNOW repeat spend: count ${spend.length}, mean ${mean.toFixed(2)}, median ${median.toFixed(2)}, min ${spend[0]}, max ${spend.at(-1)}`,
    );
    expect(mean).toBeCloseTo(35.08, 2);
    expect(median).toBeCloseTo(27.5, 2);
    expect(spend[0]).toBeCloseTo(2.99, 2);
    expect(spend.at(-1)).toBeCloseTo(299.63, 2);
  });

  test('BG/NBD reproduces the published ML parameters within 0.5% and the log-likelihood within 0.01', () => {
    console.table({
      r: { fitted: fit.r, published: PUBLISHED.r, relErr: relErr(fit.r, PUBLISHED.r) },
      alpha: { fitted: fit.alpha, published: PUBLISHED.alpha, relErr: relErr(fit.alpha, PUBLISHED.alpha) },
      a: { fitted: fit.a, published: PUBLISHED.a, relErr: relErr(fit.a, PUBLISHED.a) },
      b: { fitted: fit.b, published: PUBLISHED.b, relErr: relErr(fit.b, PUBLISHED.b) },
      logLikelihood: {
        fitted: fit.logLikelihood,
        published: PUBLISHED_LL,
        relErr: relErr(fit.logLikelihood, PUBLISHED_LL),
      },
    });
    expect(fit.converged).toBe(true);
    expect(fit.stable).toBe(true);
    expect(fit.atBound).toEqual([]);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relErr(fit[k], PUBLISHED[k])).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood - PUBLISHED_LL)).toBeLessThan(0.01);
    // The likelihood at the published parameters agrees too, and the fit is at least as good.
    expect(Math.abs(bgNbdLogLikelihood(PUBLISHED, cal) - PUBLISHED_LL)).toBeLessThan(0.01);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PUBLISHED, cal) - 1e-6);
  });

  test('the paper’s worked example: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks', () => {
    expect(bgNbdExpectedPurchases(PUBLISHED, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  test('Gamma-Gamma reproduces p, q, gamma within 1% on the 946 repeat buyers', () => {
    const gg = fitGammaGamma(cal.filter((c) => c.x > 0));
    console.table({
      p: { fitted: gg.p, published: PUBLISHED_GG.p, relErr: relErr(gg.p, PUBLISHED_GG.p) },
      q: { fitted: gg.q, published: PUBLISHED_GG.q, relErr: relErr(gg.q, PUBLISHED_GG.q) },
      gamma: {
        fitted: gg.gamma,
        published: PUBLISHED_GG.gamma,
        relErr: relErr(gg.gamma, PUBLISHED_GG.gamma),
      },
    });
    expect(gg.converged).toBe(true);
    for (const k of ['p', 'q', 'gamma'] as const) expect(relErr(gg[k], PUBLISHED_GG[k])).toBeLessThan(0.01);
  });

  test('holdout: fit on weeks 1-39, predict weeks 40-78 per customer', () => {
    // Actual repeat transactions (distinct days) per customer in the holdout weeks.
    const calDay = localDay(CALIBRATION_END.getTime(), 0);
    const endDay = localDay(HOLDOUT_END.getTime(), 0);
    const holdoutDays = new Map<string, Set<number>>();
    for (const r of rows) {
      const d = localDay(toEpochMs(r.at), 0);
      if (d > calDay && d <= endDay) {
        const set = holdoutDays.get(r.customerId) ?? new Set<number>();
        set.add(d);
        holdoutDays.set(r.customerId, set);
      }
    }
    const customers = cal.map((c) => {
      const actual = holdoutDays.get(c.customerId)?.size ?? 0;
      return {
        customerId: c.customerId,
        x: c.x,
        actual,
        predicted: bgNbdExpectedPurchases(fit, c, HOLDOUT_WEEKS),
        pAlive: bgNbdPAlive(fit, c),
        pBuy: bgNbdProbabilityOfPurchase(fit, c, HOLDOUT_WEEKS),
      };
    });
    const totalActual = customers.reduce((s, c) => s + c.actual, 0);
    const totalPredicted = customers.reduce((s, c) => s + c.predicted, 0);
    const mae = customers.reduce((s, c) => s + Math.abs(c.predicted - c.actual), 0) / customers.length;
    const rmse = Math.sqrt(
      customers.reduce((s, c) => s + (c.predicted - c.actual) ** 2, 0) / customers.length,
    );
    const aggregateError = (totalPredicted - totalActual) / totalActual;
    console.log(
      `CDNOW holdout weeks 40-78: actual ${totalActual} repeat transactions, predicted ${totalPredicted.toFixed(1)} (${(aggregateError * 100).toFixed(1)}%); per customer MAE ${mae.toFixed(3)}, RMSE ${rmse.toFixed(3)}`,
    );

    // Conditional expectations by calibration frequency (the paper's Figure 5).
    const byX = new Map<string, { n: number; predicted: number; actual: number }>();
    for (const c of customers) {
      const key = c.x >= 7 ? '7+' : String(c.x);
      const g = byX.get(key) ?? { n: 0, predicted: 0, actual: 0 };
      g.n++;
      g.predicted += c.predicted;
      g.actual += c.actual;
      byX.set(key, g);
    }
    console.table(
      Object.fromEntries(
        [...byX]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, g]) => [
            k,
            {
              customers: g.n,
              predicted: +(g.predicted / g.n).toFixed(3),
              actual: +(g.actual / g.n).toFixed(3),
            },
          ]),
      ),
    );

    // Calibration: equal-count deciles of P(alive) over the whole cohort against who bought again in
    // weeks 40-78. Ties (every one-time buyer has P(alive) = 1) are split by customer id, so the rows
    // are the same on every run and machine.
    const deciles = pAliveDeciles(customers);
    console.log('P(alive) deciles, all 2,357 customers (expected and actual purchases are decile totals):');
    console.table(deciles.map(printable));
    // By the model's assumption a one-time buyer is alive (dropout happens only after a purchase), so
    // the 1,411 of them (60%) fill the top six deciles at P(alive) = 1, where few bought again: over the
    // whole cohort the share is not monotone in P(alive). Among repeat buyers P(alive) is informative,
    // and there the share must rise with it.
    const repeatDeciles = pAliveDeciles(customers.filter((c) => c.x > 0));
    console.log('P(alive) deciles, the 946 repeat buyers:');
    console.table(repeatDeciles.map(printable));
    const indexes = deciles.map((_, i) => i);
    const shareTrendAll = spearman(
      indexes,
      deciles.map((d) => d.boughtAgain),
    );
    const shareTrendRepeat = spearman(
      indexes,
      repeatDeciles.map((d) => d.boughtAgain),
    );
    const purchasesTrack = spearman(
      deciles.map((d) => d.expectedPurchases),
      deciles.map((d) => d.actualPurchases),
    );
    console.log(
      `Spearman, decile against share who bought again: ${shareTrendAll.toFixed(3)} over all customers, ${shareTrendRepeat.toFixed(3)} over repeat buyers; expected against actual purchases by decile: ${purchasesTrack.toFixed(3)}`,
    );

    // Discrimination: how well P(buy again) ranks who did (area under the ROC curve, Mann-Whitney).
    const auc = areaUnderRoc(customers.map((c) => [c.pBuy, c.actual > 0] as const));
    const repeaters = customers.filter((c) => c.x > 0).sort((p, q) => p.pAlive - q.pAlive);
    const half = repeaters.length >> 1;
    const boughtShare = (list: typeof repeaters) => list.filter((c) => c.actual > 0).length / list.length;
    const lowerHalf = boughtShare(repeaters.slice(0, half));
    const upperHalf = boughtShare(repeaters.slice(half));
    console.log(
      `P(buy again) AUC ${auc.toFixed(3)}; repeat buyers who bought again: ${(lowerHalf * 100).toFixed(1)}% in the lower half of P(alive), ${(upperHalf * 100).toFixed(1)}% in the upper half`,
    );

    expect(Math.abs(aggregateError)).toBeLessThan(0.15);
    expect(mae).toBeLessThan(1);
    expect(auc).toBeGreaterThan(0.7);
    expect(upperHalf).toBeGreaterThan(lowerHalf + 0.15);
    // The deciles: ten of 235 or 236 customers, in ascending P(alive), that add up to the aggregate.
    expect(deciles.map((d) => d.customers)).toEqual([235, 236, 236, 235, 236, 236, 235, 236, 236, 236]);
    for (let i = 1; i < deciles.length; i++)
      expect(deciles[i]!.minPAlive).toBeGreaterThanOrEqual(deciles[i - 1]!.maxPAlive);
    expect(deciles.reduce((s, d) => s + d.expectedPurchases, 0)).toBeCloseTo(totalPredicted, 6);
    expect(deciles.reduce((s, d) => s + d.actualPurchases, 0)).toBe(totalActual);
    // Where the model expects more purchases, more happened; among repeat buyers, the higher the
    // P(alive), the more of them bought again (small steps back allowed).
    expect(purchasesTrack).toBeGreaterThan(0.8);
    expect(shareTrendRepeat).toBeGreaterThan(0.8);
    // The top decile of repeat buyers bought again far more often than the bottom one.
    expect(repeatDeciles.at(-1)!.boughtAgain).toBeGreaterThan(repeatDeciles[0]!.boughtAgain + 0.3);
    // One-time buyers: the predicted chance of buying again matches what happened within 5 points.
    const oneTime = customers.filter((c) => c.x === 0);
    const oneTimePBuy = oneTime.reduce((s, c) => s + c.pBuy, 0) / oneTime.length;
    const oneTimeBoughtAgain = oneTime.filter((c) => c.actual > 0).length / oneTime.length;
    expect(Math.abs(oneTimePBuy - oneTimeBoughtAgain)).toBeLessThan(0.05);
    // Nobody is predicted a negative, infinite or NaN figure.
    for (const c of customers) {
      expect(Number.isFinite(c.predicted) && c.predicted >= 0).toBe(true);
      expect(c.pAlive >= 0 && c.pAlive <= 1 && c.pBuy >= 0 && c.pBuy <= c.pAlive).toBe(true);
    }
  });
});

interface HoldoutCustomer {
  customerId: string;
  pAlive: number;
  pBuy: number;
  predicted: number;
  actual: number;
}

interface Decile {
  minPAlive: number;
  maxPAlive: number;
  customers: number;
  meanPAlive: number;
  /** The model's P(at least one purchase in the holdout), averaged. */
  predictedPBuy: number;
  /** Share of the decile with at least one purchase in the holdout. */
  boughtAgain: number;
  expectedPurchases: number;
  actualPurchases: number;
}

/**
 * Ten equal-count groups by P(alive), ascending; sizes differ by at most one. Ties are ordered by
 * customer id, so a tie that straddles a boundary is split the same way every time.
 */
function pAliveDeciles(customers: readonly HoldoutCustomer[]): Decile[] {
  const sorted = [...customers].sort(
    (p, q) => p.pAlive - q.pAlive || (p.customerId < q.customerId ? -1 : p.customerId > q.customerId ? 1 : 0),
  );
  const n = sorted.length;
  return Array.from({ length: 10 }, (_, k) => {
    const group = sorted.slice(Math.floor((k * n) / 10), Math.floor(((k + 1) * n) / 10));
    const sum = (f: (c: HoldoutCustomer) => number) => group.reduce((s, c) => s + f(c), 0);
    return {
      minPAlive: group[0]!.pAlive,
      maxPAlive: group.at(-1)!.pAlive,
      customers: group.length,
      meanPAlive: sum((c) => c.pAlive) / group.length,
      predictedPBuy: sum((c) => c.pBuy) / group.length,
      boughtAgain: sum((c) => (c.actual > 0 ? 1 : 0)) / group.length,
      expectedPurchases: sum((c) => c.predicted),
      actualPurchases: sum((c) => c.actual),
    };
  });
}

const printable = (d: Decile) => ({
  pAlive: `${d.minPAlive.toFixed(3)}-${d.maxPAlive.toFixed(3)}`,
  customers: d.customers,
  meanPAlive: +d.meanPAlive.toFixed(3),
  predictedPBuy: +d.predictedPBuy.toFixed(3),
  boughtAgain: +d.boughtAgain.toFixed(3),
  expectedPurchases: +d.expectedPurchases.toFixed(1),
  actualPurchases: d.actualPurchases,
});

/** Spearman's rank correlation (Pearson's on ranks, ties given their mean rank). */
function spearman(xs: readonly number[], ys: readonly number[]): number {
  const ranks = (vs: readonly number[]) => {
    const order = vs.map((_, i) => i).sort((i, j) => vs[i]! - vs[j]!);
    const r = new Array<number>(vs.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j < order.length && vs[order[j]!] === vs[order[i]!]) j++;
      for (let k = i; k < j; k++) r[order[k]!] = (i + j + 1) / 2;
      i = j;
    }
    return r;
  };
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mean = (rx.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mean) * (ry[i]! - mean);
    sxx += (rx[i]! - mean) ** 2;
    syy += (ry[i]! - mean) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Area under the ROC curve of scores for a yes/no outcome: P(score of a yes > score of a no), ties half. */
function areaUnderRoc(pairs: readonly (readonly [number, boolean])[]): number {
  const sorted = [...pairs].sort((p, q) => p[0] - q[0]);
  let rankSumYes = 0;
  let yes = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]![0] === sorted[i]![0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++)
      if (sorted[k]![1]) {
        rankSumYes += midRank;
        yes++;
      }
    i = j;
  }
  const no = sorted.length - yes;
  return (rankSumYes - (yes * (yes + 1)) / 2) / (yes * no);
}
