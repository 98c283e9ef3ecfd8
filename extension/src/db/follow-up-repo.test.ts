import {
  AUTO_FOLLOW_UP_TITLE,
  DEFAULT_REMINDER_SETTINGS,
  type TierName,
  ValidationError,
} from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { rescore } from '../scoring/scoring-engine';
import { addPurchase, completeTask, logInteraction, scheduleFollowUp } from './activity-repo';
import type { KeepcardDB } from './db';
import { openFollowUps } from './follow-up-repo';
import { createRecord } from './records-repo';
import { getReminderSettings, saveReminderSettings } from './reminder-settings-repo';
import { readScores, writeScores } from './scores-repo';
import { freshDb } from './test-db';
import { testScores } from './test-scores';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 8);

async function contactWithTier(db: KeepcardDB, ctx: Parameters<typeof createRecord>[2], tier?: TierName) {
  const c = await createRecord('contacts', { displayName: '李娜', source: { kind: 'manual' } }, ctx);
  // The tier as the scoring worker stores it (the rest of the scores is unremarkable).
  if (tier) await writeScores(db, { put: [testScores(c.id, NOW, { tier })] });
  return c.id;
}

const purchase = (occurredAt: number) => ({
  product: 'Tea',
  quantity: 1,
  amountMinor: 10_000,
  currency: 'CNY',
  occurredAt,
});

describe('next follow-up', () => {
  test.each([
    ['A', 14],
    ['B', 30],
    ['C', 90],
    ['prospect', 30],
  ] as const)('a purchase of a tier-%s customer creates a follow-up %i days later', async (tier, days) => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, tier);
    await addPurchase(id, purchase(NOW - DAY), ctx);
    const open = await openFollowUps(id, db);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      kind: 'follow-up',
      title: AUTO_FOLLOW_UP_TITLE,
      dueAt: NOW - DAY + days * DAY,
    });
  });

  test('a contact not scored yet counts as a prospect', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx);
    await logInteraction(id, { kind: 'call', direction: 'outbound', occurredAt: NOW }, ctx);
    expect((await openFollowUps(id, db))[0]!.dueAt).toBe(NOW + 30 * DAY);
  });

  test('an interaction reschedules the cadence follow-up instead of adding one; the cadence follows the settings', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'A');
    await saveReminderSettings(
      { ...DEFAULT_REMINDER_SETTINGS, cadenceDays: { A: 7, B: 30, C: 90, prospect: 30 } },
      db,
    );
    await addPurchase(id, purchase(NOW - 3 * DAY), ctx);
    const [cadence] = await openFollowUps(id, db);
    expect(cadence!.dueAt).toBe(NOW + 4 * DAY);
    await logInteraction(id, { kind: 'visit', direction: 'outbound', occurredAt: NOW }, ctx);
    const open = await openFollowUps(id, db);
    expect(open.map((t) => [t.id, t.title, t.dueAt])).toEqual([
      [cadence!.id, AUTO_FOLLOW_UP_TITLE, NOW + 7 * DAY],
    ]);
  });

  test('a follow-up the rep scheduled by hand keeps its date, and no cadence follow-up is added meanwhile', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'A');
    const manual = await scheduleFollowUp(id, { title: 'Call about the order', dueAt: NOW + 2 * DAY }, ctx);
    await logInteraction(id, { kind: 'visit', direction: 'outbound', occurredAt: NOW }, ctx);
    await addPurchase(id, purchase(NOW), ctx);
    expect((await openFollowUps(id, db)).map((t) => [t.id, t.dueAt])).toEqual([[manual.id, NOW + 2 * DAY]]);
  });

  test('a touch from long ago (an imported purchase history) gives a follow-up due now, not in the past', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'A');
    await addPurchase(id, purchase(NOW - 400 * DAY), ctx);
    expect((await openFollowUps(id, db)).map((t) => t.dueAt)).toEqual([NOW]);
  });

  test('a back-dated purchase does not pull the follow-up before the latest touch', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'B');
    await logInteraction(id, { kind: 'call', direction: 'inbound', occurredAt: NOW }, ctx);
    await addPurchase(id, purchase(NOW - 200 * DAY), ctx);
    expect((await openFollowUps(id, db)).map((t) => t.dueAt)).toEqual([NOW + 30 * DAY]);
  });

  test('completing a follow-up schedules the next one per cadence', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'A');
    const first = await scheduleFollowUp(id, { title: 'Follow up', dueAt: NOW - DAY }, ctx);
    const later = { ...ctx, now: NOW + 3 * DAY };
    await completeTask(first.id, later);
    const open = await openFollowUps(id, db);
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(first.id);
    expect(open[0]!.dueAt).toBe(NOW + 3 * DAY + 14 * DAY);
    expect((await db.tasks.get(first.id))!.doneAt).toBe(NOW + 3 * DAY);
  });

  test('a refused purchase leaves no follow-up behind (one transaction)', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx, 'A');
    await expect(addPurchase(id, { ...purchase(NOW), currency: 'yuan' }, ctx)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.tasks.count()).toBe(0);
    expect(await db.purchases.count()).toBe(0);
  });

  test('an overdue follow-up is a churn-warning reason of the stored scores', async () => {
    const { db, ctx } = freshDb(NOW);
    const id = await contactWithTier(db, ctx);
    await addPurchase(id, purchase(NOW), ctx);
    const due = (await openFollowUps(id, db))[0]!.dueAt;
    const codes = async (at: number) => {
      await rescore(db, [id], at);
      const churn = (await readScores(db, id))!.detail.churnRisk;
      return [...churn.reasons, ...churn.moreReasons].map((r) => r.code);
    };
    expect(await codes(due - DAY)).not.toContain('churn.follow-up-overdue');
    expect(await codes(due + 3 * DAY)).toContain('churn.follow-up-overdue');
  });
});

describe('reminder settings', () => {
  test('defaults, then saved values; a bad cadence is refused naming the field and nothing is stored', async () => {
    const { db } = freshDb(NOW);
    expect((await getReminderSettings(db)).cadenceDays).toEqual({ A: 14, B: 30, C: 90, prospect: 30 });
    const bad = { ...DEFAULT_REMINDER_SETTINGS, cadenceDays: { A: 0, B: 30, C: 90, prospect: 30 } };
    await expect(saveReminderSettings(bad, db)).rejects.toThrow('cadenceDays.A must be at least 1 day');
    expect(await db.meta.get('reminderSettings')).toBeUndefined();
    await saveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, reminderTime: '08:30' }, db);
    expect((await getReminderSettings(db)).reminderTime).toBe('08:30');
  });
});
