// Decides which reminders to deliver, once per due time, also after the browser was closed over the
// due time: every check covers the span since the last check (caught up on start), and the ledger
// (Dexie `reminderLedger`, keyed `<reminder id>@<due time>`) keeps each delivery from repeating.
//
// Crash safety, in order:
//   1. one transaction claims every newly due reminder (ledger row `firing`) and moves the checked-up-to
//      mark: a crash before it commits leaves both unchanged, so the next check finds the same reminders;
//   2. each `firing` row's notification is created with the ledger key as its id, then the row becomes
//      `shown`. A crash between the two leaves the row `firing`: the next check shows it again, under
//      the same id, which replaces a notification still on screen instead of adding a second one.
// So a reminder is never lost (claimed before the mark moves) and never doubled (one row per due time;
// a repeat show reuses the notification id). The price: after a crash in that gap, a notification
// the rep may already have seen can appear once more.
import {
  localDayOf,
  localTimeToInstant,
  parseTimeOfDay,
  type Reminder,
  type ReminderContact,
  type ReminderData,
  remindersDueBetween,
} from '@keepcard/shared';
import type { KeepcardDB, ReminderLedgerRow } from '../db/db';
import { getReminderSettings } from '../db/reminder-settings-repo';
import { readAllListScores } from '../db/scores-repo';

/** Where the end of the last checked span is kept (meta table). */
export const CHECKED_UNTIL_KEY = 'reminders.checkedUntil';
/** How far back a check catches up: a browser closed for longer misses what is older (the card still shows it). */
export const CATCH_UP_MS = 35 * 86_400_000;
/** Ledger rows past this age are pruned. */
const LEDGER_KEEP_MS = 90 * 86_400_000;

export const ledgerKey = (reminderId: string, dueAt: number) => `${reminderId}@${dueAt}`;

export interface ReminderNotifier {
  /** Shows a reminder; the notification's id must be `row.key` (see the crash-safety note above). */
  show(row: ReminderLedgerRow): Promise<void>;
}

export interface CheckResult {
  /** Rows whose notification this check created (new, caught-up, snoozed or unconfirmed ones). */
  shown: ReminderLedgerRow[];
  /** The span checked, (from, to]; from === to on the very first check. */
  from: number;
  to: number;
}

/** Whether a care reminder's local time of day falls in (from, to]: only then are contacts read. */
function careTimeInSpan(from: number, to: number, minute: number, timeZone: string): boolean {
  const first = localDayOf(from, timeZone);
  for (let i = -1; i <= Math.ceil((to - from) / 86_400_000) + 1; i++) {
    const day = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const at = localTimeToInstant(
      { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() },
      minute,
      timeZone,
    );
    if (at > from && at <= to) return true;
  }
  return false;
}

/** The data the reminders of (from, to] depend on, read through indexes (contacts only on a care day). */
export async function readReminderData(
  db: KeepcardDB,
  from: number,
  to: number,
  timeZone: string,
): Promise<ReminderData> {
  const settings = await getReminderSettings(db);
  const tasks = await db.tasks.where('dueAt').between(from, to, false, true).toArray();
  let contacts: ReminderContact[] = [];
  if (careTimeInSpan(from, to, parseTimeOfDay(settings.reminderTime) ?? 540, timeZone)) {
    const [rows, scores] = await Promise.all([
      db.contacts.filter((c) => c.deletedAt === null && !c.lost).toArray(),
      readAllListScores(db),
    ]);
    contacts = rows.map((c) => ({
      id: c.id,
      birthday: c.birthday,
      tier: scores.get(c.id)?.tier ?? 'prospect',
    }));
  }
  return { settings, timeZone, tasks, contacts };
}

/**
 * Delivers the reminders due since the last check, up to `now` (at most CATCH_UP_MS back), and the
 * snoozes that have run out. The first check ever only sets the mark: reminders older than the
 * extension's first run are not delivered as news (the card and the list show them).
 */
