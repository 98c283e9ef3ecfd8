import { describe, expect, test } from 'vitest';
import { type BgNbdParams, bgNbdPAlive } from './bg-nbd';
import { churnLevel, churnRisk, fallbackPAlive } from './churn-risk';
import { type CustomerRecords, deriveCustomerFacts, repeatSummary } from './customer-facts';
import {
  resolveScoringSettings,
  DEFAULT_SCORING_SETTINGS as S,
  type ScoringSettings,
} from './scoring-settings';
import { complaint, customer, daysAgo, every, NOW, purchasesOn, survey } from './scoring-test-fixtures';

const CDNOW: BgNbdParams = { r: 0.2425982, alpha: 4.4136842, a: 0.7929899, b: 2.4261667 };

function risk(c: CustomerRecords, bgNbd: BgNbdParams | null = null, settings: ScoringSettings = S) {
  const f = deriveCustomerFacts(c, { currency: 'CNY', settings }, NOW);
  return churnRisk(f, { bgNbd, summary: repeatSummary(f, settings), workspaceGapDays: 45, settings }, 'CNY');
}
const all = (r: ReturnType<typeof risk>) => [...r.reasons, ...r.moreReasons];
const codes = (c: CustomerRecords, bgNbd: BgNbdParams | null = null) =>
  all(risk(c, bgNbd)).map((r) => r.code);

describe('fallbackPAlive: 1 / (1 + κδ/(κ(1−δ) + x) · e^(R/g)), δ = 0.1, κ = 10', () => {
  test.each([
    [0, 30, 0, 0.9],
    [30, 30, 0, 1 / (1 + Math.E / 9)],
    [90, 30, 0, 1 / (1 + Math.exp(3) / 9)],
    [140, 30, 0, 0.078],
    [1e6, 30, 0, 0],
    // A long record of returning lowers the customer's own dropout estimate.
    [30, 30, 20, 1 / (1 + Math.E / 29)],
    [90, 30, 20, 1 / (1 + Math.exp(3) / 29)],
  ])('%d days silent, usual gap %d, %d repeat purchases → %d', (days, gap, x, want) => {
    expect(fallbackPAlive(days, gap, 0.1, x, 10)).toBeCloseTo(want, 4);
  });
});

describe('churnLevel at the thresholds', () => {
  test.each([
    [0, 'low'],
    [0.2999, 'low'],
    [0.3, 'medium'],
    [0.5999, 'medium'],
    [0.6, 'high'],
    [1, 'high'],
  ])('%d → %s', (r, level) => expect(churnLevel(r, S)).toBe(level));
});

