import type { SegmentFilter } from '@keepcard/shared';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { getDb } from '../../db/db';
import type { ListIndex, ListResult, ListSort } from '../../list/list-index';
import { type ListLoader, type LoadProgress, listLoaderFor } from '../../list/list-loader';

/** The list loader of this page's database (one per page, shared by every view). */
export function useListLoader(): ListLoader {
  return listLoaderFor(getDb());
}

/** Load progress of the list index; re-renders as chunks arrive. */
export function useLoadProgress(loader: ListLoader): LoadProgress {
  return useSyncExternalStore(
    (cb) => loader.onProgress(cb),
    () => loader.loadProgress,
  );
}

/** The index's version: changes whenever rows changed, so views recompute. */
export function useIndexVersion(index: ListIndex): number {
  return useSyncExternalStore(
    (cb) => index.subscribe(cb),
    () => index.version,
  );
}

export interface QueryState {
  result: ListResult | null;
  /** The filter and sort the result answers (it may lag one keystroke behind while computing). */
  for: { filter: SegmentFilter; sort: ListSort } | null;
  /** Why the latest query failed, or null; cleared when a query answers (or is retried). */
  error: unknown;
}

export interface ListQuery extends QueryState {
  /** Runs the query again (after it failed): the error clears while it runs. */
  retry: () => void;
}

/**
 * The slots of the customers a filter and sort select, recomputed when they or the index change.
 * An older query still sorting is not cancelled (its sort is cached for the next) but its answer is dropped.
 */
export function useListQuery(
  index: ListIndex,
  filter: SegmentFilter,
  sort: ListSort,
  ready: boolean,
): ListQuery {
  const version = useIndexVersion(index);
  const [state, setState] = useState<QueryState>({ result: null, for: null, error: null });
  // Bumped by `retry`: nothing else changes when the rep asks for the same query again.
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setState((s) => (s.error === null ? s : { ...s, error: null }));
    setAttempt((n) => n + 1);
  }, []);
  useEffect(() => {
    if (!ready) return;
    void version;
    void attempt;
    const abort = new AbortController();
    const started = performance.now();
    index.query(filter, sort, Date.now()).then(
      (result) => {
        // Shows in performance tools (and the panel benchmark) how long the query itself took.
        performance.measure?.('keepcard:list-query', { start: started, end: performance.now() });
        if (!abort.signal.aborted) setState({ result, for: { filter, sort }, error: null });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ ...s, error }));
      },
    );
    return () => abort.abort();
  }, [index, filter, sort, ready, version, attempt]);
  return { ...state, retry };
}
