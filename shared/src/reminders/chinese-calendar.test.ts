import { describe, expect, test } from 'vitest';
import { lunarMonthStart, lunarToGregorian, qingmingDay } from './chinese-calendar';
import { dayKey } from './local-time';
import { nearestNewMoon } from './new-moon';
import { holidayDays } from './occurrences';

const key = (d: { year: number; month: number; day: number } | null) => (d ? dayKey(d) : null);

describe('lunarToGregorian', () => {
  // Published dates (Purple Mountain Observatory calendar, as printed on Chinese calendars).
  test.each([
    ['春节 2020', 2020, 1, 1, '2020-01-25'],
    ['春节 2023', 2023, 1, 1, '2023-01-22'],
    ['春节 2025', 2025, 1, 1, '2025-01-29'],
    ['春节 2026', 2026, 1, 1, '2026-02-17'],
    // ICU 78 alone says 2027-02-07: the new moon is at 23:56 Beijing time on 6 February.
    ['春节 2027', 2027, 1, 1, '2027-02-06'],
    ['春节 2028', 2028, 1, 1, '2028-01-26'],
    ['元宵 2026', 2026, 1, 15, '2026-03-03'],
    ['端午 2025', 2025, 5, 5, '2025-05-31'],
    ['端午 2026', 2026, 5, 5, '2026-06-19'],
    ['七夕 2026', 2026, 7, 7, '2026-08-19'],
    ['中秋 2024', 2024, 8, 15, '2024-09-17'],
    ['中秋 2025', 2025, 8, 15, '2025-10-06'],
    ['中秋 2026', 2026, 8, 15, '2026-09-25'],
    ['重阳 2026', 2026, 9, 9, '2026-10-18'],
  ])('%s', (_name, year, month, day, expected) => {
    expect(key(lunarToGregorian(year, month, day))).toBe(expected);
  });

  test('leap months: 闰二月 2023 and 闰六月 2025 exist, 闰二月 2026 does not', () => {
    expect(key(lunarMonthStart(2023, 2, true))).toBe('2023-03-22');
    expect(key(lunarMonthStart(2025, 6, true))).toBe('2025-07-25');
    expect(lunarMonthStart(2026, 2, true)).toBeNull();
  });

  test('every 正月初一 from 2000 to 2060 is the Beijing day of a new moon, between 21 Jan and 20 Feb', () => {
    for (let year = 2000; year <= 2060; year++) {
      const day = lunarToGregorian(year, 1, 1)!;
      const newMoon = new Date(nearestNewMoon(Date.UTC(day.year, day.month - 1, day.day, 4)) + 8 * 3_600_000);
      expect(
        dayKey({
          year: newMoon.getUTCFullYear(),
          month: newMoon.getUTCMonth() + 1,
          day: newMoon.getUTCDate(),
        }),
      ).toBe(dayKey(day));
      expect(dayKey(day) >= `${year}-01-21` && dayKey(day) <= `${year}-02-20`).toBe(true);
    }
  });
});

describe('nearestNewMoon', () => {
  test.each([
    // Eclipses: the new moon is within minutes of greatest eclipse.
    ['2017-08-21', '2017-08-21T18:30'],
    ['2024-04-08', '2024-04-08T18:20'],
    ['2026-02-17', '2026-02-17T12:01'],
    ['2027-02-06', '2027-02-06T15:56'],
  ])('%s', (near, expected) => {
    expect(new Date(nearestNewMoon(Date.parse(near))).toISOString().slice(0, 16)).toBe(expected);
  });
});

describe('qingmingDay', () => {
  test.each([
    [2020, '2020-04-04'],
    [2022, '2022-04-05'],
    [2024, '2024-04-04'],
    [2025, '2025-04-04'],
    [2026, '2026-04-05'],
    [2027, '2027-04-05'],
    [2028, '2028-04-04'],
  ])('%i', (year, expected) => {
    expect(key(qingmingDay(year))).toBe(expected);
    expect(holidayDays({ kind: 'qingming' }, year).map(key)).toEqual([expected]);
  });
});

describe('holidayDays', () => {
  test('a lunar date late in 腊月 can fall in January of the next Gregorian year', () => {
    // 腊月初八 (Laba) of the lunar year that began in 2024 is 2025-01-07; of 2025, 2026-01-26.
    expect(holidayDays({ kind: 'lunar', month: 12, day: 8 }, 2025).map(key)).toEqual(['2025-01-07']);
    expect(holidayDays({ kind: 'lunar', month: 12, day: 8 }, 2026).map(key)).toEqual(['2026-01-26']);
  });
  test('29 February is kept on 28 February in common years', () => {
    expect(holidayDays({ kind: 'gregorian', month: 2, day: 29 }, 2027).map(key)).toEqual(['2027-02-28']);
    expect(holidayDays({ kind: 'gregorian', month: 2, day: 29 }, 2028).map(key)).toEqual(['2028-02-29']);
  });
});
