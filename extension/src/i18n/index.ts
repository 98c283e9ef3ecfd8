import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'en' | 'zh-CN';
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The UI locale for a browser language: any Chinese variant gets Simplified Chinese. */
export function localeFor(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translate function for a locale; `{name}` placeholders are filled from params. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}

export interface I18n {
  locale: Locale;
  t: Translate;
  formatDate: (epochMs: number) => string;
}

export function createI18n(locale: Locale): I18n {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return { locale, t: translator(locale), formatDate: (ms) => dates.format(ms) };
}
