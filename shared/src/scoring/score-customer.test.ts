import { describe, expect, test } from 'vitest';
import type { CustomerRecords } from './customer-facts';
import { groupCustomerRecords, scoreCustomer, scoreWorkspace } from './score-customer';
import { resolveScoringSettings } from './scoring-settings';
import { complaint, customer, daysAgo, every, NOW, purchasesOn } from './scoring-test-fixtures';
import { buildWorkspaceModel } from './workspace-model';

/** A seeded workspace of `n` customers who buy at their own pace and may stop after any purchase. */
function workspace(n: number, seed = 1): CustomerRecords[] {
  let s = seed;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return Array.from({ length: n }, (_, i) => {
    const gap = 10 + rnd() * 80;
    const first = Math.floor(30 + rnd() * 700);
    const days: number[] = [first];
    for (let d = first - gap * -Math.log(rnd()); d >= 0; d -= gap * -Math.log(rnd())) {
      days.push(Math.floor(d));
      if (rnd() < 0.15) break;
    }
    return {
      contactId: `c${i}`,
      purchases: purchasesOn(days, Math.round(2_000 + rnd() * 20_000)),
      interactions: every(20, 200, Math.floor(rnd() * 60)).map((d) => ({ occurredAt: daysAgo(d) })),
      feedback: rnd() < 0.1 ? [complaint(5)] : [],
    };
  });
}

describe('scoreWorkspace and scoreCustomer', () => {
  const customers = [...workspace(400), { contactId: 'prospect', purchases: [] }];
  const { model, scores } = scoreWorkspace(customers, {}, NOW);

  test('fits the model on a workspace with enough history and says so', () => {
    expect(model.bgNbd).not.toBeNull();
    expect(model.gammaGamma).not.toBeNull();
    expect(model.fit.reasons.map((r) => r.code)).toEqual(['model.fitted', 'spend-model.fitted']);
    expect(model.currency).toBe('CNY');
    expect(scores).toHaveLength(401);
  });

  test('scoring one customer against the stored model gives exactly what the workspace run gave', () => {
    const stored = JSON.parse(JSON.stringify(model));
    const settings = resolveScoringSettings({});
    for (const i of [0, 1, 57, 199, 400])
      expect(scoreCustomer(customers[i]!, stored, settings, NOW)).toEqual(scores[i]);
  });

  test('every score is finite, explained, and consistent with the others', () => {
    for (const s of scores) {
      for (const part of [
        s.valueTier,
        s.rfm,
        s.lifecycle,
        s.churnRisk,
        s.lifetimeValue,
        ...Object.values(s.classification),
      ])
        expect(part.reasons.length).toBeGreaterThan(0);
      expect(Number.isFinite(s.lifetimeValue.valueMinor) && s.lifetimeValue.valueMinor >= 0).toBe(true);
      expect(s.churnRisk.percent).toBeGreaterThanOrEqual(0);
      expect(s.churnRisk.percent).toBeLessThanOrEqual(100);
      if (s.lifecycle.stage === 'churned') expect(s.churnRisk.pAlive!).toBeLessThan(0.15);
      if (s.lifecycle.stage === 'at-risk') expect(s.churnRisk.level).toBe('high');
      expect(s.classification.revenueContribution.label).toBe(
        { A: 'high', B: 'mid', C: 'low', prospect: 'low' }[s.valueTier.tier],
      );
      for (const r of [...s.churnRisk.reasons, ...s.churnRisk.moreReasons, ...s.lifetimeValue.reasons]) {
        expect(r.text).not.toMatch(/NaN|undefined|Infinity/);
        for (const v of Object.values(r.params))
          if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
      }
    }
    const prospect = scores.at(-1)!;
    expect(prospect).toMatchObject({
      valueTier: { tier: 'prospect' },
      lifecycle: { stage: 'prospect' },
      rfm: { recency: null },
    });
  });

  test('tier A customers bring about 80% of the window revenue', () => {
    const total = scores.reduce((sum, s) => sum + Math.max(s.valueTier.revenueMinor, 0), 0);
    const a = scores
      .filter((s) => s.valueTier.tier === 'A')
      .reduce((sum, s) => sum + s.valueTier.revenueMinor, 0);
    expect(a / total).toBeGreaterThanOrEqual(0.8);
    expect(a / total).toBeLessThan(0.85);
  });

  test('a new purchase rescoring one customer moves their scores at once', () => {
    const settings = resolveScoringSettings({});
    const quiet = customers.find(
      (_, i) => scores[i]!.churnRisk.level === 'high' && scores[i]!.lifecycle.stage !== 'prospect',
    )!;
    const before = scoreCustomer(quiet, model, settings, NOW);
    const after = scoreCustomer(
      { ...quiet, purchases: [...quiet.purchases, ...purchasesOn([0])] },
      model,
      settings,
      NOW,
    );
    expect(after.churnRisk.percent).toBeLessThan(before.churnRisk.percent);
    expect(after.rfm.recency).toBe(5);
  });
});

