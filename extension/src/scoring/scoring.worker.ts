// The scoring Web Worker: fits the workspace model and writes scores off the main thread, so the side
// panel stays responsive. It opens the same IndexedDB database as the panel.
import { getDb } from '../db/db';
import { drainRescoreQueue, refitAll, refitIfDue, rescore } from './scoring-engine';
import type { ScoringRequest, ScoringResponse } from './scoring-messages';

const db = getDb();
let queue: Promise<unknown> = Promise.resolve();

self.onmessage = (event: MessageEvent<ScoringRequest>) => {
  const request = event.data;
  // One job at a time: a rescore never races a refit writing the same rows.
  queue = queue.then(async () => {
    let response: ScoringResponse;
    try {
      const now = Date.now();
      const result =
        request.kind === 'refit'
          ? await refitAll(db, now)
          : request.kind === 'refit-if-due'
            ? await refitIfDue(db, now)
            : request.kind === 'drain'
              ? await drainRescoreQueue(db, now)
              : await rescore(db, request.contactIds, now);
      response = { id: request.id, ok: true, result };
    } catch (error) {
      response = { id: request.id, ok: false, error: (error as Error).message };
    }
    self.postMessage(response);
  });
};
