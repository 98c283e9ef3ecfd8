// The rep's reminder settings (cadence per tier, reminder time, birthdays, holiday calendar), kept in
// the meta table of this browser. Validated with the shared schema: a ValidationError names the field.
import {
  parseReminderSettings,
  type ReminderSettings,
  type ReminderSettingsInput,
  resolveReminderSettings,
} from '@keepcard/shared';
import { getDb, type KeepcardDB } from './db';

export const REMINDER_SETTINGS_KEY = 'reminderSettings';

/** The stored settings over the defaults (A every 14 days, B 30, C 90, prospects 30; 09:00). */
export async function getReminderSettings(db: KeepcardDB = getDb()): Promise<ReminderSettings> {
  return resolveReminderSettings((await db.meta.get(REMINDER_SETTINGS_KEY))?.value);
}

/** Validates and stores the settings whole; nothing is stored when a field is refused. */
export async function saveReminderSettings(
  input: ReminderSettingsInput,
  db: KeepcardDB = getDb(),
): Promise<ReminderSettings> {
  const settings = parseReminderSettings(input);
  await db.meta.put({ key: REMINDER_SETTINGS_KEY, value: settings });
  return settings;
}
