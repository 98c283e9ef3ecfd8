import { getDb, type KeepcardDB } from './db';

/** The side panel's language: the browser's, or one the rep picked. */
export type UiLanguage = 'auto' | 'en' | 'zh-CN';
export const UI_LANGUAGES: readonly UiLanguage[] = ['auto', 'en', 'zh-CN'];

export interface UiSettings {
  language: UiLanguage;
}

const KEY = 'uiSettings';

export async function getUiSettings(db: KeepcardDB = getDb()): Promise<UiSettings> {
  const row = await db.meta.get(KEY);
  const stored = (row?.value ?? {}) as Partial<UiSettings>;
  const language = UI_LANGUAGES.includes(stored.language as UiLanguage) ? stored.language! : 'auto';
  cacheUiLanguage(language);
  return { language };
}

const CACHE_KEY = 'keepcard.uiLanguage';

/** The language last saved in this browser profile, read synchronously (localStorage mirrors the database). */
export function cachedUiLanguage(): UiLanguage {
  try {
    const value = globalThis.localStorage?.getItem(CACHE_KEY);
    return UI_LANGUAGES.includes(value as UiLanguage) ? (value as UiLanguage) : 'auto';
  } catch {
    return 'auto';
  }
}

function cacheUiLanguage(language: UiLanguage) {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, language);
  } catch {
    // Storage disabled: the database keeps the setting; the first render just follows the browser.
  }
}

export async function saveUiSettings(
  patch: Partial<UiSettings>,
  db: KeepcardDB = getDb(),
): Promise<UiSettings> {
  if (patch.language !== undefined && !UI_LANGUAGES.includes(patch.language)) {
    throw new Error(`UI language must be one of ${UI_LANGUAGES.join(', ')}`);
  }
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await getUiSettings(db)), ...patch };
    await db.meta.put({ key: KEY, value: next });
    cacheUiLanguage(next.language);
    return next;
  });
}
