import { encodeHlc, Mutation, newId } from '@keepcard/shared';
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { loadDemoData } from '../demo/demo-data';
import { KeepcardDB, type OutboxEntry } from './db';
import { chunksOf, compactClocks, decodeChunk, expandClocks, toMutation, toOutboxEntry } from './outbox';
import {
  BatchValidationError,
  createRecord,
  createRecords,
  deleteRecord,
  updateRecord,
} from './records-repo';
import { oldestMutations, pendingCount, readDevice } from './sync-repo';
import { freshDb } from './test-db';

const entriesOf = async (db: KeepcardDB): Promise<OutboxEntry[]> =>
  (await db.outbox.orderBy('seq').toArray()).flatMap(decodeChunk);

describe('every local write queues its change in the same transaction', () => {
  test('a create queues one mutation with every field, stamped by this device, seq 1, 2, ...', async () => {
    const { db, ctx } = freshDb();
    const a = await createRecord('contacts', { displayName: '王小明', source: { kind: 'manual' } }, ctx);
    const b = await createRecord('contacts', { displayName: 'Anna', source: { kind: 'manual' } }, ctx);
    const device = await readDevice(db);
    const [first, second] = await oldestMutations(db, 10);
    expect(first).toMatchObject({ seq: 1, deviceId: device.deviceId, table: 'contacts', rowId: a.id });
    expect(second).toMatchObject({ seq: 2, rowId: b.id });
    // The wire schema accepts it as is, and no derived key (emailKeys, nameKey, localRev) leaks into it.
    expect(Mutation.safeParse(first).success).toBe(true);
    expect(Object.keys(first!.fields).sort()).toEqual(
      Object.keys(a)
        .filter((k) => !['emailKeys', 'phoneKeys', 'nameKey', 'localRev'].includes(k))
        .sort(),
    );
    expect(first!.fields.displayName).toEqual({
      value: '王小明',
      hlc: expect.stringMatching(device.deviceId),
    });
    expect(second!.fields.displayName!.hlc > first!.fields.displayName!.hlc).toBe(true);
    expect(device).toMatchObject({ seq: 2, pending: 2 });
  });

  test('an update sends only the fields it changed; a delete sends deletedAt and updatedAt; no change, no entry', async () => {
    const { db, ctx } = freshDb();
    const row = await createRecord('contacts', { displayName: 'Anna', source: { kind: 'manual' } }, ctx);
    await updateRecord('contacts', row.id, { title: 'Buyer' }, { ...ctx, now: ctx.now + 1 });
    await updateRecord('contacts', row.id, { title: 'Buyer' }, { ...ctx, now: ctx.now + 2 });
    await deleteRecord('contacts', row.id, { ...ctx, now: ctx.now + 3 });
    const [, update, del, none] = await oldestMutations(db, 10);
    expect(Object.keys(update!.fields).sort()).toEqual(['title', 'updatedAt']);
    expect(update!.fields.title!.value).toBe('Buyer');
    expect(del!.fields).toEqual({
      deletedAt: { value: ctx.now + 3, hlc: expect.any(String) },
      updatedAt: { value: ctx.now + 3, hlc: expect.any(String) },
    });
    expect(none).toBeUndefined();
    expect(await pendingCount(db)).toBe(3);
  });

  test('a batch queues one entry per row, stored in chunks of at most 500 (one IndexedDB record each)', async () => {
    const { db, ctx } = freshDb();
    const rows = await createRecords(
      'contacts',
      Array.from({ length: 1200 }, (_, i) => ({
        displayName: `Customer ${i}`,
        source: { kind: 'import' as const },
      })),
      ctx,
    );
    const chunks = await db.outbox.orderBy('seq').toArray();
    expect(chunks.map((c) => [c.count, decodeChunk(c).length])).toEqual([
      [500, 500],
      [500, 500],
      [200, 200],
    ]);
    expect(chunks.map((c) => c.seq)).toEqual([1, 501, 1001]);
    const entries = await entriesOf(db);
    expect(entries.map((e) => e.rowId)).toEqual(rows.map((r) => r.id));
    expect(entries.map((e) => e.seq)).toEqual(rows.map((_, i) => i + 1));
  });

  test('a write that fails leaves neither the row nor its outbox entry (nor a used seq)', async () => {
    const { db, ctx } = freshDb();
    // The outbox write fails after the row was written in the same transaction: the browser's quota error.
    let failOutbox = false;
    db.use({
      stack: 'dbcore',
      name: 'outbox-fails',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: async (req) => {
              if (failOutbox && name === 'outbox')
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              return table.mutate(req);
            },
          };
        },
      }),
    });
    const kept = await createRecord('contacts', { displayName: 'Kept', source: { kind: 'manual' } }, ctx);
    failOutbox = true;
    const error = await createRecord(
      'contacts',
      { displayName: 'Lost', source: { kind: 'manual' } },
      ctx,
    ).catch((e) => e);
    expect(error).toMatchObject({ name: 'StorageError', code: 'quota' });
    const update = await updateRecord('contacts', kept.id, { title: 'CEO' }, ctx).catch((e) => e);
    expect(update).toMatchObject({ name: 'StorageError', code: 'quota' });
    failOutbox = false;
    expect((await db.contacts.toArray()).map((c) => [c.displayName, c.title])).toEqual([['Kept', undefined]]);
    expect((await entriesOf(db)).map((e) => e.rowId)).toEqual([kept.id]);
    expect(await readDevice(db)).toMatchObject({ seq: 1, pending: 1 });

    // And the row fails after the outbox entry was queued: nothing of either.
    const rowsFail = freshDb();
    rowsFail.db.use({
      stack: 'dbcore',
      name: 'rows-fail',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: async (req) => {
              if (name === 'contacts')
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              return table.mutate(req);
            },
          };
        },
      }),
    });
    await expect(
      createRecords('contacts', [{ displayName: 'A', source: { kind: 'manual' } }], rowsFail.ctx),
    ).rejects.toMatchObject({ code: 'quota' });
    expect(await rowsFail.db.outbox.count()).toBe(0);
  });

  test('a refused batch queues nothing', async () => {
    const { db, ctx } = freshDb();
    const error = await createRecords(
      'contacts',
      [
        { displayName: 'Good', source: { kind: 'import' } },
        { displayName: '', source: { kind: 'import' } },
      ],
      ctx,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(BatchValidationError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('sample data stays on this browser', () => {
  test('demo contacts, their records and the demo book’s companies are never queued, nor are their later edits', async () => {
    const { db, ctx } = freshDb();
    const manifest = await loadDemoData(ctx);
    expect(manifest.ids.contacts?.length).toBeGreaterThan(0);
    expect(await db.outbox.count()).toBe(0);
    const contactId = manifest.ids.contacts![0]!;
    const companyId = manifest.ids.companies![0]!;
    await updateRecord('contacts', contactId, { title: 'Owner' }, ctx);
    await updateRecord('companies', companyId, { industry: 'Tea' }, ctx);
    await createRecord('notes', { contactId, text: 'Rang about the sample order' }, ctx);
    expect(await db.outbox.count()).toBe(0);
    // A real contact next to them is queued as usual.
    await createRecord('contacts', { displayName: 'Real customer', source: { kind: 'manual' } }, ctx);
    expect((await entriesOf(db)).map((e) => e.table)).toEqual(['contacts']);
  });
});

describe('storage forms', () => {
  const node = newId();
  const stamp = (ms: number) => encodeHlc({ ms, counter: 0, node });

  test('a mutation survives the compact outbox form', () => {
    const mutation: Mutation = {
      mutationId: newId(),
      deviceId: node,
      seq: 7,
      table: 'contacts',
      rowId: newId(),
      fields: { title: { value: 'CEO', hlc: stamp(5) }, birthday: { hlc: stamp(5) } },
    };
    expect(toMutation(toOutboxEntry(mutation))).toEqual(mutation);
    expect(() =>
      toOutboxEntry({
        ...mutation,
        fields: { a: { value: 1, hlc: stamp(5) }, b: { value: 2, hlc: stamp(6) } },
      }),
    ).toThrow('several stamps');
    expect(chunksOf([])).toEqual([]);
  });

  test.each([
    ['one stamp for all', { a: stamp(1), b: stamp(1) }, { base: stamp(1), fields: {} }],
    [
      'the most frequent is the base',
      { a: stamp(1), b: stamp(2), c: stamp(2) },
      { base: stamp(2), fields: { a: stamp(1) } },
    ],
    ['none', {}, { base: null, fields: {} }],
  ])('field stamps compact and expand losslessly: %s', (_, clocks, compact) => {
    expect(compactClocks(clocks)).toEqual(compact);
    const record = Object.fromEntries(Object.keys(clocks).map((k) => [k, 1]));
    expect(expandClocks({ version: 1, ...compactClocks(clocks) }, record)).toEqual(clocks);
  });
});

test('upgrading a database from before sync queues its live rows for the first push', async () => {
  const name = `keepcard-upgrade-${newId()}`;
  const v3 = new Dexie(name, { indexedDB, IDBKeyRange });
  v3.version(3).stores({
    contacts: 'id, nameKey, companyId, updatedAt, localRev, *emailKeys, *phoneKeys, *tags, ownerId',
    companies: 'id, name, orgKey, domain, updatedAt, localRev, *tags',
    notes: 'id, contactId, companyId, updatedAt',
    interactions: 'id, [contactId+occurredAt], updatedAt',
    purchases: 'id, [contactId+occurredAt], occurredAt, updatedAt',
    feedback: 'id, [contactId+occurredAt], status, updatedAt',
    tasks: 'id, contactId, dueAt, updatedAt',
    meta: 'key',
    history: '++seq, [table+rowId]',
    scores: 'contactId, localRev',
    segments: 'id, name',
  });
  const { ctx } = freshDb();
  const base = {
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ownerId: 'local:x',
    teamId: null,
    visibility: 'private',
    schemaVersion: 1,
  };
  const live = {
    ...base,
    id: newId(),
    deletedAt: null,
    displayName: 'Old customer',
    emails: [],
    phones: [],
    socials: [],
    urls: [],
    tags: [],
    preferences: { text: '', tags: [] },
    source: { kind: 'manual' },
    companyId: null,
    lost: null,
    emailKeys: [],
    phoneKeys: [],
    nameKey: 'old customer',
    localRev: 1,
  };
  const gone = { ...live, id: newId(), deletedAt: ctx.now, localRev: 2 };
  await v3.table('contacts').bulkAdd([live, gone]);
  v3.close();
  const db = new KeepcardDB(name, { indexedDB, IDBKeyRange });
  const mutations = await oldestMutations(db, 10);
  expect(mutations.map((m) => m.rowId)).toEqual([live.id]);
  expect(mutations[0]!.fields.displayName!.value).toBe('Old customer');
  expect(mutations[0]!.fields.nameKey).toBeUndefined();
});
