import { type Backup, BackupError, type BackupIssue, validateBackup } from '@keepcard/shared';
import { useId, useState } from 'react';
import { createBackup, isProfileEmpty, RestoreRefused, restoreBackup } from '../../db/backup-repo';
import { getDb } from '../../db/db';
import { errorLines } from '../common/error-text';
import { buttonClass, labelClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { downloadText } from '../list/csv-export';
import { StatusLine } from './StatusLine';

type Status = { ok: boolean; text: string; issues?: BackupIssue[] } | null;

/**
 * Downloads a full JSON backup; restores one after checking every row. Into a profile that already has
 * data, the rep first chooses replace or merge (see `RestoreMode`).
 */
export function BackupPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const fileId = useId();
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState<Backup | null>(null);
  const [mode, setMode] = useState<'replace' | 'merge'>('merge');
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const download = async () => {
    setStatus(null);
    try {
      const backup = await createBackup(Date.now());
      const count = Object.values(backup.tables).reduce((n, rows) => n + rows.length, 0);
      downloadText(
        JSON.stringify(backup),
        `keepcard-backup-${new Date().toISOString().slice(0, 10)}.json`,
        'application/json',
      );
      setStatus({ ok: true, text: t('transfer.backup.done', { count }) });
    } catch (e) {
      setStatus({ ok: false, text: errorLines(e, i18n)[0]?.text ?? String(e) });
    }
  };

  const restore = async (backup: Backup, how: 'empty' | 'replace' | 'merge') => {
    setBusy(true);
    try {
      const summary = await restoreBackup(backup, how, await writeContext());
      const sum = (o: Partial<Record<string, number>>) =>
        Object.values(o).reduce((n: number, x) => n + (x ?? 0), 0);
      setStatus({
        ok: true,
        text: t('transfer.restore.done', {
          count: sum(summary.written),
          deleted: sum(summary.deleted),
          segments: summary.segments,
        }),
      });
      setPending(null);
    } catch (e) {
      if (e instanceof RestoreRefused && e.code === 'signed-in')
        setStatus({ ok: false, text: t('transfer.restore.signedIn') });
      else setStatus({ ok: false, text: errorLines(e, i18n)[0]?.text ?? String(e) });
    } finally {
      setBusy(false);
      setInputKey((k) => k + 1);
    }
  };

  const pick = async (file: File | undefined) => {
    setStatus(null);
    setPending(null);
    if (!file) return;
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      setStatus({ ok: false, text: t('transfer.restore.notJson') });
      return;
    }
    let backup: Backup;
    try {
      backup = validateBackup(json);
    } catch (e) {
      if (e instanceof BackupError)
        setStatus({ ok: false, text: t('transfer.restore.invalid'), issues: e.issues });
      else setStatus({ ok: false, text: String(e) });
      return;
    }
    if (await isProfileEmpty(getDb())) await restore(backup, 'empty');
    else setPending(backup);
  };

  return (
    <div data-testid="backup-panel">
      <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t('transfer.backup.hint')}</p>
      <button type="button" className={buttonClass} onClick={() => void download()}>
        {t('transfer.backup.download')}
      </button>
      <div className="mt-3">
        <label htmlFor={fileId} className={labelClass}>
          {t('transfer.restore.file')}
        </label>
        <input
          key={inputKey}
          id={fileId}
          type="file"
          accept=".json,application/json"
          data-testid="restore-file"
          disabled={busy}
          onChange={(e) => void pick(e.target.files?.[0])}
          className="block w-full text-sm text-slate-700 file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm dark:text-slate-200 dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100"
        />
      </div>
      {pending && (
        <form
          className="mt-2 space-y-1.5 rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950"
          onSubmit={(e) => {
            e.preventDefault();
            void restore(pending, mode);
          }}
        >
          <p>{t('transfer.restore.notEmpty')}</p>
          {(['merge', 'replace'] as const).map((m) => (
            <label key={m} className="flex items-start gap-1.5">
              <input
                type="radio"
                name="restore-mode"
                className="mt-1"
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              {t(`transfer.restore.${m}`)}
            </label>
          ))}
          <div className="flex gap-2">
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              {busy ? t('transfer.restore.running') : t('transfer.restore.confirm')}
            </button>
            <button type="button" className={buttonClass} onClick={() => setPending(null)}>
              {t('transfer.restore.cancel')}
            </button>
          </div>
        </form>
      )}
      <StatusLine status={status}>
        {status?.issues && (
          <ul className="mt-1 list-disc pl-5 text-xs">
            {status.issues.slice(0, 20).map((issue) => (
              <li key={`${issue.table}-${issue.row}-${issue.field}`}>
                {t('transfer.restore.issue', {
                  table: issue.table,
                  row: issue.row ?? '–',
                  field: issue.field || '–',
                  reason: issue.reason,
                })}
              </li>
            ))}
          </ul>
        )}
      </StatusLine>
    </div>
  );
}
