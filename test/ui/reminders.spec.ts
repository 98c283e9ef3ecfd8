// A reminder fires from the service worker and opens the customer's card, with a clock the test
// controls: the worker's checks run at chosen times through the hook that only the end-to-end build
// exposes (extension/src/reminders/reminder-delivery.ts), and the notification is the real one
// (chrome.notifications.getAll()). Playwright cannot click a system notification, so the test calls
// the same handler the click listener calls.
import type { Page, Worker } from '@playwright/test';
import { expect, test } from '../support/extension';
import { goTo, loadDemo, scoreBook } from './support/panel';

interface Hooks {
  check(now: number): Promise<string[]>;
  click(key: string): Promise<number | undefined>;
  done(key: string, now: number): Promise<void>;
  snooze(key: string, now: number): Promise<void>;
}
declare const keepcardReminders: Hooks;

const check = (worker: Worker, now: number) => worker.evaluate((at) => keepcardReminders.check(at), now);
const notifications = (worker: Worker) =>
  worker.evaluate(() => chrome.notifications.getAll() as Promise<Record<string, boolean>>);

/** The contact's tasks, read with plain IndexedDB from the panel page. */
function tasksOf(panel: Page, contactId: string) {
  return panel.evaluate(
    (id) =>
      new Promise<{ id: string; kind: string; dueAt: number; doneAt: number | null; title: string }[]>(
        (resolve, reject) => {
          const open = indexedDB.open('keepcard');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('tasks').objectStore('tasks').index('contactId').getAll(id);
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
            req.onerror = () => reject(req.error);
          };
        },
      ),
    contactId,
  );
}

/**
 * Completes the follow-ups the demo book scheduled by hand for the open card: while one is open, a
 * touch does not move it (the rep chose its date) and no cadence follow-up is added. Completing one
 * schedules Keepcard's own cadence follow-up ("Follow up"), which later touches move.
 */
async function completeHandSetFollowUps(card: ReturnType<Page['getByTestId']>) {
  const handSet = card
    .getByTestId('card-tasks')
    .getByRole('button', { name: /^Mark “(?!Follow up”).*” done$/ });
  while ((await handSet.count()) > 0) {
    const before = await handSet.count();
    await handSet.first().click();
    await expect(handSet).toHaveCount(before - 1);
  }
}

/**
 * The contact's open follow-up once the logged call has moved it: Keepcard's cadence follow-up,
 * rescheduled to the call plus their tier's cadence (14, 30 or 90 days).
 */
async function movedFollowUp(panel: Page, contactId: string, callAfter: number, previousDue?: number) {
  let found: Awaited<ReturnType<typeof tasksOf>>[number] | undefined;
  await expect
    .poll(async () => {
      const open = (await tasksOf(panel, contactId))
        .filter((t) => t.kind === 'follow-up' && t.doneAt === null)
        .sort((a, b) => a.dueAt - b.dueAt);
      found = open[0];
      return found && found.dueAt !== previousDue && found.dueAt > callAfter + 13 * 86_400_000;
    })
    .toBe(true);
  return found!;
}

/** The due time of the contact's earliest open follow-up (undefined without one). */
async function openFollowUpDue(panel: Page, contactId: string) {
  const open = (await tasksOf(panel, contactId)).filter((t) => t.kind === 'follow-up' && t.doneAt === null);
  return open.length ? Math.min(...open.map((t) => t.dueAt)) : undefined;
}

/**
 * The demo book, scored; the named customer's card open; their hand-set follow-ups completed; then a
 * logged call, which moves the cadence follow-up to the call plus the tier's cadence.
 */
async function cardWithMovedFollowUp(panel: Page, name: string) {
  await loadDemo(panel);
  await scoreBook(panel);
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await panel.getByTestId('customer-row').first().click();
  const card = panel.getByTestId('contact-card');
  await expect(card.getByRole('heading', { name })).toBeVisible();
  const contactId = /#\/c\/([\w-]+)$/.exec(panel.url())![1]!;
  await completeHandSetFollowUps(card);
  const previousDue = await openFollowUpDue(panel, contactId);
  const before = Date.now() - 60_000;
  await card.getByRole('button', { name: 'Log call / meeting' }).click();
  await card.getByTestId('action-form').getByRole('button', { name: 'Save' }).click();
  const followUp = await movedFollowUp(panel, contactId, before, previousDue);
  return { card, contactId, followUp };
}

