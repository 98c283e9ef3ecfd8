/**
 * A date and time as a webmail page shows it, in the page's local time (a zone is rarely shown).
 * `epoch` is set instead when the text carried its own zone (ISO 8601 with `Z` or an offset).
 */
export interface DisplayedDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  epoch?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`);
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH},?\\s+(\\d{4})\\b`);
const CJK_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const NUMERIC_DATE = /(?<!\d)(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?!\d)/;
const TIME = /(?<!\d)(\d{1,2})[:：](\d{2})(?::\d{2})?(?!\d)\s*(a\.?m\.?|p\.?m\.?)?/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Which comes first in an all-numeric date such as 03/04/2025: US English writes month first. */
function monthFirst(locale: string | undefined): boolean {
  const tag = (locale ?? 'en-US').toLowerCase();
  return (
    tag === 'en' || tag === 'en-us' || tag.startsWith('en-us') || tag === 'fil' || tag.startsWith('en-ph')
  );
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1970 || year > 2200) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function numericDate(a: number, b: number, c: number, aText: string, locale?: string) {
  if (aText.length === 4) return { year: a, month: b, day: c };
  const year = c < 100 ? 2000 + c : c;
  // A number over 12 can only be the day; otherwise the locale decides.
  if (a > 12) return { year, month: b, day: a };
  if (b > 12) return { year, month: a, day: b };
  return monthFirst(locale) ? { year, month: a, day: b } : { year, month: b, day: a };
}

/** The calendar date in the text, by the first of the known forms that matches. */
function dateIn(s: string, locale: string | undefined): { year: number; month: number; day: number } | null {
  const cjk = CJK_DATE.exec(s);
  if (cjk) return { year: Number(cjk[1]), month: Number(cjk[2]), day: Number(cjk[3]) };
  const mdy = MONTH_DAY_YEAR.exec(s);
  if (mdy) return { year: Number(mdy[3]), month: MONTHS[mdy[1]!.slice(0, 3)]!, day: Number(mdy[2]) };
  const dmy = DAY_MONTH_YEAR.exec(s);
  if (dmy) return { year: Number(dmy[3]), month: MONTHS[dmy[2]!.slice(0, 3)]!, day: Number(dmy[1]) };
  const numeric = NUMERIC_DATE.exec(s);
  if (numeric)
    return numericDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]), numeric[1]!, locale);
  return null;
}

/**
 * Reads the date a webmail page shows for a message ("Mon, Mar 3, 2025, 10:14 AM", "Thu, Dec 18,
 * 2014 at 12:35 PM", "Mon 3/3/2025 10:14 AM", "2025年3月3日 周一 下午3:14", "2025/3/3 周一 15:14",
 * ISO 8601). All-numeric dates are read in the order of `locale` (month first for US English, day
 * first otherwise) unless a number over 12 settles it. No year, no date: null (never a guess).
 * @example parseDisplayedDate('2025年3月3日 周一 下午3:14') // { year: 2025, month: 3, day: 3, hour: 15, minute: 14 }
 */
export function parseDisplayedDate(text: string, locale?: string): DisplayedDate | null {
  const raw = text.trim().slice(0, 200);
  if (ISO_WITH_ZONE.test(raw)) {
    const epoch = Date.parse(raw);
    if (Number.isNaN(epoch)) return null;
    const d = new Date(epoch);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      epoch,
    };
  }
  const s = raw.normalize('NFKC').toLowerCase();

  const date = dateIn(s, locale);
  if (!date || !validDay(date.year, date.month, date.day)) return null;

  let hour = 0;
  let minute = 0;
  const rest = s.replace(CJK_DATE, ' ').replace(NUMERIC_DATE, ' ');
  const t = TIME.exec(rest);
  if (t) {
    hour = Number(t[1]);
    minute = Number(t[2]);
    const suffix = t[3]?.replace(/\./g, '');
    // Chinese pages write the half of the day before the time: 上午 (morning), 下午 (afternoon), 中午 (noon).
    const prefix = rest.slice(Math.max(0, t.index - 4), t.index);
    if ((suffix === 'pm' || /下午|晚上|傍晚/.test(prefix)) && hour < 12) hour += 12;
    else if (/中午/.test(prefix) && hour < 11) hour += 12;
    else if ((suffix === 'am' || /上午|凌晨|早上/.test(prefix)) && hour === 12) hour = 0;
    if (hour > 23 || minute > 59) return null;
  }
  return { ...date, hour, minute };
}
