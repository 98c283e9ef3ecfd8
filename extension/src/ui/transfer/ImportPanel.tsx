import {
  type ColumnMapping,
  fieldsOf,
  guessMapping,
  type ImportField,
  type ImportKind,
  type ImportRowError,
  missingFields,
  type SourcedDraft,
  type VCardError,
  vcardImportDrafts,
} from '@keepcard/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { getDb } from '../../db/db';
import { type ContactImportSummary, importContacts } from '../../db/import-repo';
import type { Settings } from '../../db/settings-repo';
import { SCORING_SETTINGS_KEY } from '../../scoring/scoring-store';
import {
  type CsvFile,
  checkRows,
  guessKind,
  type ImportOptions,
  type ImportOutcome,
  readCsvFile,
  runImport,
} from '../../transfer/file-import';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, inputClass, labelClass, primaryButtonClass } from '../common/ui-kit';
import { writeContext } from '../common/write-context';
import { useI18n } from '../i18n-context';
import { BadRows } from './BadRows';
import { importErrorText, importFieldLabel } from './import-error-text';

const PREVIEW_ROWS = 8;

type Loaded =
  | { type: 'csv'; file: CsvFile }
  | { type: 'vcf'; fileName: string; drafts: SourcedDraft[]; errors: VCardError[] };

type Done =
  | { type: 'csv'; outcome: ImportOutcome; fileName: string }
  | { type: 'vcf'; contacts: ContactImportSummary; errors: VCardError[]; cards: number };

const delimiterName = (d: string) => (d === '\t' ? 'Tab' : d);