test('a follow-up reminder fires once, from the worker, and its notification opens the card', async ({
  context,
  worker,
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  // Logging a call moves the next follow-up to the call plus the tier's cadence.
  const { contactId, followUp } = await cardWithMovedFollowUp(panel, '王芳');
  await panel.screenshot({ path: test.info().outputPath('card-follow-up.png') });

  // The worker's checks, at times the test chooses: now (sets the mark), then just after the due time,
  // as if the browser had been closed until then (the span in between is caught up).
  await check(worker, Date.now());
  const key = `task:${followUp.id}@${followUp.dueAt}`;
  const shown = await check(worker, followUp.dueAt + 60_000);
  expect(shown).toContain(key);
  expect(shown.filter((k) => k === key)).toHaveLength(1);
  expect(Object.keys(await notifications(worker))).toContain(key);

  // Checking again (an alarm, a browser restart) does not show it again.
  expect(await check(worker, followUp.dueAt + 120_000)).not.toContain(key);
  expect(await check(worker, followUp.dueAt + 180_000)).not.toContain(key);

  // The click handler opens the card in a tab of the panel page.
  const opened = context.waitForEvent('page');
  await worker.evaluate((k) => keepcardReminders.click(k), key);
  const tab = await opened;
  await tab.setViewportSize({ width: 400, height: 720 });
  await expect(tab).toHaveURL(new RegExp(`sidepanel\\.html#/c/${contactId}$`));
  await expect(tab.getByTestId('contact-card').getByRole('heading', { name: '王芳' })).toBeVisible();
  await expect(tab.getByTestId('card-tasks')).toContainText(followUp.title);
  await tab.getByTestId('card-tasks').scrollIntoViewIfNeeded();
  await tab.screenshot({ path: test.info().outputPath('card-from-notification.png') });
  expect(Object.keys(await notifications(worker))).not.toContain(key);
});

test('snooze brings a reminder back once; done completes the follow-up and schedules the next', async ({
  worker,
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  const { contactId, followUp } = await cardWithMovedFollowUp(panel, '陈志强');

  await check(worker, Date.now());
  const due = followUp.dueAt;
  const key = `task:${followUp.id}@${due}`;
  expect(await check(worker, due + 60_000)).toContain(key);

  await worker.evaluate(({ k, at }) => keepcardReminders.snooze(k, at), { k: key, at: due + 60_000 });
  expect(Object.keys(await notifications(worker))).not.toContain(key);
  const snoozedKey = `task:${followUp.id}@${due + 60_000 + 3_600_000}`;
  expect(await check(worker, due + 30 * 60_000)).not.toContain(snoozedKey);
  expect(await check(worker, due + 62 * 60_000)).toContain(snoozedKey);
  expect(await check(worker, due + 63 * 60_000)).not.toContain(snoozedKey);

  await worker.evaluate(({ k, at }) => keepcardReminders.done(k, at), {
    k: snoozedKey,
    at: due + 64 * 60_000,
  });
  const tasks = await tasksOf(panel, contactId);
  expect(tasks.find((t) => t.id === followUp.id)!.doneAt).toBe(due + 64 * 60_000);
  const next = tasks.filter((t) => t.kind === 'follow-up' && t.doneAt === null);
  expect(next).toHaveLength(1);
  expect(next[0]!.dueAt).toBeGreaterThan(due + 64 * 60_000 + 13 * 86_400_000);
  expect(Object.keys(await notifications(worker))).not.toContain(snoozedKey);
});

test('reminder settings in English and Chinese', async ({ openSidePanel }) => {
  const panel = await openSidePanel();
  // Tall enough that the whole section is in view for its screenshots.
  await panel.setViewportSize({ width: 400, height: 2000 });
  await goTo(panel, 'Settings');
  const section = panel.getByTestId('reminders-settings');
  await expect(section.getByLabel('Tier A: every')).toHaveValue('14');
  await expect(section.getByTestId('holiday-row').filter({ hasText: 'Spring Festival' })).toContainText(
    'next:',
  );
  await section.screenshot({ path: test.info().outputPath('reminders-settings-en.png') });

  await panel.getByLabel('简体中文').check();
  await expect(section.getByText('回访周期')).toBeVisible();
  await expect(section.getByTestId('holiday-row').filter({ hasText: '中秋节' })).toContainText('下次：');
  await section.screenshot({ path: test.info().outputPath('reminders-settings-zh.png') });
});

test('a holiday of the rep’s own calendar: care on the card (Chinese), one notification at 09:00', async ({
  worker,
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  await scoreBook(panel);
  await goTo(panel, 'Settings');
  await panel.getByLabel('简体中文').check();
  // Tomorrow, in the browser's zone.
  const { month, day, nineOClock } = await panel.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    return { month: d.getMonth() + 1, day: d.getDate(), nineOClock: new Date(d).setHours(9, 0, 0, 0) };
  });
  const add = panel.getByRole('form', { name: '添加节日' });
  await add.getByLabel('名称').fill('店庆');
  await add.getByLabel('月').fill(String(month));
  await add.getByLabel('日').fill(String(day));
  await add.getByRole('button', { name: '添加节日' }).click();
  await expect(panel.getByTestId('holiday-row').filter({ hasText: '店庆' })).toContainText('下次：');

  await goTo(panel, '客户');
  await panel.getByRole('searchbox').fill('王芳');
  await panel.getByTestId('customer-row').first().click();
  const card = panel.getByTestId('contact-card');
  const care = card.getByTestId('care-reminders');
  await expect(care).toContainText('店庆问候');
  await care.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('zh-card-care.png') });

  // The worker: one holiday notification for all the tier A and B customers, at 09:00 tomorrow.
  await check(worker, Date.now());
  expect((await check(worker, nineOClock - 60_000)).filter((k) => k.startsWith('holiday:'))).toEqual([]);
  const shown = (await check(worker, nineOClock + 60_000)).filter((k) => k.startsWith('holiday:'));
  expect(shown).toHaveLength(1);
  expect(shown[0]).toMatch(/^holiday:custom-[\w-]+:\d{4}-\d{2}-\d{2}@\d+$/);
  expect(Object.keys(await notifications(worker))).toContain(shown[0]);

  // Done on the card records the care for this customer: the reminder leaves the card.
  await care.getByRole('button', { name: '将“店庆问候”标记为完成' }).click();
  await expect(card.getByTestId('care-reminders')).toHaveCount(0);
});
