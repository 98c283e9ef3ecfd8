import { type ListEntry, toCsv } from '@keepcard/shared';
import { currencyDigits, type I18n, type MessageKey } from '../../i18n';

const major = (minor: number | undefined, currency: string | undefined) =>
  minor === undefined || !currency
    ? ''
    : (minor / 10 ** currencyDigits(currency)).toFixed(currencyDigits(currency));

/**
 * The entries as CSV with headers in the UI's language, written by the shared `toCsv` (Papa Parse's
 * unparse): a byte-order mark first, so spreadsheet programs read Chinese names as UTF-8, and every
 * cell guarded against formula injection. Amounts are plain decimals in major units with their currency.
 */
export function entriesToCsv(entries: Iterable<ListEntry>, i18n: I18n): string {
  const { t } = i18n;
  const header = [
    'csv.name',
    'csv.company',
    'csv.title',
    'csv.email',
    'csv.phone',
    'csv.tags',
    'csv.country',
    'csv.region',
    'csv.city',
    'csv.tier',
    'csv.lifecycle',
    'csv.churnLevel',
    'csv.churnPercent',
    'csv.lifetimeValue',
    'csv.revenue',
    'csv.currency',
  ] as const;
  const rows = function* () {
    for (const e of entries) {
      const s = e.scores;
      yield [
        e.displayName,
        e.companyName,
        e.title,
        e.primaryEmail,
        e.primaryPhone,
        e.tags.join(' '),
        e.country,
        e.region,
        e.city,
        s ? t(`tier.${s.tier}` as MessageKey) : '',
        s ? t(`lifecycle.${s.lifecycle}` as MessageKey) : '',
        s ? t(`churn.level.${s.churnLevel}` as MessageKey) : '',
        s ? Math.round(s.churnRisk * 100) : '',
        major(s?.lifetimeValueMinor, s?.currency),
        major(s?.revenueInWindowMinor, s?.currency),
        s?.currency,
      ];
    }
  };
  return toCsv(
    header.map((k) => t(k)),
    rows(),
  );
}

/** Saves text as a file through a temporary link (no downloads permission needed). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
