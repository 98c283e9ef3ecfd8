import { careRemindersBetween, parseTimeOfDay, type Reminder } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ContactRow } from '../../db/db';
import { getDb } from '../../db/db';
import { readListScores } from '../../db/scores-repo';
import { daysFrom } from '../../i18n';
import { localTimeZone } from '../../reminders/local-zone';
import { careTitle } from '../../reminders/reminder-text';
import { errorLines } from '../common/error-text';
import { Alert } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';

/** How far ahead the card lists care reminders (and how long a missed one stays: since yesterday). */
export const CARE_DAYS_AHEAD = 7;
const DAY_MS = 86_400_000;

/** This customer's birthday and holiday care due from yesterday to a week ahead, with "Done". */
export function useCareReminders(contact: ContactRow, now: number): Reminder[] | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    // Settings are validated on read (zod): loaded on demand, after the card painted (CareBlock).
    const { getReminderSettings } = await import('../../db/reminder-settings-repo');
    const [settings, score, tasks] = await Promise.all([
      getReminderSettings(db),
      readListScores(db, contact.id),
      db.tasks.where('contactId').equals(contact.id).toArray(),
    ]);
    const data = {
      settings,
      timeZone: localTimeZone(),
      tasks,
      contacts: [{ id: contact.id, birthday: contact.birthday, tier: score?.tier ?? ('prospect' as const) }],
    };
    return careRemindersBetween(data, now - DAY_MS, now + CARE_DAYS_AHEAD * DAY_MS);
  }, [contact.id, contact.birthday, Math.floor(now / 60_000)]);
}

export function CareReminders({
  contact,
  reminders,
  now,
}: {
  contact: ContactRow;
  reminders: Reminder[];
  now: number;
}) {
  const i18n = useI18n();
  const { t, formatDate, formatRelativeDays } = i18n;
  const [error, setError] = useState<unknown>(null);
  if (reminders.length === 0) return null;
  const done = async (r: Reminder) => {
    try {
      setError(null);
      const { completeCare } = await import('../../db/activity-repo');
      await completeCare(
        contact.id,
        {
          kind: r.kind === 'birthday' ? 'care-birthday' : 'care-holiday',
          title: careTitle(t, r),
          dueAt: r.dueAt,
        },
        await writeContext(),
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="mb-2">
      {error !== null && (
        <Alert>
          {errorLines(error, i18n)
            .map((l) => l.text)
            .join(' ')}
        </Alert>
      )}
      <ul className="space-y-1" data-testid="care-reminders" aria-label={t('reminders.care.title')}>
        {reminders.map((r) => {
          const title = careTitle(t, r);
          return (
            <li key={r.id} className="flex items-start justify-between gap-2 text-sm">
              <div>
                <span className="font-medium text-violet-900 dark:text-violet-200">{title}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {t('reminders.care.title')} · {formatDate(r.dueAt)} ·{' '}
                  {formatRelativeDays(daysFrom(now, r.dueAt))}
                </span>
              </div>
              <button
                type="button"
                onClick={() => done(r)}
                aria-label={t('reminders.care.doneNamed', { title })}
                className="shrink-0 rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:hover:bg-slate-700"
              >
                {t('reminders.care.done')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** "Tomorrow" on an open task: moves it to the care reminder time (09:00 by default) of the next day. */
export function SnoozeTaskButton({
  taskId,
  title,
  now,
  onError,
}: {
  taskId: string;
  title: string;
  now: number;
  onError: (e: unknown) => void;
}) {
  const { t } = useI18n();
  const snooze = async () => {
    try {
      const [{ getReminderSettings }, { tomorrowAt }, { postponeTask }] = await Promise.all([
        import('../../db/reminder-settings-repo'),
        import('../../reminders/reminder-scheduler'),
        import('../../db/activity-repo'),
      ]);
      const settings = await getReminderSettings();
      const until = tomorrowAt(now, parseTimeOfDay(settings.reminderTime) ?? 540, localTimeZone());
      await postponeTask(taskId, until, await writeContext());
    } catch (e) {
      onError(e);
    }
  };
  return (
    <button
      type="button"
      onClick={snooze}
      aria-label={t('reminders.task.tomorrowNamed', { title })}
      className="shrink-0 rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:hover:bg-slate-700"
    >
      {t('reminders.task.tomorrow')}
    </button>
  );
}

/**
 * The care reminders of a customer, as the card's tasks section shows them once the card painted
 * (this module's computations need the reminder settings' validation, which is not on the card's
 * first load). Tells the section whether a birthday reminder is among them.
 */
export function CareBlock({
  contact,
  now,
  onBirthdayCare,
}: {
  contact: ContactRow;
  now: number;
  onBirthdayCare: (has: boolean) => void;
}) {
  const care = useCareReminders(contact, now);
  const birthday = care?.some((r) => r.kind === 'birthday') ?? false;
  useEffect(() => onBirthdayCare(birthday), [birthday, onBirthdayCare]);
  return care ? <CareReminders contact={contact} reminders={care} now={now} /> : null;
}
