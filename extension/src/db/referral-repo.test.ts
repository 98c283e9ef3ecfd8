import { ValidationError } from '@keepcard/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import { addPurchase } from './activity-repo';
import type { KeepcardDB } from './db';
import { findContactsByName, referralDataOf } from './queries/upkeep-queries';
import { createRecord, historyOf, type WriteContext } from './records-repo';
import { setReferrer } from './referral-repo';
import { freshDb } from './test-db';

let db: KeepcardDB;
let ctx: WriteContext;
const person = async (displayName: string) =>
  (await createRecord('contacts', { displayName, source: { kind: 'manual' } }, ctx)).id;

beforeEach(() => {
  ({ db, ctx } = freshDb(Date.UTC(2026, 10, 22)));
});

async function refusalOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).message;
}

describe('referral repository', () => {
  test('sets, shows and clears a referrer; the change is in the contact history', async () => {
    const [a, b] = [await person('王芳'), await person('Li Chen')];
    await setReferrer(b, a, ctx);
    expect((await db.contacts.get(b))?.referredById).toBe(a);
    expect((await referralDataOf(b, db)).referrer).toEqual({ id: a, displayName: '王芳' });
    expect((await historyOf('contacts', b, db)).map((h) => h.field)).toEqual(['referredById']);
    await setReferrer(b, null, ctx);
    expect((await db.contacts.get(b))?.referredById).toBeNull();
  });

  test.each<[string, string]>([
    ['self-referral', 'Invalid contacts: referredById must not be the customer themselves'],
    [
      'a cycle through two others',
      'Invalid contacts: referredById must not be a customer this one referred, directly or through others (a referral cycle)',
    ],
    ['a referrer that does not exist', 'Invalid contacts: referredById must be an existing customer'],
  ])('refuses %s, naming the field; nothing changes', async (kind, message) => {
    const [a, b, c] = [await person('A'), await person('B'), await person('C')];
    await setReferrer(b, a, ctx); // a referred b
    await setReferrer(c, b, ctx); // b referred c
    const attempt =
      kind === 'self-referral'
        ? setReferrer(a, a, ctx)
        : kind === 'a cycle through two others'
          ? setReferrer(a, c, ctx)
          : setReferrer(a, '0190f000-0000-7000-8000-000000000000', ctx);
    expect(await refusalOf(attempt)).toBe(message);
    expect((await db.contacts.get(a))?.referredById).toBeNull();
  });

  test('a referrer sees the customers they referred and their revenue in the workspace currency', async () => {
    await db.meta.put({ key: 'scoringSettings', value: { currency: 'CNY', exchangeRates: { USD: 7.1 } } });
    const [a, b, c, d] = [
      await person('王芳'),
      await person('Li Chen'),
      await person('赵磊'),
      await person('Other'),
    ];
    await setReferrer(b, a, ctx);
    await setReferrer(c, a, ctx);
    const buy = (id: string, amountMinor: number, currency: string) =>
      addPurchase(id, { product: 'Tea', quantity: 1, amountMinor, currency, occurredAt: ctx.now }, ctx);
    await buy(b, 10_000, 'CNY');
    await buy(b, 1_000, 'USD');
    await buy(c, 5_000, 'CNY');
    await buy(c, 800, 'GBP');
    await buy(d, 99_999, 'CNY'); // not referred by a
    await buy(a, 77_777, 'CNY'); // the referrer's own purchases do not count
    const data = await referralDataOf(a, db);
    expect(data.currency).toBe('CNY');
    expect(data.totalMinor).toBe(10_000 + 7_100 + 5_000);
    expect(data.referred).toEqual([
      { id: b, displayName: 'Li Chen', revenueMinor: 17_100 },
      { id: c, displayName: '赵磊', revenueMinor: 5_000 },
    ]);
    expect(data.skippedCurrencies).toEqual(['GBP']);
  });

  test('the picker finds customers by the start of their name, then anywhere in it, never the customer themselves', async () => {
    const [a] = [
      await person('王芳'),
      await person('王小明'),
      await person('Li Chen'),
      await person('Chen Wei'),
    ];
    expect((await findContactsByName('王', a!, 8, db)).map((c) => c.displayName)).toEqual(['王小明']);
    expect((await findContactsByName('chen', a!, 8, db)).map((c) => c.displayName).sort()).toEqual([
      'Chen Wei',
      'Li Chen',
    ]);
    expect(await findContactsByName('  ', a!, 8, db)).toEqual([]);
  });
});
