import { DEFAULT_REMINDER_SETTINGS } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { completeTask, scheduleFollowUp } from '../db/activity-repo';
import type { KeepcardDB, ReminderLedgerRow } from '../db/db';
import { createRecord } from '../db/records-repo';
import { saveReminderSettings } from '../db/reminder-settings-repo';
import { freshDb } from '../db/test-db';
import {
  checkReminders,
  closeReminder,
  type ReminderNotifier,
  snoozeReminder,
  tomorrowAt,
} from './reminder-scheduler';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SH = 'Asia/Shanghai';
const T0 = Date.UTC(2026, 0, 5, 0); // 08:00 in Shanghai

/** Records what would be shown, keyed like chrome.notifications: a repeated id replaces, not adds. */
class ScreenNotifier implements ReminderNotifier {
  readonly created: string[] = [];
  readonly onScreen = new Set<string>();
  failNext = false;
  async show(row: ReminderLedgerRow) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('browser went away');
    }
    this.created.push(row.key);
    this.onScreen.add(row.key);
  }
}

async function setup() {
  const { db, ctx } = freshDb(T0);
  // Only birthdays and tasks: holidays would add reminders of their own to these spans.
  await saveReminderSettings(
    {
      ...DEFAULT_REMINDER_SETTINGS,
      holidays: DEFAULT_REMINDER_SETTINGS.holidays.map((h) => ({ ...h, enabled: false })),
    },
    db,
  );
  const contact = await createRecord(
    'contacts',
    { displayName: '王芳', birthday: '1988-01-07', source: { kind: 'manual' } },
    ctx,
  );
  return { db, ctx, contactId: contact.id };
}

const check = (db: KeepcardDB, at: number, n: ReminderNotifier) => checkReminders(db, at, SH, n);

describe('checkReminders', () => {
  test('the first check only sets the mark; what is due later fires once', async () => {
    const { db, ctx, contactId } = await setup();
    await scheduleFollowUp(contactId, { title: 'Old', dueAt: T0 - DAY }, ctx);
    await scheduleFollowUp(contactId, { title: 'Soon', dueAt: T0 + HOUR }, ctx);
    const n = new ScreenNotifier();
    expect((await check(db, T0, n)).shown).toEqual([]);
    expect((await check(db, T0 + 30 * 60_000, n)).shown).toEqual([]);
    const { shown } = await check(db, T0 + 2 * HOUR, n);
    expect(shown.map((r) => r.reminder.title)).toEqual(['Soon']);
    expect((await check(db, T0 + 3 * HOUR, n)).shown).toEqual([]);
  });

  test('browser closed over several due times: each fires once on start; restarting twice adds nothing', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    const a = await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + 5 * HOUR }, ctx);
    const b = await scheduleFollowUp(contactId, { title: 'B', dueAt: T0 + 26 * HOUR }, ctx);
    const c = await scheduleFollowUp(contactId, { title: 'C', dueAt: T0 + 50 * HOUR }, ctx);
    // Closed from T0 until three days later: A, B, the birthday on 7 January (09:00 Shanghai) and C.
    const start = T0 + 3 * DAY;
    const first = await check(db, start, n);
    expect(first.shown.map((r) => r.reminderId)).toEqual([
      `task:${a.id}`,
      `task:${b.id}`,
      `birthday:${contactId}:2026-01-07`,
      `task:${c.id}`,
    ]);
    expect(first.shown.find((r) => r.reminder.kind === 'birthday')!.dueAt).toBe(Date.UTC(2026, 0, 7, 1));
    await check(db, start + 1, n);
    await check(db, start + 2, n);
    expect(n.created).toHaveLength(4);
    expect(new Set(n.created).size).toBe(4);
  });

  test('two checks at once (alarm and start-up) deliver each reminder once', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + HOUR }, ctx);
    await Promise.all([check(db, T0 + 2 * HOUR, n), check(db, T0 + 2 * HOUR, n)]);
    // The second check may show the claimed row again before the first confirms it: same id, replaced.
    expect(n.onScreen.size).toBe(1);
    expect((await db.reminderLedger.toArray()).map((r) => r.state)).toEqual(['shown']);
  });

  test('a crash between the claim and the notification loses nothing and doubles nothing', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + HOUR }, ctx);
    n.failNext = true;
    await expect(check(db, T0 + 2 * HOUR, n)).rejects.toThrow('browser went away');
    expect((await db.reminderLedger.toArray()).map((r) => r.state)).toEqual(['firing']);
    const { shown } = await check(db, T0 + 3 * HOUR, n);
    expect(shown.map((r) => r.reminder.title)).toEqual(['A']);
    await check(db, T0 + 4 * HOUR, n);
    expect(n.created).toHaveLength(1);
  });

  test('a notification that fails to show does not hold back the others, and is retried', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + HOUR }, ctx);
    await scheduleFollowUp(contactId, { title: 'B', dueAt: T0 + 2 * HOUR }, ctx);
    n.failNext = true;
    await expect(check(db, T0 + 3 * HOUR, n)).rejects.toThrow('browser went away');
    expect(n.created).toHaveLength(1);
    const { shown } = await check(db, T0 + 4 * HOUR, n);
    expect(shown.map((r) => r.reminder.title)).toEqual(['A']);
    expect(n.created).toHaveLength(2);
  });

  test('a task done before its reminder is shown is not delivered', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    const task = await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + HOUR }, ctx);
    await completeTask(task.id, { ...ctx, now: T0 + 30 * 60_000 });
    expect((await check(db, T0 + 2 * HOUR, n)).shown).toEqual([]);
  });

  test('a snoozed reminder fires again once at the end of the snooze; a closed one never again', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    await scheduleFollowUp(contactId, { title: 'A', dueAt: T0 + HOUR }, ctx);
    const [row] = (await check(db, T0 + 2 * HOUR, n)).shown;
    await snoozeReminder(db, row!.key, T0 + 3 * HOUR);
    expect((await check(db, T0 + 2.5 * HOUR, n)).shown).toEqual([]);
    const again = (await check(db, T0 + 3 * HOUR, n)).shown;
    expect(again.map((r) => [r.reminder.title, r.dueAt])).toEqual([['A', T0 + 3 * HOUR]]);
    await closeReminder(db, again[0]!.key);
    expect((await check(db, T0 + 10 * HOUR, n)).shown).toEqual([]);
    expect(n.created).toHaveLength(2);
  });

  test('a browser closed longer than the catch-up span delivers the last 35 days only', async () => {
    const { db, ctx, contactId } = await setup();
    const n = new ScreenNotifier();
    await check(db, T0, n);
    await scheduleFollowUp(contactId, { title: 'Too old', dueAt: T0 + DAY }, ctx);
    await scheduleFollowUp(contactId, { title: 'Recent', dueAt: T0 + 60 * DAY }, ctx);
    const shown = (await check(db, T0 + 70 * DAY, n)).shown;
    expect(shown.map((r) => r.reminder.title)).toEqual(['Recent']);
  });
});

describe('tomorrowAt', () => {
  test('09:00 of the next local day, across a year boundary', () => {
    expect(tomorrowAt(Date.UTC(2026, 11, 31, 15), 540, SH)).toBe(Date.UTC(2027, 0, 1, 1));
    // 16:30 UTC is already 00:30 on 1 January in Shanghai: tomorrow is 2 January.
    expect(tomorrowAt(Date.UTC(2026, 11, 31, 16, 30), 540, SH)).toBe(Date.UTC(2027, 0, 2, 1));
  });
});
