// One suite, run against every adapter: PGlite always, PostgreSQL when DATABASE_URL is set.
import { newId } from '@keepcard/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { InvalidBatchError } from '../records/check-batch';
import { sampleContact, samplePurchase } from '../records/sample-records';
import { backendTitle, type OpenedStorage, testBackends } from '../testing/test-storage';
import { loadMigrations } from './migrate';
import type { Storage } from './storage';

function storageSuite(open: () => Promise<OpenedStorage>) {
  let opened: OpenedStorage;
  let storage: Storage;
  let firstRuns: string[][];

  beforeAll(async () => {
    opened = await open();
    storage = opened.storage;
    // Several at once, as when server processes start together against one database. Opening the
    // connections first (a pool opens one per concurrent query) makes the runs truly overlap.
    const runs = [1, 2, 3, 4];
    await Promise.all(runs.map(() => storage.query('SELECT pg_sleep(0.05)')));
    firstRuns = await Promise.all(runs.map(() => storage.migrate()));
  });
  afterAll(() => opened?.dispose());
  beforeEach(() => storage.exec('DELETE FROM records'));

  test('applies every migration once, even when several runs start together; a re-run is a no-op', async () => {
    const names = (await loadMigrations()).map((m) => m.name);
    expect(names[0]).toBe('001_records');
    expect(firstRuns.flat().sort()).toEqual(names);
    expect(await storage.migrate()).toEqual([]);
    const rows = await storage.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(names);
  });

  test('ping answers', async () => {
    await expect(storage.ping()).resolves.toBeUndefined();
  });

  test('put, get and list round-trip the parsed record with its JSON intact', async () => {
    const contact = sampleContact({
      displayName: '王伟',
      preferences: { text: '喜欢乌龙茶，不喝咖啡。 "quotes" \\ and emoji 🍵', tags: ['茶'] },
    });
    const purchase = samplePurchase(contact.id, { amountMinor: 999_999_999_999_999, quantity: 0.5 });
    const refund = samplePurchase(contact.id, { amountMinor: -1e15, deletedAt: 1_767_225_600_001 });
    await storage.putRecords('contacts', [contact]);
    await storage.putRecords('purchases', [purchase, refund]);

    const got = await storage.getRecord('contacts', contact.id);
    // The stored record is the normalised one: email lower-cased, defaults filled in.
    expect(got).toMatchObject({
      displayName: '王伟',
      emails: [{ address: 'wang.wei@example.cn' }],
      phones: [],
    });
    expect(got?.preferences.text).toBe('喜欢乌龙茶，不喝咖啡。 "quotes" \\ and emoji 🍵');

    const purchases = await storage.listRecords('purchases', { limit: 10 });
    expect(purchases.map((p) => p.amountMinor).sort()).toEqual([-1e15, 999_999_999_999_999].sort());
    const stored = purchases.find((p) => p.id === purchase.id)!;
    expect(stored).toEqual({ ...purchase, currency: 'CNY' });
    expect(typeof stored.createdAt).toBe('number');
    expect(purchases.find((p) => p.id === refund.id)?.deletedAt).toBe(1_767_225_600_001);
  });

  test('getRecord answers null for a missing record, a malformed id or another table', async () => {
    const contact = sampleContact();
    await storage.putRecords('contacts', [contact]);
    expect(await storage.getRecord('contacts', newId())).toBeNull();
    expect(await storage.getRecord('contacts', 'not-a-uuid')).toBeNull();
    expect(await storage.getRecord('companies', contact.id)).toBeNull();
  });

  test('putRecords upserts: a newer version replaces the stored one, the last in a batch wins', async () => {
    const contact = sampleContact();
    await storage.putRecords('contacts', [contact]);
    await storage.putRecords('contacts', [
      { ...contact, displayName: 'Wei Wang', updatedAt: contact.updatedAt + 1 },
      { ...contact, displayName: '王伟 (VIP)', updatedAt: contact.updatedAt + 2 },
    ]);
    const all = await storage.listRecords('contacts', { limit: 10 });
    expect(all.map((c) => [c.displayName, c.updatedAt])).toEqual([['王伟 (VIP)', contact.updatedAt + 2]]);
  });

  test('putRecords refuses the whole batch when one row is bad, naming index, field and reason', async () => {
    const batch = [sampleContact(), sampleContact({ displayName: '' }), sampleContact()];
    const error = await storage.putRecords('contacts', batch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBatchError);
    expect((error as InvalidBatchError).issues).toEqual([
      { index: 1, field: 'displayName', reason: 'must not be empty' },
    ]);
    expect((error as Error).message).toBe(
      'Nothing was written to contacts; fix these and send the batch again: record 1: displayName must not be empty',
    );
    expect(await storage.listRecords('contacts', { limit: 10 })).toEqual([]);
  });

  test('a transaction that throws leaves nothing behind', async () => {
    const failed = storage.transaction(async (tx) => {
      await tx.exec('CREATE TABLE rollback_probe (x integer)');
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await storage.query("SELECT to_regclass('rollback_probe') AS t")).toEqual([{ t: null }]);
  });

  test('listRecords orders by (updatedAt, id) and pages without skipping or repeating ties', async () => {
    const times = [3000, 1000, 2000, 2000, 2000, 2000, 4000];
    const contacts = times.map((t) => sampleContact({ id: newId(), updatedAt: t, createdAt: 0 }));
    await storage.putRecords('contacts', contacts);
    const expected = contacts
      .map((c) => [c.updatedAt, c.id] as const)
      .sort(([ta, ia], [tb, ib]) => ta - tb || (ia < ib ? -1 : 1));

    const seen: (readonly [number, string])[] = [];
    let page: Awaited<ReturnType<Storage['listRecords']>>;
    let cursor: { updatedAfter?: number; afterId?: string } = {};
    do {
      page = await storage.listRecords('contacts', { ...cursor, limit: 2 });
      seen.push(...page.map((c) => [c.updatedAt, c.id] as const));
      const last = page.at(-1);
      if (last) cursor = { updatedAfter: last.updatedAt, afterId: last.id };
    } while (page.length === 2);
    expect(seen).toEqual(expected);

    const after2000 = await storage.listRecords('contacts', { updatedAfter: 2000, limit: 10 });
    expect(after2000.map((c) => c.updatedAt)).toEqual([3000, 4000]);
  });

  test('listRecords filters by owner and by team', async () => {
    const mine = sampleContact({ ownerId: 'alice', teamId: 'red' });
    const teammate = sampleContact({ ownerId: 'bob', teamId: 'red' });
    const stranger = sampleContact({ ownerId: 'carol', teamId: null });
    await storage.putRecords('contacts', [mine, teammate, stranger]);
    const ids = async (options: { ownerId?: string; teamId?: string }) =>
      (await storage.listRecords('contacts', { ...options, limit: 10 })).map((c) => c.id).sort();
    expect(await ids({ ownerId: 'alice' })).toEqual([mine.id]);
    expect(await ids({ teamId: 'red' })).toEqual([mine.id, teammate.id].sort());
    expect(await ids({ ownerId: 'bob', teamId: 'red' })).toEqual([teammate.id]);
  });

  test('listRecords refuses a limit out of range', async () => {
    await expect(storage.listRecords('contacts', { limit: 0 })).rejects.toThrow(
      'limit must be a whole number from 1 to 1000, got 0',
    );
  });
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('storage', backend), () => storageSuite(backend.open));
}
