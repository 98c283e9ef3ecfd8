import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { getDb } from '../../db/db';
import { listSegments } from '../../db/segments-repo';
import { entriesOf, vcardOf } from '../../transfer/list-export';
import { errorLines } from '../common/error-text';
import { buttonClass, inputClass, labelClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { downloadText, entriesToCsv } from '../list/csv-export';
import { type Status, StatusLine } from './StatusLine';

const today = () => new Date().toISOString().slice(0, 10);

/** Exports all customers or a saved segment, as CSV (Excel) or vCard (address books). */
export function ExportPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const selectId = useId();
  const segments = useLiveQuery(() => listSegments(), []) ?? [];
  const [choice, setChoice] = useState('');
  const [status, setStatus] = useState<Status>(null);

  const run = async (format: 'csv' | 'vcf') => {
    setStatus(null);
    try {
      const segment = segments.find((s) => s.id === choice) ?? null;
      const db = getDb();
      const entries = await entriesOf(db, segment?.filter ?? null, Date.now());
      const base = `keepcard-${segment ? segment.name.replace(/[\\/:*?"<>|]/g, '_') : 'customers'}-${today()}`;
      if (format === 'csv') downloadText(entriesToCsv(entries, i18n), `${base}.csv`);
      else
        downloadText(
          await vcardOf(
            db,
            entries.map((e) => e.id),
          ),
          `${base}.vcf`,
          'text/vcard;charset=utf-8',
        );
      setStatus({ ok: true, text: t('transfer.export.done', { count: entries.length }) });
    } catch (e) {
      setStatus({ ok: false, text: errorLines(e, i18n)[0]?.text ?? String(e) });
    }
  };

  return (
    <div data-testid="export-panel">
      <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t('transfer.export.hint')}</p>
      <label htmlFor={selectId} className={labelClass}>
        {t('transfer.export.list')}
      </label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} className={inputClass}>
        <option value="">{t('transfer.export.all')}</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {t('transfer.export.segment', { name: s.name })}
          </option>
        ))}
      </select>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={() => void run('csv')}>
          {t('transfer.export.csv')}
        </button>
        <button type="button" className={buttonClass} onClick={() => void run('vcf')}>
          {t('transfer.export.vcard')}
        </button>
      </div>
      <StatusLine status={status} />
    </div>
  );
}
