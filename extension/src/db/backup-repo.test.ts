import { BackupError, parseHlc, tableNames, validateBackup } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { loadDemoData } from '../demo/demo-data';
import { createBackup, RestoreRefused, restoreBackup } from './backup-repo';
import { saveCapturedContact } from './contacts-repo';
import type { KeepcardDB } from './db';
import { awardPoints } from './loyalty-repo';
import { decodeChunk } from './outbox';
import { createRecord, deleteRecord, updateRecord } from './records-repo';
import { saveSegment } from './segments-repo';
import { saveSettings } from './settings-repo';
import { updateSession } from './sync-settings-repo';
import { freshDb } from './test-db';

const now = Date.UTC(2026, 10, 22);

/** A profile with the sample book, a real contact with a company, an edit in its history, a deletion, a segment and settings. */
async function filledProfile() {
  const { db, ctx } = freshDb(now);
  await loadDemoData(ctx);
  const saved = await saveCapturedContact(
    {
      displayName: '王小明',
      organization: '杭州茶叶贸易有限公司',
      emails: [{ address: 'wang@example.cn', label: 'work' }],
      phones: [],
      urls: [],
      source: { kind: 'page', url: 'https://example.cn/' },
    },
    ctx,
  );
  await updateRecord('contacts', saved.contact.id, { title: '总经理' }, { ...ctx, now: now + 1 });
  const note = await createRecord('notes', { contactId: saved.contact.id, text: '喜欢龙井' }, ctx);
  await deleteRecord('notes', note.id, { ...ctx, now: now + 2 });
  await saveSegment('VIP 杭州', { tiers: ['A'], cities: ['杭州'] }, now, db);
  await saveSettings({ defaultRegion: 'CN' }, db);
  return { db, ctx, contactId: saved.contact.id };
}