describe('P(alive): model, fallback, prospect', () => {
  test('a repeat buyer with a fitted model: P(alive) from BG/NBD, with the numbers behind it', () => {
    const c = customer('a', [200, 170, 140]);
    const r = risk(c, CDNOW);
    const f = deriveCustomerFacts(c, { currency: 'CNY', settings: S }, NOW);
    expect(r.method).toBe('bg-nbd');
    expect(r.fallback).toBe(false);
    expect(r.pAlive).toBeCloseTo(bgNbdPAlive(CDNOW, repeatSummary(f, S)!), 12);
    expect(r.reasons[0]).toMatchObject({
      code: 'churn.recency',
      params: { days: 140, typicalGapDays: 30, purchases: 3 },
    });
    expect(r.reasons[0]!.text).toMatch(
      /^No purchase for 140 days; usually every 30 days \(the model gives a \d+% chance/,
    );
    expect(r.percent).toBe(Math.round((1 - r.pAlive!) * 100));
  });

  test('without a model: the fallback, saying it is one and why', () => {
    const r = risk(customer('a', [200, 170, 140]));
    expect(r).toMatchObject({ method: 'fallback', fallback: true, typicalGapDays: 30 });
    expect(r.pAlive).toBeCloseTo(fallbackPAlive(140, 30, 0.1, 2, 10), 12);
    expect(r.reasons[0]!.code).toBe('churn.fallback');
    expect(r.reasons[0]!.params).toMatchObject({ why: 'too-little-data', gapBasis: 'own', days: 140 });
    expect(r.reasons[0]!.text).toMatch(/^Fallback estimate \(too little purchase history/);
  });

  test('a one-time buyer uses the fallback even with a model (BG/NBD deems every one-time buyer alive)', () => {
    const r = risk(customer('a', [100]), CDNOW);
    expect(r.method).toBe('fallback');
    expect(r.reasons[0]!.params).toMatchObject({
      why: 'single-purchase',
      gapBasis: 'workspace',
      typicalGapDays: 45,
    });
    expect(r.pAlive).toBeCloseTo(fallbackPAlive(100, 45, 0.1), 12);
  });

  test('a prospect has no P(alive) and only signals count', () => {
    const r = risk({ contactId: 'p', purchases: [], feedback: [complaint(3)] });
    expect(r).toMatchObject({ method: 'none', pAlive: null });
    expect(r.percent).toBe(15);
    expect(all(r).map((x) => x.code)).toEqual(['churn.open-complaints', 'churn.prospect']);
  });
});

describe('early-warning signals at their thresholds', () => {
  // 30 purchases every 10 days before the 90-day window: about 9.28 expected in the window.
  const baseline = every(10, 380, 90);
  test.each([
    [[80, 60, 40, 20], true],
    [[80, 60, 40, 20, 10], false],
    // A full stop is the P(alive) reason's to explain, not this signal's.
    [[], false],
  ])('purchases in the window %j → "purchases falling": %s', (recent, fires) => {
    const r = risk(customer('a', [...baseline, ...recent]));
    expect(all(r).some((x) => x.code === 'churn.purchases-falling')).toBe(fires);
    if (fires)
      expect(all(r).find((x) => x.code === 'churn.purchases-falling')!.text).toBe(
        '4 purchases in the last 90 days against about 9.3 expected from their own history.',
      );
  });

  test.each([
    [7_000, true],
    [7_001, false],
  ])('spend per purchase %d against 10,000 before → "spend falling": %s', (recent, fires) => {
    const c: CustomerRecords = {
      contactId: 'a',
      purchases: purchasesOn([200, 150, 10], [10_000, 10_000, recent]),
    };
    expect(codes(c).includes('churn.spend-falling')).toBe(fires);
  });

  test('spend falling needs two earlier purchases to compare with', () => {
    const c: CustomerRecords = { contactId: 'a', purchases: purchasesOn([150, 10], [10_000, 1_000]) };
    expect(codes(c)).not.toContain('churn.spend-falling');
  });

  // 31 interactions every 7 days before the window: 13.3 expected in 90 days; falling at 6.6 or fewer.
  const contactBefore = every(7, 300, 90);
  test.each([
    [[], true],
    [[80, 70, 60, 50, 40, 30], true],
    [[80, 70, 60, 50, 40, 30, 20], false],
  ])('interactions in the window %j → "interactions falling": %s', (recent, fires) => {
    const c = customer('a', [20], {
      interactions: [...contactBefore, ...recent].map((d) => ({ occurredAt: daysAgo(d) })),
    });
    expect(codes(c).includes('churn.interactions-falling')).toBe(fires);
  });

  test.each([
    [0, 0],
    [1, 0.15],
    [2, 1 - 0.85 ** 2],
    [3, 1 - 0.85 ** 3],
    [5, 1 - 0.85 ** 3],
  ])('%d open complaints weigh %d', (n, weight) => {
    const c = customer('a', [1], {
      feedback: [...Array.from({ length: n }, (_, i) => complaint(i + 2)), complaint(1, 'resolved')],
    });
    const r = risk(c);
    expect(r.percent).toBe(Math.round((1 - r.pAlive! * (1 - weight)) * 100));
    expect(all(r).some((x) => x.code === 'churn.open-complaints')).toBe(n > 0);
  });

  test('the complaint reason gives the count and the oldest age', () => {
    const r = risk(customer('a', [1], { feedback: [complaint(12), complaint(3)] }));
    expect(all(r).find((x) => x.code === 'churn.open-complaints')).toMatchObject({
      params: { count: 2, oldestDays: 12 },
      text: '2 open complaints, the oldest 12 days old.',
    });
  });

  test.each([
    ['csat', 2, 10, true],
    ['csat', 3, 10, false],
    ['nps', 6, 10, true],
    ['nps', 7, 10, false],
    ['csat', 1, 180, true],
    ['csat', 1, 181, false],
  ] as const)('latest %s %d, %d days ago → "low satisfaction": %s', (scale, score, d, fires) => {
    const c = customer('a', [1], { feedback: [survey(d, scale, score)] });
    expect(codes(c).includes('churn.low-satisfaction')).toBe(fires);
  });

  test('only the latest satisfaction answer counts', () => {
    const c = customer('a', [1], { feedback: [survey(20, 'csat', 1), survey(5, 'csat', 5)] });
    expect(codes(c)).not.toContain('churn.low-satisfaction');
  });

  test.each([
    [{ kind: 'follow-up', dueAt: NOW - 1, doneAt: null }, true],
    [{ kind: 'follow-up', dueAt: NOW, doneAt: null }, false],
    [{ kind: 'follow-up', dueAt: NOW - 1, doneAt: NOW - 2 }, false],
    [{ kind: 'care-birthday', dueAt: NOW - 1, doneAt: null }, false],
    [{ kind: 'follow-up', dueAt: NOW - 1, doneAt: null, deletedAt: NOW - 5 }, false],
  ] as const)('task %j → "follow-up overdue": %s', (task, fires) => {
    expect(codes(customer('a', [1], { tasks: [task] })).includes('churn.follow-up-overdue')).toBe(fires);
  });

  test('the overdue reason says by how long', () => {
    const r = risk(customer('a', [1], { tasks: [{ kind: 'follow-up', dueAt: daysAgo(5), doneAt: null }] }));
    expect(all(r).find((x) => x.code === 'churn.follow-up-overdue')!.text).toBe(
      'Follow-up overdue by 5 days.',
    );
  });
});

describe('combining and ranking', () => {
  test('risk = 1 − (1 − p_churn) · Π(1 − w) and the level follows it', () => {
    const c = customer('a', [95, 65, 35, 5], {
      feedback: [complaint(2), survey(4, 'csat', 1)],
      tasks: [{ kind: 'follow-up', dueAt: daysAgo(3), doneAt: null }],
    });
    const r = risk(c);
    const want = 1 - r.pAlive! * (1 - 0.15) * (1 - 0.2) * (1 - 0.1);
    expect(r.percent).toBe(Math.round(want * 100));
    expect(r.level).toBe(churnLevel(want, S));
    expect(all(r).map((x) => x.code)).toEqual([
      'churn.low-satisfaction',
      'churn.open-complaints',
      'churn.fallback',
      'churn.follow-up-overdue',
    ]);
  });

  test('the P(alive) reason is always among the top reasons, even when weaker than the signals', () => {
    const settings = resolveScoringSettings({ churn: { topReasons: 2 } });
    const c = customer('a', [60, 30, 0], { feedback: [complaint(2), complaint(3), survey(1, 'nps', 0)] });
    const r = risk(c, null, settings);
    expect(r.reasons.map((x) => x.code)).toEqual(['churn.open-complaints', 'churn.fallback']);
    expect(r.moreReasons.map((x) => x.code)).toEqual(['churn.low-satisfaction']);
  });

  test('deleted and future records do not count', () => {
    const c = customer('a', [1], {
      feedback: [{ ...complaint(2), deletedAt: NOW - 1 }, { ...complaint(-3) }],
      tasks: [{ kind: 'follow-up', dueAt: daysAgo(2), doneAt: null, deletedAt: daysAgo(1) }],
    });
    expect(codes(c)).toEqual(['churn.fallback']);
  });
});
