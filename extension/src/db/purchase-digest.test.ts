import {
  encodeHlc,
  groupCustomerRecords,
  newId,
  newRecordBase,
  type SyncChange,
  scoreWorkspace,
} from '@keepcard/shared';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { listScoresOf } from '../scoring/score-rows';
import { KeepcardDB } from './db';
import { digestsOf, type PurchaseDigestRow, packDigest, reviseDigest, unpackDigest } from './purchase-digest';
import { createRecord, createRecords, deleteRecord, updateRecord } from './records-repo';
import { scoreDetailOf } from './score-detail';
import { readListScores, readScores } from './scores-repo';
import { applyPullPage, handOver } from './sync-repo';
import { freshDb } from './test-db';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22);
const source = { kind: 'manual' as const };
const purchase = (contactId: string, daysAgo: number, amountMinor: number, currency = 'CNY') => ({
  contactId,
  occurredAt: NOW - daysAgo * DAY,
  product: 'Tea',
  amountMinor,
  currency,
});

/** The digests must always equal what the live purchase rows give, whatever wrote them. */
async function expectDigestsInStep(db: KeepcardDB) {
  const expected = digestsOf(await db.purchases.toArray());
  const stored = await db.purchaseDigests.toArray();
  const plain = (rows: PurchaseDigestRow[]) =>
    Object.fromEntries(rows.map((r) => [r.contactId, unpackDigest(r)]));
  expect(plain(stored)).toEqual(plain(expected));
}

describe('purchase digests', () => {
  test('pack and unpack: ascending by time, currencies by index, alike purchases kept twice', () => {
    const row = packDigest('c', [
      { occurredAt: 3, amountMinor: 300, currency: 'USD' },
      { occurredAt: 1, amountMinor: -100, currency: 'CNY' },
      { occurredAt: 3, amountMinor: 300, currency: 'USD' },
    ]);
    expect(row.currencies).toEqual(['CNY', 'USD']);
    expect(unpackDigest(row).map((e) => e.occurredAt)).toEqual([1, 3, 3]);
    const revised = reviseDigest('c', row, [{ occurredAt: 3, amountMinor: 300, currency: 'USD' }], []);
    expect(unpackDigest(revised!)).toHaveLength(2);
    expect(reviseDigest('c', row, [{ occurredAt: 9, amountMinor: 1, currency: 'EUR' }], [])).toBeNull();
  });

  test('follow creates, imports in bulk, edits, moves to another contact and deletions in the same transaction', async () => {
    const { db, ctx } = freshDb(NOW);
    const a = await createRecord('contacts', { displayName: 'A', source }, ctx);
    const b = await createRecord('contacts', { displayName: 'B', source }, ctx);
    const first = await createRecord('purchases', purchase(a.id, 10, 5_000), ctx);
    await createRecords(
      'purchases',
      [purchase(a.id, 30, 7_000, 'USD'), purchase(b.id, 5, 1_000), purchase(b.id, 5, 1_000)],
      ctx,
    );
    await expectDigestsInStep(db);
    expect(unpackDigest((await db.purchaseDigests.get(a.id))!).map((e) => e.currency)).toEqual([
      'USD',
      'CNY',
    ]);

    await updateRecord('purchases', first.id, { amountMinor: 6_000 }, ctx);
    await expectDigestsInStep(db);
    await updateRecord('purchases', first.id, { contactId: b.id }, ctx);
    await expectDigestsInStep(db);
    expect(unpackDigest((await db.purchaseDigests.get(b.id))!)).toHaveLength(3);

    for (const p of (await db.purchases.toArray()).filter((p) => p.contactId === a.id))
      await deleteRecord('purchases', p.id, ctx);
    await expectDigestsInStep(db);
    expect(await db.purchaseDigests.get(a.id)).toBeUndefined();
  });

  test('a write that fails leaves the digest as it was (one transaction)', async () => {
    const { db, ctx } = freshDb(NOW);
    const a = await createRecord('contacts', { displayName: 'A', source }, ctx);
    await createRecord('purchases', purchase(a.id, 10, 5_000), ctx);
    await expect(
      db.transaction('rw', db.purchases, async () => {
        await db.purchases.put({ ...(await db.purchases.toArray())[0]!, amountMinor: 1 });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expectDigestsInStep(db);
    expect(unpackDigest((await db.purchaseDigests.get(a.id))!)[0]!.amountMinor).toBe(5_000);
  });

  test('follow purchases pulled from the server, and a hand-over that clears them', async () => {
    const { db, ctx } = freshDb(NOW);
    const a = await createRecord('contacts', { displayName: 'A', source }, ctx);
    const id = newId();
    const record = {
      ...newRecordBase({ userId: 'user-1', teamId: null }, NOW),
      id,
      ...purchase(a.id, 2, 4_200),
    };
    const stamp = encodeHlc({ ms: NOW, counter: 0, node: newId() });
    const change: SyncChange = {
      kind: 'upsert',
      table: 'purchases',
      id,
      version: 1,
      record: { ...record, quantity: 1 } as never,
      clocks: Object.fromEntries(Object.keys(record).map((k) => [k, stamp])),
    };
    await applyPullPage(db, { changes: [change], cursor: 'c1', hasMore: false }, NOW);
    await expectDigestsInStep(db);
    expect(unpackDigest((await db.purchaseDigests.get(a.id))!)).toEqual([
      { occurredAt: NOW - 2 * DAY, amountMinor: 4_200, currency: 'CNY' },
    ]);
    await db.outbox.clear();
    await handOver(db, newId(), NOW);
    expect(await db.purchases.count()).toBe(0);
    expect(await db.purchaseDigests.count()).toBe(0);
  });

  test('the version 8 upgrade builds digests from a version 7 database’s purchases and cuts its score rows', async () => {
    const name = `keepcard-v7-${newId()}`;
    const v7 = new Dexie(name, { indexedDB, IDBKeyRange });
    v7.version(7).stores({
      contacts: 'id',
      purchases: 'id, [contactId+occurredAt], occurredAt, updatedAt',
      scores: 'contactId, localRev',
      meta: 'key',
    });
    const rows = [purchase('a', 3, 100), purchase('a', 1, 200, 'USD'), purchase('b', 2, 300)].map((p) => ({
      id: newId(),
      deletedAt: null,
      ...p,
    }));
    await v7.table('purchases').bulkAdd([...rows, { ...purchase('b', 9, 1), id: newId(), deletedAt: NOW }]);
    const records = groupCustomerRecords({ contactIds: ['a', 'b'], purchases: rows });
    const { model, scores } = scoreWorkspace(records, { currency: 'CNY' }, NOW);
    const list = listScoresOf(scores[0]!, records[0]!);
    await v7.table('scores').add({ contactId: 'a', localRev: 1, scoredAt: NOW, list, detail: scores[0] });
    expect(model.currency).toBe('CNY');
    v7.close();

    const db = new KeepcardDB(name, { indexedDB, IDBKeyRange });
    await expectDigestsInStep(db);
    expect(await db.purchaseDigests.count()).toBe(2);
    const detail = (await readScores(db, 'a'))!.detail;
    expect(detail).toEqual(scoreDetailOf(scores[0]!));
    expect(await readListScores(db, 'a')).toEqual(list);
    expect(JSON.stringify(detail).length).toBeLessThan(JSON.stringify(scores[0]).length / 2);
  });
});
