import type { ScoringRequest, ScoringResponse } from './scoring-messages';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function scoringWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./scoring.worker.ts', import.meta.url), {
      type: 'module',
      name: 'keepcard-scoring',
    });
    worker.onmessage = (event: MessageEvent<ScoringResponse>) => {
      const response = event.data;
      const waiter = pending.get(response.id);
      pending.delete(response.id);
      if (response.ok) waiter?.resolve(response.result);
      else waiter?.reject(new Error(`Scoring failed: ${response.error}`));
    };
  }
  return worker;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask(request: WithoutId<ScoringRequest>): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    scoringWorker().postMessage({ ...request, id });
  });
}

/** Rescores every contact queued since (any write to a contact's records queues it). */
export const drainRescoreQueue = () => ask({ kind: 'drain' });

/** Refits the model and rescores everyone now ("Recompute scores" in settings). */
export const refitScores = () => ask({ kind: 'refit' });

/** Refits when the model is missing, a day old, or the book changed by a tenth: call when the panel opens. */
export const refitScoresIfDue = () => ask({ kind: 'refit-if-due' });