/** What must survive a backup and restore: every table's records, local-only marks, segments, history, settings. */
async function contentOf(db: KeepcardDB) {
  const backup = await createBackup(0, db);
  const byId = <R extends { id: string }>(rows: R[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return {
    tables: Object.fromEntries(tableNames.map((t) => [t, byId(backup.tables[t] as { id: string }[])])),
    localOnly: Object.fromEntries(Object.entries(backup.localOnly).map(([t, ids]) => [t, [...ids!].sort()])),
    segments: backup.segments,
    history: backup.history,
    settings: backup.settings,
    profile: backup.profile,
  };
}

describe('backup and restore', () => {
  test('restoring into an empty profile gives the same data', async () => {
    const source = await filledProfile();
    const backup = await createBackup(now + 10, source.db);
    expect(backup.tables.contacts.length).toBeGreaterThan(10);
    expect(backup.tables.purchases.length).toBeGreaterThan(10);
    // Through JSON and validation, as a file would go.
    const parsed = validateBackup(JSON.parse(JSON.stringify(backup)));
    const target = freshDb(now + 20);
    const summary = await restoreBackup(parsed, 'empty', target.ctx);
    expect(summary.written.contacts).toBe(backup.tables.contacts.length);
    expect(await contentOf(target.db)).toEqual(await contentOf(source.db));
    // The derived keys are rebuilt, so lookups by email work.
    const wang = await target.db.contacts.where('emailKeys').equals('wang@example.cn').first();
    expect(wang).toMatchObject({ id: source.contactId, title: '总经理', nameKey: '王小明' });
  });

  test('restored rows are queued for sync stamped at the backup time, except the sample data', async () => {
    const source = await filledProfile();
    const backup = await createBackup(now + 10, source.db);
    const target = freshDb(now + 20);
    await restoreBackup(backup, 'empty', target.ctx);
    const entries = (await target.db.outbox.toArray()).flatMap(decodeChunk);
    const queued = new Set(entries.map((e) => e.rowId));
    expect(queued.has(source.contactId)).toBe(true);
    const demoContact = backup.tables.contacts.find((c) => c.source.kind === 'demo')!;
    expect(queued.has(demoContact.id)).toBe(false);
    // Stamped at the backup's time, not the restore's: a value changed on the server after the backup wins.
    expect(new Set(entries.map((e) => parseHlc(e.hlc).ms))).toEqual(new Set([now + 10]));
  });

  test('a corrupt backup is refused whole, naming table, row and field', async () => {
    const source = await filledProfile();
    const backup = JSON.parse(JSON.stringify(await createBackup(now, source.db)));
    backup.tables.purchases[3].amountMinor = 'lots';
    backup.tables.contacts[1].emails = [{ address: 'not-an-email' }];
    let error: unknown;
    try {
      validateBackup(backup);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackupError);
    const issues = (error as BackupError).issues;
    expect(issues).toContainEqual({
      table: 'contacts',
      row: 2,
      field: 'emails[0].address',
      reason: 'must be a valid email address',
    });
    expect(issues.find((i) => i.table === 'purchases')).toMatchObject({ row: 4, field: 'amountMinor' });
  });

  test('a profile with data is refused unless the rep chooses replace or merge', async () => {
    const source = await filledProfile();
    const backup = await createBackup(now + 10, source.db);
    const target = freshDb(now + 20);
    const mine = await saveCapturedContact(
      {
        displayName: 'Anna',
        emails: [{ address: 'anna@x.com', label: 'work' }],
        phones: [],
        urls: [],
        source: { kind: 'manual' },
      },
      target.ctx,
    );
    await expect(restoreBackup(backup, 'empty', target.ctx)).rejects.toBeInstanceOf(RestoreRefused);
    expect(await target.db.contacts.count()).toBe(1);

    // Merge: the backup's rows are added, Anna stays.
    await restoreBackup(backup, 'merge', target.ctx);
    expect(await target.db.contacts.count()).toBe(backup.tables.contacts.length + 1);
    expect((await target.db.contacts.get(mine.contact.id))?.deletedAt).toBeNull();

    // Replace: the profile becomes the backup; Anna is deleted (a tombstone, so the deletion can sync).
    const summary = await restoreBackup(backup, 'replace', { ...target.ctx, now: now + 30 });
    expect(summary.deleted.contacts).toBe(1);
    expect((await target.db.contacts.get(mine.contact.id))?.deletedAt).toBe(now + 30);
    const live = await target.db.contacts.filter((c) => c.deletedAt === null).count();
    expect(live).toBe(backup.tables.contacts.filter((c) => c.deletedAt === null).length);
  });

  test("replace keeps the append-only loyalty ledger whole; this browser's reminder mark is not backed up", async () => {
    const source = await filledProfile();
    await source.db.meta.put({ key: 'reminders.checkedUntil', value: now + 5 });
    const backup = await createBackup(now + 10, source.db);
    expect(backup.settings).not.toHaveProperty(['reminders.checkedUntil']);
    const target = freshDb(now + 20);
    const anna = await createRecord(
      'contacts',
      { displayName: 'Anna', source: { kind: 'manual' } },
      target.ctx,
    );
    const entry = await awardPoints(anna.id, { points: 500, reason: '年度续约奖励' }, target.ctx);
    const summary = await restoreBackup(backup, 'replace', { ...target.ctx, now: now + 30 });
    expect(summary.deleted.loyalty ?? 0).toBe(0);
    expect(await target.db.loyalty.get(entry.id)).toMatchObject({ points: 500, deletedAt: null });
    expect(await target.db.meta.get('reminders.checkedUntil')).toBeUndefined();
  });

  test('refused while signed in to sync', async () => {
    const source = await filledProfile();
    const backup = await createBackup(now, source.db);
    const target = freshDb(now);
    await updateSession({ token: 'kc_x', serverUrl: 'https://sync.example.com' }, target.db);
    await expect(restoreBackup(backup, 'empty', target.ctx)).rejects.toMatchObject({ code: 'signed-in' });
    expect(await target.db.contacts.count()).toBe(0);
  });
});
