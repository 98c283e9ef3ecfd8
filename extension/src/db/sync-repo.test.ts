import {
  encodeHlc,
  newId,
  newRecordBase,
  type PullResponse,
  type PushResponse,
  type SyncChange,
} from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import type { KeepcardDB } from './db';
import { createRecord, historyOf, updateRecord } from './records-repo';
import {
  adoptLocalRecords,
  applyPullPage,
  applyPushAnswer,
  oldestMutations,
  pendingCount,
  readDevice,
  readPullPosition,
  serverClocksOf,
  startRefetch,
} from './sync-repo';
import { freshDb } from './test-db';

const otherDevice = newId();
const stamp = (ms: number, counter = 0) => encodeHlc({ ms, counter, node: otherDevice });
const T = Date.UTC(2026, 10, 22);

/** A contact as the server sends it, with every field stamped `at`. */
function serverContact(id: string, fields: Record<string, unknown>, at: number, version: number): SyncChange {
  const record = {
    ...newRecordBase({ userId: 'user-1', teamId: null }, T),
    id,
    displayName: 'Server name',
    emails: [],
    phones: [],
    source: { kind: 'page', url: 'https://example.cn' },
    ...fields,
  };
  const clocks = Object.fromEntries(Object.keys(record).map((k) => [k, stamp(at)]));
  return { kind: 'upsert', table: 'contacts', id, version, record: record as never, clocks };
}

const page = (changes: SyncChange[], cursor: string, hasMore = false): PullResponse => ({
  changes,
  cursor,
  hasMore,
});

const contactsById = async (db: KeepcardDB) => new Map((await db.contacts.toArray()).map((c) => [c.id, c]));

describe('applyPullPage', () => {
  test('stores pulled rows with their index keys, server version and stamps, a new localRev, and the cursor', async () => {
    const { db } = freshDb();
    const id = newId();
    const change = serverContact(id, { emails: [{ address: 'Wang@Example.CN' }] }, T, 3);
    await applyPullPage(db, page([change], 'c1'), T);
    const row = (await db.contacts.get(id))!;
    expect(row).toMatchObject({ displayName: 'Server name', emailKeys: ['wang@example.cn'], localRev: 1 });
    expect(row.syncMeta).toEqual({ version: 3, base: stamp(T), fields: {} });
    expect(serverClocksOf('contacts', row).displayName).toBe(stamp(T));
    expect(await readPullPosition(db)).toEqual({ cursor: 'c1', refetch: null });
    // Pulled rows are not local changes: nothing goes back to the server.
    expect(await db.outbox.count()).toBe(0);
    // The device clock has seen the page's stamps: its next local stamp is greater.
    expect((await readDevice(db)).clock.ms).toBeGreaterThanOrEqual(T);
  });

  test('keeps pending local edits on top of the server’s row, and records replaced values as cause sync', async () => {
    const { db, ctx } = freshDb(T);
    const id = newId();
    await applyPullPage(db, page([serverContact(id, { title: 'Buyer' }, T - 1000, 1)], 'c1'), T);
    await updateRecord('contacts', id, { title: 'CEO' }, { ...ctx, now: T + 10 });
    // Another device renamed the person meanwhile (older stamp than our title edit).
    await applyPullPage(
      db,
      page([serverContact(id, { title: 'Buyer', displayName: 'Wang Wei' }, T + 5, 2)], 'c2'),
      T + 20,
    );
    const row = (await db.contacts.get(id))!;
    expect(row).toMatchObject({ displayName: 'Wang Wei', title: 'CEO', nameKey: 'wang wei' });
    expect(row.syncMeta?.version).toBe(2);
    const history = await historyOf('contacts', id, db);
    expect(history.find((h) => h.field === 'displayName')).toMatchObject({
      cause: 'sync',
      oldValue: '"Server name"',
      newValue: '"Wang Wei"',
    });
    expect(await pendingCount(db)).toBe(1);
  });

  test('a change older than the row the device has is skipped', async () => {
    const { db } = freshDb();
    const id = newId();
    await applyPullPage(db, page([serverContact(id, { title: 'New' }, T + 10, 5)], 'c1'), T);
    await applyPullPage(db, page([serverContact(id, { title: 'Old' }, T, 4)], 'c2'), T);
    expect((await db.contacts.get(id))?.title).toBe('New');
    expect(await readPullPosition(db)).toMatchObject({ cursor: 'c2' });
  });

  test('a deleted or revoked contact leaves a tombstone without data (the list sees it go); a note goes; a revoke forgets history', async () => {
    const { db, ctx } = freshDb(T);
    const a = newId();
    const b = newId();
    await applyPullPage(
      db,
      page([serverContact(a, {}, T, 1), serverContact(b, { title: 'Buyer' }, T, 2)], 'c1'),
      T,
    );
    await applyPullPage(db, page([serverContact(b, { title: 'CEO' }, T + 1, 3)], 'c2'), T);
    expect(await historyOf('contacts', b, db)).not.toEqual([]);
    const note = await createRecord('notes', { contactId: a, text: 'hello' }, ctx);
    const revisions = (await db.contacts.toArray()).map((c) => c.localRev);
    await applyPullPage(
      db,
      page(
        [
          { kind: 'delete', table: 'contacts', id: a, version: 4 },
          { kind: 'revoke', table: 'contacts', id: b, version: 5 },
          { kind: 'delete', table: 'notes', id: note.id, version: 6 },
        ],
        'c3',
      ),
      T + 100,
    );
    const rows = await contactsById(db);
    for (const id of [a, b]) {
      expect(rows.get(id)).toMatchObject({
        displayName: '',
        emails: [],
        deletedAt: T + 100,
        emailKeys: [],
        nameKey: '',
      });
      expect(rows.get(id)!.localRev).toBeGreaterThan(Math.max(...revisions));
      expect(rows.get(id)!.syncMeta).toBeUndefined();
    }
    expect(await db.notes.get(note.id)).toBeUndefined();
    expect(await historyOf('contacts', b, db)).toEqual([]);
  });

  test('a page with a record this version cannot store is not applied at all: rows and cursor stay', async () => {
    const { db } = freshDb();
    const good = serverContact(newId(), {}, T, 1);
    const bad = serverContact(newId(), { displayName: '' }, T, 2);
    await expect(applyPullPage(db, page([good, bad], 'c1'), T)).rejects.toThrow(
      /The server sent a contacts record \(.+\) that this version of Keepcard cannot store: Invalid contacts: displayName must not be empty/,
    );
    expect(await db.contacts.count()).toBe(0);
    expect(await readPullPosition(db)).toEqual({ cursor: null, refetch: null });
  });
});

