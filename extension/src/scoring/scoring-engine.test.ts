import { describe, expect, test } from 'vitest';
import type { KeepcardDB } from '../db/db';
import { packDigest } from '../db/purchase-digest';
import { createRecord, createRecords, deleteRecord, updateRecord } from '../db/records-repo';
import { EVERYONE } from '../db/rescore-queue-middleware';
import { readScores, scorePageOf } from '../db/scores-repo';
import { freshDb } from '../db/test-db';
import { drainRescoreQueue, loadModel, refitAll, refitDue, rescore } from './scoring-engine';
import { readAllPurchases } from './scoring-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22);
const source = { kind: 'manual' as const };
const entry = (i: number) => ({ occurredAt: NOW - i * DAY, amountMinor: 100 * (i + 1), currency: 'CNY' });

/** The change counter of the page holding a contact's scores. */
const pageRev = async (db: KeepcardDB, contactId: string) =>
  (await db.scorePages.get(scorePageOf(contactId)))?.localRev;

async function book() {
  const { db, ctx } = freshDb(NOW);
  const whale = await createRecord('contacts', { displayName: '王小明', source }, ctx);
  const regular = await createRecord('contacts', { displayName: 'Anna Schmidt', source }, ctx);
  const lead = await createRecord('contacts', { displayName: 'Li Lei', source }, ctx);
  const purchase = (contactId: string, daysAgo: number, amountMinor: number) => ({
    contactId,
    occurredAt: NOW - daysAgo * DAY,
    product: 'Tea',
    amountMinor,
    currency: 'CNY',
  });
  await createRecords(
    'purchases',
    [
      ...[300, 240, 180, 120, 60, 20].map((d) => purchase(whale.id, d, 500_000)),
      ...[200, 100].map((d) => purchase(regular.id, d, 20_000)),
    ],
    ctx,
  );
  await createRecord(
    'tasks',
    { kind: 'follow-up', title: 'Call', dueAt: NOW - DAY, contactId: regular.id },
    ctx,
  );
  return { db, ctx, whale, regular, lead };
}

