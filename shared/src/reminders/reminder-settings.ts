// The rep's reminder settings: follow-up cadence per value tier, the time of day reminders are due,
// birthday care and the holiday calendar. Validated with zod; a ValidationError names the field.
import { z } from 'zod';
import { ValidationError } from '../schemas/validation';
import type { TierName } from '../segments/list-entry';
import { parseTimeOfDay } from './local-time';

export const TIER_NAMES = ['A', 'B', 'C', 'prospect'] as const satisfies readonly TierName[];
const Tier = z.enum(TIER_NAMES);

const cadence = z
  .number({ error: 'must be a number of days' })
  .int({ error: 'must be a whole number of days' })
  .min(1, { error: 'must be at least 1 day' })
  .max(365, { error: 'must be at most 365 days' });

/** When a holiday falls each year. */
export const HolidayRule = z.discriminatedUnion('kind', [
  /** A fixed Gregorian date, e.g. 25 December. 29 February falls on 28 February in common years. */
  z.object({
    kind: z.literal('gregorian'),
    month: z
      .number()
      .int()
      .min(1, { error: 'must be from 1 to 12' })
      .max(12, { error: 'must be from 1 to 12' }),
    day: z
      .number()
      .int()
      .min(1, { error: 'must be from 1 to 31' })
      .max(31, { error: 'must be from 1 to 31' }),
  }),
  /** A Chinese calendar date (month 1-12, day 1-30; never a leap month), e.g. 8/15 for 中秋节. */
  z.object({
    kind: z.literal('lunar'),
    month: z
      .number()
      .int()
      .min(1, { error: 'must be from 1 to 12' })
      .max(12, { error: 'must be from 1 to 12' }),
    day: z
      .number()
      .int()
      .min(1, { error: 'must be from 1 to 30' })
      .max(30, { error: 'must be from 1 to 30' }),
  }),
  /** 清明, a solar term. */
  z.object({ kind: z.literal('qingming') }),
]);
export type HolidayRule = z.infer<typeof HolidayRule>;

export const HolidaySetting = z
  .object({
    /** Built-in holidays keep their id (`spring-festival`); the rep's own get `custom-…`. */
    id: z.string().regex(/^[a-z0-9-]{1,60}$/, { error: 'must be lower-case letters, digits and dashes' }),
    /** The rep's own name for a custom holiday; built-in ones are named by the UI's catalog. */
    name: z.string().trim().max(60, { error: 'must be at most 60 characters' }).default(''),
    builtIn: z.boolean().default(false),
    rule: HolidayRule,
    enabled: z.boolean().default(true),
    /** Which customers get care on this holiday, by value tier. */
    tiers: z.array(Tier).max(4).default(['A', 'B']),
  })
  .refine((h) => h.builtIn || h.name.length > 0, { path: ['name'], error: 'must not be empty' })
  .refine((h) => h.rule.kind !== 'gregorian' || validMonthDay(h.rule.month, h.rule.day), {
    path: ['rule', 'day'],
    error: 'must be a real calendar date',
  });
export type HolidaySetting = z.infer<typeof HolidaySetting>;

function validMonthDay(month: number, day: number): boolean {
  // 2024 is a leap year: 29 February is allowed (it falls on 28 February in common years).
  return new Date(Date.UTC(2024, month - 1, day)).getUTCDate() === day;
}

export const ReminderSettings = z
  .object({
    /** Days between follow-ups, per value tier (定期回访). */
    cadenceDays: z.object({ A: cadence, B: cadence, C: cadence, prospect: cadence }),
    /** Local time of day ("09:00") at which care reminders are due, in the rep's time zone. */
    reminderTime: z.string().refine((t) => parseTimeOfDay(t) !== null, {
      error: 'must be a time of day such as 09:00',
    }),
    birthdays: z.object({ enabled: z.boolean(), tiers: z.array(Tier).max(4) }),
    holidays: z.array(HolidaySetting).max(100, { error: 'must be at most 100 holidays' }),
  })
  .refine((s) => new Set(s.holidays.map((h) => h.id)).size === s.holidays.length, {
    path: ['holidays'],
    error: 'must not repeat a holiday id',
  });
export type ReminderSettings = z.infer<typeof ReminderSettings>;
export type ReminderSettingsInput = z.input<typeof ReminderSettings>;

/**
 * Built-in holidays. Chinese ones follow the Chinese calendar (computed, chinese-calendar.ts);
 * enabled by default: the ones when Chinese and Western businesses customarily greet customers.
 * Care goes to tiers A and B by default (the core customers), settable per holiday.
 */
export const BUILT_IN_HOLIDAYS: readonly HolidaySetting[] = (
  [
    ['new-year', { kind: 'gregorian', month: 1, day: 1 }, true], // 元旦 / New Year's Day
    ['spring-festival', { kind: 'lunar', month: 1, day: 1 }, true], // 春节
    ['lantern-festival', { kind: 'lunar', month: 1, day: 15 }, false], // 元宵节
    ['valentines-day', { kind: 'gregorian', month: 2, day: 14 }, false],
    ['womens-day', { kind: 'gregorian', month: 3, day: 8 }, false], // 妇女节
    ['qingming', { kind: 'qingming' }, false], // 清明节
    ['labour-day', { kind: 'gregorian', month: 5, day: 1 }, false], // 劳动节
    ['dragon-boat', { kind: 'lunar', month: 5, day: 5 }, true], // 端午节
    ['qixi', { kind: 'lunar', month: 7, day: 7 }, false], // 七夕
    ['mid-autumn', { kind: 'lunar', month: 8, day: 15 }, true], // 中秋节
    ['national-day', { kind: 'gregorian', month: 10, day: 1 }, false], // 国庆节
    ['double-ninth', { kind: 'lunar', month: 9, day: 9 }, false], // 重阳节
    ['christmas', { kind: 'gregorian', month: 12, day: 25 }, true],
  ] satisfies [string, HolidayRule, boolean][]
).map(([id, rule, enabled]) => ({ id, name: '', builtIn: true, rule, enabled, tiers: ['A', 'B'] }));

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  cadenceDays: { A: 14, B: 30, C: 90, prospect: 30 },
  reminderTime: '09:00',
  birthdays: { enabled: true, tiers: ['A', 'B', 'C', 'prospect'] },
  holidays: [...BUILT_IN_HOLIDAYS],
};

/** Validates settings; throws a ValidationError naming each bad field (`cadenceDays.A must be at least 1 day`). */
export function parseReminderSettings(input: unknown): ReminderSettings {
  const result = ReminderSettings.safeParse(input, { reportInput: true });
  if (!result.success) throw ValidationError.fromZod('reminder settings', result.error);
  return result.data;
}

/**
 * Stored settings over the defaults: missing parts (older versions, new built-in holidays) are
 * filled in; a stored value that no longer validates falls back to the default of that part.
 */
export function resolveReminderSettings(stored: unknown): ReminderSettings {
  const s = (stored ?? {}) as Partial<ReminderSettingsInput>;
  const merged = { ...DEFAULT_REMINDER_SETTINGS, ...s };
  const known = new Set((merged.holidays ?? []).map((h) => h.id));
  const holidays = [...(merged.holidays ?? []), ...BUILT_IN_HOLIDAYS.filter((h) => !known.has(h.id))];
  const result = ReminderSettings.safeParse({ ...merged, holidays });
  return result.success ? result.data : DEFAULT_REMINDER_SETTINGS;
}

/** Days until the next follow-up for a customer of this tier. */
export function cadenceFor(tier: TierName, settings: Pick<ReminderSettings, 'cadenceDays'>): number {
  return settings.cadenceDays[tier];
}
