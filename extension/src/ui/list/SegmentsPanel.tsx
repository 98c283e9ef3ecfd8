import { isEmptyFilter, type SegmentFilter } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { deleteSegment, listSegments, saveSegment } from '../../db/segments-repo';
import type { ListIndex } from '../../list/list-index';
import { Alert, buttonClass, EmptyNote, inputClass, primaryButtonClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';

/** Saved segments with their size and revenue; applying one sets its filters; the current filters can be saved. */
export function SegmentsPanel({
  index,
  version,
  filter,
  onApply,
}: {
  index: ListIndex;
  version: number;
  filter: SegmentFilter;
  onApply: (filter: SegmentFilter) => void;
}) {
  const { t, formatNumber, formatMoney } = useI18n();
  const segments = useLiveQuery(() => listSegments(), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const nameId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: version says when the index changed.
  const stats = useMemo(() => {
    const now = Date.now();
    return new Map((segments ?? []).map((s) => [s.id, index.stats(s.filter, now)]));
  }, [segments, index, version]);
  const canSave = !isEmptyFilter(filter);
  const save = async () => {
    setError(null);
    try {
      const row = await saveSegment(name, filter, Date.now());
      setSaved(t('segments.saved', { name: row.name }));
      setName('');
    } catch {
      setError(t('segments.nameRequired'));
    }
  };
  return (
    <div className="border-b border-slate-200 px-3 py-2 dark:border-slate-700" data-testid="segments-panel">
      <form
        className="mb-2 flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="flex-1">
          <label
            htmlFor={nameId}
            className="mb-0.5 block text-xs font-medium text-slate-700 dark:text-slate-300"
          >
            {t('segments.name')}
          </label>
          <input
            id={nameId}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className={inputClass}
            placeholder={t('segments.namePlaceholder')}
          />
        </div>
        <button type="submit" className={primaryButtonClass} disabled={!canSave}>
          {t('segments.save')}
        </button>
      </form>
      {!canSave && (
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">{t('segments.pickFilters')}</p>
      )}
      {error && <Alert>{error}</Alert>}
      {saved && (
        <p role="status" className="mb-1 text-xs text-emerald-800 dark:text-emerald-300">
          {saved}
        </p>
      )}
      {segments === undefined ? null : segments.length === 0 ? (
        <EmptyNote>{t('segments.none')}</EmptyNote>
      ) : (
        <ul className="space-y-1" aria-label={t('segments.title')}>
          {segments.map((s) => {
            const st = stats.get(s.id);
            return (
              <li key={s.id} className="flex items-center gap-2 text-sm" data-testid="segment">
                <button
                  type="button"
                  onClick={() => onApply({ ...s.filter })}
                  className="min-w-0 flex-1 truncate rounded px-1 text-left hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:hover:bg-slate-800"
                >
                  <span className="font-medium">{s.name}</span>
                  {st && (
                    <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">
                      {t('segments.stats', {
                        count: st.count,
                        countText: formatNumber(st.count),
                        revenue:
                          st.revenue.map((r) => formatMoney(r.minor, r.currency)).join(' + ') ||
                          formatMoney(0, 'CNY'),
                      })}
                    </span>
                  )}
                </button>
                <button
                  type="button"
                  className={`${buttonClass} px-1.5 py-0 text-xs`}
                  aria-label={t('segments.deleteNamed', { name: s.name })}
                  onClick={() => deleteSegment(s.id)}
                >
                  {t('segments.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
