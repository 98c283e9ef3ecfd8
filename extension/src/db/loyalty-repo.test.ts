import { ValidationError } from '@keepcard/shared';
import { beforeEach, describe, expect, test } from 'vitest';
import type { KeepcardDB } from './db';
import { awardPoints, loyaltyBalanceOf, redeemPoints } from './loyalty-repo';
import { loyaltyEntriesOf } from './record-reads';
import { AppendOnlyError, createRecord, deleteRecord, updateRecord, type WriteContext } from './records-repo';
import { freshDb } from './test-db';

let db: KeepcardDB;
let ctx: WriteContext;
let contactId: string;

beforeEach(async () => {
  ({ db, ctx } = freshDb(Date.UTC(2026, 10, 22)));
  contactId = (await createRecord('contacts', { displayName: '王芳', source: { kind: 'manual' } }, ctx)).id;
});

async function refusal(work: Promise<unknown>): Promise<ValidationError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('loyalty repository', () => {
  test('awards and redemptions append entries; the balance is their sum; each is queued for sync', async () => {
    await awardPoints(contactId, { points: 500, reason: '年度续约奖励' }, ctx);
    await redeemPoints(contactId, { points: 120, reason: '兑换礼盒' }, { ...ctx, now: ctx.now + 1 });
    expect(await loyaltyBalanceOf(contactId, db)).toBe(380);
    const entries = await loyaltyEntriesOf(contactId, db);
    expect(entries.map((e) => [e.points, e.reason])).toEqual([
      [500, '年度续约奖励'],
      [-120, '兑换礼盒'],
    ]);
    expect(await db.outbox.count()).toBeGreaterThan(0);
  });

  test('a redemption larger than the balance is refused, naming points and the balance; nothing is written', async () => {
    await awardPoints(contactId, { points: 100, reason: 'Welcome bonus' }, ctx);
    const error = await refusal(redeemPoints(contactId, { points: 101, reason: 'Gift' }, ctx));
    expect(error.issues).toEqual([
      { field: 'points', reason: 'must not be more than the balance of 100 points' },
    ]);
    expect(error.message).toBe('Invalid loyalty: points must not be more than the balance of 100 points');
    expect(await db.loyalty.count()).toBe(1);
    // The whole balance can be redeemed.
    await redeemPoints(contactId, { points: 100, reason: 'Gift' }, ctx);
    expect(await loyaltyBalanceOf(contactId, db)).toBe(0);
  });

  test.each<[string, () => Promise<unknown>, string]>([
    [
      'zero points',
      () => awardPoints(contactId, { points: 0, reason: 'x' }, ctx),
      'points must be more than zero',
    ],
    [
      'a negative award',
      () => awardPoints(contactId, { points: -5, reason: 'x' }, ctx),
      'points must be more than zero',
    ],
    [
      'fractional points',
      () => awardPoints(contactId, { points: 1.5, reason: 'x' }, ctx),
      'points must be a whole number',
    ],
    ['no reason', () => awardPoints(contactId, { points: 5, reason: '  ' }, ctx), 'reason must not be empty'],
  ])('refuses %s with the field named', async (_, write, reason) => {
    const error = await refusal(write());
    expect(error.message).toBe(`Invalid loyalty: ${reason}`);
    expect(await db.loyalty.count()).toBe(0);
  });

  test('append-only: an entry cannot be edited or deleted; a correction is a new entry', async () => {
    const entry = await awardPoints(contactId, { points: 500, reason: 'Typo: meant 50' }, ctx);
    await expect(updateRecord('loyalty', entry.id, { points: 50 }, ctx)).rejects.toBeInstanceOf(
      AppendOnlyError,
    );
    await expect(deleteRecord('loyalty', entry.id, ctx)).rejects.toThrow(
      'A loyalty entry cannot be deleted: the ledger is append-only. Record a correcting entry instead.',
    );
    expect((await db.loyalty.get(entry.id))?.points).toBe(500);
    await redeemPoints(contactId, { points: 450, reason: 'Correction of the 500-point typo' }, ctx);
    expect(await loyaltyBalanceOf(contactId, db)).toBe(50);
    expect(await db.loyalty.count()).toBe(2);
  });
});
