import { describe, expect, test } from 'vitest';
import { type BgNbdParams, bgNbdExpectedPurchases, bgNbdMedianTimeToNextPurchase } from './bg-nbd';
import { deriveCustomerFacts, repeatSummary } from './customer-facts';
import { gammaGammaExpectedValue } from './gamma-gamma';
import { type LifetimeValueContext, lifetimeValue } from './lifetime-value';
import { resolveScoringSettings, type ScoringSettings } from './scoring-settings';
import { customer, NOW } from './scoring-test-fixtures';
import { DAY_MS } from './summarize-purchases';

const CDNOW: BgNbdParams = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };
const GG = { p: 6.25, q: 3.74, gamma: 1544 };

function clv(days: number[], settings: ScoringSettings, model: Partial<LifetimeValueContext> = {}) {
  const f = deriveCustomerFacts(customer('a', days), { currency: 'CNY', settings }, NOW);
  const summary = repeatSummary(f, settings);
  return {
    summary,
    score: lifetimeValue(f, {
      bgNbd: CDNOW,
      gammaGamma: GG,
      summary,
      pAlive: 0.8,
      gapDays: 30,
      workspaceMeanSpendMinor: 5_000,
      currency: 'CNY',
      settings,
      ...model,
    }),
  };
}

describe('lifetimeValue with the models', () => {
  const s0 = resolveScoringSettings({ lifetimeValue: { annualDiscountRate: 0 } });
  const s10 = resolveScoringSettings({});

  test('without discounting it is E[purchases over the horizon] × expected spend', () => {
    const { summary, score } = clv([120, 90, 60, 30], s0);
    const e = bgNbdExpectedPurchases(CDNOW, summary!, 365 / 7);
    const spend = gammaGammaExpectedValue(GG, summary!);
    expect(score.expectedPurchases).toBeCloseTo(e, 10);
    expect(score.valueMinor).toBe(Math.round(e * spend));
    expect(score.undiscountedValueMinor).toBe(score.valueMinor);
    expect(score.method).toBe('bg-nbd');
  });

  test('discounting at 10% a year lowers the value by less than 10%', () => {
    const v0 = clv([120, 90, 60, 30], s0).score.valueMinor;
    const v10 = clv([120, 90, 60, 30], s10).score.valueMinor;
    expect(v10).toBeLessThan(v0);
    expect(v10).toBeGreaterThan(v0 / 1.1);
  });

  test('a more recent, more frequent buyer is worth more', () => {
    expect(clv([60, 50, 40, 30, 20, 10], s10).score.valueMinor).toBeGreaterThan(
      clv([300, 250], s10).score.valueMinor,
    );
  });

  test('the next purchase is expected after the model’s median wait', () => {
    const { summary, score } = clv([120, 90, 60, 30], s10);
    const wait = bgNbdMedianTimeToNextPurchase(CDNOW, summary!) * 7 * DAY_MS;
    expect(score.nextPurchaseAt).toBe(Math.round(NOW + wait));
    expect(score.reasons.find((r) => r.code === 'next.expected')!.params.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('no next purchase is offered once P(alive) is below the churned threshold', () => {
    const { score } = clv([120, 90], s10, { pAlive: 0.149 });
    expect(score.nextPurchaseAt).toBeNull();
    expect(score.reasons.map((r) => r.code)).toContain('next.unlikely');
  });

  test('reasons explain the value with its parts', () => {
    const { score } = clv([120, 90, 60, 30], s10);
    expect(score.reasons.map((r) => r.code)).toEqual(['clv.model', 'clv.spend-model', 'next.expected']);
    expect(score.reasons[0]!.text).toMatch(
      /^CN¥[\d,.]+ over the next 365 days: about [\d.]+ purchases expected \(BG\/NBD model\), discounted at 10% a year\.$/,
    );
  });
});

describe('lifetimeValue without the models', () => {
  const s = resolveScoringSettings({ lifetimeValue: { annualDiscountRate: 0 } });
  test('fixed-rate fallback: P(alive) · (1 − e^(−δ′t/g))/δ′ purchases at the customer’s average spend', () => {
    const { score } = clv([90, 60, 30], s, { bgNbd: null, gammaGamma: null, pAlive: 0.8, gapDays: 30 });
    // Two repeat purchases: δ′ = κδ / (κ + x) = 1 / 12.
    const d = 1 / 12;
    const e = (0.8 * -Math.expm1((-d * 365) / 30)) / d;
    expect(score.method).toBe('fallback');
    expect(score.expectedPurchases).toBeCloseTo(e, 10);
    expect(score.spendPerPurchaseMinor).toBe(10_000);
    expect(score.valueMinor).toBe(Math.round(e * 10_000));
    expect(score.reasons.map((r) => r.code)).toEqual(['clv.fallback', 'clv.spend-average', 'next.expected']);
  });

  test('the fallback next purchase is the last one plus the usual gap, or now when overdue', () => {
    const settings = resolveScoringSettings({});
    const soon = clv([20], settings, { bgNbd: null, gapDays: 30 }).score.nextPurchaseAt!;
    expect(Math.round((soon - NOW) / DAY_MS)).toBe(10);
    expect(clv([50], settings, { bgNbd: null, gapDays: 30, pAlive: 0.5 }).score.nextPurchaseAt).toBe(NOW);
  });

  test('a prospect has no lifetime value', () => {
    const { score } = clv([], s);
    expect(score).toMatchObject({
      valueMinor: 0,
      expectedPurchases: 0,
      nextPurchaseAt: null,
      method: 'none',
    });
  });
});