describe('small workspaces and data quirks', () => {
  test('too little history: the model is not fitted and churn uses the fallback, saying so', () => {
    const { model, scores } = scoreWorkspace([customer('a', [100, 60, 30]), customer('b', [10])], {}, NOW);
    expect(model.bgNbd).toBeNull();
    expect(model.fit.reasons[0]!.code).toBe('model.too-little-data');
    expect(scores.every((s) => s.churnRisk.fallback)).toBe(true);
    expect(scores[0]!.lifetimeValue.method).toBe('fallback');
  });

  test('the workspace currency is the most common one; others count only with a rate', () => {
    const usd = { occurredAt: daysAgo(5), amountMinor: 1_000, currency: 'USD' };
    const c = customer('a', [100, 50], { purchases: [...purchasesOn([100, 50]), usd] });
    const plain = scoreWorkspace([c], {}, NOW).scores[0]!;
    expect(plain.currency).toBe('CNY');
    expect(plain.valueTier.revenueMinor).toBe(20_000);
    expect(plain.reasons[0]).toMatchObject({ code: 'value.currency-skipped', params: { currencies: 'USD' } });
    const converted = scoreWorkspace([c], { exchangeRates: { USD: 7.2 } }, NOW).scores[0]!;
    expect(converted.valueTier.revenueMinor).toBe(27_200);
    expect(converted.reasons).toEqual([]);
  });

  test('a refund lowers revenue but is not a purchase; deleted and future purchases are ignored', () => {
    const c: CustomerRecords = {
      contactId: 'a',
      purchases: [
        ...purchasesOn([100, 50]),
        { occurredAt: daysAgo(20), amountMinor: -5_000, currency: 'CNY' },
        { occurredAt: daysAgo(10), amountMinor: 99_999, currency: 'CNY', deletedAt: daysAgo(9) },
        { occurredAt: NOW + 86_400_000, amountMinor: 99_999, currency: 'CNY' },
      ],
    };
    const s = scoreWorkspace([c], {}, NOW).scores[0]!;
    expect(s.valueTier.revenueMinor).toBe(15_000);
    expect(s.rfm.reasons[1]!.params.transactions).toBe(2);
    expect(s.lifecycle.stage).toBe('repeat');
  });

  test('bad settings are refused with a message naming the field', () => {
    expect(() => scoreWorkspace([], { valueTiers: { aShare: 0.96 } }, NOW)).toThrow(
      /aShare must be less than bShare/,
    );
    expect(() => scoreWorkspace([], { currency: 'yuan' }, NOW)).toThrow(/three-letter ISO 4217/);
  });

  test('an empty workspace builds a model with nothing in it', () => {
    const model = buildWorkspaceModel([], {}, NOW);
    expect(model).toMatchObject({
      bgNbd: null,
      gammaGamma: null,
      thresholds: { rfm: null, tiers: { aFrom: null } },
    });
  });
});

describe('groupCustomerRecords', () => {
  test('sorts table rows to their contacts and ignores strangers', () => {
    const grouped = groupCustomerRecords({
      contactIds: ['a', 'b'],
      purchases: [
        { contactId: 'a', ...purchasesOn([3])[0]! },
        { contactId: 'z', ...purchasesOn([3])[0]! },
      ],
      feedback: [{ contactId: 'b', ...complaint(1) }],
      tasks: [
        { contactId: null, kind: 'follow-up', dueAt: NOW, doneAt: null },
        { contactId: 'b', kind: 'follow-up', dueAt: NOW, doneAt: null },
      ],
      lost: new Map([['b', { at: NOW, reason: 'moved away' }]]),
    });
    expect(
      grouped.map((c) => [
        c.contactId,
        c.purchases.length,
        c.feedback?.length,
        c.tasks?.length,
        c.lost?.reason ?? null,
      ]),
    ).toEqual([
      ['a', 1, 0, 0, null],
      ['b', 0, 1, 1, 'moved away'],
    ]);
  });
});
