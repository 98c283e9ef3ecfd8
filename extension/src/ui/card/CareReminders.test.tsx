// @vitest-environment happy-dom
// Dexie's live queries run only where a global indexedDB exists (it checks at load): this must come first.
import 'fake-indexeddb/auto';
import { DEFAULT_REMINDER_SETTINGS } from '@keepcard/shared';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addPurchase } from '../../db/activity-repo';
import { type KeepcardDB, setDbForTesting } from '../../db/db';
import { openFollowUps } from '../../db/follow-up-repo';
import { createRecord, type WriteContext } from '../../db/records-repo';
import { saveReminderSettings } from '../../db/reminder-settings-repo';
import { freshDb } from '../../db/test-db';
import { createI18n, type Locale } from '../../i18n';
import { I18nContext } from '../i18n-context';
import { ContactCard } from './ContactCard';

let db: KeepcardDB;
let ctx: WriteContext;

beforeEach(async () => {
  ({ db, ctx } = freshDb(Date.now()));
  setDbForTesting(db);
  await db.meta.put({ key: 'actor', value: ctx.actor });
  // Holidays off: which ones fall in the coming week depends on the day the test runs.
  await saveReminderSettings(
    {
      ...DEFAULT_REMINDER_SETTINGS,
      holidays: DEFAULT_REMINDER_SETTINGS.holidays.map((h) => ({ ...h, enabled: false })),
    },
    db,
  );
});
afterEach(() => {
  cleanup();
  setDbForTesting(undefined);
});

const renderCard = (id: string, locale: Locale = 'en') =>
  render(
    <I18nContext.Provider value={createI18n(locale)}>
      <ContactCard id={id} onBack={() => {}} />
    </I18nContext.Provider>,
  );

/** --MM-DD of a local day `days` from now. */
function birthdayIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `--${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('care and follow-ups on the card', () => {
  test('a birthday in two days is a care reminder; Done records the care and it goes away', async () => {
    const user = userEvent.setup();
    const c = await createRecord(
      'contacts',
      { displayName: '王芳', birthday: birthdayIn(2), source: { kind: 'manual' } },
      ctx,
    );
    renderCard(c.id);
    const care = await screen.findByTestId('care-reminders');
    expect(care.textContent).toContain('Birthday greetings');
    await user.click(within(care).getByRole('button', { name: 'Mark “Birthday greetings” done' }));
    await waitFor(() => expect(screen.queryByTestId('care-reminders')).toBeNull());
    const tasks = await db.tasks.toArray();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'care-birthday', contactId: c.id, title: 'Birthday greetings' });
    expect(tasks[0]!.doneAt).not.toBeNull();
  });

  test('a holiday of the customer’s tier this week is a care reminder (Chinese)', async () => {
    const c = await createRecord('contacts', { displayName: '李娜', source: { kind: 'manual' } }, ctx);
    const soon = new Date(Date.now() + 3 * 86_400_000);
    await saveReminderSettings(
      {
        ...DEFAULT_REMINDER_SETTINGS,
        holidays: [
          {
            id: 'custom-shop-day',
            name: '店庆',
            builtIn: false,
            rule: { kind: 'gregorian', month: soon.getMonth() + 1, day: soon.getDate() },
            enabled: true,
            tiers: ['prospect'],
          },
        ],
      },
      db,
    );
    renderCard(c.id, 'zh-CN');
    const care = await screen.findByTestId('care-reminders');
    expect(care.textContent).toContain('店庆问候');
  });

  test('the follow-up Keepcard schedules reads in the rep’s language; Tomorrow moves it to 09:00 tomorrow', async () => {
    const user = userEvent.setup();
    const c = await createRecord('contacts', { displayName: '李娜', source: { kind: 'manual' } }, ctx);
    await addPurchase(
      c.id,
      {
        product: '龙井',
        quantity: 1,
        amountMinor: 5000,
        currency: 'CNY',
        occurredAt: Date.now() - 40 * 86_400_000,
      },
      ctx,
    );
    renderCard(c.id, 'zh-CN');
    const tasks = await screen.findByTestId('card-tasks');
    expect(tasks.textContent).toContain('定期回访');
    await user.click(within(tasks).getByRole('button', { name: '将“定期回访”推迟到明天' }));
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(9, 0, 0, 0);
    await waitFor(async () => expect((await openFollowUps(c.id, db))[0]!.dueAt).toBe(tomorrow.getTime()));
  });
});
