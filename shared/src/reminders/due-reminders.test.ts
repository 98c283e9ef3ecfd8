import { describe, expect, test } from 'vitest';
import type { ReminderData, ReminderTask } from './due-reminders';
import { careRemindersBetween, remindersDueBetween } from './due-reminders';
import { birthdayMonthDay } from './occurrences';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from './reminder-settings';

const SH = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const onlyHolidays = (ids: string[], s = DEFAULT_REMINDER_SETTINGS): ReminderSettings => ({
  ...s,
  holidays: s.holidays.map((h) => ({ ...h, enabled: ids.includes(h.id) })),
});

function data(over: Partial<ReminderData> = {}): ReminderData {
  return {
    settings: onlyHolidays([]),
    timeZone: SH,
    tasks: [],
    contacts: [],
    ...over,
  };
}

const task = (over: Partial<ReminderTask>): ReminderTask => ({
  id: 't1',
  kind: 'follow-up',
  title: 'Follow up',
  dueAt: at('2026-03-01T02:00:00Z'),
  doneAt: null,
  deletedAt: null,
  contactId: 'c1',
  ...over,
});

describe('birthdayMonthDay', () => {
  test.each([
    ['1990-05-17', { month: 5, day: 17 }],
    ['--05-17', { month: 5, day: 17 }],
    ['--02-29', { month: 2, day: 29 }],
    ['1990-02-30', null],
    ['05-17', null],
    ['', null],
  ])('%s', (text, expected) => expect(birthdayMonthDay(text)).toEqual(expected));
});

describe('remindersDueBetween: tasks', () => {
  test('an open task is due in the half-open span (from, to]', () => {
    const d = data({ tasks: [task({})] });
    const due = at('2026-03-01T02:00:00Z');
    expect(remindersDueBetween(d, due - 1, due).map((r) => r.id)).toEqual(['task:t1']);
    expect(remindersDueBetween(d, due, due + 1000)).toEqual([]);
    expect(remindersDueBetween(d, due - 2000, due - 1)).toEqual([]);
  });
  test('done and deleted tasks never fire', () => {
    const d = data({
      tasks: [task({ id: 'done', doneAt: 1 }), task({ id: 'gone', deletedAt: 1 }), task({ id: 'open' })],
    });
    expect(remindersDueBetween(d, 0, at('2027-01-01')).map((r) => r.id)).toEqual(['task:open']);
  });
});

describe('birthdays', () => {
  const contact = (birthday: string, tier: 'A' | 'B' | 'C' | 'prospect' = 'A') => ({
    id: 'c1',
    birthday,
    tier,
  });

  test('due at 09:00 in the rep’s zone on the day (Shanghai and New York differ)', () => {
    const d = data({ contacts: [contact('1985-03-10')] });
    const [r] = careRemindersBetween(d, at('2026-03-01'), at('2026-03-31'));
    expect(r).toMatchObject({ id: 'birthday:c1:2026-03-10', kind: 'birthday', contactIds: ['c1'] });
    expect(new Date(r!.dueAt).toISOString()).toBe('2026-03-10T01:00:00.000Z');
    const [ny] = careRemindersBetween(
      { ...d, timeZone: 'America/New_York' },
      at('2026-03-01'),
      at('2026-03-31'),
    );
    // New York switched to daylight time on 8 March 2026: 09:00 EDT is 13:00 UTC.
    expect(new Date(ny!.dueAt).toISOString()).toBe('2026-03-10T13:00:00.000Z');
  });

  test.each([
    ['leap-day birthday in a common year → 28 Feb', '2000-02-29', '2027-02-01', '2027-03-31', ['2027-02-28']],
    ['leap-day birthday in a leap year → 29 Feb', '--02-29', '2028-02-01', '2028-03-31', ['2028-02-29']],
    ['--MM-DD (no year)', '--12-31', '2026-12-01', '2027-01-31', ['2026-12-31']],
    ['across the year boundary: 31 Dec and 1 Jan', '--01-01', '2026-12-15', '2027-01-15', ['2027-01-01']],
    ['two years: one reminder each', '1970-07-01', '2026-01-01', '2027-12-31', ['2026-07-01', '2027-07-01']],
  ])('%s', (_name, birthday, from, to, days) => {
    const d = data({ contacts: [contact(birthday)] });
    expect(careRemindersBetween(d, at(from), at(to)).map((r) => r.day)).toEqual(days);
  });

  test('tiers not chosen, a disabled setting or a done care task: no reminder', () => {
    const span = [at('2026-03-01'), at('2026-03-31')] as const;
    const s = onlyHolidays([]);
    expect(
      careRemindersBetween(
        data({
          settings: { ...s, birthdays: { enabled: true, tiers: ['A'] } },
          contacts: [contact('--03-10', 'C')],
        }),
        ...span,
      ),
    ).toEqual([]);
    expect(
      careRemindersBetween(
        data({
          settings: { ...s, birthdays: { enabled: false, tiers: ['A'] } },
          contacts: [contact('--03-10')],
        }),
        ...span,
      ),
    ).toEqual([]);
    const due = at('2026-03-10T01:00:00Z');
    const done = task({ id: 'care', kind: 'care-birthday', dueAt: due, doneAt: due + 1 });
    expect(careRemindersBetween(data({ contacts: [contact('--03-10')], tasks: [done] }), ...span)).toEqual(
      [],
    );
  });
});

