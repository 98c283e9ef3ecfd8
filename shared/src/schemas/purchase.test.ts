import { describe, expect, test } from 'vitest';
import { rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const purchase = (changes: Record<string, unknown>) => parseRecord('purchases', rowOf('purchases', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    purchase(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the purchase to be refused');
}

describe('Purchase: valid records', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['quantity defaults to 1', {}, { quantity: 1, amountMinor: 128_800, currency: 'CNY' }],
    ['currency upper-cased and trimmed', { currency: ' usd ' }, { currency: 'USD' }],
    ['a refund is negative', { amountMinor: -5_000 }, { amountMinor: -5_000 }],
    ['a free item', { amountMinor: 0 }, { amountMinor: 0 }],
    ['a fractional quantity (2.5 kg)', { quantity: 2.5 }, { quantity: 2.5 }],
    ['the largest amount', { amountMinor: 1e15 }, { amountMinor: 1e15 }],
    ['the largest refund', { amountMinor: -1e15 }, { amountMinor: -1e15 }],
    ['a channel', { channel: ' 天猫旗舰店 ' }, { channel: '天猫旗舰店' }],
  ])('%s', (_, changes, expected) => {
    expect(purchase(changes)).toMatchObject(expected);
  });
});

describe('Purchase: refused records', () => {
  const whole = 'amountMinor must be a whole number of minor currency units (cents, fen)';
  const number = 'amountMinor must be a number of minor currency units (cents, fen)';
  test.each<[string, Record<string, unknown>, string]>([
    ['amountMinor 12.5 (yuan, not fen)', { amountMinor: 12.5 }, whole],
    ['amountMinor as text', { amountMinor: '1288.00' }, number],
    ['amountMinor NaN', { amountMinor: Number.NaN }, number],
    ['amountMinor Infinity', { amountMinor: Number.POSITIVE_INFINITY }, number],
    ['a missing amount', { amountMinor: undefined }, 'amountMinor is required'],
    ['an amount beyond 10^15', { amountMinor: 1e16 }, 'amountMinor must be at most 10^15 minor units'],
    ['a refund beyond 10^15', { amountMinor: -1e16 }, 'amountMinor must be at least -10^15 minor units'],
    [
      'a currency name',
      { currency: 'yuan' },
      'currency must be a three-letter ISO 4217 currency code such as CNY',
    ],
    [
      'a currency symbol',
      { currency: '¥' },
      'currency must be a three-letter ISO 4217 currency code such as CNY',
    ],
    ['a missing currency', { currency: undefined }, 'currency is required'],
    ['quantity 0', { quantity: 0 }, 'quantity must be more than zero'],
    ['a negative quantity', { quantity: -1 }, 'quantity must be more than zero'],
    ['a huge quantity', { quantity: 1e10 }, 'quantity must be at most 1000000000'],
    ['a blank product', { product: '  ' }, 'product must not be empty'],
    ['a missing contact', { contactId: undefined }, 'contactId is required'],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid purchases: ${reason}`);
  });
});
