// 定期回访: every touch (a purchase, an interaction, a completed follow-up) moves the customer's next
// follow-up to the touch plus the cadence of their current value tier, in the same transaction as the
// write that touched them. The tier is the stored one (scores-repo); a contact not scored yet
// counts as a prospect.
import { AUTO_FOLLOW_UP_TITLE, nextFollowUpAt, type Task, type TierName } from '@keepcard/shared';
import type { Table } from 'dexie';
import { getDb, type KeepcardDB, type Synced } from './db';
import { createRecord, updateRecord, type WriteContext, writeTables } from './records-repo';
import { getReminderSettings } from './reminder-settings-repo';
import { readListScores, scoresTable } from './scores-repo';

/** The tables a write that moves a follow-up touches: every repository table plus the stored tiers. */
export function followUpTables(db: KeepcardDB): Table[] {
  return [...writeTables(db), scoresTable(db)];
}

/** The contact's current value tier, from the stored scores; 'prospect' before the first scoring. */
export async function currentTier(contactId: string, db: KeepcardDB): Promise<TierName> {
  return (await readListScores(db, contactId))?.tier ?? 'prospect';
}

/** The open follow-ups of a contact, earliest first. */
export async function openFollowUps(contactId: string, db: KeepcardDB): Promise<Synced<Task>[]> {
  const tasks = await db.tasks.where('contactId').equals(contactId).toArray();
  return tasks
    .filter((t) => t.kind === 'follow-up' && t.doneAt === null && t.deletedAt === null)
    .sort((a, b) => a.dueAt - b.dueAt);
}

/** The latest purchase or interaction of a contact, or null. */
async function lastTouchAt(contactId: string, db: KeepcardDB): Promise<number | null> {
  let latest: number | null = null;
  for (const name of ['purchases', 'interactions'] as const) {
    const rows: { occurredAt: number; deletedAt: number | null }[] = await db
      .table(name)
      .where('[contactId+occurredAt]')
      .between([contactId, -Infinity], [contactId, Infinity])
      .reverse()
      .filter((r: { deletedAt: number | null }) => r.deletedAt === null)
      .limit(1)
      .toArray();
    const at = rows[0]?.occurredAt;
    if (at !== undefined && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

/**
 * Moves the contact's next follow-up after a touch at `touchedAt`: Keepcard's own cadence follow-up
 * (titled AUTO_FOLLOW_UP_TITLE) is rescheduled to the latest touch (this one, or a later one already
 * recorded: a back-dated purchase does not pull the follow-up into the past) plus the tier's cadence,
 * and never before the write itself (a purchase history imported from years ago gives a follow-up due
 * now, which the reminders then announce, not one due in the past that no check would ever reach).
 * A follow-up the rep scheduled by hand keeps its date: while one is open, no cadence follow-up is
 * added (completing it schedules the next one). Without either, a cadence follow-up is created.
 * Run it inside the transaction of the write (over `followUpTables`), or alone. Returns the open
 * follow-up that is next after the touch.
 */
export async function moveNextFollowUp(
  contactId: string,
  touchedAt: number,
  ctx: WriteContext,
): Promise<Synced<Task>> {
  const db = ctx.db ?? getDb();
  const inner = { ...ctx, db };
  return db.transaction('rw', followUpTables(db), async () => {
    const [settings, tier, latest, open] = await Promise.all([
      getReminderSettings(db),
      currentTier(contactId, db),
      lastTouchAt(contactId, db),
      openFollowUps(contactId, db),
    ]);
    const dueAt = Math.max(nextFollowUpAt(Math.max(touchedAt, latest ?? touchedAt), tier, settings), ctx.now);
    const cadence = open.find((t) => t.title === AUTO_FOLLOW_UP_TITLE);
    if (cadence)
      return cadence.dueAt === dueAt ? cadence : updateRecord('tasks', cadence.id, { dueAt }, inner);
    if (open[0]) return open[0];
    return createRecord('tasks', { contactId, kind: 'follow-up', title: AUTO_FOLLOW_UP_TITLE, dueAt }, inner);
  });
}
