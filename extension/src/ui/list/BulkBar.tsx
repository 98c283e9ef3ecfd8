import { useId, useState } from 'react';
import { assignContacts, createFollowUps, tagContacts } from '../../db/bulk-repo';
import { fromLocalInput, toLocalInput } from '../card/ActionForm';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, inputClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';

type Mode = 'tag' | 'assign' | 'followUp' | null;

/** Actions on the selected customers: tag, assign who is responsible, create follow-ups, export to CSV. */
export function BulkBar({
  ids,
  onClear,
  onExport,
  owners,
}: {
  ids: readonly string[];
  onClear: () => void;
  onExport: () => void;
  owners: { id: string; name: string }[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [mode, setMode] = useState<Mode>(null);
  const [value, setValue] = useState('');
  const [due, setDue] = useState(() => toLocalInput(Date.now() + 86_400_000, false));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const dueId = useId();
  const open = (next: Mode) => {
    setMode(mode === next ? null : next);
    setError(null);
    setValue(
      next === 'followUp' ? t('bulk.followUpDefault') : next === 'assign' ? (owners[0]?.id ?? '') : '',
    );
  };
  const run = async () => {
    setError(null);
    try {
      const ctx = await writeContext();
      if (mode === 'tag') {
        if (!value.trim()) return setError(t('bulk.tagRequired'));
        const n = await tagContacts(ids, value, ctx);
        setStatus(t('bulk.tagged', { count: n, tag: value.trim().toLowerCase() }));
      } else if (mode === 'assign') {
        if (!value.trim()) return setError(t('bulk.ownerRequired'));
        const n = await assignContacts(ids, value, ctx);
        setStatus(t('bulk.assigned', { count: n }));
      } else if (mode === 'followUp') {
        const dueAt = fromLocalInput(due);
        if (Number.isNaN(dueAt)) return setError(t('form.badDate', { field: t('form.due') }));
        const n = await createFollowUps(ids, { title: value, dueAt }, ctx);
        setStatus(t('bulk.followUpsCreated', { count: n }));
      }
      setMode(null);
    } catch (e) {
      setError(
        errorLines(e, i18n)
          .map((l) => l.text)
          .join(' '),
      );
    }
  };
  return (
    <div
      className="border-t border-sky-200 bg-sky-50 px-3 py-2 dark:border-sky-900 dark:bg-slate-800"
      data-testid="bulk-bar"
    >
      <div role="toolbar" aria-label={t('bulk.toolbar')} className="flex flex-wrap items-center gap-1">
        <span className="mr-1 text-sm font-medium">{t('bulk.selected', { count: ids.length })}</span>
        <button
          type="button"
          className={buttonClass}
          aria-expanded={mode === 'tag'}
          onClick={() => open('tag')}
        >
          {t('bulk.tag')}
        </button>
        <button
          type="button"
          className={buttonClass}
          aria-expanded={mode === 'assign'}
          onClick={() => open('assign')}
        >
          {t('bulk.assign')}
        </button>
        <button
          type="button"
          className={buttonClass}
          aria-expanded={mode === 'followUp'}
          onClick={() => open('followUp')}
        >
          {t('bulk.followUp')}
        </button>
        <button type="button" className={buttonClass} onClick={onExport}>
          {t('bulk.export')}
        </button>
        <button type="button" className={buttonClass} onClick={onClear}>
          {t('bulk.clear')}
        </button>
      </div>
      {mode && (
        <form
          className="mt-2 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="min-w-32 flex-1">
            <label
              htmlFor={inputId}
              className="mb-0.5 block text-xs font-medium text-slate-700 dark:text-slate-300"
            >
              {mode === 'tag'
                ? t('bulk.tagLabel')
                : mode === 'assign'
                  ? t('bulk.ownerLabel')
                  : t('form.taskTitle')}
            </label>
            <input
              id={inputId}
              list={mode === 'assign' ? `${inputId}-owners` : undefined}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              className={inputClass}
              // biome-ignore lint/a11y/noAutofocus: the field the rep just asked for.
              autoFocus
            />
            {mode === 'assign' && (
              <datalist id={`${inputId}-owners`}>
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </datalist>
            )}
          </div>
          {mode === 'followUp' && (
            <div>
              <label
                htmlFor={dueId}
                className="mb-0.5 block text-xs font-medium text-slate-700 dark:text-slate-300"
              >
                {t('form.due')}
              </label>
              <input
                id={dueId}
                type="date"
                value={due}
                onChange={(e) => setDue(e.target.value)}
                className={inputClass}
              />
            </div>
          )}
          <button type="submit" className={primaryButtonClass}>
            {t('bulk.apply', { count: ids.length })}
          </button>
        </form>
      )}
      {error && (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      )}
      {status && (
        <p role="status" className="mt-1 text-xs text-emerald-800 dark:text-emerald-300">
          {status}
        </p>
      )}
    </div>
  );
}
