import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { refitAll } from '../../scoring/scoring-engine';
import { keepPrimedIfSame, primeCard, primedCard } from '../../ui/card/card-prefetch';
import { addNote, addPurchase, logInteraction, scheduleFollowUp } from '../activity-repo';
import { IDB_VERSION, SCHEMA_VERSION } from '../db-version';
import { createRecord, deleteRecord, updateRecord, type WriteContext } from '../records-repo';
import { freshDb } from '../test-db';
import { cardDataFromIdb } from './card-idb-reader';
import { cardData, timelineOf } from './card-queries';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** Five calls a day apart, summarised `<prefix> 0` (oldest) to `<prefix> 4`. */
async function fiveCalls(contactId: string, prefix: string, ctx: WriteContext) {
  const calls = [];
  for (let i = 0; i < 5; i++)
    calls.push(
      await logInteraction(
        contactId,
        { kind: 'call', direction: 'outbound', occurredAt: T0 + i * DAY, summary: `${prefix} ${i}` },
        ctx,
      ),
    );
  return calls;
}

async function customerWithHistory() {
  const { db, ctx } = freshDb(Date.UTC(2026, 10, 22));
  const c = await createRecord('contacts', { displayName: '王小明', source: { kind: 'manual' } }, ctx);
  const calls = await fiveCalls(c.id, 'call', ctx);
  for (let i = 0; i < 3; i++)
    await addPurchase(
      c.id,
      { product: `P${i}`, quantity: 1, amountMinor: 100, currency: 'CNY', occurredAt: T0 + (i + 10) * DAY },
      ctx,
    );
  await addNote(c.id, 'likes green tea', ctx);
  return { db, ctx, id: c.id, calls };
}

describe('card timeline', () => {
  test('newest first across sources, limited, with "more" when older items exist', async () => {
    const { db, id } = await customerWithHistory();
    const all = await timelineOf(id, 50, db);
    expect(all.items.map((i) => i.kind)).toEqual([
      'note',
      'purchase',
      'purchase',
      'purchase',
      'interaction',
      'interaction',
      'interaction',
      'interaction',
      'interaction',
    ]);
    expect(all.more).toBe(false);
    const four = await timelineOf(id, 4, db);
    expect(four.items).toEqual(all.items.slice(0, 4));
    expect(four.more).toBe(true);
  });

  test('deleted rows among the newest do not hide older ones', async () => {
    const { db, ctx, id, calls } = await customerWithHistory();
    // The three newest calls are deleted: a read of the newest rows alone would find only tombstones.
    for (const call of calls.slice(2)) await deleteRecord('interactions', call.id, ctx);
    const data = await cardData(id, 50, db);
    const summaries = data.timeline.items.flatMap((i) => (i.kind === 'interaction' ? [i.row.summary] : []));
    expect(summaries).toEqual(['call 1', 'call 0']);
    const two = await timelineOf(id, 2, db);
    expect(two.items.map((i) => i.kind)).toEqual(['note', 'purchase']);
    expect(two.more).toBe(true);
    // Only calls: the 3 newest read for a limit of 2 are all tombstones, so all the calls are read.
    const other = await createRecord('contacts', { displayName: 'Anna', source: { kind: 'manual' } }, ctx);
    const hers = await fiveCalls(other.id, 'hers', ctx);
    for (const call of hers.slice(2)) await deleteRecord('interactions', call.id, ctx);
    const hersTwo = await timelineOf(other.id, 2, db);
    expect(hersTwo.items.map((i) => (i.kind === 'interaction' ? i.row.summary : i.kind))).toEqual([
      'hers 1',
      'hers 0',
    ]);
    expect(hersTwo.more).toBe(false);
  });

  test('the card reads purchases once for totals and timeline, in one snapshot', async () => {
    const { db, id } = await customerWithHistory();
    const data = await cardData(id, 50, db);
    expect(data.purchases.map((p) => p.product)).toEqual(['P2', 'P1', 'P0']);
    expect(data.timeline.items.filter((i) => i.kind === 'purchase').map((i) => i.row)).toEqual(
      data.purchases,
    );
    expect(data.head?.contact.displayName).toBe('王小明');
  });
});

