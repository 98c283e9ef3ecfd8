// Loyalty points (积分): the balance and the rules of the append-only ledger, as pure functions. The
// extension's loyalty repository applies them inside the transaction that appends an entry.
import type { LoyaltyEntry } from '../schemas/loyalty';
import type { FieldIssue } from '../schemas/validation';

type EntryFacts = Pick<LoyaltyEntry, 'points'> & { deletedAt?: number | null };

const live = (e: EntryFacts) => e.deletedAt === undefined || e.deletedAt === null;

/**
 * A customer's points: the sum of their live entries (awards positive, redemptions negative).
 * @example loyaltyBalance([{ points: 500 }, { points: -200 }]) // 300
 */
export function loyaltyBalance(entries: readonly EntryFacts[]): number {
  let sum = 0;
  for (const e of entries) if (live(e)) sum += e.points;
  return sum;
}

/** One ledger entry with the balance right after it. */
export type LedgerLine<E> = E & { balanceAfter: number };

/**
 * The ledger in time order (oldest first, ties by id) with the running balance after each entry;
 * deleted entries (only the sample book's can be) are left out.
 */
export function ledgerLines<E extends EntryFacts & Pick<LoyaltyEntry, 'occurredAt' | 'id'>>(
  entries: readonly E[],
): LedgerLine<E>[] {
  let balance = 0;
  return entries
    .filter(live)
    .sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => {
      balance += e.points;
      return { ...e, balanceAfter: balance };
    });
}

/**
 * Why an award or a redemption of `points` (a positive amount) cannot be booked against `balance`,
 * or null when it can. A redemption larger than the balance is refused: points never go negative.
 * @example pointsIssue('redeem', 300, 100) // { field: 'points', reason: 'must not be more than the balance of 100 points' }
 */
export function pointsIssue(kind: 'award' | 'redeem', points: number, balance: number): FieldIssue | null {
  if (!Number.isFinite(points)) return { field: 'points', reason: 'must be a number' };
  if (!Number.isInteger(points)) return { field: 'points', reason: 'must be a whole number' };
  if (points <= 0) return { field: 'points', reason: 'must be more than zero' };
  if (kind === 'redeem' && points > balance)
    return { field: 'points', reason: `must not be more than the balance of ${balance} points` };
  return null;
}
