import {
  DEFAULT_REMINDER_SETTINGS,
  type HolidaySetting,
  holidayDays,
  newId,
  type ReminderSettings,
  TIER_NAMES,
  type TierName,
  ValidationError,
} from '@keepcard/shared';
import { useEffect, useId, useState } from 'react';
import { getReminderSettings, saveReminderSettings } from '../../db/reminder-settings-repo';
import type { I18n } from '../../i18n';
import { localTimeZone } from '../../reminders/local-zone';
import { holidayName } from '../../reminders/reminder-text';
import { errorLines, validationReason } from '../common/error-text';
import { Alert, buttonClass, inputClass, labelClass, primaryButtonClass, Section } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** What the form holds: the settings, with the cadence as typed (a field may be empty while editing). */
type Draft = Omit<ReminderSettings, 'cadenceDays'> & { cadenceDays: Record<TierName, string> };

const toDraft = (s: ReminderSettings): Draft => ({
  ...s,
  cadenceDays: {
    A: String(s.cadenceDays.A),
    B: String(s.cadenceDays.B),
    C: String(s.cadenceDays.C),
    prospect: String(s.cadenceDays.prospect),
  },
});

const fromDraft = (d: Draft) => ({
  ...d,
  cadenceDays: {
    A: Number(d.cadenceDays.A.trim() || Number.NaN),
    B: Number(d.cadenceDays.B.trim() || Number.NaN),
    C: Number(d.cadenceDays.C.trim() || Number.NaN),
    prospect: Number(d.cadenceDays.prospect.trim() || Number.NaN),
  },
});

const REASONS: [RegExp, (m: RegExpExecArray, i18n: I18n) => string][] = [
  [/^must be a number of days$/, (_m, { t }) => t('reminders.reason.number')],
  [/^must be a whole number of days$/, (_m, { t }) => t('reminders.reason.whole')],
  [/^must be at least 1 day$/, (_m, { t }) => t('reminders.reason.min')],
  [/^must be at most 365 days$/, (_m, { t }) => t('reminders.reason.max')],
  [/^must be a time of day/, (_m, { t }) => t('reminders.reason.time')],
  [/^must be from (\d+) to (\d+)$/, (m, { t }) => t('reminders.reason.range', { min: m[1]!, max: m[2]! })],
];

/** A settings field's name as the rep sees it: `cadenceDays.A` → "Cadence for Tier A". */
function fieldName(field: string, settings: Draft, i18n: I18n): string {
  const { t } = i18n;
  const cadence = /^cadenceDays\.(\w+)$/.exec(field);
  if (cadence) return t('reminders.field.cadence', { tier: t(`tier.${cadence[1] as TierName}`) });
  if (field === 'reminderTime') return t('reminders.field.reminderTime');
  const holiday = /^holidays\[(\d+)\]\.(\w+)/.exec(field);
  if (holiday) {
    const h = settings.holidays[Number(holiday[1])];
    const label = holiday[2] === 'name' ? t('reminders.field.holidayName') : t('reminders.field.holidayDate');
    return h && (h.builtIn || h.name) ? `${label} (${holidayName(t, h)})` : label;
  }
  return field;
}

/** The reasons of a refused save, each naming the field, in the UI's language. */
export function settingsErrorLines(error: unknown, draft: Draft, i18n: I18n): string[] {
  if (!(error instanceof ValidationError)) return errorLines(error, i18n).map((l) => l.text);
  return error.issues.map((issue) => {
    let reason = validationReason(issue.reason, i18n);
    for (const [pattern, text] of REASONS) {
      const m = pattern.exec(issue.reason);
      if (m) reason = text(m, i18n);
    }
    return i18n.t('reminders.field.error', { field: fieldName(issue.field, draft, i18n), reason });
  });
}

/** The next day (today or later) a holiday falls on, as a local timestamp at noon. */
function nextOccurrence(h: HolidaySetting, now: number): number | null {
  const today = new Date(now);
  const todayKey = today.getFullYear() * 10_000 + (today.getMonth() + 1) * 100 + today.getDate();
  for (const year of [today.getFullYear(), today.getFullYear() + 1]) {
    for (const d of holidayDays(h.rule, year)) {
      if (d.year * 10_000 + d.month * 100 + d.day >= todayKey)
        return new Date(d.year, d.month - 1, d.day, 12).getTime();
    }
  }
  return null;
}

