import { normalizePhone } from '../phone';
import type { ContactPhone } from '../schemas/contact';

/** A calendar date and, when the cell had one, a time of day. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** False when the cell gave only a date. */
  hasTime: boolean;
}

const isRealDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const TIME = String.raw`(?:[ T]+(\d{1,2})[:时點点](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?分?)?`;
const YMD = new RegExp(
  String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME}\s*(?:Z|[+-]\d{2}:?\d{2})?$`,
);
const DMY_OR_MDY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Days from 1899-12-30 (Excel's day 0, with its 1900 leap-year bug folded in) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25_569;

/**
 * Reads a date cell in the formats spreadsheets and Chinese systems write: 2026-03-05, 2026/3/5,
 * 2026.3.5, 2026年3月5日, 20260305, each optionally with a time (14:30, 14:30:05, 14时30分);
 * 05.03.2026 (day first, as in Europe); 3/5/2026 is month first unless `dayFirst` is set or the first
 * number cannot be a month; and Excel's serial day numbers (46086 = 2026-03-05). Returns null for
 * anything else or for a date that does not exist (2026-02-30).
 * @example parseDateCell('2026年3月5日') // { year: 2026, month: 3, day: 5, hour: 0, minute: 0, second: 0, hasTime: false }
 */
export function parseDateCell(text: string, dayFirst = false): DateParts | null {
  const s = text.trim().normalize('NFKC');
  if (!s) return null;
  const time = (h?: string, mi?: string, se?: string) => ({
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(se ?? 0),
    hasTime: h !== undefined,
  });
  let parts: DateParts | null = null;
  const ymd = YMD.exec(s) ?? COMPACT.exec(s);
  const dmy = ymd ? null : DMY_OR_MDY.exec(s);
  if (ymd) {
    parts = {
      year: Number(ymd[1]),
      month: Number(ymd[2]),
      day: Number(ymd[3]),
      ...time(ymd[4], ymd[5], ymd[6]),
    };
  } else if (dmy) {
    const a = Number(dmy[1]);
    const b = Number(dmy[2]);
    // A dot is the European day-first style; otherwise month first unless told or impossible.
    const dotted = s.includes('.');
    const first = dotted || dayFirst || a > 12 ? { day: a, month: b } : { day: b, month: a };
    parts = { year: Number(dmy[3]), ...first, ...time(dmy[4], dmy[5], dmy[6]) };
  } else if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < 20_000 || serial > 80_000) return null;
    const ms = Math.round((serial - EXCEL_EPOCH_DAYS) * 86_400_000);
    const d = new Date(ms);
    parts = {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      hasTime: serial % 1 !== 0,
    };
  }
  if (!parts || !isRealDate(parts.year, parts.month, parts.day)) return null;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return null;
  return parts;
}

/**
 * Epoch milliseconds of date parts read in a time zone `utcOffsetMinutes` east of UTC (480 for
 * China). A date without a time is taken at noon, so it stays on its day in any nearby zone.
 */
export function epochOf(parts: DateParts, utcOffsetMinutes: number): number {
  const hour = parts.hasTime ? parts.hour : 12;
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, hour, parts.minute, parts.second) -
    utcOffsetMinutes * 60_000
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A birthday cell as the Contact schema stores it: YYYY-MM-DD, or --MM-DD when the cell has no year
 * (3月5日, --03-05, 03-05). Null when the cell is not a date.
 * @example parseBirthdayCell('1988/7/15') // '1988-07-15'
 */
export function parseBirthdayCell(text: string, dayFirst = false): string | null {
  const s = text.trim().normalize('NFKC');
  const noYear = /^(?:--)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (noYear) {
    const month = Number(noYear[1]);
    const day = Number(noYear[2]);
    return isRealDate(2000, month, day) ? `--${pad(month)}-${pad(day)}` : null;
  }
  const parts = parseDateCell(s, dayFirst);
  return parts ? `${parts.year}-${pad(parts.month)}-${pad(parts.day)}` : null;
}

/** Currency signs and words as shops write them; a sign shared by several currencies is read as the first. */
const CURRENCY_WORDS: [RegExp, string][] = [
  [/^(rmb|cny|元|人民币|￥|¥|cn¥)$/i, 'CNY'],
  [/^(us\$|usd|\$|美元)$/i, 'USD'],
  [/^(eur|€|欧元)$/i, 'EUR'],
  [/^(gbp|£|英镑)$/i, 'GBP'],
  [/^(jpy|円|日元|jp¥)$/i, 'JPY'],
  [/^(hkd|hk\$|港币|港元)$/i, 'HKD'],
  [/^(twd|nt\$|新台币)$/i, 'TWD'],
  [/^(krw|₩|韩元)$/i, 'KRW'],
  [/^(chf)$/i, 'CHF'],
  [/^(aud|a\$|澳元)$/i, 'AUD'],
  [/^(cad|c\$|加元)$/i, 'CAD'],
  [/^(sgd|s\$|新加坡元)$/i, 'SGD'],
];

/** A currency named by a cell ("RMB", "¥", "美元", "usd"), as an ISO 4217 code; null when unknown. */
export function currencyOf(text: string): string | null {
  const s = text.trim().normalize('NFKC');
  if (!s) return null;
  for (const [pattern, code] of CURRENCY_WORDS) if (pattern.test(s)) return code;
  return /^[A-Za-z]{3}$/.test(s) ? s.toUpperCase() : null;
}

/** Minor-unit digits of a currency (2 for CNY, 0 for JPY and KRW), per the runtime's Intl data. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/**
 * Reads a number the way it was written: "1,234.50", "1.234,50", "1 234,50", "1234,5", "1'234.50".
 * The last of "." and "," is the decimal mark when digits other than a group of three follow it,
 * or when both occur. Returns null for anything that is not a number.
 */
export function parseDecimal(text: string): number | null {
  let s = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(s)) return null;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    s = s.split(group).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    const groups = s.split(',');
    // "1,234" and "1,234,567" group thousands; "12,5" and "1234,50" use a decimal comma.
    const thousands = groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && groups[0] !== '';
    s = thousands ? groups.join('') : groups.length === 2 ? s.replace(',', '.') : '';
  } else if (lastDot >= 0 && s.indexOf('.') !== lastDot) {
    // "1.234.567": dots as thousands separators.
    const groups = s.split('.');
    s = groups.slice(1).every((g) => g.length === 3) ? groups.join('') : '';
  }
  if (!s || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export interface Money {
  minor: number;
  currency: string;
}

/**
 * An amount cell in minor units (fen, cents) with its currency: "¥1,234.50", "1.234,50 €",
 * "USD 12", "￥88元", "-12.00" (a refund), "(12.00)" (accounting negative). The currency comes from
 * the cell when it names one, else `defaultCurrency`. Null when the cell is not an amount or has
 * more decimals than the currency has minor units.
 * @example parseAmountCell('1.234,50 €', 'CNY') // { minor: 123450, currency: 'EUR' }
 */
export function parseAmountCell(text: string, defaultCurrency: string): Money | null {
  let s = text.trim().normalize('NFKC');
  if (!s) return null;
  let negative = false;
  const parenthesised = /^\((.*)\)$/.exec(s);
  if (parenthesised) {
    negative = true;
    s = parenthesised[1]!.trim();
  }
  const number = /[+-]?\s*[\d][\d.,\s\u00a0\u202f']*/.exec(s);
  if (!number) return null;
  const rest = `${s.slice(0, number.index)} ${s.slice(number.index + number[0].length)}`.trim();
  let currency = defaultCurrency.toUpperCase();
  if (rest) {
    const sign = rest.replace(/^-/, '').trim();
    if (rest.startsWith('-')) negative = !negative;
    // "¥88元" names the currency twice; every word must name the same one.
    const words = sign.split(/\s+/).flatMap((w) => w.match(/[A-Za-z]+[$¥]?|[^A-Za-z\s]+/g) ?? []);
    const codes = new Set(words.map(currencyOf));
    if (codes.has(null) || codes.size !== 1) return null;
    currency = [...codes][0]!;
  }
  const value = parseDecimal(number[0]);
  if (value === null) return null;
  const digits = minorDigits(currency);
  const minor = Math.round(value * 10 ** digits);
  if (Math.abs(minor - value * 10 ** digits) > 1e-6 * Math.max(1, Math.abs(minor))) return null;
  return { minor: negative ? -minor : minor, currency };
}

/** Gender words in English and Chinese; null when the cell names none. */
export function parseGenderCell(text: string): 'female' | 'male' | 'other' | 'unspecified' | null {
  const s = text.trim().toLowerCase().normalize('NFKC');
  if (/^(f|female|woman|w|女|女士|女性|小姐)$/.test(s)) return 'female';
  if (/^(m|male|man|男|男士|男性|先生)$/.test(s)) return 'male';
  if (/^(other|diverse|d|x|其他)$/.test(s)) return 'other';
  if (/^(unknown|unspecified|n\/a|未知|保密)$/.test(s)) return 'unspecified';
  return null;
}

/** Splits a list cell ("vip, 茶叶；wholesale、retail"): commas, semicolons, 、, |, and line breaks. */
export function splitListCell(text: string): string[] {
  return text
    .split(/[,;，；、|\n]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * The phone numbers of a cell (several may be separated by "/", ";", ",", "、" or a line break),
 * normalised to E.164 with `defaultRegion` for numbers without a country code. A part with fewer than
 * five digits is not a number: it is returned in `bad`.
 * @example phonesOfCell('138 0013 8000 / 010-6552 9988', 'CN', 'mobile').phones.map((p) => p.number) // ['+8613800138000', '+861065529988']
 */
export function phonesOfCell(
  text: string,
  defaultRegion: string,
  label: ContactPhone['label'],
): { phones: ContactPhone[]; bad: string[] } {
  const phones: ContactPhone[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[/;,，；、\n]/)) {
    const raw = part.trim();
    if (!raw) continue;
    if (raw.replace(/\D/g, '').length < 5) bad.push(raw);
    else phones.push(normalizePhone(raw, defaultRegion, label));
  }
  return { phones, bad };
}

let countryNames: Map<string, string> | undefined;

/**
 * A country cell as an ISO 3166-1 alpha-2 code: the code itself ("cn"), or a name in English or
 * Chinese ("China", "中国", "Deutschland" is not known: only English and Chinese names are), read
 * from the runtime's Intl region names. Null when unknown.
 */
export function countryCodeOf(text: string): string | null {
  const s = text.trim().normalize('NFKC');
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  if (!countryNames) {
    countryNames = new Map([
      ['中华人民共和国', 'CN'],
      ['中国大陆', 'CN'],
      ['prc', 'CN'],
      ['usa', 'US'],
      ['u.s.a.', 'US'],
      ['u.s.', 'US'],
      ['uk', 'GB'],
      ['美国', 'US'],
      ['英国', 'GB'],
    ]);
    const A = 'A'.charCodeAt(0);
    for (const locale of ['en', 'zh-CN', 'zh-TW']) {
      let names: Intl.DisplayNames;
      try {
        names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
      } catch {
        continue;
      }
      for (let i = 0; i < 26; i++)
        for (let j = 0; j < 26; j++) {
          const code = String.fromCharCode(A + i, A + j);
          // Deprecated codes (DD, SU, YU) canonicalise to today's (DE, RU, RS), which they share a name with.
          if (new Intl.Locale(`und-${code}`).region !== code) continue;
          const name = names.of(code);
          if (name && !countryNames.has(name.toLowerCase())) countryNames.set(name.toLowerCase(), code);
        }
    }
  }
  return countryNames.get(s.toLowerCase()) ?? null;
}
