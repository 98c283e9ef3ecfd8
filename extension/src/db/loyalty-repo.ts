// Loyalty points (积分): awards and redemptions appended to the ledger through the records repository.
// There is no edit or delete here, and records-repo refuses both for the `loyalty` table: a mistake is
// corrected by a new entry, so the history of a balance is never rewritten.
import { type LoyaltyEntry, loyaltyBalance, pointsIssue, ValidationError } from '@keepcard/shared';
import { getDb, type KeepcardDB, type Synced } from './db';
import { loyaltyEntriesOf } from './record-reads';
import { createRecord, type WriteContext, writeTables } from './records-repo';

export interface PointsInput {
  /** A positive whole number: added for an award, taken off for a redemption. */
  points: number;
  reason: string;
  /** When it happened; the write time when not given. */
  occurredAt?: number;
}

/** A customer's current points. */
export async function loyaltyBalanceOf(contactId: string, db: KeepcardDB = getDb()): Promise<number> {
  return loyaltyBalance(await loyaltyEntriesOf(contactId, db));
}

/**
 * Appends one award or redemption. The balance is read and the entry written in one transaction, so
 * two redemptions at once (panel and another window) cannot both spend the same points.
 * @throws ValidationError naming `points` (not a positive whole number; a redemption larger than the
 *   balance, with the balance in the reason) or `reason` (empty); nothing is written then.
 */
async function appendPoints(
  kind: 'award' | 'redeem',
  contactId: string,
  input: PointsInput,
  ctx: WriteContext,
): Promise<Synced<LoyaltyEntry>> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', writeTables(db), async () => {
    const balance = await loyaltyBalanceOf(contactId, db);
    const issue = pointsIssue(kind, input.points, balance);
    if (issue) throw new ValidationError('loyalty', [issue]);
    return createRecord(
      'loyalty',
      {
        contactId,
        points: kind === 'award' ? input.points : -input.points,
        reason: input.reason,
        occurredAt: input.occurredAt ?? ctx.now,
      },
      inner,
    );
  });
}

/** Awards points with a reason ("annual renewal", "referral bonus"). */
export function awardPoints(contactId: string, input: PointsInput, ctx: WriteContext) {
  return appendPoints('award', contactId, input, ctx);
}

/** Redeems points with a reason; never more than the balance. */
export function redeemPoints(contactId: string, input: PointsInput, ctx: WriteContext) {
  return appendPoints('redeem', contactId, input, ctx);
}