function TierChecks({
  legend,
  tiers,
  onChange,
}: {
  legend: string;
  tiers: readonly TierName[];
  onChange: (tiers: TierName[]) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs">
      <legend className="sr-only">{legend}</legend>
      {TIER_NAMES.map((tier) => (
        <label key={tier} className="inline-flex items-center gap-1">
          <input
            type="checkbox"
            checked={tiers.includes(tier)}
            onChange={(e) =>
              onChange(
                e.target.checked
                  ? TIER_NAMES.filter((x) => x === tier || tiers.includes(x))
                  : tiers.filter((x) => x !== tier),
              )
            }
          />
          {t(`tier.${tier}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** Settings: follow-up cadence per tier, the care reminder time, birthdays and the holiday calendar. */
export function RemindersSettings({ now = Date.now() }: { now?: number }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const ids = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<'gregorian' | 'lunar'>('gregorian');
  const [newMonth, setNewMonth] = useState('1');
  const [newDay, setNewDay] = useState('1');

  useEffect(() => {
    getReminderSettings().then(
      (s) => setDraft(toDraft(s)),
      () => setDraft(toDraft(DEFAULT_REMINDER_SETTINGS)),
    );
  }, []);
  if (!draft) return null;

  const save = async (next: Draft) => {
    setDraft(next);
    try {
      const saved = await saveReminderSettings(fromDraft(next));
      setDraft(toDraft(saved));
      setStatus({ ok: true, lines: [t('reminders.saved')] });
      return true;
    } catch (e) {
      setStatus({ ok: false, lines: settingsErrorLines(e, next, i18n) });
      return false;
    }
  };
  const setHoliday = (index: number, patch: Partial<HolidaySetting>) =>
    save({ ...draft, holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const addHoliday = async () => {
    const holiday: HolidaySetting = {
      id: `custom-${newId()}`,
      name: newName.trim(),
      builtIn: false,
      rule: { kind: newKind, month: Number(newMonth), day: Number(newDay) },
      enabled: true,
      tiers: ['A', 'B'],
    };
    if (await save({ ...draft, holidays: [...draft.holidays, holiday] })) setNewName('');
    else setDraft(draft);
  };

  return (
    <Section id="settings-reminders" title={t('reminders.settings.title')}>
      <div data-testid="reminders-settings" className="space-y-3 text-sm">
        <p className="text-slate-700 dark:text-slate-300">{t('reminders.settings.intro')}</p>
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <fieldset>
            <legend className="mb-1 font-medium">{t('reminders.cadence.title')}</legend>
            <div className="space-y-1">
              {TIER_NAMES.map((tier) => (
                <div key={tier} className="flex items-center gap-1.5">
                  <label htmlFor={`${ids}-cadence-${tier}`} className="w-32 whitespace-nowrap">
                    {t('reminders.cadence.label', { tier: t(`tier.${tier}`) })}
                  </label>
                  <input
                    id={`${ids}-cadence-${tier}`}
                    inputMode="numeric"
                    value={draft.cadenceDays[tier]}
                    onChange={(e) =>
                      setDraft({ ...draft, cadenceDays: { ...draft.cadenceDays, [tier]: e.target.value } })
                    }
                    className={inputClass.replace('w-full', 'w-14')}
                  />
                  <span>{t('reminders.cadence.days')}</span>
                </div>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${ids}-time`} className={labelClass}>
              {t('reminders.time.label')}
            </label>
            <input
              id={`${ids}-time`}
              type="time"
              value={draft.reminderTime}
              onChange={(e) => setDraft({ ...draft, reminderTime: e.target.value })}
              className={inputClass.replace('w-full', 'w-36')}
              aria-describedby={`${ids}-time-help`}
            />
            <p id={`${ids}-time-help`} className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
              {t('reminders.time.help', { zone: localTimeZone() })}
            </p>
          </div>
          <button type="submit" className={primaryButtonClass}>
            {t('reminders.save')}
          </button>
        </form>

        {status &&
          (status.ok ? (
            <p role="status" className="text-xs text-emerald-800 dark:text-emerald-300">
              {status.lines.join(' ')}
            </p>
          ) : (
            <Alert>
              {status.lines.map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </Alert>
          ))}

        <fieldset className="space-y-1">
          <legend className="mb-1 font-medium">{t('reminders.birthdays.title')}</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={draft.birthdays.enabled}
              onChange={(e) =>
                void save({ ...draft, birthdays: { ...draft.birthdays, enabled: e.target.checked } })
              }
            />
            {t('reminders.birthdays.enabled')}
          </label>
          <TierChecks
            legend={t('reminders.tiers.legend')}
            tiers={draft.birthdays.tiers}
            onChange={(tiers) => void save({ ...draft, birthdays: { ...draft.birthdays, tiers } })}
          />
        </fieldset>

        <div>
          <h4 className="mb-0.5 font-medium">{t('reminders.holidays.title')}</h4>
          <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">{t('reminders.holidays.help')}</p>
          <ul className="divide-y divide-slate-100 dark:divide-slate-700" data-testid="holiday-list">
            {draft.holidays.map((h, index) => {
              const name = holidayName(t, h);
              const next = nextOccurrence(h, now);
              return (
                <li key={h.id} className="py-1" data-testid="holiday-row">
                  <div className="flex items-center justify-between gap-2">
                    <label className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={h.enabled}
                        onChange={(e) => void setHoliday(index, { enabled: e.target.checked })}
                      />
                      <span className="font-medium">{name}</span>
                      {next !== null && (
                        <span className="text-xs text-slate-600 dark:text-slate-400">
                          {t('reminders.holidays.next', { date: formatDate(next) })}
                        </span>
                      )}
                    </label>
                    {!h.builtIn && (
                      <button
                        type="button"
                        className="text-xs text-red-800 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-red-300"
                        aria-label={t('reminders.holidays.removeNamed', { name })}
                        onClick={() =>
                          void save({ ...draft, holidays: draft.holidays.filter((_, i) => i !== index) })
                        }
                      >
                        {t('reminders.holidays.remove')}
                      </button>
                    )}
                  </div>
                  {h.enabled && (
                    <div className="ml-6">
                      <TierChecks
                        legend={t('reminders.holidays.tiersOf', { name })}
                        tiers={h.tiers}
                        onChange={(tiers) => void setHoliday(index, { tiers })}
                      />
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>

        <form
          className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700"
          aria-labelledby={`${ids}-add`}
          onSubmit={(e) => {
            e.preventDefault();
            void addHoliday();
          }}
        >
          <h4 id={`${ids}-add`} className="font-medium">
            {t('reminders.holidays.add')}
          </h4>
          <div>
            <label htmlFor={`${ids}-name`} className={labelClass}>
              {t('reminders.holidays.name')}
            </label>
            <input
              id={`${ids}-name`}
              value={newName}
              maxLength={60}
              onChange={(e) => setNewName(e.target.value)}
              className={inputClass}
            />
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${ids}-calendar`} className={labelClass}>
                {t('reminders.holidays.calendar')}
              </label>
              <select
                id={`${ids}-calendar`}
                value={newKind}
                onChange={(e) => setNewKind(e.target.value as 'gregorian' | 'lunar')}
                className={inputClass.replace('w-full', 'w-auto')}
              >
                <option value="gregorian">{t('reminders.holidays.calendar.gregorian')}</option>
                <option value="lunar">{t('reminders.holidays.calendar.lunar')}</option>
              </select>
            </div>
            <div>
              <label htmlFor={`${ids}-month`} className={labelClass}>
                {t('reminders.holidays.month')}
              </label>
              <input
                id={`${ids}-month`}
                inputMode="numeric"
                value={newMonth}
                onChange={(e) => setNewMonth(e.target.value)}
                className={inputClass.replace('w-full', 'w-14')}
              />
            </div>
            <div>
              <label htmlFor={`${ids}-day`} className={labelClass}>
                {t('reminders.holidays.day')}
              </label>
              <input
                id={`${ids}-day`}
                inputMode="numeric"
                value={newDay}
                onChange={(e) => setNewDay(e.target.value)}
                className={inputClass.replace('w-full', 'w-14')}
              />
            </div>
            <button type="submit" className={buttonClass}>
              {t('reminders.holidays.add')}
            </button>
          </div>
        </form>
      </div>
    </Section>
  );
}
