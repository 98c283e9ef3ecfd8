// Delivers reminders from the background service worker through chrome.alarms + chrome.notifications,
// whether or not the side panel is open. Wiring only: what is due and what was delivered is decided
// by reminder-scheduler.ts; the writes (done) go through the repositories.
//
// When checks run: on browser start (runtime.onStartup), on install or update (runtime.onInstalled),
// and on a one-minute alarm (created again at each start: Chrome may drop alarms over a restart). Each
// check covers the span since the previous one, so a browser closed over a due time catches up at start.
//
// A click opens the customer's card as a tab of the panel page (`sidepanel.html#/c/<id>`), not the
// side panel itself: chrome.sidePanel.open needs a user gesture, and Chrome does not count a
// notification click as one, so calling it here fails; a tab always works and shows the same card.
// A holiday reminder about several customers opens the list.
import type { Reminder } from '@keepcard/shared';
import { browser } from 'wxt/browser';
import { completeCareForAll, completeTask } from '../db/activity-repo';
import { getDb, type KeepcardDB, type ReminderLedgerRow } from '../db/db';
import { getLocalActor } from '../db/settings-repo';
import { getUiSettings } from '../db/ui-settings-repo';
import { createI18n, type I18n, localeFor } from '../i18n';
import { listLinkHash } from '../ui/list/list-link';
import { localTimeZone } from './local-zone';
import { checkReminders, closeReminder, snoozeReminder } from './reminder-scheduler';
import { careTitle, notificationText } from './reminder-text';

/** The most customers a list link names (the list filter's own limit). */
const MAX_CONTACT_IDS = 5000;

export const REMINDER_ALARM = 'keepcard-reminders';
const SNOOZE_MS = 3_600_000;
const BUTTON_SNOOZE = 0;
const BUTTON_DONE = 1;

async function panelI18n(db: KeepcardDB): Promise<I18n> {
  const { language } = await getUiSettings(db);
  return createI18n(language === 'auto' ? localeFor(globalThis.navigator?.language) : language);
}

/** Creates the notification of a ledger row; its id is the ledger key (see reminder-scheduler.ts). */
async function showNotification(db: KeepcardDB, row: ReminderLedgerRow): Promise<void> {
  const i18n = await panelI18n(db);
  const contacts = await db.contacts.bulkGet(row.reminder.contactIds.slice(0, 6));
  const names = contacts.flatMap((c) => (c ? [c.displayName] : []));
  const { title, message } = notificationText(i18n, { ...row.reminder, dueAt: row.dueAt }, names);
  await browser.notifications.create(row.key, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/reminder-icon.png'),
    title,
    message,
    buttons: [{ title: i18n.t('reminders.notify.snooze') }, { title: i18n.t('reminders.notify.done') }],
    priority: 1,
  });
}

/** Runs a check at `now` (the real time in the product; a chosen time in the end-to-end test build). */
export function runReminderCheck(now: number, db: KeepcardDB = getDb()) {
  return checkReminders(db, now, localTimeZone(), { show: (row) => showNotification(db, row) });
}

/**
 * The page a reminder opens: the customer's card, or, for a reminder about several (a holiday), the
 * list of exactly those customers (`#/list?filter=…`, captioned with the reminder's title).
 */
export function reminderPagePath(reminder: Pick<Reminder, 'contactIds'>, label?: string): string {
  if (reminder.contactIds.length === 1) return `/sidepanel.html#/c/${reminder.contactIds[0]}`;
  return `/sidepanel.html${listLinkHash({ contactIds: [...reminder.contactIds].slice(0, MAX_CONTACT_IDS) }, label)}`;
}

/** A click on the notification: closes it and opens the card in a tab (see the file comment). */
export async function openReminder(key: string, db: KeepcardDB = getDb()) {
  const row = await closeReminder(db, key);
  await browser.notifications.clear(key);
  if (!row) return undefined;
  const tab = await browser.tabs.create({
    url: browser.runtime.getURL(
      reminderPagePath(row.reminder, careTitle((await panelI18n(db)).t, row.reminder)) as '/sidepanel.html',
    ),
  });
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  return tab;
}

/** "Done" on a notification: the task is completed, or the care recorded, through the repositories. */
export async function markReminderDone(key: string, now: number, db: KeepcardDB = getDb()) {
  const row = await closeReminder(db, key);
  await browser.notifications.clear(key);
  if (!row) return;
  const ctx = { actor: await getLocalActor(db), now, db };
  const { reminder } = row;
  if (reminder.taskId) {
    const task = await db.tasks.get(reminder.taskId);
    if (task && task.doneAt === null && task.deletedAt === null) await completeTask(reminder.taskId, ctx);
    return;
  }
  const i18n = await panelI18n(db);
  await completeCareForAll(
    reminder.contactIds,
    {
      kind: reminder.kind === 'birthday' ? 'care-birthday' : 'care-holiday',
      title: careTitle(i18n.t, reminder),
      dueAt: reminder.dueAt,
    },
    ctx,
  );
}

/** "Snooze" on a notification: it comes back in an hour (once). */
export async function snoozeReminderNotification(key: string, now: number, db: KeepcardDB = getDb()) {
  await snoozeReminder(db, key, now + SNOOZE_MS);
  await browser.notifications.clear(key);
}

/** Registers the alarm and the listeners; call once at the service worker's top level. */
export function registerReminderDelivery(): void {
  const check = () =>
    void runReminderCheck(Date.now()).catch((e) => console.error('Reminder check failed', e));
  const ensureAlarm = () => void browser.alarms.create(REMINDER_ALARM, { periodInMinutes: 1 });
  browser.runtime.onStartup.addListener(() => {
    ensureAlarm();
    check();
  });
  browser.runtime.onInstalled.addListener(() => {
    ensureAlarm();
    check();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REMINDER_ALARM) check();
  });
  // A service worker started for another reason (a message, the sync alarm) also makes sure the alarm exists.
  void browser.alarms.get(REMINDER_ALARM).then((alarm) => alarm ?? ensureAlarm());

  // A failed action (the database closed, a refused write) is logged with the reminder it was for.
  const logged = (what: string, key: string) => (e: unknown) =>
    console.error(`Reminder ${what} failed (${key})`, e);
  browser.notifications.onClicked.addListener((key) => void openReminder(key).catch(logged('open', key)));
  browser.notifications.onButtonClicked.addListener((key, index) => {
    if (index === BUTTON_SNOOZE)
      void snoozeReminderNotification(key, Date.now()).catch(logged('snooze', key));
    else if (index === BUTTON_DONE) void markReminderDone(key, Date.now()).catch(logged('done', key));
  });
  browser.notifications.onClosed.addListener((key, byUser) => {
    if (byUser) void closeReminder(getDb(), key).catch(logged('close', key));
  });

  // The end-to-end build only (KEEPCARD_E2E=1): the test cannot move the service worker's clock nor
  // click a system notification, so it runs a check at a chosen time and calls the click handlers.
  if (import.meta.env.KEEPCARD_E2E) {
    Object.assign(globalThis, {
      keepcardReminders: {
        check: async (now: number) => (await runReminderCheck(now)).shown.map((r) => r.key),
        click: async (key: string) => (await openReminder(key))?.id,
        done: (key: string, now: number) => markReminderDone(key, now),
        snooze: (key: string, now: number) => snoozeReminderNotification(key, now),
      },
    });
  }
}
