import {
  DEFAULT_DIRECTION,
  isEmptyFilter,
  LIST_VIEWS,
  type ListEntry,
  type ListView,
  type SegmentFilter,
  SORT_KEYS,
  type SortKey,
} from '@keepcard/shared';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { getLocalActor } from '../../db/settings-repo';
import type { MessageKey } from '../../i18n';
import type { ListSort } from '../../list/list-index';
import { sendToExtension } from '../../messages';
import { errorLines } from '../common/error-text';
import { Alert, buttonClass, inputClass } from '../common/ui-kit';
import { useI18n } from '../i18n-context';
import { BulkBar } from './BulkBar';
import { CustomerRows } from './CustomerRows';
import { downloadText, entriesToCsv } from './csv-export';
import { FilterPanel } from './FilterPanel';
import { ListLinkNotice } from './ListLinkNotice';
import { type ListLink, parseListLink } from './list-link';
import { SegmentsPanel } from './SegmentsPanel';
import { useIndexVersion, useListLoader, useListQuery, useLoadProgress } from './use-list';

/** How many filters (besides the search text) are set: shown on the Filters button. */
function activeFilterCount(filter: SegmentFilter): number {
  const { text: _text, view: _view, ...rest } = filter;
  return Object.values(rest).filter((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)).length;
}

/**
 * The list opened from a route: `linkHash` is a `#/list?filter=…` hash (a dashboard chart's link),
 * parsed here rather than in the App so the schemas load with the list, not with a card.
 */
export function RoutedListScreen({
  linkHash,
  ...props
}: Omit<Parameters<typeof ListScreen>[0], 'link'> & { linkHash?: string }) {
  const link = useMemo(() => (linkHash ? parseListLink(linkHash) : undefined), [linkHash]);
  return <ListScreen {...props} link={link} />;
}

/**
 * The customer list: search as you type, the four morning views, sort, combinable filters, saved
 * segments, a virtualised result and bulk actions on a selection.
 */
