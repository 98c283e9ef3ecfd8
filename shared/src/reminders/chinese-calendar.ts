// Gregorian dates of Chinese (lunisolar) calendar dates, computed, never tabled per year.
//
// The structure of the year (which months there are, which one is a leap month) comes from ICU's
// Chinese calendar through `Intl.DateTimeFormat(…, { calendar: 'chinese' })`, available in Node 20 and
// Chromium. ICU's new-moon approximation can be off by some minutes, which matters when a new moon
// falls close to midnight in Beijing: ICU 78 puts 春节 2027 on 7 February, while the new moon is at
// 23:56 Beijing time on 6 February and the official calendar (GB/T 33661-2017: months start on the
// Beijing day of the new moon) has 6 February. So each month's first day is checked against the new
// moon computed with Meeus' algorithm (new-moon.ts) and moved to the Beijing day of that new moon.
import { addDays, type CalendarDay, daysBetweenDays } from './local-time';
import { nearestNewMoon } from './new-moon';

/** The Chinese calendar is reckoned in Beijing time (UTC+8, no daylight saving since 1991). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const chineseFormat = new Intl.DateTimeFormat('en-US-u-ca-chinese', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

interface LunarParts {
  /** The Gregorian year in which this lunar year began (ICU's `relatedYear`). */
  year: number;
  month: number;
  leap: boolean;
  day: number;
}

function lunarPartsOf(day: CalendarDay): LunarParts {
  const parts: Record<string, string> = {};
  for (const p of chineseFormat.formatToParts(Date.UTC(day.year, day.month - 1, day.day, 12))) {
    parts[p.type] = p.value;
  }
  const monthText = parts.month ?? '';
  return {
    year: Number(parts.relatedYear ?? parts.year),
    month: Number.parseInt(monthText, 10),
    // ICU writes a leap month as "2bis" in English.
    leap: /bis/.test(monthText),
    day: Number(parts.day),
  };
}

/** The Beijing calendar day of the new moon nearest to a day. */
function newMoonDayNear(day: CalendarDay): CalendarDay {
  const at = nearestNewMoon(Date.UTC(day.year, day.month - 1, day.day, 12) - BEIJING_OFFSET_MS);
  const beijing = new Date(at + BEIJING_OFFSET_MS);
  return { year: beijing.getUTCFullYear(), month: beijing.getUTCMonth() + 1, day: beijing.getUTCDate() };
}

const monthStartCache = new Map<string, CalendarDay | null>();

/**
 * The Gregorian day on which lunar month `month` (a leap month when `leap`) of the lunar year that
 * began in Gregorian `year` starts; null when that year has no such month (most years have no leap
 * month). 正月 always starts between 21 January and 20 February.
 */
export function lunarMonthStart(year: number, month: number, leap = false): CalendarDay | null {
  const key = `${year}-${month}-${leap}`;
  if (monthStartCache.has(key)) return monthStartCache.get(key)!;
  let result: CalendarDay | null = null;
  // A rough first guess: 正月 starts near 5 Feb; each month is 29.53 days (13 months when leap).
  let probe = addDays({ year, month: 2, day: 5 }, Math.round((month - 1 + (leap ? 1 : 0)) * 29.53));
  for (let step = 0; step < 4 && !result; step++) {
    const parts = lunarPartsOf(probe);
    const sameMonth = parts.year === year && parts.month === month && parts.leap === leap;
    if (sameMonth) {
      result = addDays(probe, 1 - parts.day);
      break;
    }
    // Move by whole months toward the target: compare (year, month, leap) orders.
    const order = (y: number, m: number, l: boolean) => y * 100 + m * 2 + (l ? 1 : 0);
    const direction = order(parts.year, parts.month, parts.leap) < order(year, month, leap) ? 1 : -1;
    probe = addDays(probe, direction * 29 - (parts.day - 15));
  }
  if (result) {
    // ICU's first day against the Beijing day of the new moon (see the file comment).
    const exact = newMoonDayNear(result);
    if (Math.abs(daysBetweenDays(result, exact)) <= 1) result = exact;
  }
  monthStartCache.set(key, result);
  return result;
}

/**
 * The Gregorian day of a Chinese calendar date: day `day` of lunar month `month` in the lunar year that
 * began in Gregorian `year`. Day 30 of a 29-day month gives the next month's first day; callers that
 * mean "the last day" should ask for day 1 of the next month minus one.
 * @example lunarToGregorian(2026, 8, 15) // { year: 2026, month: 9, day: 25 } (中秋节)
 */
export function lunarToGregorian(year: number, month: number, day: number, leap = false): CalendarDay | null {
  const start = lunarMonthStart(year, month, leap);
  return start ? addDays(start, day - 1) : null;
}

/**
 * 清明 (Pure Brightness): the day the sun reaches ecliptic longitude 15°, by the solar-term formula
 * [Y·D + C] − L: Y the year within its century, D = 0.2422, C = 4.81 for 2001-2100 (5.59 for
 * 1901-2000), L = ⌊Y/4⌋ the leap days so far in the century. The formula has no exception year for 清明
 * in 1901-2100.
 * @example qingmingDay(2026) // { year: 2026, month: 4, day: 5 }
 */
export function qingmingDay(year: number): CalendarDay {
  const y = year % 100 === 0 ? 100 : year % 100;
  const c = year > 2000 ? 4.81 : 5.59;
  return { year, month: 4, day: Math.floor(y * 0.2422 + c) - Math.floor(y / 4) };
}
