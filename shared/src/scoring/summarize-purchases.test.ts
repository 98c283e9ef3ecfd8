import { describe, expect, test } from 'vitest';
import { summarizePurchases, toEpochMs } from './summarize-purchases';

const END = new Date('1997-09-30T00:00:00Z');
const opts = { calibrationEnd: END, periodDays: 7 };

describe('summarizePurchases', () => {
  test('the paper’s customer: three days of purchases, the first excluded from x and the mean', () => {
    const [s] = summarizePurchases(
      [
        { customerId: '4', at: '19970101', amount: 29.33 },
        { customerId: '4', at: '19970118', amount: 29.73 },
        { customerId: '4', at: '19970802', amount: 14.96 },
      ],
      opts,
    );
    expect(s).toEqual({ customerId: '4', x: 2, tx: 213 / 7, T: 272 / 7, meanValue: (29.73 + 14.96) / 2 });
  });

  test('purchases on the same day are one transaction whose spend is the day’s total', () => {
    const [s] = summarizePurchases(
      [
        { customerId: 'a', at: '1997-03-01T09:00:00Z', amount: 10 },
        { customerId: 'a', at: '1997-03-05T09:00:00Z', amount: 5 },
        { customerId: 'a', at: '1997-03-05T18:00:00Z', amount: 7 },
      ],
      opts,
    );
    expect(s!.x).toBe(1);
    expect(s!.meanValue).toBe(12);
    expect(s!.tx).toBeCloseTo(4 / 7, 12);
  });

  test.each([
    // [purchase day, included in the calibration?]
    ['19970930', true],
    ['19971001', false],
  ])('a purchase on %s counts: %s (the calibration end day is included)', (day, included) => {
    const [s] = summarizePurchases(
      [
        { customerId: 'a', at: '19970101', amount: 1 },
        { customerId: 'a', at: day, amount: 1 },
      ],
      opts,
    );
    expect(s!.x).toBe(included ? 1 : 0);
  });

  test('a customer whose first purchase is after the calibration end is left out', () => {
    expect(summarizePurchases([{ customerId: 'late', at: '19971015', amount: 3 }], opts)).toEqual([]);
  });

  test('x = 0 gives tx = 0 and meanValue = 0', () => {
    const [s] = summarizePurchases([{ customerId: 'a', at: Date.UTC(1997, 8, 1), amount: 40 }], opts);
    expect(s).toMatchObject({ x: 0, tx: 0, meanValue: 0 });
    expect(s!.T).toBeCloseTo(29 / 7, 12);
  });

  test('"same day" is the local day when an offset is given', () => {
    const purchases = [
      { customerId: 'a', at: '1997-03-01T15:00:00Z', amount: 1 }, // 23:00 in UTC+8
      { customerId: 'a', at: '1997-03-01T17:00:00Z', amount: 1 }, // 01:00 the next day in UTC+8
    ];
    expect(summarizePurchases(purchases, opts)[0]!.x).toBe(0);
    expect(summarizePurchases(purchases, { ...opts, utcOffsetMinutes: 480 })[0]!.x).toBe(1);
  });

  test('keeps the order of first appearance', () => {
    const rows = ['c', 'a', 'b', 'a'].map((customerId) => ({ customerId, at: '19970301', amount: 1 }));
    expect(summarizePurchases(rows, opts).map((s) => s.customerId)).toEqual(['c', 'a', 'b']);
  });

  test.each([
    [
      { customerId: 'a', at: 'not a date', amount: 1 },
      /purchases\[0\]\.at \(not a date\) is not a readable date/,
    ],
    [
      { customerId: 'a', at: '19970101', amount: Number.NaN },
      /purchases\[0\]\.amount must be a finite number/,
    ],
  ])('refuses %j with a message naming the row', (row, message) => {
    expect(() => summarizePurchases([row], opts)).toThrow(message);
  });

  test('refuses a bad period or calibration end', () => {
    expect(() => summarizePurchases([], { calibrationEnd: END, periodDays: 0 })).toThrow(/periodDays/);
    expect(() => summarizePurchases([], { calibrationEnd: new Date('x'), periodDays: 7 })).toThrow(
      /calibrationEnd/,
    );
  });
});

describe('toEpochMs', () => {
  test.each([
    ['19970101', Date.UTC(1997, 0, 1)],
    ['1997-01-01', Date.UTC(1997, 0, 1)],
    [new Date(Date.UTC(2024, 1, 29)), Date.UTC(2024, 1, 29)],
    [1234, 1234],
  ])('%j → %d', (at, ms) => expect(toEpochMs(at)).toBe(ms));
});
