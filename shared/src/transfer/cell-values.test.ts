import { describe, expect, test } from 'vitest';
import {
  countryCodeOf,
  currencyOf,
  epochOf,
  parseAmountCell,
  parseBirthdayCell,
  parseDateCell,
  parseDecimal,
  parseGenderCell,
  phonesOfCell,
  splitListCell,
} from './cell-values';

describe('parseDateCell', () => {
  test.each([
    ['2026-03-05', [2026, 3, 5, false]],
    ['2026/3/5', [2026, 3, 5, false]],
    ['2026.3.5', [2026, 3, 5, false]],
    ['2026年3月5日', [2026, 3, 5, false]],
    ['2026 年 3 月 5 日', [2026, 3, 5, false]],
    ['20260305', [2026, 3, 5, false]],
    ['2026-03-05 14:30', [2026, 3, 5, true]],
    ['2026-03-05T14:30:05Z', [2026, 3, 5, true]],
    ['2026年3月5日 14时30分', [2026, 3, 5, true]],
    ['05.03.2026', [2026, 3, 5, false]],
    ['3/5/2026', [2026, 3, 5, false]],
    ['25/3/2026', [2026, 3, 25, false]],
    ['46086', [2026, 3, 5, false]],
  ] as const)('%s', (text, [year, month, day, hasTime]) => {
    expect(parseDateCell(text)).toMatchObject({ year, month, day, hasTime });
  });

  test('day first when told', () => {
    expect(parseDateCell('3/5/2026', true)).toMatchObject({ month: 5, day: 3 });
  });

  test.each(['', 'yesterday', '2026-02-30', '2026-13-01', '2026/3/5 25:00', '123', '5.3'])(
    'refuses %j',
    (text) => {
      expect(parseDateCell(text)).toBeNull();
    },
  );

  test('epochOf: a date alone is noon in the given zone; a time is that time', () => {
    const china = 480;
    expect(epochOf(parseDateCell('2026/3/5')!, china)).toBe(Date.UTC(2026, 2, 5, 4));
    expect(epochOf(parseDateCell('2026-03-05 09:15')!, china)).toBe(Date.UTC(2026, 2, 5, 1, 15));
  });
});

describe('parseBirthdayCell', () => {
  test.each([
    ['1988/7/15', '1988-07-15'],
    ['1988年7月15日', '1988-07-15'],
    ['7月15日', '--07-15'],
    ['--07-15', '--07-15'],
    ['02-29', '--02-29'],
    ['1988-02-30', null],
    ['soon', null],
  ])('%s → %s', (text, expected) => {
    expect(parseBirthdayCell(text)).toBe(expected);
  });
});

describe('amounts', () => {
  test.each([
    ['¥1,234.50', 'CNY', { minor: 123_450, currency: 'CNY' }],
    ['￥1,234.50', 'USD', { minor: 123_450, currency: 'CNY' }],
    ['1.234,50 €', 'CNY', { minor: 123_450, currency: 'EUR' }],
    ['1 234,50 EUR', 'CNY', { minor: 123_450, currency: 'EUR' }],
    ['$12', 'CNY', { minor: 1200, currency: 'USD' }],
    ['US$ 12.30', 'CNY', { minor: 1230, currency: 'USD' }],
    ['CN¥88', 'USD', { minor: 8800, currency: 'CNY' }],
    ['88元', 'USD', { minor: 8800, currency: 'CNY' }],
    ['¥88元', 'USD', { minor: 8800, currency: 'CNY' }],
    ['RMB 1,000', 'USD', { minor: 100_000, currency: 'CNY' }],
    ['1234.5', 'CNY', { minor: 123_450, currency: 'CNY' }],
    ['-12.00', 'CNY', { minor: -1200, currency: 'CNY' }],
    ['-¥12', 'CNY', { minor: -1200, currency: 'CNY' }],
    ['(12.00)', 'USD', { minor: -1200, currency: 'USD' }],
    ['¥1,000', 'JPY', { minor: 100_000, currency: 'CNY' }],
    ['1000 JPY', 'CNY', { minor: 1000, currency: 'JPY' }],
  ])('%s (default %s)', (text, currency, expected) => {
    expect(parseAmountCell(text, currency)).toEqual(expected);
  });

  test.each(['', 'free', '12.345', '1,2,3', '12 € $', '12 bananas', '10.5 JPY'])('refuses %j', (text) => {
    expect(parseAmountCell(text, 'CNY')).toBeNull();
  });

  test('parseDecimal reads grouping and decimal marks', () => {
    expect(parseDecimal('1,234,567.89')).toBe(1_234_567.89);
    expect(parseDecimal('1.234.567,89')).toBe(1_234_567.89);
    expect(parseDecimal("1'234.5")).toBe(1234.5);
    expect(parseDecimal('0,5')).toBe(0.5);
    expect(parseDecimal('1.234.56')).toBeNull();
  });

  test('currencyOf', () => {
    expect(currencyOf('人民币')).toBe('CNY');
    expect(currencyOf('usd')).toBe('USD');
    expect(currencyOf('€')).toBe('EUR');
    expect(currencyOf('banana')).toBeNull();
  });
});

describe('other cells', () => {
  test('phones: several per cell, E.164 with the default region, bad parts reported', () => {
    const { phones, bad } = phonesOfCell('138 0013 8000 / 010-6552 9988、12', 'CN', 'mobile');
    expect(phones.map((p) => p.number)).toEqual(['+8613800138000', '+861065529988']);
    expect(phones[0]).toMatchObject({ raw: '138 0013 8000', label: 'mobile' });
    expect(bad).toEqual(['12']);
  });

  test('gender, lists and countries in English and Chinese', () => {
    expect(parseGenderCell('女')).toBe('female');
    expect(parseGenderCell('Male')).toBe('male');
    expect(parseGenderCell('先生')).toBe('male');
    expect(parseGenderCell('maybe')).toBeNull();
    expect(splitListCell('vip, 茶叶；wholesale、retail')).toEqual(['vip', '茶叶', 'wholesale', 'retail']);
    expect(countryCodeOf('中国')).toBe('CN');
    expect(countryCodeOf('China')).toBe('CN');
    expect(countryCodeOf('germany')).toBe('DE');
    expect(countryCodeOf('德国')).toBe('DE');
    expect(countryCodeOf('us')).toBe('US');
    expect(countryCodeOf('Atlantis')).toBeNull();
  });
});
