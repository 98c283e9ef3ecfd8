import { describe, expect, test } from 'vitest';
import { en } from './en';
import { messageArguments } from './message-format';
import { syncEn } from './sync-en';
import { isSyncMessageKey, syncCatalogs, syncTranslator } from './sync-text';

describe('sync catalogs', () => {
  test.each(Object.keys(syncCatalogs))(
    '%s has every English key, non-empty, with the same arguments',
    (locale) => {
      const catalog = syncCatalogs[locale as keyof typeof syncCatalogs];
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(syncEn).sort());
      for (const [key, text] of Object.entries(syncEn)) {
        const translated = catalog[key as keyof typeof syncEn];
        expect(translated.trim(), key).not.toBe('');
        expect(messageArguments(translated), key).toEqual(messageArguments(text));
      }
    },
  );

  test('no key clashes with the main catalog, so the two can be merged as they are', () => {
    expect(Object.keys(syncEn).filter((k) => k in en)).toEqual([]);
  });

  // Keys the settings page builds from codes: a missing one would show the key itself.
  test.each([
    ...['signed-out', 'idle', 'syncing', 'offline', 'error', 'update-needed'].map((s) => `sync.state.${s}`),
    ...['contacts', 'companies', 'notes', 'interactions', 'purchases', 'feedback', 'tasks'].map(
      (t) => `sync.table.${t}`,
    ),
    ...[
      'empty_url',
      'invalid_url',
      'insecure_url',
      'network',
      'unauthorized',
      'rate_limited',
      'unavailable',
      'internal',
      'schema_too_old',
      'schema_too_new',
      'pending_changes',
    ].map((c) => `sync.error.${c}`),
  ])('%s is a message', (key) => {
    expect(isSyncMessageKey(key)).toBe(true);
  });

  test('plurals, selects and placeholders', () => {
    const t = syncTranslator('en');
    expect(t('sync.pending', { count: 0 })).toBe('No changes waiting');
    expect(t('sync.pending', { count: 1 })).toBe('1 change waiting to be sent');
    expect(t('sync.pending', { count: 1200 })).toBe('1,200 changes waiting to be sent');
    expect(t('sync.team.entry', { team: 'Sales', role: 'admin' })).toBe('Sales (admin)');
    expect(syncTranslator('zh-CN')('sync.team.entry', { team: '销售部', role: 'viewer' })).toBe(
      '销售部（只读成员）',
    );
    expect(syncTranslator('zh-CN')('sync.pending', { count: 3 })).toBe('3 项更改待上传');
  });
});
