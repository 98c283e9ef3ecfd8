// Which reminders fall due in a span of time: open tasks (follow-ups above all), birthdays and the
// enabled holidays, each with a stable id and its due instant. Pure: the span, the time zone and the
// data are parameters; the extension's scheduler decides what has already been shown.
import type { Task } from '../schemas/task';
import type { TierName } from '../segments/list-entry';
import {
  addDays,
  type CalendarDay,
  compareDays,
  dayKey,
  localDayOf,
  localTimeToInstant,
  parseTimeOfDay,
} from './local-time';
import { annualDay, birthdayMonthDay, holidayDays } from './occurrences';
import type { HolidaySetting, ReminderSettings } from './reminder-settings';

export type ReminderKind = 'task' | 'birthday' | 'holiday';

export interface Reminder {
  /** Stable across runs and devices: `task:<id>`, `birthday:<contactId>:<day>`, `holiday:<holidayId>:<day>`. */
  id: string;
  kind: ReminderKind;
  dueAt: number;
  /** The customers it is about: one for a task or a birthday, every customer of the chosen tiers for a holiday. */
  contactIds: string[];
  /** For a task reminder. */
  taskId?: string;
  taskKind?: Task['kind'];
  /** The task's title; the holiday's own name for a custom holiday; '' for built-ins (the UI names them). */
  title: string;
  holidayId?: string;
  /** The local day of a birthday or holiday (YYYY-MM-DD). */
  day?: string;
}

export type ReminderTask = Pick<
  Task,
  'id' | 'kind' | 'title' | 'dueAt' | 'doneAt' | 'deletedAt' | 'contactId'
>;

export interface ReminderContact {
  id: string;
  birthday?: string | null;
  /** The contact's current value tier (from the stored scores); 'prospect' when not scored yet. */
  tier: TierName;
}

export interface ReminderData {
  settings: ReminderSettings;
  /** IANA zone of the rep: care reminders are due at `settings.reminderTime` there. */
  timeZone: string;
  tasks: readonly ReminderTask[];
  contacts: readonly ReminderContact[];
}

/** The key a care task is matched by: care already given for this customer at this due time. */
export const careKey = (kind: 'care-birthday' | 'care-holiday', contactId: string, dueAt: number) =>
  `${kind}:${contactId}:${dueAt}`;

/** Care reminders already marked done (a done care task with the contact and due time). */
function careDone(tasks: readonly ReminderTask[]): Set<string> {
  const done = new Set<string>();
  for (const t of tasks) {
    if (t.deletedAt !== null || t.doneAt === null || !t.contactId) continue;
    if (t.kind === 'care-birthday' || t.kind === 'care-holiday')
      done.add(careKey(t.kind, t.contactId, t.dueAt));
  }
  return done;
}

/**
 * The reminders due in (from, to], earliest first. Done and deleted tasks are skipped; so are care
 * reminders already marked done; a holiday reminder lists the customers of its tiers still to greet.
 * @example remindersDueBetween(data, Date.parse('2026-02-16T12:00Z'), Date.parse('2026-02-17T12:00Z'))
 *   // [{ id: 'holiday:spring-festival:2026-02-17', dueAt: 2026-02-17T01:00Z (09:00 Beijing), … }]
 */
export function remindersDueBetween(data: ReminderData, from: number, to: number): Reminder[] {
  const out: Reminder[] = [];
  for (const t of data.tasks) {
    if (t.deletedAt !== null || t.doneAt !== null || t.dueAt <= from || t.dueAt > to) continue;
    // A care task the rep scheduled by hand is a task like any other.
    out.push({
      id: `task:${t.id}`,
      kind: 'task',
      dueAt: t.dueAt,
      contactIds: t.contactId ? [t.contactId] : [],
      taskId: t.id,
      taskKind: t.kind,
      title: t.title,
    });
  }
  out.push(...careRemindersBetween(data, from, to));
  return out.sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
}

/** Birthday and holiday reminders due in (from, to]. */
export function careRemindersBetween(data: ReminderData, from: number, to: number): Reminder[] {
  const minute = parseTimeOfDay(data.settings.reminderTime) ?? 9 * 60;
  const done = careDone(data.tasks);
  const out: Reminder[] = [];
  // Local days whose reminder time can fall in the span (a day either side covers any zone offset).
  const first = addDays(localDayOf(from, data.timeZone), -1);
  const last = addDays(localDayOf(to, data.timeZone), 1);

  // The days that have a birthday or a holiday, per year of the span; only those are looked at.
  interface Occasions {
    day: CalendarDay;
    birthdays: ReminderContact[];
    holidays: HolidaySetting[];
  }
  const occasions = new Map<string, Occasions>();
  const occasionsOn = (day: CalendarDay) => {
    const key = dayKey(day);
    let o = occasions.get(key);
    if (!o) {
      o = { day, birthdays: [], holidays: [] };
      occasions.set(key, o);
    }
    return o;
  };
  const birthdayTiers = new Set(data.settings.birthdays.tiers);
  const birthdays = data.settings.birthdays.enabled
    ? data.contacts.flatMap((c) => {
        const md = birthdayMonthDay(c.birthday);
        return md && birthdayTiers.has(c.tier) ? [{ contact: c, md }] : [];
      })
    : [];
  const holidays = data.settings.holidays.filter((h) => h.enabled);
  for (let year = first.year; year <= last.year; year++) {
    for (const h of holidays) for (const day of holidayDays(h.rule, year)) occasionsOn(day).holidays.push(h);
    for (const { contact, md } of birthdays) occasionsOn(annualDay(md, year)).birthdays.push(contact);
  }

  const inSpan = [...occasions.entries()]
    .filter(([, o]) => compareDays(o.day, first) >= 0 && compareDays(o.day, last) <= 0)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [key, o] of inSpan) {
    const dueAt = localTimeToInstant(o.day, minute, data.timeZone);
    if (dueAt <= from || dueAt > to) continue;
    for (const contact of o.birthdays) {
      if (done.has(careKey('care-birthday', contact.id, dueAt))) continue;
      out.push({
        id: `birthday:${contact.id}:${key}`,
        kind: 'birthday',
        dueAt,
        contactIds: [contact.id],
        title: '',
        day: key,
      });
    }
    for (const h of o.holidays) {
      const tiers = new Set(h.tiers);
      const contactIds = data.contacts
        .filter((c) => tiers.has(c.tier) && !done.has(careKey('care-holiday', c.id, dueAt)))
        .map((c) => c.id);
      if (contactIds.length === 0) continue;
      out.push({
        id: `holiday:${h.id}:${key}`,
        kind: 'holiday',
        dueAt,
        contactIds,
        title: h.builtIn ? '' : h.name,
        holidayId: h.id,
        day: key,
      });
    }
  }
  return out;
}
