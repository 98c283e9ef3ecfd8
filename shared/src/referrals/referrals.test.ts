import { describe, expect, test } from 'vitest';
import { referralIssue, referredRevenue } from './referrals';

const links = (map: Record<string, string | null>) => (id: string) => map[id];
const CYCLE = 'must not be a customer this one referred, directly or through others (a referral cycle)';

describe('referralIssue', () => {
  test.each<[string, string, string | null, Record<string, string | null>, string | null]>([
    ['no referrer', 'a', null, {}, null],
    ['an unrelated referrer', 'a', 'b', { b: null }, null],
    ['a referrer with their own referrer', 'a', 'b', { b: 'c', c: null }, null],
    ['self-referral', 'a', 'a', {}, 'must not be the customer themselves'],
    ['a direct cycle: b was referred by a', 'a', 'b', { b: 'a' }, CYCLE],
    ['a long cycle: d ← c ← b ← a', 'a', 'd', { d: 'c', c: 'b', b: 'a' }, CYCLE],
    ['an existing cycle above, not through a, ends the walk', 'a', 'b', { b: 'c', c: 'b' }, null],
  ])('%s', (_, contact, referrer, map, reason) => {
    const issue = referralIssue(contact, referrer, links(map));
    if (reason === null) expect(issue).toBeNull();
    else expect(issue).toEqual({ field: 'referredById', reason });
  });
});

describe('referredRevenue', () => {
  test('net revenue per referred customer in the workspace currency; unknown currencies skipped', () => {
    const r = referredRevenue(
      [
        { contactId: 'x', amountMinor: 10_000, currency: 'CNY' },
        { contactId: 'x', amountMinor: 1_000, currency: 'USD' },
        { contactId: 'y', amountMinor: 5_000, currency: 'CNY' },
        { contactId: 'y', amountMinor: -1_000, currency: 'CNY' },
        { contactId: 'y', amountMinor: 99_999, currency: 'CNY', deletedAt: 5 },
        { contactId: 'z', amountMinor: 700, currency: 'GBP' },
      ],
      'CNY',
      { exchangeRates: { USD: 7.1 } },
    );
    expect(r.totalMinor).toBe(10_000 + 7_100 + 4_000);
    expect([...r.byContact]).toEqual([
      ['x', 17_100],
      ['y', 4_000],
    ]);
    expect(r.skippedCurrencies).toEqual(['GBP']);
  });

  test('no referred purchases: zero', () => {
    expect(referredRevenue([], 'EUR', { exchangeRates: {} })).toMatchObject({
      totalMinor: 0,
      currency: 'EUR',
    });
  });
});
