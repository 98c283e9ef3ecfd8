// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type KeepcardDB, setDbForTesting } from '../../db/db';
import { getReminderSettings } from '../../db/reminder-settings-repo';
import { freshDb } from '../../db/test-db';
import { createI18n, type Locale } from '../../i18n';
import { I18nContext } from '../i18n-context';
import { RemindersSettings } from './RemindersSettings';

let db: KeepcardDB;
const NOW = new Date(2026, 0, 10, 12).getTime();

beforeEach(() => {
  ({ db } = freshDb(NOW));
  setDbForTesting(db);
});
afterEach(() => {
  cleanup();
  setDbForTesting(undefined);
});

const renderSettings = (locale: Locale = 'en') =>
  render(
    <I18nContext.Provider value={createI18n(locale)}>
      <RemindersSettings now={NOW} />
    </I18nContext.Provider>,
  );

describe('RemindersSettings', () => {
  test('shows the default cadence and the holidays with their next dates (lunar ones computed)', async () => {
    renderSettings();
    expect(((await screen.findByLabelText('Tier A: every')) as HTMLInputElement).value).toBe('14');
    expect((screen.getByLabelText('Tier C: every') as HTMLInputElement).value).toBe('90');
    const springFestival = screen
      .getAllByTestId('holiday-row')
      .find((r) => r.textContent?.includes('Spring Festival'))!;
    expect(springFestival.textContent).toContain('next: Feb 17, 2026');
    const midAutumn = screen
      .getAllByTestId('holiday-row')
      .find((r) => r.textContent?.includes('Mid-Autumn'))!;
    expect(midAutumn.textContent).toContain('next: Sep 25, 2026');
  });

  test('a bad cadence is refused naming the field; nothing is stored; a good one is saved', async () => {
    const user = userEvent.setup();
    renderSettings();
    const a = await screen.findByLabelText('Tier A: every');
    await user.clear(a);
    await user.type(a, '0');
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Cadence for Tier A: must be at least 1 day',
    );
    expect(await db.meta.get('reminderSettings')).toBeUndefined();
    await user.clear(a);
    await user.type(a, '7');
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    expect((await screen.findByRole('status')).textContent).toContain('Reminder settings saved.');
    expect((await getReminderSettings(db)).cadenceDays.A).toBe(7);
  });

  test('adds a lunar holiday, disables a built-in one and removes the custom one', async () => {
    const user = userEvent.setup();
    renderSettings();
    await screen.findByLabelText('Tier A: every');
    const add = screen.getByRole('form', { name: 'Add a holiday' });
    await user.click(within(add).getByRole('button', { name: 'Add a holiday' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Holiday name: must not be empty');

    await user.type(within(add).getByLabelText('Name'), '腊八节');
    await user.selectOptions(within(add).getByLabelText('Calendar'), 'lunar');
    await user.clear(within(add).getByLabelText('Month'));
    await user.type(within(add).getByLabelText('Month'), '12');
    await user.clear(within(add).getByLabelText('Day'));
    await user.type(within(add).getByLabelText('Day'), '8');
    await user.click(within(add).getByRole('button', { name: 'Add a holiday' }));
    // 腊月初八 of the lunar year that began in 2025 is 26 January 2026.
    await waitFor(() =>
      expect(screen.getAllByTestId('holiday-row').at(-1)?.textContent).toContain('腊八节next: Jan 26, 2026'),
    );
    let stored = await getReminderSettings(db);
    expect(stored.holidays.at(-1)).toMatchObject({
      name: '腊八节',
      rule: { kind: 'lunar', month: 12, day: 8 },
      tiers: ['A', 'B'],
    });

    const christmas = screen.getAllByTestId('holiday-row').find((r) => r.textContent?.includes('Christmas'))!;
    await user.click(within(christmas).getAllByRole('checkbox')[0]!);
    await waitFor(async () =>
      expect((await getReminderSettings(db)).holidays.find((h) => h.id === 'christmas')!.enabled).toBe(false),
    );

    await user.click(screen.getByRole('button', { name: 'Remove “腊八节”' }));
    await waitFor(async () => {
      stored = await getReminderSettings(db);
      expect(stored.holidays.some((h) => h.name === '腊八节')).toBe(false);
    });
  });

  test('Chinese: labels and field errors in Chinese', async () => {
    const user = userEvent.setup();
    renderSettings('zh-CN');
    const a = await screen.findByLabelText('A 类客户：每');
    await user.clear(a);
    await user.click(screen.getByRole('button', { name: '保存提醒设置' }));
    expect((await screen.findByRole('alert')).textContent).toContain('A 类客户回访周期：请输入天数');
    expect(
      screen.getAllByTestId('holiday-row').find((r) => r.textContent?.includes('春节'))?.textContent,
    ).toContain('下次：2026年2月17日');
  });
});
