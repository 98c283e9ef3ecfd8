import { describe, expect, test } from 'vitest';
import { en } from './en';
import { catalogs, localeFor, translator } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  test.each(Object.keys(catalogs))(
    '%s has every English key, non-empty, with the same placeholders',
    (locale) => {
      const catalog = catalogs[locale as keyof typeof catalogs];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated.trim(), key).not.toBe('');
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    },
  );

  test('translator fills placeholders and leaves unknown ones visible', () => {
    const t = translator('zh-CN');
    expect(t('list.count.other', { count: 12 })).toBe('共 12 位客户');
    expect(translator('en')('clip.nothing')).toBe(
      'No email address or phone number link was found on {host}.',
    );
  });

  test.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    [undefined, 'en'],
  ])('browser language %s → UI locale %s', (language, locale) => {
    expect(localeFor(language)).toBe(locale);
  });
});
