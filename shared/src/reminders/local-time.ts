// Local calendar days and times of day in an explicit IANA time zone. Reminders are due at a local time
// ("09:00 in the rep's zone"), so every conversion names its zone; nothing here reads the clock.

/** A calendar day, with a 1-based month: { year: 2026, month: 2, day: 17 }. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(at: number, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return fields as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in milliseconds (UTC+8 → 28,800,000). */
export function zoneOffsetMs(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The calendar day an instant falls on in a zone. */
export function localDayOf(at: number, timeZone: string): CalendarDay {
  const { year, month, day } = wallClock(at, timeZone);
  return { year, month, day };
}

/**
 * The instant of a local wall-clock time on a day in a zone. A time skipped by a daylight-saving jump
 * (02:30 on a spring-forward night) moves forward by the jump, as clocks do.
 * @example localTimeToInstant({ year: 2026, month: 2, day: 17 }, 9 * 60, 'Asia/Shanghai') // 2026-02-17T01:00Z
 */
export function localTimeToInstant(day: CalendarDay, minuteOfDay: number, timeZone: string): number {
  const naive = Date.UTC(day.year, day.month - 1, day.day) + minuteOfDay * 60_000;
  // Two passes: the offset at the first guess can differ from the offset at the answer near a DST change.
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  if (second + zoneOffsetMs(second, timeZone) === naive) return second;
  // A wall-clock time the zone skipped: of the two readings, the later one is the time moved forward.
  return Math.max(first, second);
}

/** Days after `day`, in the proleptic Gregorian calendar. */
export function addDays(day: CalendarDay, days: number): CalendarDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetweenDays(a: CalendarDay, b: CalendarDay): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `YYYY-MM-DD` of a day. */
export function dayKey(day: CalendarDay): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(day.year).padStart(4, '0')}-${pad(day.month)}-${pad(day.day)}`;
}

/** Compares days: negative when a is before b. */
export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Parses "HH:MM" (00:00-23:59) into minutes after midnight; null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}
