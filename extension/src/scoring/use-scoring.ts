import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { getDb } from '../db/db';
import { drainRescoreQueue, refitScoresIfDue } from './rescore';

/**
 * Keeps stored scores current while the side panel is open: refits when due (missing model, a day
 * old, or a much changed book), and rescores every contact in the rescore queue, where every write
 * to a contact's records puts it, in any context and whether the panel was open or not (panel,
 * background, sync, imports: db/rescore-queue-middleware.ts). `enabled` false holds everything back
 * (the worker is not even started) until the panel's first screen is shown; what is queued meanwhile
 * waits in the queue.
 */
export function useScoring(onError: (message: string) => void, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    refitScoresIfDue().then(
      // A refit's figures (contacts, ms read/fit/score/total) as a mark, for the scoring benchmark.
      (result) => result && performance.mark?.('keepcard:scores-refit', { detail: result }),
      (error: unknown) => onError((error as Error).message),
    );
  }, [onError, enabled]);

  // The queue's first key, read again after every write to the queue: a new array each time, so a
  // write that queues a contact while the worker drains still asks for another drain.
  const head = useLiveQuery(
    async (): Promise<string[]> => (enabled ? getDb().rescoreQueue.limit(1).primaryKeys() : []),
    [enabled],
  );

  useEffect(() => {
    if (!head || head.length === 0) return;
    drainRescoreQueue().catch((error: unknown) => onError((error as Error).message));
  }, [head, onError]);
}
