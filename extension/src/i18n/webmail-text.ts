import type { Locale } from './index';
import { type WebmailMessageKey, webmailEn } from './webmail-en';
import { webmailZhCN } from './webmail-zh-CN';

export type { WebmailMessageKey } from './webmail-en';

export const webmailCatalogs: Record<Locale, Record<WebmailMessageKey, string>> = {
  en: webmailEn,
  'zh-CN': webmailZhCN,
};

export type WebmailTranslate = (key: WebmailMessageKey, params?: Record<string, string | number>) => string;

/** A translate function over the webmail catalogs; `{name}` placeholders are filled from params. */
export function webmailTranslator(locale: Locale): WebmailTranslate {
  const catalog = webmailCatalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}
