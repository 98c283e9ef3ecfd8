import { describe, expect, test } from 'vitest';
import { closeness, potential, transactionFrequency } from './classification';
import { deriveCustomerFacts } from './customer-facts';
import type { RfmScore } from './rfm';
import { DEFAULT_SCORING_SETTINGS as S } from './scoring-settings';
import { customer, NOW } from './scoring-test-fixtures';

const rfm = (frequency: number | null): RfmScore => ({ recency: 3, frequency, monetary: 3, reasons: [] });

describe('transaction frequency: high from RFM frequency score 4', () => {
  test.each([
    [5, 'high'],
    [4, 'high'],
    [3, 'low'],
    [1, 'low'],
    [null, 'low'],
  ] as const)('score %s → %s', (score, label) => {
    expect(transactionFrequency(rfm(score), 6, S).label).toBe(label);
  });
});

describe('potential: predicted value against the same span past (high from 120%, low below 80%)', () => {
  test.each([
    [12_000, 10_000, 'high', 'potential.high'],
    [11_999, 10_000, 'mid', 'potential.mid'],
    [8_000, 10_000, 'mid', 'potential.mid'],
    [7_999, 10_000, 'low', 'potential.low'],
    // No revenue in the past span: compared with the workspace median (5,000).
    [5_000, 0, 'high', 'potential.high-no-recent'],
    [4_999, 0, 'low', 'potential.low-no-recent'],
  ] as const)('predicted %d, past %d → %s', (predictedMinor, pastMinor, label, code) => {
    const p = potential({ purchased: true, predictedMinor, pastMinor }, 5_000, 'CNY', S);
    expect(p.label).toBe(label);
    expect(p.reasons[0]!.code).toBe(code);
  });

  test('the reason shows both values and the ratio', () => {
    const p = potential({ purchased: true, predictedMinor: 15_000, pastMinor: 10_000 }, 5_000, 'CNY', S);
    expect(p.reasons[0]!.text).toBe(
      'CN¥150.00 predicted for the next 365 days against CN¥100.00 in the last 365 (150%).',
    );
  });

  test('a prospect’s potential is unknown, said plainly', () => {
    expect(potential({ purchased: false, predictedMinor: 0, pastMinor: 0 }, 5_000, 'CNY', S)).toMatchObject({
      label: 'mid',
      reasons: [{ code: 'potential.unknown' }],
    });
  });
});

describe('relationship closeness: close with an interaction within 30 days and 2+ in 90', () => {
  const withInteractions = (...days: number[]) =>
    deriveCustomerFacts(
      customer('a', [10], { interactions: days.map((d) => ({ occurredAt: NOW - d * 86_400_000 })) }),
      { currency: 'CNY', settings: S },
      NOW,
    );
  test.each([
    [[30, 60], 'close'],
    [[31, 60], 'loose'],
    [[5], 'loose'],
    [[5, 89], 'close'],
    [[5, 90], 'loose'],
    [[], 'loose'],
  ] as const)('interactions %j days ago → %s', (days, label) => {
    expect(closeness(withInteractions(...days), S).label).toBe(label);
  });

  test('the reason gives recency and count', () => {
    expect(closeness(withInteractions(3, 20, 40), S).reasons[0]!.text).toBe(
      'Last interaction 3 days ago; 3 interactions in the last 90 days.',
    );
  });
});
