import { describe, expect, test } from 'vitest';
import { rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const entry = (changes: Record<string, unknown>) => parseRecord('loyalty', rowOf('loyalty', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    entry(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the loyalty entry to be refused');
}

describe('LoyaltyEntry', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['an award', { points: 200, reason: ' 年度续约奖励 ' }, { points: 200, reason: '年度续约奖励' }],
    ['a redemption', { points: -150, reason: 'Redeemed for a gift box' }, { points: -150 }],
    ['the largest award', { points: 1_000_000_000 }, { points: 1_000_000_000 }],
  ])('%s', (_, changes, expected) => {
    expect(entry(changes)).toMatchObject(expected);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['zero points', { points: 0 }, 'points must not be zero'],
    ['fractional points', { points: 1.5 }, 'points must be a whole number'],
    ['too many points', { points: 1_000_000_001 }, 'points must be at most 1000000000'],
    ['no reason', { reason: '  ' }, 'reason must not be empty'],
    ['a missing reason', { reason: undefined }, 'reason is required'],
    ['a missing customer', { contactId: undefined }, 'contactId is required'],
  ])('refuses %s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid loyalty: ${reason}`);
  });
});
