import { useEffect, useMemo, useState } from 'react';
import { getUiSettings, type UiLanguage } from '../db/ui-settings-repo';
import { createI18n, type I18n, localeOf, type MessageKey } from '../i18n';

/**
 * A page's UI language: the cached setting first (no wait for the database), then the stored one;
 * keeps the document's `lang` and title in that language.
 */
export function useUiLanguage(
  initialLanguage: UiLanguage,
  titleKey: MessageKey,
  /** False while the page's first screen must not wait for the database (a card being opened). */
  readStored = true,
): { language: UiLanguage; setLanguage: (language: UiLanguage) => void; i18n: I18n } {
  const [language, setLanguage] = useState<UiLanguage>(initialLanguage);
  const locale = localeOf(language, globalThis.navigator?.language);
  const i18n = useMemo(() => createI18n(locale), [locale]);
  const { t } = i18n;
  // The stored setting wins over the cached one used for the first render.
  useEffect(() => {
    if (!readStored) return;
    getUiSettings().then(
      (s) => setLanguage(s.language),
      () => {},
    );
  }, [readStored]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t(titleKey);
  }, [locale, t, titleKey]);
  return { language, setLanguage, i18n };
}
