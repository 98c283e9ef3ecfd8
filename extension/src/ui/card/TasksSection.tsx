import type { Task } from '@keepcard/shared';
import { useState } from 'react';
import type { ContactRow } from '../../db/db';
import { daysFrom, type MessageKey } from '../../i18n';
import { taskTitle } from '../../reminders/reminder-text';
import { errorLines } from '../common/error-text';
import { Alert, EmptyNote, Section } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { CareBlock, SnoozeTaskButton } from './CareReminders';

/** Days until the next birthday (0 today), or null without one. */
export function daysToBirthday(birthday: string | undefined, now: number): number | null {
  const m = birthday && /(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return null;
  const today = new Date(now);
  const year = today.getFullYear();
  let next = new Date(year, Number(m[1]) - 1, Number(m[2]), 12);
  if (daysFrom(now, next.getTime()) < 0) next = new Date(year + 1, Number(m[1]) - 1, Number(m[2]), 12);
  return daysFrom(now, next.getTime());
}

/**
 * Open tasks, overdue first, with a "done" button; a birthday within 30 days is called out. Care
 * reminders (birthdays, holidays) join once the card has painted (`painted`): they need the reminder
 * settings' validation, which the card's first load leaves out.
 */
export function TasksSection({
  tasks,
  contact,
  now,
  painted = true,
}: {
  tasks: Task[] | undefined;
  contact: ContactRow;
  now: number;
  painted?: boolean;
}) {
  const i18n = useI18n();
  const { t, formatDate, formatRelativeDays } = i18n;
  const [error, setError] = useState<unknown>(null);
  const birthdayIn = daysToBirthday(contact.birthday, now);
  const [birthdayCare, setBirthdayCare] = useState(false);
  const done = async (task: Task) => {
    try {
      setError(null);
      const { completeTask } = await import('../../db/activity-repo');
      await completeTask(task.id, await writeContext());
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section id="card-tasks" title={t('card.section.tasks')}>
      {painted && <CareBlock contact={contact} now={now} onBirthdayCare={setBirthdayCare} />}
      {birthdayIn !== null && birthdayIn <= 30 && !birthdayCare && (
        <p className="mb-1 text-sm text-violet-900 dark:text-violet-200" data-testid="birthday-soon">
          🎂 {birthdayIn === 0 ? t('card.birthdayToday') : t('card.birthdayIn', { days: birthdayIn })}
        </p>
      )}
      {error !== null && (
        <Alert>
          {errorLines(error, i18n)
            .map((l) => l.text)
            .join(' ')}
        </Alert>
      )}
      {tasks === undefined ? null : tasks.length === 0 ? (
        <EmptyNote>{t('card.noTasks')}</EmptyNote>
      ) : (
        <ul className="space-y-1" data-testid="card-tasks">
          {tasks.map((task) => {
            const days = daysFrom(now, task.dueAt);
            const overdue = task.dueAt < now;
            const title = taskTitle(t, task);
            return (
              <li key={task.id} className="flex items-start justify-between gap-2 text-sm">
                <div>
                  <span className="font-medium">{title}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t(`task.kind.${task.kind}` as MessageKey)} · {formatDate(task.dueAt)} ·{' '}
                    <span className={overdue ? 'font-semibold text-red-800 dark:text-red-300' : ''}>
                      {overdue
                        ? t('task.overdue', { when: formatRelativeDays(days) })
                        : formatRelativeDays(days)}
                    </span>
                  </span>
                </div>
                <div className="flex shrink-0 gap-1">
                  <SnoozeTaskButton taskId={task.id} title={title} now={now} onError={setError} />
                  <button
                    type="button"
                    onClick={() => done(task)}
                    aria-label={t('task.markDoneNamed', { title })}
                    className="shrink-0 rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:hover:bg-slate-700"
                  >
                    {t('task.markDone')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}
