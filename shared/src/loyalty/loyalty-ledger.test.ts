import { describe, expect, test } from 'vitest';
import { ledgerLines, loyaltyBalance, pointsIssue } from './loyalty-ledger';

const entry = (id: string, occurredAt: number, points: number, deletedAt: number | null = null) => ({
  id,
  occurredAt,
  points,
  deletedAt,
});

describe('loyaltyBalance', () => {
  test.each<[string, { points: number; deletedAt?: number | null }[], number]>([
    ['no entries', [], 0],
    ['awards add up', [{ points: 500 }, { points: 120 }], 620],
    ['redemptions subtract', [{ points: 500 }, { points: -200 }], 300],
    ['a correction is a new entry', [{ points: 500 }, { points: -50 }, { points: 5 }], 455],
    ['deleted (sample) entries do not count', [{ points: 500 }, { points: 300, deletedAt: 9 }], 500],
  ])('%s', (_, entries, balance) => {
    expect(loyaltyBalance(entries)).toBe(balance);
  });
});

describe('ledgerLines', () => {
  test('time order with the running balance; ties by id; deleted entries left out', () => {
    const lines = ledgerLines([
      entry('c', 30, -200),
      entry('a', 10, 500),
      entry('x', 20, 999, 25),
      entry('b2', 20, 50),
      entry('b1', 20, 100),
    ]);
    expect(lines.map((l) => [l.id, l.balanceAfter])).toEqual([
      ['a', 500],
      ['b1', 600],
      ['b2', 650],
      ['c', 450],
    ]);
  });
});

describe('pointsIssue: the redemption rule at every threshold', () => {
  test.each<['award' | 'redeem', number, number, string | null]>([
    ['redeem', 99, 100, null],
    ['redeem', 100, 100, null],
    ['redeem', 101, 100, 'must not be more than the balance of 100 points'],
    ['redeem', 1, 0, 'must not be more than the balance of 0 points'],
    ['award', 101, 100, null],
    ['award', 5, 0, null],
    ['award', 0, 0, 'must be more than zero'],
    ['redeem', -5, 100, 'must be more than zero'],
    ['award', 2.5, 0, 'must be a whole number'],
    ['award', Number.NaN, 0, 'must be a number'],
  ])('%s %d against a balance of %d', (kind, points, balance, reason) => {
    const issue = pointsIssue(kind, points, balance);
    if (reason === null) expect(issue).toBeNull();
    else expect(issue).toEqual({ field: 'points', reason });
  });
});
