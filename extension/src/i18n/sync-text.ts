import type { Locale } from './index';
import { formatMessage } from './message-format';
import { type SyncMessageKey, syncEn } from './sync-en';
import { syncZhCN } from './sync-zh-CN';

export type { SyncMessageKey } from './sync-en';

export const syncCatalogs: Record<Locale, Record<SyncMessageKey, string>> = { en: syncEn, 'zh-CN': syncZhCN };

export type SyncTranslate = (key: SyncMessageKey, params?: Record<string, string | number>) => string;

/** True when `key` is a sync message (for keys built from codes the server sends). */
export function isSyncMessageKey(key: string): key is SyncMessageKey {
  return Object.hasOwn(syncEn, key);
}

/** A translate function over the sync catalogs, with the main catalogs' syntax (`{name}`, plurals, selects). */
export function syncTranslator(locale: Locale): SyncTranslate {
  const catalog = syncCatalogs[locale];
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  return (key, params) => formatMessage(catalog[key] ?? key, params, plurals, numbers);
}
