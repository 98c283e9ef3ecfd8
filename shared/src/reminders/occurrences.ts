// On which day of a given year a birthday or a holiday falls.
import { lunarToGregorian, qingmingDay } from './chinese-calendar';
import { type CalendarDay, isLeapYear } from './local-time';
import type { HolidayRule } from './reminder-settings';

/** Month and day of a birthday written YYYY-MM-DD or --MM-DD; null when it is neither. */
export function birthdayMonthDay(birthday: string | undefined | null): { month: number; day: number } | null {
  const m = birthday ? /^(?:\d{4}|-)-(\d{2})-(\d{2})$/.exec(birthday) : null;
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (new Date(Date.UTC(2024, month - 1, day)).getUTCDate() !== day) return null;
  return { month, day };
}

/**
 * The day in `year` a date that recurs every year is kept on: itself, except 29 February, which is kept
 * on 28 February in common years (the last day of February, as most people born that day celebrate).
 * @example annualDay({ month: 2, day: 29 }, 2027) // { year: 2027, month: 2, day: 28 }
 */
export function annualDay(date: { month: number; day: number }, year: number): CalendarDay {
  if (date.month === 2 && date.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: date.month, day: date.day };
}

/**
 * The days in Gregorian `year` a holiday falls on: one for a Gregorian date or 清明; for a Chinese
 * calendar date, the occurrences of the lunar years that began in `year - 1` and `year` that fall in
 * `year` (usually one; a lunar date in late 腊月 can fall in January of the next Gregorian year).
 * @example holidayDays({ kind: 'lunar', month: 8, day: 15 }, 2026) // [{ year: 2026, month: 9, day: 25 }]
 */
export function holidayDays(rule: HolidayRule, year: number): CalendarDay[] {
  if (rule.kind === 'gregorian') return [annualDay(rule, year)];
  if (rule.kind === 'qingming') return [qingmingDay(year)];
  const days: CalendarDay[] = [];
  for (const lunarYear of [year - 1, year]) {
    const day = lunarToGregorian(lunarYear, rule.month, rule.day);
    if (day && day.year === year) days.push(day);
  }
  return days;
}
