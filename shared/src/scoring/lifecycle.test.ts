import { describe, expect, test } from 'vitest';
import type { ChurnRiskScore } from './churn-risk';
import { type CustomerRecords, deriveCustomerFacts } from './customer-facts';
import { type LifecycleStage, lifecycleStage } from './lifecycle';
import { DEFAULT_SCORING_SETTINGS as S } from './scoring-settings';
import { customer, daysAgo, every, NOW } from './scoring-test-fixtures';

const churn = (pAlive: number | null, level: ChurnRiskScore['level'] = 'low'): ChurnRiskScore => ({
  level,
  percent: pAlive === null ? 0 : Math.round((1 - pAlive) * 100),
  pAlive,
  method: 'fallback',
  fallback: true,
  typicalGapDays: 30,
  reasons: [{ code: 'churn.fallback', params: {}, text: 'why' }],
  moreReasons: [],
});

const stage = (c: CustomerRecords, risk: ChurnRiskScore) =>
  lifecycleStage(deriveCustomerFacts(c, { currency: 'CNY', settings: S }, NOW), risk, S);

describe('lifecycleStage, first match wins', () => {
  test.each<[string, CustomerRecords, ChurnRiskScore, LifecycleStage]>([
    [
      'marked lost beats everything',
      customer('a', every(30, 600, 0), { lost: { at: daysAgo(2), reason: '价格太高' } }),
      churn(0.99),
      'lost',
    ],
    ['no purchases', { contactId: 'p', purchases: [] }, churn(null), 'prospect'],
    ['P(alive) just under 15%', customer('a', every(30, 600, 0)), churn(0.1499, 'high'), 'churned'],
    ['P(alive) at 15% with high risk', customer('a', every(30, 600, 0)), churn(0.15, 'high'), 'at-risk'],
    ['medium risk is not at risk', customer('a', every(30, 600, 0)), churn(0.5, 'medium'), 'loyal'],
    ['5 purchases over exactly 365 days', customer('a', [365, 200, 100, 50, 10]), churn(0.9), 'loyal'],
    ['5 purchases over 364 days', customer('a', [364, 200, 100, 50, 10]), churn(0.9), 'repeat'],
    ['4 purchases over 400 days', customer('a', [400, 200, 100, 10]), churn(0.9), 'repeat'],
    ['2 purchases', customer('a', [40, 10]), churn(0.9), 'repeat'],
    ['1 purchase', customer('a', [10]), churn(0.9), 'new'],
    ['1 purchase, gone', customer('a', [900]), churn(0.01, 'high'), 'churned'],
  ])('%s → %s', (_label, c, risk, want) => {
    expect(stage(c, risk).stage).toBe(want);
  });

  test('a lost customer carries the rep’s reason, in the params and the text', () => {
    const s = stage(customer('a', [10], { lost: { at: daysAgo(2), reason: '价格太高' } }), churn(0.9));
    expect(s.lostReason).toBe('价格太高');
    expect(s.reasons[0]).toEqual({
      code: 'lifecycle.lost',
      params: { reason: '价格太高', daysAgo: 2 },
      text: 'Marked lost 2 days ago: 价格太高.',
    });
  });

  test('at risk points to the churn reasons rather than repeating them', () => {
    const s = stage(customer('a', [40, 10]), churn(0.3, 'high'));
    expect(s.reasons.map((r) => r.code)).toEqual(['lifecycle.at-risk']);
    expect(s.reasons[0]!.params).toEqual({ riskPercent: 70 });
  });
});