describe('scoring engine', () => {
  test('refit stores every live contact’s scores, with the list fields and reasons', async () => {
    const { db, whale, regular, lead } = await book();
    const result = await refitAll(db, NOW);
    expect(result.contacts).toBe(3);
    const rows = new Map(
      await Promise.all([whale, regular, lead].map(async (c) => [c.id, await readScores(db, c.id)] as const)),
    );
    expect(rows.get(whale.id)?.list).toMatchObject({
      tier: 'A',
      currency: 'CNY',
      lastPurchaseAt: NOW - 20 * DAY,
    });
    expect(rows.get(whale.id)?.list.revenueInWindowMinor).toBe(3_000_000);
    expect(rows.get(regular.id)?.list).toMatchObject({ nextFollowUpAt: NOW - DAY });
    expect(rows.get(lead.id)?.list).toMatchObject({ tier: 'prospect', lifecycle: 'prospect' });
    expect(rows.get(whale.id)?.detail.churnRisk.reasons.length).toBeGreaterThan(0);
    expect(await loadModel(db)).toMatchObject({ contacts: 3 });
  });

  test('rescoring one contact after a purchase updates only its scores, with a newer page change counter', async () => {
    const { db, ctx, whale, lead } = await book();
    await refitAll(db, NOW);
    const before = await pageRev(db, lead.id);
    const whaleBefore = await readScores(db, whale.id);
    await createRecord(
      'purchases',
      { contactId: lead.id, occurredAt: NOW - DAY, product: 'Tea', amountMinor: 9_900, currency: 'CNY' },
      ctx,
    );
    await rescore(db, [lead.id], NOW);
    expect((await readScores(db, lead.id))?.list.lifecycle).toBe('new');
    expect(await pageRev(db, lead.id)).toBeGreaterThan(before!);
    expect(await readScores(db, whale.id)).toEqual(whaleBefore);
  });

  test('a refit leaves pages whose scores did not change alone, and rewrites those that did', async () => {
    const { db, ctx, whale, lead } = await book();
    const morning = NOW + 6 * 3_600_000;
    expect((await refitAll(db, morning)).written).toBe(3);
    const whaleBefore = await readScores(db, whale.id);
    const leadRev = await pageRev(db, lead.id);
    // A minute later nothing changed: nothing is written, so the list reloads nothing.
    expect((await refitAll(db, morning + 60_000)).written).toBe(0);
    expect(await readScores(db, whale.id)).toEqual(whaleBefore);
    // A complaint changes the lead's churn reasons only: one row written.
    await createRecord(
      'feedback',
      { contactId: lead.id, kind: 'complaint', text: 'Late', occurredAt: NOW - DAY, status: 'open' },
      ctx,
    );
    expect(await refitAll(db, morning + 60_000)).toMatchObject({ written: 1, pagesWritten: 1 });
    expect(await pageRev(db, lead.id)).toBeGreaterThan(leadRev!);
    expect(await readScores(db, whale.id)).toEqual(whaleBefore);
  });

  test('a contact marked lost is scored as lost, with the rep’s reason', async () => {
    const { db, ctx, regular } = await book();
    await refitAll(db, NOW);
    await updateRecord('contacts', regular.id, { lost: { at: NOW, reason: '价格太高' } }, ctx);
    await rescore(db, [regular.id], NOW);
    const row = await readScores(db, regular.id);
    expect(row?.list.lifecycle).toBe('lost');
    expect(JSON.stringify(row?.detail.lifecycle.reasons)).toContain('价格太高');
  });

  test('rescoring a deleted contact beside a live one (named twice): the deleted one’s scores go, the live one is scored from its own rows', async () => {
    const { db, ctx, regular, lead } = await book();
    await refitAll(db, NOW);
    await createRecord(
      'purchases',
      { contactId: lead.id, occurredAt: NOW - DAY, product: 'Tea', amountMinor: 9_900, currency: 'CNY' },
      ctx,
    );
    await deleteRecord('contacts', regular.id, ctx);
    const result = await rescore(db, [regular.id, lead.id, lead.id], NOW);
    expect(result).toMatchObject({ contacts: 1 });
    expect(await readScores(db, regular.id)).toBeNull();
    const lead2 = await readScores(db, lead.id);
    expect(lead2?.list).toMatchObject({ lifecycle: 'new', revenueInWindowMinor: 9_900 });
  });

  test('every write to a contact’s records queues it, whoever writes; a drain rescores the queue and empties it', async () => {
    const { db, ctx, whale, regular, lead } = await book();
    await refitAll(db, NOW);
    expect(await db.rescoreQueue.count()).toBe(0);
    // A purchase pulled by sync keeps the other device's older time: a watermark on updatedAt missed it.
    await db.purchases.put({
      id: 'p-synced',
      contactId: lead.id,
      occurredAt: NOW - 2 * DAY,
      product: 'Tea',
      amountMinor: 12_300,
      currency: 'CNY',
      createdAt: NOW - 30 * DAY,
      updatedAt: NOW - 30 * DAY,
      deletedAt: null,
    } as never);
    // An interaction moved from one contact to another queues both.
    const call = await createRecord(
      'interactions',
      { contactId: whale.id, kind: 'call', direction: 'outbound', occurredAt: NOW - DAY, summary: 'Called' },
      ctx,
    );
    await db.interactions.update(call.id, { contactId: regular.id });
    // A task for nobody queues nobody.
    await createRecord('tasks', { kind: 'follow-up', title: 'Plan', dueAt: NOW + DAY, contactId: null }, ctx);
    expect((await db.rescoreQueue.toCollection().primaryKeys()).sort()).toEqual(
      [whale.id, regular.id, lead.id].sort(),
    );
    const drained = await drainRescoreQueue(db, NOW);
    expect(drained).toMatchObject({ contacts: 3, refit: null });
    expect(await db.rescoreQueue.count()).toBe(0);
    expect((await readScores(db, lead.id))?.list).toMatchObject({
      lifecycle: 'new',
      revenueInWindowMinor: 12_300,
    });
    // A deleted row queues its contact too.
    await db.purchases.delete('p-synced');
    expect(await db.rescoreQueue.toCollection().primaryKeys()).toEqual([lead.id]);
    await drainRescoreQueue(db, NOW);
    expect((await readScores(db, lead.id))?.list).toMatchObject({ lifecycle: 'prospect' });
  });

  test('a cleared store queues everyone: the drain refits, and a refit empties the queue', async () => {
    const { db } = await book();
    await refitAll(db, NOW);
    await db.feedback.clear();
    expect(await db.rescoreQueue.toCollection().primaryKeys()).toEqual([EVERYONE]);
    const drained = await drainRescoreQueue(db, NOW);
    expect(drained.refit).toMatchObject({ contacts: 3 });
    expect(await db.rescoreQueue.count()).toBe(0);
  });

  test.each([
    ['no model yet', undefined, 100, true],
    ['fresh model, same book', { builtAt: NOW - DAY / 2, contacts: 100 }, 100, false],
    ['a day old', { builtAt: NOW - DAY, contacts: 100 }, 100, true],
    ['book grew by more than a tenth', { builtAt: NOW - 1000, contacts: 100 }, 111, true],
    ['small books refit after more than 10 changes', { builtAt: NOW - 1000, contacts: 3 }, 13, false],
  ])('refitDue: %s → %s', (_, model, live, due) => {
    const stored = model && {
      model: { builtAt: model.builtAt } as never,
      settings: {},
      contacts: model.contacts,
    };
    expect(refitDue(stored, live, NOW)).toBe(due);
  });
});

describe('reading a whole book', () => {
  test('purchase digests read in key ranges cut at contact ids give every digest, once', async () => {
    const { db } = freshDb(NOW);
    const ids = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
    // A digest below the first contact id and one above the last: every range of keys is read.
    const owners = ['a-orphan', ...ids, 'z-orphan'];
    await db.purchaseDigests.bulkPut(owners.map((id, i) => packDigest(id, [entry(i)])));
    for (const chunk of [1, 2, 3, 100]) {
      const read = await readAllPurchases(db, ids, chunk);
      expect([...read.keys()].sort()).toEqual(owners);
      expect(read.get('c-3')).toEqual([entry(3)]);
    }
  });
});
