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

  // The in-app rule (customer-facts.ts): a day counts when one of its purchases is ≥ 0; its spend is the
  // day's net, refunds included; a day of refunds alone is no transaction and no spend.
  test.each([
    // [label, purchases as [day of March 1997, amount], x, meanValue]
    [
      'a refund-only day is no transaction',
      [
        [1, 15],
        [2, -20],
        [3, 30],
      ],
      1,
      30,
    ],
    [
      'a day that nets negative with a purchase in it still counts',
      [
        [1, 15],
        [2, 10],
        [2, -20],
        [3, 30],
      ],
      2,
      10,
    ],
    [
      'a zero-amount purchase counts, as in the app',
      [
        [1, 15],
        [2, 0],
        [3, 30],
      ],
      2,
      15,
    ],
    [
      'refunds before the first purchase do not start the clock',
      [
        [1, -5],
        [2, 15],
        [3, 30],
      ],
      1,
      30,
    ],
  ] as const)('%s', (_, days, x, meanValue) => {
    const [s] = summarizePurchases(
      days.map(([d, amount]) => ({ customerId: 'a', at: Date.UTC(1997, 2, d, 12), amount })),
      opts,
    );
    expect(s).toMatchObject({ x, meanValue });
  });

  test('a refund-only day is not the last transaction: t_x stays at the last purchase', () => {
    const [s] = summarizePurchases(
      [
        { customerId: 'a', at: '19970301', amount: 15 },
        { customerId: 'a', at: '19970308', amount: 30 },
        { customerId: 'a', at: '19970322', amount: -30 },
      ],
      opts,
    );
    expect(s).toMatchObject({ x: 1, tx: 1, meanValue: 30 });
  });

  test('a customer with nothing but refunds is left out, like a prospect in the app', () => {
    expect(summarizePurchases([{ customerId: 'r', at: '19970301', amount: -9 }], opts)).toEqual([]);
  });

  test('offset-less date-times are UTC, whatever the machine’s time zone', () => {
    // 23:30 and 00:30 (UTC) fall on two days; read in UTC+8 or UTC−5 they would be one.
    const purchases = [
      { customerId: 'a', at: '1997-03-01T23:30:00', amount: 1 },
      { customerId: 'a', at: '1997-03-02T00:30:00', amount: 1 },
    ];
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York'])
      withTimeZone(zone, () => {
        expect(summarizePurchases(purchases, opts)[0]!.x, zone).toBe(1);
        expect(summarizePurchases(purchases, { ...opts, utcOffsetMinutes: 480 })[0]!.x, zone).toBe(0);
      });
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
    // Without an offset a date-time is UTC, like a date alone.
    ['2024-01-01T00:30:00', Date.UTC(2024, 0, 1, 0, 30)],
    ['2024-01-01T00:30', Date.UTC(2024, 0, 1, 0, 30)],
    ['2024-01-01 00:30:00.250', Date.UTC(2024, 0, 1, 0, 30, 0, 250)],
    [' 2024-01-01T00:30:00 ', Date.UTC(2024, 0, 1, 0, 30)],
    // An offset is honoured.
    ['2024-01-01T00:30:00Z', Date.UTC(2024, 0, 1, 0, 30)],
    ['2024-01-01T08:30:00+08:00', Date.UTC(2024, 0, 1, 0, 30)],
    ['2023-12-31T19:30:00-05:00', Date.UTC(2024, 0, 1, 0, 30)],
    [new Date(Date.UTC(2024, 1, 29)), Date.UTC(2024, 1, 29)],
    [1234, 1234],
  ])('%j → %d in UTC, UTC+8 and UTC−5', (at, ms) => {
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/New_York'])
      withTimeZone(zone, () => expect(toEpochMs(at), zone).toBe(ms));
  });
});

/**
 * Runs `body` with the process in another time zone (Node re-reads TZ when it is assigned), so the
 * time-zone tests bite even where CI runs in UTC; checks the switch took effect, then restores TZ.
 */
function withTimeZone(zone: string, body: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    expect(new Date(2024, 0, 1).getTimezoneOffset(), `TZ=${zone} took effect`).toBe(
      { UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 300 }[zone],
    );
    body();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}
