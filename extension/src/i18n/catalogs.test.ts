import { AGE_BANDS, LIST_VIEWS, SORT_KEYS } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { en } from './en';
import { catalogs, createI18n, isMessageKey, localeFor, translator } from './index';
import { messageArguments } from './message-format';

describe('catalogs', () => {
  test.each(Object.keys(catalogs))(
    '%s has every English key, non-empty, with the same arguments',
    (locale) => {
      const catalog = catalogs[locale as keyof typeof catalogs];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(en)) {
        const translated = catalog[key as keyof typeof en];
        expect(translated.trim(), key).not.toBe('');
        expect(messageArguments(translated), key).toEqual(messageArguments(text));
      }
    },
  );

  // Keys the UI builds from data (`tier.${tier}`): a missing one would show the key itself.
  test.each([
    ...SORT_KEYS.map((k) => `sort.${k}`),
    ...LIST_VIEWS.map((v) => `views.${v}`),
    ...AGE_BANDS.map((a) => `age.${a}`),
    ...['A', 'B', 'C', 'prospect'].flatMap((t) => [`tier.${t}`, `tier.short.${t}`]),
    ...['prospect', 'new', 'repeat', 'loyal', 'at-risk', 'churned', 'lost'].map((s) => `lifecycle.${s}`),
    ...['low', 'medium', 'high'].map((l) => `churn.level.${l}`),
    ...['follow-up', 'care-birthday', 'care-holiday', 'other'].map((k) => `task.kind.${k}`),
    ...['email', 'call', 'meeting', 'visit', 'message'].map((k) => `interaction.kind.${k}`),
    ...['complaint', 'praise', 'suggestion', 'survey'].map((k) => `feedback.kind.${k}`),
    ...['manual', 'page', 'email', 'import', 'demo'].map((k) => `source.${k}`),
    ...['edit', 'capture', 'import', 'sync'].map((k) => `history.cause.${k}`),
    ...['quota', 'blocked', 'version', 'invalid', 'unknown'].map((k) => `storage.${k}`),
  ])('%s is a message', (key) => {
    expect(isMessageKey(key)).toBe(true);
  });

  test('translator fills placeholders, plurals and selects, and leaves unknown ones visible', () => {
    const zh = translator('zh-CN');
    const enT = translator('en');
    expect(zh('list.count', { count: 12, countText: '12' })).toBe('共 12 位客户');
    expect(enT('list.count', { count: 1, countText: '1' })).toBe('1 customer');
    expect(enT('list.count', { count: 1200, countText: '1,200' })).toBe('1,200 customers');
    expect(enT('bulk.apply', { count: 3 })).toBe('Apply to 3 customers');
    expect(enT('reason.rfm.recency', { score: 4, days: 0 })).toBe('Recency 4 of 5: last purchase today.');
    expect(enT('reason.rfm.recency', { score: 4, days: 1 })).toBe('Recency 4 of 5: last purchase 1 day ago.');
    expect(enT('reason.churn.low-satisfaction', { scale: 'nps', score: 3, max: 10, daysAgo: 2 })).toBe(
      'Latest NPS answer 3 of 10, 2 days ago.',
    );
    expect(enT('clip.nothing')).toBe('No email address or phone number link was found on {host}.');
  });

  test('money, dates and percentages follow the locale', () => {
    const enI = createI18n('en');
    const zhI = createI18n('zh-CN');
    expect(enI.formatMoney(123450, 'CNY')).toBe('CN¥1,234.50');
    expect(enI.formatMoney(-500, 'USD')).toBe('-$5.00');
    expect(zhI.formatMoney(123450, 'CNY')).toBe('¥1,234.50');
    expect(zhI.formatMoney(99900, 'EUR')).toBe('€999.00');
    expect(enI.formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(zhI.formatDate(Date.UTC(2026, 10, 22, 12))).toBe('2026年11月22日');
    expect(enI.formatPercent(0.42)).toBe('42%');
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