export async function checkReminders(
  db: KeepcardDB,
  now: number,
  timeZone: string,
  notifier: ReminderNotifier,
): Promise<CheckResult> {
  const mark = (await db.meta.get(CHECKED_UNTIL_KEY))?.value as number | undefined;
  const from = mark === undefined ? now : Math.max(Math.min(mark, now), now - CATCH_UP_MS);
  const due: Reminder[] =
    from < now ? remindersDueBetween(await readReminderData(db, from, now, timeZone), from, now) : [];

  await db.transaction('rw', db.reminderLedger, db.meta, async () => {
    // Another check may have run since the mark was read: never move it back.
    const current = (await db.meta.get(CHECKED_UNTIL_KEY))?.value as number | undefined;
    const rows = due.map(
      (reminder): ReminderLedgerRow => ({
        key: ledgerKey(reminder.id, reminder.dueAt),
        reminderId: reminder.id,
        dueAt: reminder.dueAt,
        state: 'firing',
        reminder,
        firedAt: null,
      }),
    );
    const known = await db.reminderLedger.bulkGet(rows.map((r) => r.key));
    await db.reminderLedger.bulkAdd(rows.filter((_, i) => known[i] === undefined));
    const snoozes = await db.reminderLedger.where('state').equals('scheduled').toArray();
    await db.reminderLedger.bulkPut(
      snoozes.filter((s) => s.dueAt <= now).map((s) => ({ ...s, state: 'firing' as const })),
    );
    await db.meta.put({ key: CHECKED_UNTIL_KEY, value: Math.max(current ?? now, now) });
    await db.reminderLedger
      .where('dueAt')
      .below(now - LEDGER_KEEP_MS)
      .filter((r) => r.state !== 'scheduled')
      .delete();
  });

  const shown: ReminderLedgerRow[] = [];
  let failure: unknown;
  for (const row of await db.reminderLedger.where('state').equals('firing').sortBy('dueAt')) {
    if (row.reminder.taskId && !(await taskStillOpen(db, row.reminder.taskId))) {
      await db.reminderLedger.update(row.key, { state: 'closed' });
      continue;
    }
    try {
      await notifier.show(row);
    } catch (error) {
      // Left `firing`: the next check tries again. The other reminders are still shown.
      failure ??= error;
      continue;
    }
    const firedAt = row.firedAt ?? now;
    await db.reminderLedger.update(row.key, { state: 'shown', firedAt });
    shown.push({ ...row, state: 'shown', firedAt });
  }
  if (failure !== undefined) throw failure;
  return { shown, from, to: now };
}

async function taskStillOpen(db: KeepcardDB, taskId: string): Promise<boolean> {
  const task = await db.tasks.get(taskId);
  return task !== undefined && task.doneAt === null && task.deletedAt === null;
}

/** Closes a delivered reminder (clicked, done or dismissed); it stays in the ledger so it never fires again. */
export async function closeReminder(db: KeepcardDB, key: string): Promise<ReminderLedgerRow | undefined> {
  return db.transaction('rw', db.reminderLedger, async () => {
    const row = await db.reminderLedger.get(key);
    if (row && row.state !== 'closed') await db.reminderLedger.update(key, { state: 'closed' });
    return row;
  });
}

/**
 * Snoozes a delivered reminder until `until`: the row is closed and a `scheduled` row for the new due
 * time is added (its own ledger key, so the snoozed reminder fires once more, once).
 */
export async function snoozeReminder(
  db: KeepcardDB,
  key: string,
  until: number,
): Promise<ReminderLedgerRow | undefined> {
  return db.transaction('rw', db.reminderLedger, async () => {
    const row = await db.reminderLedger.get(key);
    if (!row) return undefined;
    await db.reminderLedger.update(key, { state: 'closed' });
    const next: ReminderLedgerRow = {
      key: ledgerKey(row.reminderId, until),
      reminderId: row.reminderId,
      dueAt: until,
      state: 'scheduled',
      reminder: row.reminder,
      firedAt: null,
    };
    await db.reminderLedger.put(next);
    return next;
  });
}

/** "Until tomorrow": the reminder time of day (09:00 by default) on the rep's next local day. */
export function tomorrowAt(now: number, minuteOfDay: number, timeZone: string): number {
  const today = localDayOf(now, timeZone);
  const next = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return localTimeToInstant(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() },
    minuteOfDay,
    timeZone,
  );
}
