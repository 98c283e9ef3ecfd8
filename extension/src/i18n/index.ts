import { en, type MessageKey } from './en';
import { formatMessage } from './message-format';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The UI locale for a browser language: any Chinese variant gets Simplified Chinese. */
export function localeFor(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The UI locale of a language setting: "auto" follows the browser. */
export function localeOf(language: 'auto' | Locale, browserLanguage: string | undefined): Locale {
  return language === 'auto' ? localeFor(browserLanguage) : language;
}

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** True when `key` is a message of the catalogs (for keys built at run time, such as reason codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * A translate function for a locale: `{name}` placeholders are filled from params, and
 * `{n, plural, one {# day} other {# days}}` / `{x, select, a {…} other {…}}` pick a form
 * (a small subset of ICU MessageFormat, enough for English plurals; Chinese needs none).
 */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  // A key missing at run time (a code built from data) shows itself rather than breaking the panel.
  return (key, params) => formatMessage(catalog[key] ?? key, params, plurals, numbers);
}

export interface I18n {
  locale: Locale;
  t: Translate;
  /** "Nov 22, 2026" / "2026年11月22日". */
  formatDate: (epochMs: number) => string;
  /** Date and time, short. */
  formatDateTime: (epochMs: number) => string;
  /** An amount in minor units (cents, fen) of `currency`: "CN¥1,234.50", "€12.00". */
  formatMoney: (minor: number, currency: string) => string;
  formatNumber: (value: number) => string;
  /** 0.42 → "42%". */
  formatPercent: (fraction: number) => string;
  /** "in 3 days", "yesterday", "3天后". */
  formatRelativeDays: (days: number) => string;
  /** A country code as the locale names it: CN → "China" / "中国". */
  formatCountry: (code: string) => string;
  /** An address in the locale's order: "Street, City, Region 12345, Country" / "中国广东深圳某路". */
  formatAddress: (address: {
    country?: string;
    region?: string;
    city?: string;
    street?: string;
    postalCode?: string;
  }) => string;
  /** A list in the locale's words: "a, b and c" / "a、b和c". */
  formatList: (items: readonly string[]) => string;
}

const DAY = 86_400_000;

/** Minor-unit digits of a currency, per Intl (2 for CNY/USD/EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

export function createI18n(locale: Locale): I18n {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
  const money = (currency: string) => {
    let entry = moneyFormats.get(currency);
    if (!entry) {
      const digits = currencyDigits(currency);
      let format: Intl.NumberFormat;
      try {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
      } catch {
        format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits });
      }
      entry = { format, digits };
      moneyFormats.set(currency, entry);
    }
    return entry;
  };
  let countries: Intl.DisplayNames | undefined;
  try {
    countries = new Intl.DisplayNames(locale, { type: 'region' });
  } catch {
    countries = undefined;
  }
  const country = (code: string) => {
    try {
      return countries?.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const lists = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    locale,
    t: translator(locale),
    formatCountry: country,
    formatList: (items) => lists.format(items),
    formatAddress: (a) => {
      const name = a.country ? country(a.country) : undefined;
      if (locale === 'zh-CN') {
        // Chinese addresses run from the largest unit to the smallest; a city named like its region
        // (北京, 北京) is written once.
        const parts = [name, a.region, a.city !== a.region ? a.city : undefined, a.street].filter(Boolean);
        return `${parts.join('')}${a.postalCode ? ` ${a.postalCode}` : ''}`;
      }
      const regionLine = [a.region, a.postalCode].filter(Boolean).join(' ');
      return [a.street, a.city, regionLine || undefined, name].filter(Boolean).join(', ');
    },
    formatDate: (ms) => dates.format(ms),
    formatDateTime: (ms) => dateTimes.format(ms),
    formatMoney: (minor, currency) => {
      const { format, digits } = money(currency);
      return format.format(minor / 10 ** digits);
    },
    formatNumber: (value) => numbers.format(value),
    formatPercent: (fraction) => percents.format(fraction),
    formatRelativeDays: (days) => relative.format(Math.round(days), 'day'),
  };
}

/** Whole days from `now` to `at` (negative in the past), by calendar distance in local time. */
export function daysFrom(now: number, at: number): number {
  const start = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((start(at) - start(now)) / DAY);
}