/** Pick a file → contacts or purchases → column mapping → preview with per-cell errors → import → summary. */
export function ImportPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const fileId = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [region, setRegion] = useState('CN');
  const [currency, setCurrency] = useState('CNY');
  const [inputKey, setInputKey] = useState(0);

  useEffect(() => {
    // The rep's saved phone region; without one, CN: the exports this reads mostly come from Chinese
    // systems, whose numbers carry no country code (the field stays editable).
    const db = getDb();
    db.meta.get('settings').then(
      (row) => {
        const saved = (row?.value as Partial<Settings> | undefined)?.defaultRegion;
        if (saved) setRegion(saved);
      },
      () => {},
    );
    db.meta.get(SCORING_SETTINGS_KEY).then(
      (row) => {
        const stored = (row?.value as { currency?: string } | undefined)?.currency;
        if (stored) setCurrency(stored);
      },
      () => {},
    );
  }, []);

  const pick = async (file: File | undefined) => {
    setDone(null);
    setError(null);
    setLoaded(null);
    if (!file) return;
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (
        /\.vcf$/i.test(file.name) ||
        /^\s*BEGIN:VCARD/i.test(new TextDecoder().decode(bytes.subarray(0, 64)))
      ) {
        const text = new TextDecoder().decode(bytes);
        const { drafts, errors } = vcardImportDrafts(text, {
          defaultRegion: region,
          fileName: file.name,
          now: Date.now(),
        });
        setLoaded({ type: 'vcf', fileName: file.name, drafts, errors });
      } else {
        setLoaded({ type: 'csv', file: readCsvFile(bytes, file.name) });
      }
    } catch (e) {
      setError(errorLines(e, i18n)[0]?.text ?? String(e));
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setLoaded(null);
    setDone(null);
    setError(null);
    setInputKey((k) => k + 1);
  };

  const importVcf = async (l: Extract<Loaded, { type: 'vcf' }>) => {
    setBusy(true);
    setError(null);
    try {
      const ctx = await writeContext();
      const contacts = await importContacts(
        l.drafts.map((draft, i) => ({ row: i + 1, draft })),
        ctx,
      );
      setDone({ type: 'vcf', contacts, errors: l.errors, cards: l.drafts.length });
      setLoaded(null);
    } catch (e) {
      setError(
        errorLines(e, i18n)
          .map((x) => x.text)
          .join(' '),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-panel">
      <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">{t('transfer.import.hint')}</p>
      <label htmlFor={fileId} className={labelClass}>
        {t('transfer.file')}
      </label>
      <input
        key={inputKey}
        id={fileId}
        type="file"
        accept=".csv,.tsv,.txt,.vcf,text/csv,text/vcard"
        data-testid="import-file"
        onChange={(e) => void pick(e.target.files?.[0])}
        className="block w-full text-sm text-slate-700 file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 file:text-sm dark:text-slate-200 dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100"
      />
      {busy && (
        <p role="status" className="mt-2 text-sm">
          {loaded ? t('transfer.running') : t('transfer.reading')}
        </p>
      )}
      {error && (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      )}
      {loaded?.type === 'csv' && (
        <CsvSetup
          key={loaded.file.fileName}
          file={loaded.file}
          region={region}
          currency={currency}
          onRegion={setRegion}
          onCurrency={setCurrency}
          busy={busy}
          onImport={async (run) => {
            setBusy(true);
            setError(null);
            try {
              const outcome = await run();
              setDone({ type: 'csv', outcome, fileName: loaded.file.fileName });
              setLoaded(null);
            } catch (e) {
              setError(
                errorLines(e, i18n)
                  .map((x) => x.text)
                  .join(' '),
              );
            } finally {
              setBusy(false);
            }
          }}
        />
      )}
      {loaded?.type === 'vcf' && (
        <div className="mt-3 space-y-2">
          <p className="text-sm">{t('transfer.summary.vcard', { count: loaded.drafts.length })}</p>
          <VCardErrors errors={loaded.errors} />
          <button
            type="button"
            className={primaryButtonClass}
            disabled={busy || loaded.drafts.length === 0}
            onClick={() => void importVcf(loaded)}
          >
            {t('transfer.vcard.run', { count: loaded.drafts.length })}
          </button>
        </div>
      )}
      {done && <Summary done={done} onAnother={reset} />}
    </div>
  );
}

function VCardErrors({ errors }: { errors: readonly VCardError[] }) {
  const { t } = useI18n();
  if (errors.length === 0) return null;
  return (
    <div data-testid="vcard-errors">
      <p className="text-sm text-red-800 dark:text-red-300">
        {t('transfer.vcard.errors', { count: errors.length })}
      </p>
      <ul className="mt-1 max-h-40 list-disc overflow-auto pl-5 text-xs">
        {errors.slice(0, 50).map((e) => (
          <li key={`${e.line}-${e.code}`}>
            {t('transfer.bad.line')} {e.line}: {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CsvSetup({
  file,
  region,
  currency,
  onRegion,
  onCurrency,
  busy,
  onImport,
}: {
  file: CsvFile;
  region: string;
  currency: string;
  onRegion: (r: string) => void;
  onCurrency: (c: string) => void;
  busy: boolean;
  onImport: (run: () => Promise<ImportOutcome>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = useId();
  const { table } = file;
  const [kind, setKind] = useState<ImportKind>(() => guessKind(table.headers));
  const [mapping, setMapping] = useState<ColumnMapping>(() => guessMapping(table.headers, kind));
  const [dayFirst, setDayFirst] = useState(false);
  const chooseKind = (next: ImportKind) => {
    setKind(next);
    setMapping(guessMapping(table.headers, next));
  };
  const options = (): ImportOptions => ({
    defaultRegion: /^[A-Z]{2}$/.test(region) ? region : 'CN',
    defaultCurrency: /^[A-Z]{3}$/.test(currency) ? currency : 'CNY',
    utcOffsetMinutes: -new Date().getTimezoneOffset(),
    dayFirst,
    now: Date.now(),
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: options() reads region, currency and dayFirst.
  const preview = useMemo(() => {
    const sample = {
      ...table,
      rows: table.rows.slice(0, PREVIEW_ROWS),
      rowNumbers: table.rowNumbers.slice(0, PREVIEW_ROWS),
      problems: [],
    };
    return checkRows(file, kind, mapping, options(), sample);
  }, [file, table, kind, mapping, region, currency, dayFirst]);
  const missing = missingFields(mapping, kind);
  const errorsAt = new Map<string, ImportRowError[]>();
  for (const e of preview.errors) {
    const column = mapping.indexOf(e.field as ImportField);
    const key = `${e.row}:${column}`;
    errorsAt.set(key, [...(errorsAt.get(key) ?? []), e]);
  }
  const badRows = new Set(preview.errors.map((e) => e.row));
  const shown = mapping.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
  const fields = fieldsOf(kind);

  if (table.rows.length === 0)
    return (
      <div className="mt-2">
        <Alert>{t('transfer.empty')}</Alert>
      </div>
    );
  return (
    <div className="mt-3 space-y-3" data-testid="csv-setup">
      <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="file-info">
        {t('transfer.fileInfo', {
          rows: table.rows.length,
          encoding: file.encoding.toUpperCase(),
          delimiter: delimiterName(table.delimiter),
        })}
      </p>
      <fieldset>
        <legend className={labelClass}>{t('transfer.kind')}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {(['contacts', 'purchases'] as const).map((k) => (
            <label key={k} className="flex items-center gap-1.5">
              <input type="radio" name={`${ids}-kind`} checked={kind === k} onChange={() => chooseKind(k)} />
              {t(`transfer.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <h4 className="mb-1 text-sm font-semibold">{t('transfer.mapping')}</h4>
        <table className="w-full text-left text-sm" data-testid="mapping">
          <thead>
            <tr className="text-xs text-slate-600 dark:text-slate-300">
              <th scope="col" className="py-0.5 pr-2 font-medium">
                {t('transfer.mapping.column')}
              </th>
              <th scope="col" className="py-0.5 pr-2 font-medium">
                {t('transfer.mapping.sample')}
              </th>
              <th scope="col" className="py-0.5 font-medium">
                {t('transfer.mapping.field')}
              </th>
            </tr>
          </thead>
          <tbody>
            {table.headers.map((header, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a file.
              <tr key={column} className="border-t border-slate-200 dark:border-slate-700">
                <td className="max-w-24 truncate py-1 pr-2 font-medium" title={header}>
                  {header}
                </td>
                <td className="max-w-24 truncate py-1 pr-2 text-slate-600 dark:text-slate-300">
                  {table.rows[0]?.[column] ?? ''}
                </td>
                <td className="py-1">
                  <select
                    aria-label={`${t('transfer.mapping.field')}: ${header}`}
                    value={mapping[column] ?? ''}
                    onChange={(e) => {
                      const next = [...mapping];
                      next[column] = (e.target.value || null) as ImportField | null;
                      setMapping(next);
                    }}
                    className={inputClass}
                  >
                    <option value="">{t('transfer.mapping.skip')}</option>
                    {fields.map((f) => (
                      <option key={f} value={f}>
                        {importFieldLabel(f, i18n)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {missing.length > 0 && (
          <div className="mt-2">
            <Alert>
              {t('transfer.mapping.missing', {
                fields: i18n.formatList(missing.map((f) => importFieldLabel(f, i18n))),
              })}
            </Alert>
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <CodeInput label={t('transfer.options.region')} value={region} length={2} onChange={onRegion} />
        {kind === 'purchases' && (
          <CodeInput
            label={t('transfer.options.currency')}
            value={currency}
            length={3}
            onChange={onCurrency}
          />
        )}
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={dayFirst} onChange={(e) => setDayFirst(e.target.checked)} />
          {t('transfer.options.dayFirst')}
        </label>
      </div>
      {missing.length === 0 && (
        <div>
          <h4 className="mb-1 text-sm font-semibold">{t('transfer.preview')}</h4>
          <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-700">
            <table className="w-full text-left text-xs" data-testid="preview">
              <thead className="bg-slate-100 dark:bg-slate-800">
                <tr>
                  <th scope="col" className="px-1.5 py-1">
                    {t('transfer.preview.row')}
                  </th>
                  {shown.map((c) => (
                    <th key={c} scope="col" className="px-1.5 py-1 whitespace-nowrap">
                      {importFieldLabel(mapping[c]!, i18n)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(0, PREVIEW_ROWS).map((cells, r) => {
                  const row = table.rowNumbers[r]!;
                  const rowLevel = errorsAt.get(`${row}:-1`) ?? [];
                  return (
                    <tr
                      key={row}
                      className={`border-t border-slate-200 align-top dark:border-slate-700 ${badRows.has(row) ? 'bg-red-50 dark:bg-red-950/40' : ''}`}
                    >
                      <td className="px-1.5 py-1 tabular-nums">
                        {row}
                        {rowLevel.map((e) => (
                          <span key={e.field} className="block text-red-800 dark:text-red-300">
                            {importErrorText(e, i18n)}
                          </span>
                        ))}
                      </td>
                      {shown.map((c) => {
                        const errs = errorsAt.get(`${row}:${c}`) ?? [];
                        return (
                          <td
                            key={c}
                            className={`max-w-32 px-1.5 py-1 break-words ${errs.length ? 'text-red-900 ring-1 ring-red-400 ring-inset dark:text-red-200' : ''}`}
                          >
                            {cells[c]}
                            {errs.map((e) => (
                              <span
                                key={e.code + e.value}
                                className="block font-medium text-red-800 dark:text-red-300"
                              >
                                {importErrorText(e, i18n)}
                              </span>
                            ))}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            {badRows.size > 0
              ? t('transfer.preview.bad', { count: badRows.size })
              : t('transfer.preview.good')}
          </p>
        </div>
      )}
      <button
        type="button"
        className={primaryButtonClass}
        disabled={busy || missing.length > 0}
        data-testid="run-import"
        onClick={() =>
          onImport(async () => {
            const checked = checkRows(file, kind, mapping, options());
            return runImport(checked, await writeContext());
          })
        }
      >
        {busy ? t('transfer.running') : t('transfer.run', { count: table.rows.length })}
      </button>
    </div>
  );
}

/** A short upper-case code field: a region (CN) or a currency (CNY). */
function CodeInput({
  label,
  value,
  length,
  onChange,
}: {
  label: string;
  value: string;
  length: number;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        value={value}
        maxLength={length}
        onChange={(e) => onChange(e.target.value.toUpperCase())}
        className={`${inputClass.replace('w-full', length === 2 ? 'w-16' : 'w-20')} uppercase`}
      />
    </div>
  );
}

function Summary({ done, onAnother }: { done: Done; onAnother: () => void }) {
  const { t } = useI18n();
  const contacts = done.type === 'vcf' ? done.contacts : done.outcome.contacts;
  const purchases = done.type === 'csv' ? done.outcome.purchases : undefined;
  const errors = done.type === 'csv' ? done.outcome.errors : [];
  const line = (text: string) => <li>{text}</li>;
  return (
    <section
      aria-labelledby="import-summary"
      className="mt-3 rounded border border-slate-200 p-2 dark:border-slate-700"
      data-testid="import-summary"
    >
      <h4 id="import-summary" className="mb-1 text-sm font-semibold">
        {t('transfer.summary')}
      </h4>
      <ul className="list-disc space-y-0.5 pl-5 text-sm" role="status">
        {contacts && (
          <>
            {line(t('transfer.summary.created', { count: contacts.created }))}
            {contacts.merged > 0 && line(t('transfer.summary.merged', { count: contacts.merged }))}
            {contacts.unchanged > 0 && line(t('transfer.summary.unchanged', { count: contacts.unchanged }))}
            {contacts.sameAsEarlierRow > 0 &&
              line(t('transfer.summary.sameAs', { count: contacts.sameAsEarlierRow }))}
            {contacts.conflicts.length > 0 &&
              line(t('transfer.summary.conflicts', { count: contacts.conflicts.length }))}
          </>
        )}
        {purchases && (
          <>
            {line(t('transfer.summary.purchases', { count: purchases.imported }))}
            {purchases.duplicates.length > 0 &&
              line(t('transfer.summary.duplicates', { count: purchases.duplicates.length }))}
          </>
        )}
        {errors.length > 0
          ? line(t('transfer.summary.bad', { count: new Set(errors.map((e) => e.row)).size }))
          : done.type === 'csv' && line(t('transfer.summary.none'))}
      </ul>
      {done.type === 'csv' && <BadRows errors={errors} fileName={done.fileName} />}
      {done.type === 'vcf' && <VCardErrors errors={done.errors} />}
      <button type="button" className={`${buttonClass} mt-2`} onClick={onAnother}>
        {t('transfer.another')}
      </button>
    </section>
  );
}