describe('holidays', () => {
  const contacts = [
    { id: 'a', tier: 'A' as const },
    { id: 'b', tier: 'B' as const },
    { id: 'c', tier: 'C' as const },
  ];
  test('春节 2026 at 09:00 Beijing, for tiers A and B by default', () => {
    const d = data({ settings: onlyHolidays(['spring-festival']), contacts });
    const found = careRemindersBetween(d, at('2026-01-01'), at('2026-12-31'));
    expect(found).toEqual([
      {
        id: 'holiday:spring-festival:2026-02-17',
        kind: 'holiday',
        dueAt: at('2026-02-17T01:00:00Z'),
        contactIds: ['a', 'b'],
        title: '',
        holidayId: 'spring-festival',
        day: '2026-02-17',
      },
    ]);
  });
  test('a custom holiday with its own tiers and name; a disabled one does not fire', () => {
    const s = onlyHolidays([]);
    const settings: ReminderSettings = {
      ...s,
      holidays: [
        ...s.holidays,
        {
          id: 'custom-anniversary',
          name: 'Shop anniversary',
          builtIn: false,
          rule: { kind: 'gregorian', month: 6, day: 8 },
          enabled: true,
          tiers: ['C'],
        },
      ],
    };
    const found = careRemindersBetween(data({ settings, contacts }), at('2026-01-01'), at('2026-12-31'));
    expect(found.map((r) => [r.id, r.title, r.contactIds])).toEqual([
      ['holiday:custom-anniversary:2026-06-08', 'Shop anniversary', ['c']],
    ]);
  });
  test('every customer already greeted: no reminder', () => {
    const due = at('2026-09-25T01:00:00Z');
    const tasks = ['a', 'b'].map((id) =>
      task({ id: `care-${id}`, kind: 'care-holiday', contactId: id, dueAt: due, doneAt: due }),
    );
    const d = data({ settings: onlyHolidays(['mid-autumn']), contacts, tasks });
    expect(careRemindersBetween(d, at('2026-09-01'), at('2026-10-01'))).toEqual([]);
  });
  test('the default calendar over 2026: the enabled holidays, each once, in order', () => {
    const d = data({ settings: DEFAULT_REMINDER_SETTINGS, contacts });
    const ids = remindersDueBetween(d, at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')).map(
      (r) => r.id,
    );
    expect(ids).toEqual([
      'holiday:new-year:2026-01-01',
      'holiday:spring-festival:2026-02-17',
      'holiday:dragon-boat:2026-06-19',
      'holiday:mid-autumn:2026-09-25',
      'holiday:christmas:2026-12-25',
    ]);
  });
});
