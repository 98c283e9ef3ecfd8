import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { getDb } from '../db/db';
import { refitScoresIfDue, rescoreContacts } from './rescore';

/**
 * Keeps stored scores current while the side panel is open: refits when due (missing model, a day
 * old, or a much changed book), and rescores at once every contact whose contact row, purchases,
 * interactions, feedback or tasks changed, whichever context wrote them (panel, background, sync).
 * Changes are found through each table's `updatedAt` index, from a watermark: no scan.
 * `enabled` false holds everything back (the worker is not even started) until the panel's first
 * screen is shown; changes made meanwhile are still caught, the watermark being the mount time.
 */
export function useScoring(onError: (message: string) => void, enabled = true): void {
  const watermark = useRef(Date.now());
  useEffect(() => {
    if (!enabled) return;
    refitScoresIfDue().then(
      // A refit's figures (contacts, ms read/fit/score/total) as a mark, for the scoring benchmark.
      (result) => result && performance.mark?.('keepcard:scores-refit', { detail: result }),
      (error: unknown) => onError((error as Error).message),
    );
  }, [onError, enabled]);

  const changed = useLiveQuery(async () => {
    if (!enabled) return undefined;
    const db = getDb();
    const since = watermark.current;
    const [contacts, ...related] = await Promise.all([
      db.contacts.where('updatedAt').aboveOrEqual(since).primaryKeys(),
      ...(['purchases', 'interactions', 'feedback', 'tasks'] as const).map((table) =>
        db.table(table).where('updatedAt').aboveOrEqual(since).toArray(),
      ),
    ]);
    const ids = new Set<string>(contacts);
    for (const rows of related)
      for (const row of rows as { contactId: string | null }[]) if (row.contactId) ids.add(row.contactId);
    return [...ids].sort();
  }, [enabled]);

  useEffect(() => {
    if (!changed || changed.length === 0) return;
    watermark.current = Date.now();
    rescoreContacts(changed).catch((error: unknown) => onError((error as Error).message));
  }, [changed, onError]);
}
