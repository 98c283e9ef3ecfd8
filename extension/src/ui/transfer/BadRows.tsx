import { type ImportRowError, toCsv } from '@keepcard/shared';
import { buttonClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { downloadText } from '../list/csv-export';
import { importErrorText } from './import-error-text';

const SHOWN = 100;

/** The rows an import refused, with row, column, value and reason; all of them downloadable as CSV. */
export function BadRows({ errors, fileName }: { errors: readonly ImportRowError[]; fileName: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (errors.length === 0) return null;
  const download = () => {
    const csv = toCsv(
      [t('transfer.bad.row'), t('transfer.bad.column'), t('transfer.bad.value'), t('transfer.bad.reason')],
      errors.map((e) => [e.row, e.column ?? '', e.value, importErrorText(e, i18n)]),
    );
    downloadText(csv, `${fileName.replace(/\.[^.]+$/, '')}-not-imported.csv`);
  };
  return (
    <div className="mt-2" data-testid="bad-rows">
      <h4 className="mb-1 text-sm font-semibold">{t('transfer.bad.title')}</h4>
      <div className="max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-700">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-1.5 py-1">
                {t('transfer.bad.row')}
              </th>
              <th scope="col" className="px-1.5 py-1">
                {t('transfer.bad.value')}
              </th>
              <th scope="col" className="px-1.5 py-1">
                {t('transfer.bad.reason')}
              </th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, SHOWN).map((e, i) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: a row may have several errors; the list never reorders.
                key={`${e.row}-${e.field}-${i}`}
                className="border-t border-slate-200 align-top dark:border-slate-700"
              >
                <td className="px-1.5 py-1 tabular-nums">{e.row}</td>
                <td className="max-w-28 truncate px-1.5 py-1" title={e.value}>
                  {e.value}
                </td>
                <td className="px-1.5 py-1 text-red-800 dark:text-red-300">{importErrorText(e, i18n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length > SHOWN && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
          {t('transfer.bad.more', { count: errors.length - SHOWN })}
        </p>
      )}
      <button type="button" className={`${buttonClass} mt-2`} onClick={download}>
        {t('transfer.bad.download')}
      </button>
    </div>
  );
}