describe('card prefetch', () => {
  test('the live answer keeps the primed snapshot when it read the same rows, once', async () => {
    const { db, ctx, id } = await customerWithHistory();
    // primeCard reads through the page's database; here the snapshot is compared as the card does.
    const snapshot = await cardData(id, 50, db);
    primeCard(id, 50, () => Promise.resolve(snapshot));
    await primedCard(id, 50)?.promise;
    const same = await cardData(id, 50, db);
    expect(same).not.toBe(snapshot);
    expect(keepPrimedIfSame(id, 50, same)).toBe(snapshot);
    // Used once: a later answer (after a real change) is the live one.
    await addNote(id, 'second note', ctx);
    const changed = await cardData(id, 50, db);
    expect(keepPrimedIfSame(id, 50, changed)).toBe(changed);
    expect(primedCard(id, 50)).toBeNull();
  });

  test('a different answer replaces the snapshot; another card or length is not primed', async () => {
    const { db, ctx, id } = await customerWithHistory();
    const snapshot = await cardData(id, 50, db);
    primeCard(id, 50, () => Promise.resolve(snapshot));
    await primedCard(id, 50)?.promise;
    expect(primedCard(id, 100)).toBeNull();
    expect(primedCard('other', 50)).toBeNull();
    await addNote(id, 'written meanwhile', ctx);
    const live = await cardData(id, 50, db);
    expect(keepPrimedIfSame(id, 50, live)).toBe(live);
  });

  test('a failed snapshot is dropped', async () => {
    primeCard('c1', 50, () => Promise.reject(new Error('closed')));
    await primedCard('c1', 50)
      ?.promise.catch(() => {})
      .then(() => {});
    expect(primedCard('c1', 50)).toBeNull();
  });
});

describe('card read straight from IndexedDB (the primed snapshot)', () => {
  const env = (db: { name: string }, cursorOnly = false) => ({
    indexedDB,
    IDBKeyRange,
    name: db.name,
    cursorOnly,
  });

  test('reads the same card as Dexie: head, scores, tasks, purchases, timeline with tombstones, history', async () => {
    const { db, ctx, id, calls } = await customerWithHistory();
    for (const call of calls.slice(2)) await deleteRecord('interactions', call.id, ctx);
    const company = await createRecord('companies', { name: '华为' }, ctx);
    await updateRecord('contacts', id, { companyId: company.id, title: '采购经理' }, ctx);
    await scheduleFollowUp(id, { dueAt: T0 + 40 * DAY, title: 'call back' }, ctx);
    await refitAll(db, Date.UTC(2026, 10, 22));
    // Newest-first rows by getAll with a direction (Chromium, fake-indexeddb) and by a cursor.
    for (const cursorOnly of [false, true])
      for (const limit of [50, 2, 1]) {
        const viaIdb = await cardDataFromIdb(id, limit, env(db, cursorOnly));
        const viaDexie = await cardData(id, limit, db);
        expect(viaIdb).toEqual(viaDexie);
      }
    const card = await cardDataFromIdb(id, 50, env(db));
    expect(card.head?.company?.name).toBe('华为');
    expect(card.score?.contactId).toBe(id);
    expect(card.score?.detail.valueTier.reasons.length).toBeGreaterThan(0);
    expect(card.tasks.map((t) => t.title)).toContain('call back');
    expect(card.history.map((h) => h.field)).toContain('title');
    expect(card.timeline.items.flatMap((i) => (i.kind === 'interaction' ? [i.row.summary] : []))).toEqual([
      'call 1',
      'call 0',
    ]);
    // An unknown or deleted contact reads as no head, like the live query.
    expect((await cardDataFromIdb('missing', 50, env(db))).head).toBeNull();
  });

  test('a database that does not exist is not created, and one at another version is not read', async () => {
    const name = `keepcard-absent-${Date.now()}`;
    await expect(cardDataFromIdb('c1', 50, { indexedDB, IDBKeyRange, name })).rejects.toThrow();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);

    const old = `keepcard-old-${Date.now()}`;
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(old, 10);
      req.onupgradeneeded = () => req.result.createObjectStore('contacts', { keyPath: 'id' });
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    await expect(cardDataFromIdb('c1', 50, { indexedDB, IDBKeyRange, name: old })).rejects.toThrow(
      new RegExp(`at version 10, this code reads ${IDB_VERSION}`),
    );
  });

  test('the version it expects is the newest one db.ts declares', () => {
    const { db } = freshDb();
    expect(db.verno).toBe(SCHEMA_VERSION);
  });
});
