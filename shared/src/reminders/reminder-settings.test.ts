import { describe, expect, test } from 'vitest';
import { ValidationError } from '../schemas/validation';
import { nextFollowUpAt } from './follow-up';
import {
  BUILT_IN_HOLIDAYS,
  DEFAULT_REMINDER_SETTINGS,
  parseReminderSettings,
  resolveReminderSettings,
} from './reminder-settings';

const DAY = 86_400_000;

describe('cadence', () => {
  test.each([
    ['A', 14],
    ['B', 30],
    ['C', 90],
    ['prospect', 30],
  ] as const)('tier %s: next follow-up %i days after the touch', (tier, days) => {
    expect(nextFollowUpAt(1_000, tier, DEFAULT_REMINDER_SETTINGS)).toBe(1_000 + days * DAY);
  });
  test('follows the settings', () => {
    const s = { cadenceDays: { A: 7, B: 30, C: 90, prospect: 30 } };
    expect(nextFollowUpAt(0, 'A', s)).toBe(7 * DAY);
  });
});

describe('parseReminderSettings', () => {
  const errorOf = (input: unknown) => {
    try {
      parseReminderSettings(input);
    } catch (e) {
      return e as ValidationError;
    }
    throw new Error('accepted');
  };
  test('the defaults are valid and hold the Chinese and Gregorian holidays', () => {
    expect(parseReminderSettings(DEFAULT_REMINDER_SETTINGS)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(BUILT_IN_HOLIDAYS.map((h) => h.id)).toEqual(
      expect.arrayContaining([
        'new-year',
        'spring-festival',
        'lantern-festival',
        'qingming',
        'labour-day',
        'dragon-boat',
        'qixi',
        'mid-autumn',
        'national-day',
        'double-ninth',
        'valentines-day',
        'christmas',
      ]),
    );
  });
  test.each([
    [
      { cadenceDays: { ...DEFAULT_REMINDER_SETTINGS.cadenceDays, A: 0 } },
      'cadenceDays.A',
      'must be at least 1 day',
    ],
    [
      { cadenceDays: { ...DEFAULT_REMINDER_SETTINGS.cadenceDays, B: 2.5 } },
      'cadenceDays.B',
      'must be a whole number of days',
    ],
    [
      { cadenceDays: { ...DEFAULT_REMINDER_SETTINGS.cadenceDays, C: 400 } },
      'cadenceDays.C',
      'must be at most 365 days',
    ],
    [{ reminderTime: '25:00' }, 'reminderTime', 'must be a time of day such as 09:00'],
    [
      {
        holidays: [
          {
            id: 'custom-x',
            name: '',
            rule: { kind: 'gregorian', month: 1, day: 2 },
            enabled: true,
            tiers: ['A'],
          },
        ],
      },
      'holidays[0].name',
      'must not be empty',
    ],
    [
      {
        holidays: [
          {
            id: 'custom-x',
            name: 'X',
            rule: { kind: 'gregorian', month: 2, day: 30 },
            enabled: true,
            tiers: ['A'],
          },
        ],
      },
      'holidays[0].rule.day',
      'must be a real calendar date',
    ],
    [
      {
        holidays: [
          {
            id: 'custom-x',
            name: 'X',
            rule: { kind: 'lunar', month: 13, day: 1 },
            enabled: true,
            tiers: ['A'],
          },
        ],
      },
      'holidays[0].rule.month',
      'must be from 1 to 12',
    ],
  ])('%j → %s %s', (patch, field, reason) => {
    const error = errorOf({ ...DEFAULT_REMINDER_SETTINGS, ...patch });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toContainEqual({ field, reason });
  });
});

describe('resolveReminderSettings', () => {
  test('nothing stored: the defaults', () => {
    expect(resolveReminderSettings(undefined)).toEqual(DEFAULT_REMINDER_SETTINGS);
  });
  test('stored settings keep their values; built-in holidays added later are filled in', () => {
    const stored = {
      ...DEFAULT_REMINDER_SETTINGS,
      cadenceDays: { A: 7, B: 21, C: 60, prospect: 14 },
      holidays: [],
    };
    const resolved = resolveReminderSettings(stored);
    expect(resolved.cadenceDays.A).toBe(7);
    expect(resolved.holidays.map((h) => h.id)).toEqual(BUILT_IN_HOLIDAYS.map((h) => h.id));
  });
});