describe('refetch after 410 cursor_expired', () => {
  test('rows from the server that do not come again are dropped; local-only and pending rows stay', async () => {
    const { db, ctx } = freshDb(T);
    const [kept, gone, edited] = [newId(), newId(), newId()];
    await applyPullPage(
      db,
      page(
        [serverContact(kept, {}, T, 1), serverContact(gone, {}, T, 2), serverContact(edited, {}, T, 3)],
        'c1',
      ),
      T,
    );
    const local = await createRecord(
      'contacts',
      { displayName: 'Only here', source: { kind: 'manual' } },
      ctx,
    );
    await updateRecord('contacts', edited, { title: 'Pending' }, ctx);
    await startRefetch(db, 42);
    await applyPullPage(db, page([serverContact(kept, {}, T, 1)], 'r1', true), T + 1);
    expect((await db.contacts.get(gone))?.displayName).toBe('Server name');
    await applyPullPage(db, page([], 'r2', false), T + 2);
    const rows = await contactsById(db);
    expect(rows.get(kept)?.displayName).toBe('Server name');
    expect(rows.get(gone)).toMatchObject({ displayName: '', deletedAt: T + 2 });
    expect(rows.get(edited)?.title).toBe('Pending');
    expect(rows.get(local.id)?.displayName).toBe('Only here');
    expect(await readPullPosition(db)).toEqual({ cursor: 'r2', refetch: null });
  });
});

describe('applyPushAnswer', () => {
  test('answered entries leave the outbox; a rejected row is rebased on the server’s state', async () => {
    const { db, ctx } = freshDb(T);
    const id = newId();
    await applyPullPage(db, page([serverContact(id, { title: 'Buyer' }, T - 10, 1)], 'c1'), T);
    const fresh = await createRecord('contacts', { displayName: 'New', source: { kind: 'manual' } }, ctx);
    await updateRecord('contacts', id, { title: 'Mine' }, ctx);
    const batch = await oldestMutations(db, 10);
    expect(batch).toHaveLength(2);
    const response: PushResponse = {
      serverTime: T,
      results: [
        { status: 'applied', mutationId: batch[0]!.mutationId, seq: batch[0]!.seq, version: 7 },
        {
          status: 'rejected',
          mutationId: batch[1]!.mutationId,
          seq: batch[1]!.seq,
          code: 'forbidden',
          message: 'You may not change this record',
          current: serverContact(id, { title: 'Theirs' }, T - 5, 2),
        },
      ],
    };
    const plan = await applyPushAnswer(db, batch, response, T);
    expect(plan.rejected).toEqual([expect.objectContaining({ rowId: id, code: 'forbidden' })]);
    expect(await db.outbox.count()).toBe(0);
    expect(await pendingCount(db)).toBe(0);
    expect((await db.contacts.get(id))?.title).toBe('Theirs');
    expect((await db.contacts.get(fresh.id))?.displayName).toBe('New');
  });

  test('an entry without a result stays for the next push', async () => {
    const { db, ctx } = freshDb(T);
    await createRecord('contacts', { displayName: 'A', source: { kind: 'manual' } }, ctx);
    await createRecord('contacts', { displayName: 'B', source: { kind: 'manual' } }, ctx);
    const batch = await oldestMutations(db, 10);
    await applyPushAnswer(
      db,
      batch,
      {
        serverTime: T,
        results: [{ status: 'duplicate', mutationId: batch[0]!.mutationId, seq: 1, version: 1 }],
      },
      T,
    );
    expect((await oldestMutations(db, 10)).map((m) => m.seq)).toEqual([2]);
    expect(await pendingCount(db)).toBe(1);
  });
});

test('the first sign-in makes the local profile’s unsynced records, and their queued changes, the user’s', async () => {
  const { db, ctx } = freshDb(T);
  const local = { userId: `local:${newId()}`, teamId: null };
  const mine = await createRecord(
    'contacts',
    { displayName: 'Mine', source: { kind: 'manual' } },
    { ...ctx, actor: local },
  );
  const fromServer = newId();
  await applyPullPage(db, page([serverContact(fromServer, { ownerId: local.userId }, T, 1)], 'c1'), T);
  const userId = newId();
  expect(await adoptLocalRecords(db, local.userId, userId)).toBe(1);
  expect((await db.contacts.get(mine.id))?.ownerId).toBe(userId);
  expect((await db.contacts.get(fromServer))?.ownerId).toBe(local.userId);
  expect((await oldestMutations(db, 1))[0]!.fields.ownerId!.value).toBe(userId);
  expect((await db.meta.get('actor'))?.value).toEqual({ userId, teamId: null });
});