export function ListScreen({
  onOpen,
  hidden,
  onGoSettings,
  link,
}: {
  onOpen: (id: string) => void;
  hidden: boolean;
  onGoSettings: () => void;
  /** A link's filter (`#/list?filter=…`, from a dashboard chart): applied when the link changes. */
  link?: ListLink;
}) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const loader = useListLoader();
  const index = loader.index;
  const progress = useLoadProgress(loader);
  const version = useIndexVersion(index);
  const [filter, setFilter] = useState<SegmentFilter>({});
  const [sort, setSort] = useState<ListSort>({ key: 'name', dir: 'asc' });
  const [panel, setPanel] = useState<'filters' | 'segments' | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [teammates, setTeammates] = useState<ReadonlyMap<string, string>>(new Map());
  const searchRef = useRef<HTMLInputElement>(null);
  const searchId = useId();
  const sortId = useId();
  useEffect(() => {
    if (link?.ok) {
      setFilter(link.filter);
      setPanel(null);
    }
  }, [link]);
  const query = useListQuery(index, filter, sort, progress.done);
  const slots = query.result?.slots;

  useEffect(() => {
    getLocalActor().then(
      (a) => setActorId(a.userId),
      () => {},
    );
    // Teammates to assign customers to (signed in only; the background asks the server).
    sendToExtension({ type: 'sync:teammates' }).then(
      (people) => setTeammates(new Map((people ?? []).map((p) => [p.userId, p.email]))),
      () => {},
    );
  }, []);

  const ownerName = (id: string) =>
    id === actorId ? t('owner.me') : (teammates.get(id) ?? id.replace(/^local:/, '').slice(0, 8));
  // Owners come from contact rows (counted as they arrive): scores arriving do not change them.
  const rowsVersion = index.rowsVersion;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowsVersion says when the contacts changed.
  const owners = useMemo(() => {
    const ids = new Set<string>(actorId ? [actorId] : []);
    for (const id of teammates.keys()) ids.add(id);
    for (const id of index.responsibleIds()) {
      ids.add(id);
      if (ids.size > 50) break;
    }
    return [...ids].map((id) => ({ id, name: ownerName(id) }));
  }, [index, rowsVersion, actorId, teammates]);

  const setText = (text: string) => setFilter((f) => ({ ...f, text: text || undefined }));
  const setView = (view: ListView | undefined) => setFilter((f) => ({ ...f, view }));
  const pickSort = (key: SortKey) => setSort({ key, dir: DEFAULT_DIRECTION[key] });

  // Stable handlers: the rows (memoised) then skip the render a keystroke makes before its results.
  const resultIds = useCallback((): string[] => {
    if (!slots) return [];
    const ids: string[] = [];
    for (let i = 0; i < slots.length; i++) {
      const e = index.entry(slots[i]!);
      if (e) ids.push(e.id);
    }
    return ids;
  }, [slots, index]);
  const toggle = useCallback(
    (id: string, range: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        if (range && anchor && slots) {
          const ids = resultIds();
          const a = ids.indexOf(anchor);
          const b = ids.indexOf(id);
          if (a >= 0 && b >= 0) {
            for (const x of ids.slice(Math.min(a, b), Math.max(a, b) + 1)) next.add(x);
            return next;
          }
        }
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
      setAnchor(id);
    },
    [anchor, slots, resultIds],
  );
  const toggleAll = useCallback(() => {
    const ids = resultIds();
    setSelected((current) =>
      ids.length > 0 && ids.every((id) => current.has(id)) ? new Set() : new Set(ids),
    );
  }, [resultIds]);
  const anySelected = selected.size > 0;
  const onEscape = useCallback(
    () => (anySelected ? setSelected(new Set()) : searchRef.current?.focus()),
    [anySelected],
  );
  const exportCsv = () => {
    const entries: ListEntry[] = [];
    for (const id of selected) {
      const e = index.entryById(id);
      if (e) entries.push(e);
    }
    downloadText(entriesToCsv(entries, i18n), `keepcard-${new Date().toISOString().slice(0, 10)}.csv`);
  };

  const count = slots?.length ?? 0;
  const filtersOn = activeFilterCount(filter);
  // The filter and sort of the result on screen (a keystroke's answer may lag one render behind).
  const shownKey = query.for
    ? `${JSON.stringify(query.for.filter)}|${query.for.sort.key}:${query.for.sort.dir}`
    : '';
  const allSelected = count > 0 && selected.size >= count && resultIds().every((id) => selected.has(id));

  let body: React.ReactNode;
  if (loader.loadError) {
    body = (
      <div className="m-3">
        <Alert>{t('list.loadFailed', { message: errorLines(loader.loadError, i18n)[0]?.text ?? '' })}</Alert>
      </div>
    );
  } else if (progress.done && query.error) {
    // Also when an older result is at hand: it answers another filter or sort than the one shown.
    body = (
      <div className="m-3 space-y-2" data-testid="list-query-failed">
        <Alert>{t('list.queryFailed', { message: errorLines(query.error, i18n)[0]?.text ?? '' })}</Alert>
        <button type="button" className={buttonClass} onClick={query.retry}>
          {t('list.retry')}
        </button>
      </div>
    );
  } else if (!progress.done || !query.result) {
    body = (
      <div className="m-3" role="status">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {progress.total > 0
            ? t('list.loadingProgress', {
                loaded: formatNumber(progress.loaded),
                total: formatNumber(progress.total),
              })
            : t('list.loading')}
        </p>
        <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
          <div
            className="h-full bg-sky-600 transition-[width]"
            style={{
              width: `${progress.total ? Math.round((progress.loaded / progress.total) * 100) : 10}%`,
            }}
          />
        </div>
      </div>
    );
  } else if (index.size === 0) {
    body = (
      <div
        className="m-3 rounded border border-dashed border-slate-300 p-4 text-center dark:border-slate-600"
        data-testid="list-empty"
      >
        <p className="font-medium">{t('list.empty.title')}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t('list.empty.body')}</p>
        <button type="button" className={`${buttonClass} mt-3`} onClick={onGoSettings}>
          {t('list.empty.demo')}
        </button>
      </div>
    );
  } else if (count === 0) {
    body = (
      <div className="m-3 text-sm text-slate-700 dark:text-slate-300" data-testid="list-no-match">
        <p>
          {filter.text && isEmptyFilter({ ...filter, text: undefined })
            ? t('list.noMatch', { query: filter.text })
            : t('list.noMatchFilters')}
        </p>
        <button type="button" className={`${buttonClass} mt-2`} onClick={() => setFilter({})}>
          {t('filter.clearAll')}
        </button>
      </div>
    );
  } else {
    body = (
      <CustomerRows
        index={index}
        slots={slots!}
        sortKey={sort.key}
        selected={selected}
        onToggle={toggle}
        onToggleAll={toggleAll}
        onOpen={onOpen}
        onEscape={onEscape}
        label={t('list.label')}
        resultKey={shownKey}
        version={query.result!.version}
      />
    );
  }

  return (
    <section className={`min-h-0 flex-1 flex-col ${hidden ? 'hidden' : 'flex'}`} aria-label={t('list.label')}>
      <div className="space-y-2 px-3 pt-2 pb-1">
        <div>
          <label htmlFor={searchId} className="sr-only">
            {t('search.label')}
          </label>
          <input
            ref={searchRef}
            id={searchId}
            type="search"
            value={filter.text ?? ''}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLElement>('[data-testid="customer-list"]')?.focus();
              } else if (e.key === 'Escape' && filter.text) {
                e.preventDefault();
                setText('');
              }
            }}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            className={`${inputClass} py-1.5`}
          />
        </div>
        <fieldset aria-label={t('views.label')} className="flex gap-1 overflow-x-auto pb-0.5">
          {[undefined, ...LIST_VIEWS].map((view) => (
            <button
              key={view ?? 'all'}
              type="button"
              aria-pressed={filter.view === view}
              onClick={() => setView(view)}
              className={`shrink-0 rounded-full border px-2 py-0.5 text-xs focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
                filter.view === view
                  ? 'border-sky-700 bg-sky-700 text-white dark:border-sky-400 dark:bg-sky-600'
                  : 'border-slate-300 text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800'
              }`}
            >
              {t(`views.${view ?? 'all'}` as MessageKey)}
            </button>
          ))}
        </fieldset>
        <div className="flex items-center gap-1">
          <label
            htmlFor={sortId}
            className="shrink-0 whitespace-nowrap text-xs text-slate-700 dark:text-slate-300"
          >
            {t('sort.label')}
          </label>
          <select
            id={sortId}
            value={sort.key}
            onChange={(e) => pickSort(e.target.value as SortKey)}
            className={`${inputClass} w-auto min-w-0 shrink py-0.5 text-xs`}
          >
            {SORT_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`sort.${key}` as MessageKey)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={`${buttonClass} px-1.5 py-0.5 text-xs`}
            onClick={() => setSort({ ...sort, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}
            aria-label={sort.dir === 'asc' ? t('sort.ascending') : t('sort.descending')}
            title={sort.dir === 'asc' ? t('sort.ascending') : t('sort.descending')}
          >
            {sort.dir === 'asc' ? '↑' : '↓'}
          </button>
          <span className="flex-1" />
          <button
            type="button"
            aria-expanded={panel === 'filters'}
            onClick={() => setPanel(panel === 'filters' ? null : 'filters')}
            className={`${buttonClass} whitespace-nowrap px-1.5 py-0.5 text-xs`}
          >
            {filtersOn ? t('filter.buttonCount', { count: filtersOn }) : t('filter.button')}
          </button>
          <button
            type="button"
            aria-expanded={panel === 'segments'}
            onClick={() => setPanel(panel === 'segments' ? null : 'segments')}
            className={`${buttonClass} whitespace-nowrap px-1.5 py-0.5 text-xs`}
          >
            {t('segments.button')}
          </button>
        </div>
      </div>
      <ListLinkNotice link={link} filter={filter} onShowAll={() => setFilter({})} />
      {panel === 'filters' && progress.done && (
        <FilterPanel
          index={index}
          version={version}
          filter={filter}
          onChange={setFilter}
          ownerName={ownerName}
        />
      )}
      {panel === 'segments' && progress.done && (
        <SegmentsPanel
          index={index}
          version={version}
          filter={filter}
          onApply={(f) => setFilter({ ...f, text: f.text })}
        />
      )}
      {progress.done && query.result && !query.error && index.size > 0 && (
        <div className="flex items-center gap-2 px-3 py-1 text-xs text-slate-700 dark:text-slate-300">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={toggleAll}
            aria-label={t('list.selectAll')}
            className="h-4 w-4 accent-sky-700"
            disabled={count === 0}
          />
          <span
            data-testid="result-count"
            data-results-text={query.for?.filter.text ?? ''}
            data-results-key={shownKey}
            aria-live="polite"
          >
            {t('list.count', { count, countText: formatNumber(count) })}
          </span>
        </div>
      )}
      {body}
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onClear={() => setSelected(new Set())}
          onExport={exportCsv}
          owners={owners}
        />
      )}
    </section>
  );
}
