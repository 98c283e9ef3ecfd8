// What a reminder says, in the rep's language: notification texts and care titles, shared by the
// background's notifications and the card.
import { AUTO_FOLLOW_UP_TITLE, type Reminder, type Task } from '@keepcard/shared';
import type { I18n, MessageKey } from '../i18n';

type Translate = I18n['t'];

/** A built-in holiday's name from the catalog; a custom one's own name. */
export function holidayName(t: Translate, holiday: { id: string; name?: string; builtIn?: boolean }): string {
  const key = `reminders.holiday.${holiday.id}`;
  if (holiday.builtIn !== false) {
    const text = t(key as MessageKey);
    if (text !== key) return text;
  }
  return holiday.name || holiday.id;
}

/** A task's title as shown: follow-ups Keepcard scheduled itself read in the rep's language. */
export function taskTitle(t: Translate, task: Pick<Task, 'kind' | 'title'>): string {
  return task.kind === 'follow-up' && task.title === AUTO_FOLLOW_UP_TITLE
    ? t('reminders.followUp.autoTitle')
    : task.title;
}

/** The title of a care task (birthday or holiday greetings). */
export function careTitle(t: Translate, reminder: Pick<Reminder, 'kind' | 'holidayId' | 'title'>): string {
  if (reminder.kind === 'birthday') return t('reminders.care.birthday');
  return t('reminders.care.holiday', {
    holiday: holidayName(t, {
      id: reminder.holidayId ?? '',
      name: reminder.title,
      builtIn: reminder.title === '',
    }),
  });
}

/** A notification's title and message. `names` are the display names of the reminder's customers. */
export function notificationText(
  i18n: Pick<I18n, 't' | 'formatDateTime'>,
  reminder: Reminder,
  names: string[],
): { title: string; message: string } {
  const { t } = i18n;
  const name = names[0] ?? '';
  if (reminder.kind === 'birthday')
    return {
      title: t('reminders.notify.birthday', { name }),
      message: t('reminders.notify.birthdayMessage'),
    };
  if (reminder.kind === 'holiday') {
    const holiday = holidayName(t, {
      id: reminder.holidayId ?? '',
      name: reminder.title,
      builtIn: reminder.title === '',
    });
    const shown = names.slice(0, 5).join(t('reminders.notify.nameSeparator'));
    return {
      title: t('reminders.notify.holiday', { holiday }),
      message: t('reminders.notify.holidayMessage', {
        count: reminder.contactIds.length,
        names: names.length > 5 ? `${shown}…` : shown,
      }),
    };
  }
  const due = t('reminders.notify.due', { when: i18n.formatDateTime(reminder.dueAt) });
  const isAutoFollowUp = reminder.taskKind === 'follow-up' && reminder.title === AUTO_FOLLOW_UP_TITLE;
  const title = isAutoFollowUp
    ? t('reminders.notify.followUp', { name })
    : name
      ? t('reminders.notify.task', { title: reminder.title, name })
      : reminder.title;
  return { title, message: due };
}
