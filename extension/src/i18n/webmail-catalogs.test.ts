import { describe, expect, test } from 'vitest';
import { en } from './en';
import { webmailEn } from './webmail-en';
import { webmailCatalogs, webmailTranslator } from './webmail-text';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('webmail catalogs', () => {
  test.each(Object.keys(webmailCatalogs))(
    '%s has every English key, non-empty, with the same placeholders',
    (locale) => {
      const catalog = webmailCatalogs[locale as keyof typeof webmailCatalogs];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(webmailEn).sort());
      for (const [key, text] of Object.entries(webmailEn)) {
        const translated = catalog[key as keyof typeof webmailEn];
        expect(translated.trim(), key).not.toBe('');
        expect(placeholders(translated), key).toEqual(placeholders(text));
      }
    },
  );

  test('no key clashes with the main catalog, so the two can be merged as they are', () => {
    const clashes = Object.keys(webmailEn).filter(
      (k) => k in en && en[k as keyof typeof en] !== webmailEn[k as keyof typeof webmailEn],
    );
    expect(clashes).toEqual([]);
  });

  test('fills placeholders', () => {
    expect(webmailTranslator('zh-CN')('note.saved', { name: '王小明' })).toBe(
      '备注已保存到 王小明 的客户卡。',
    );
  });
});
