import { type ListEntry, resolveScoringSettings, type TrendFeedback } from '@keepcard/shared';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { getDb } from '../../db/db';
import { loadModel } from '../../scoring/scoring-engine';
import { useIndexVersion, useListLoader, useLoadProgress } from '../list/use-list';

export interface DashboardData {
  ready: boolean;
  loadError: unknown;
  /** The list's own entries (contacts with their stored scores): the charts count what the list shows. */
  entries: ListEntry[];
  /** Feedback rows of live customers. */
  feedback: TrendFeedback[];
  /** The tier window of the scoring settings, days. */
  windowDays: number;
  /** When the workspace model was last fitted; null before the first scoring. */
  scoredAt: number | null;
}

const DEFAULT_WINDOW_DAYS = resolveScoringSettings({}).valueTiers.windowDays;

/**
 * The data behind every chart, kept current: the list index (loaded as the list loads it, updated on
 * every write to contacts or scores), the feedback rows and the stored model's settings. The page does
 * not score: the side panel's scoring worker keeps the stored scores current.
 */
export function useDashboardData(): DashboardData {
  const loader = useListLoader();
  const progress = useLoadProgress(loader);
  const version = useIndexVersion(loader.index);
  useEffect(() => {
    loader.start();
  }, [loader]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version says when the index changed.
  const entries = useMemo(() => [...loader.index.allEntries()], [loader, version]);
  const rows = useLiveQuery(() => getDb().feedback.toArray(), []);
  // null: no model yet (undefined is "still reading").
  const stored = useLiveQuery(async () => (await loadModel(getDb())) ?? null, []);
  const feedback = useMemo(() => {
    const live = new Set(entries.map((e) => e.id));
    return (rows ?? []).filter((r) => r.deletedAt == null && live.has(r.contactId));
  }, [rows, entries]);
  return {
    ready: progress.done && rows !== undefined && stored !== undefined,
    loadError: loader.loadError,
    entries,
    feedback,
    windowDays: stored ? resolveScoringSettings(stored.settings).valueTiers.windowDays : DEFAULT_WINDOW_DAYS,
    scoredAt: stored?.model.builtAt ?? null,
  };
}
