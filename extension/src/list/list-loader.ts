import { DEFAULT_DIRECTION, SORT_KEYS } from '@keepcard/shared';
import Dexie, { type ObservabilitySet } from 'dexie';
import type { KeepcardDB } from '../db/db';
import { type ScoreRead, scoreReadOf } from '../db/score-pages';
import { scorePagesAfter } from '../db/scores-repo';
import { ListIndex } from './list-index';
import type { ScoreReadReply, ScoreReadRequest } from './score-reader.worker';
import { yieldToMain } from './sliced-sort';

/**
 * Contact rows read per chunk: their deserialisation on the main thread is one task (1,000 still made
 * tasks over 50 ms while a refit ran on the other core; 500 about halved their number, in one-off
 * scoring-worker bench runs).
 */
export const CONTACT_CHUNK = 500;
/**
 * Rows applied to the index per task. Chunks of 2,000 contacts took 100-500 ms of main-thread work
 * each (projection, garbage collection, the render they cause) while the scoring worker refitted on
 * the other core (seen in the scoring-worker bench's long tasks, not kept in its results); slices of
 * this size keep each step far under 50 ms.
 */
const APPLY_SLICE = 250;
/** Contacts' scores applied per task (flat rows, lighter than contacts). */
const SCORE_APPLY_SLICE = APPLY_SLICE * 4;
/** Score pages (about 50 contacts each at 100,000) read per chunk on the main thread. */
export const SCORE_PAGE_CHUNK = 20;
/** Through the worker only the flat list part crosses to the page: larger chunks are fine. */
export const WORKER_SCORE_PAGE_CHUNK = 100;

/** The stores whose writes the list follows (their rows carry the change counters it reads by). */
const LIST_TABLES = ['contacts', 'companies', 'scorePages'] as const;
/** Quiet time after a write before the list pulls: a burst of writes is read once. */
export const WRITES_SETTLE_MS = 40;
/** Under a stream of writes (a refit, an import) the list still pulls this often. */
const WRITES_MAX_WAIT_MS = 500;

/**
 * Reads score pages in a worker when the page can start one (see score-reader.worker.ts), else on the
 * main thread (tests, or a worker that failed to start).
 */
class ScoreReader {
  private worker: Worker | null | undefined;
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (read: ScoreRead) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly db: KeepcardDB) {}

  private start(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    try {
      this.worker =
        typeof Worker === 'undefined'
          ? null
          : new Worker(new URL('./score-reader.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      this.worker = null;
    }
    this.worker?.addEventListener('message', (event: MessageEvent<ScoreReadReply>) => {
      const waiter = this.waiting.get(event.data.id);
      this.waiting.delete(event.data.id);
      if (event.data.read) waiter?.resolve(event.data.read);
      else waiter?.reject(new Error(event.data.error ?? 'The score reader failed'));
    });
    this.worker?.addEventListener('error', () => {
      for (const w of this.waiting.values()) w.reject(new Error('The score reader failed'));
      this.waiting.clear();
      this.worker?.terminate();
      this.worker = null;
    });
    return this.worker;
  }

  async read(afterRev: number): Promise<ScoreRead> {
    const worker = this.start();
    if (worker) {
      try {
        return await new Promise<ScoreRead>((resolve, reject) => {
          const id = this.next++;
          this.waiting.set(id, { resolve, reject });
          worker.postMessage({ id, afterRev, limit: WORKER_SCORE_PAGE_CHUNK } satisfies ScoreReadRequest);
        });
      } catch {
        // Fall through to the main thread: slower, but the list still loads.
      }
    }
    return scoreReadOf(await scorePagesAfter(this.db, afterRev, SCORE_PAGE_CHUNK));
  }

  stop() {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

export interface LoadProgress {
  loaded: number;
  total: number;
  done: boolean;
}

/**
 * Keeps a ListIndex current with the database by change counters: every contact row, company row and
 * score page carries a `localRev` that grows with each write, so "rows above the last seen revision" is
 * exactly what changed since the last read, whichever context (panel, background, worker) wrote it.
 */
export class ListLoader {
  readonly index = new ListIndex();
  private contactRev = 0;
  private companyRev = 0;
  private scoreRev = 0;
  private pulling: Promise<void> | null = null;
  private again = false;
  private progress: LoadProgress = { loaded: 0, total: 0, done: false };
  private readonly progressListeners = new Set<(p: LoadProgress) => void>();
  private error: unknown = null;
  private stopWatching: (() => void) | null = null;
  private readonly scoreReader: ScoreReader;

  constructor(private readonly db: KeepcardDB) {
    this.scoreReader = new ScoreReader(db);
  }

  get loadProgress(): LoadProgress {
    return this.progress;
  }

  get loadError(): unknown {
    return this.error;
  }

  onProgress(listener: (p: LoadProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  private setProgress(p: LoadProgress) {
    this.progress = p;
    for (const l of this.progressListeners) l(p);
  }

  /** Reads every row changed since the last pull, chunk by chunk, yielding between chunks. */
  pull(): Promise<void> {
    if (this.pulling) {
      this.again = true;
      return this.pulling;
    }
    this.pulling = (async () => {
      try {
        do {
          this.again = false;
          await this.pullOnce();
        } while (this.again);
      } catch (error) {
        this.error = error;
        this.setProgress({ ...this.progress, done: true });
        throw error;
      } finally {
        this.pulling = null;
      }
    })();
    return this.pulling;
  }

  private async pullOnce() {
    const { db, index } = this;
    const first = !this.progress.done;
    if (first) this.setProgress({ loaded: 0, total: await db.contacts.count(), done: false });
    for (;;) {
      const companies = await db.companies
        .where('localRev')
        .above(this.companyRev)
        .limit(CONTACT_CHUNK)
        .toArray();
      if (companies.length === 0) break;
      this.companyRev = companies[companies.length - 1]!.localRev;
      index.apply({ companies });
      await yieldToMain();
    }
    for (;;) {
      const contacts = await db.contacts
        .where('localRev')
        .above(this.contactRev)
        .limit(CONTACT_CHUNK)
        .toArray();
      if (contacts.length === 0) break;
      this.contactRev = contacts[contacts.length - 1]!.localRev;
      // Each slice in a task of its own (the next read's answer comes in a new task anyway).
      for (let i = 0; i < contacts.length; i += APPLY_SLICE) {
        await yieldToMain();
        index.apply({ contacts: contacts.slice(i, i + APPLY_SLICE) });
      }
      if (first) this.setProgress({ ...this.progress, loaded: this.progress.loaded + contacts.length });
    }
    for (;;) {
      const { rows, lastRev } = await this.scoreReader.read(this.scoreRev);
      if (lastRev === null) break;
      this.scoreRev = lastRev;
      // Slices of a few pages' contacts: a refit changes everyone's scores, a batch at a time.
      for (let i = 0; i < rows.length; i += SCORE_APPLY_SLICE) {
        await yieldToMain();
        index.apply({ scores: rows.slice(i, i + SCORE_APPLY_SLICE) });
      }
    }
    if (first) {
      this.setProgress({ ...this.progress, done: true });
      // Every sort ready before the rep asks for it (in slices, while the list is already usable).
      void this.index.warmSorts(SORT_KEYS, (key) => DEFAULT_DIRECTION[key]).catch(() => {});
    }
  }

  /**
   * Loads everything, then follows changes: Dexie reports every write to this database, from this
   * page or another context of the extension (the scoring worker, the background), and the list pulls
   * what changed once the writes settle (WRITES_SETTLE_MS without one, or at most WRITES_MAX_WAIT_MS
   * after the first). A live query re-read the change counters after every single write instead:
   * during a burst of rescores its reads and the pulls they caused met the next rescore's transaction,
   * which waited for them (scoring-worker bench, back to back).
   */
  start(): void {
    if (this.stopWatching) return;
    const prefix = `idb://${this.db.name}/`;
    const watched = LIST_TABLES.map((table) => `${prefix}${table}/`);
    let settle: ReturnType<typeof setTimeout> | undefined;
    let firstWrite = 0;
    const pullNow = () => {
      settle = undefined;
      firstWrite = 0;
      this.pull().catch(() => {});
    };
    const onWrite = (parts: ObservabilitySet) => {
      if (!Object.keys(parts).some((part) => watched.some((w) => part.startsWith(w)))) return;
      const now = performance.now();
      if (!firstWrite) firstWrite = now;
      clearTimeout(settle);
      settle = setTimeout(
        pullNow,
        Math.min(WRITES_SETTLE_MS, Math.max(0, firstWrite + WRITES_MAX_WAIT_MS - now)),
      );
    };
    Dexie.on.storagemutated.subscribe(onWrite);
    pullNow();
    this.stopWatching = () => {
      Dexie.on.storagemutated.unsubscribe(onWrite);
      clearTimeout(settle);
    };
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    this.scoreReader.stop();
  }
}

const loaders = new WeakMap<KeepcardDB, ListLoader>();

/** The list of this database, loaded once per extension page and shared by every view. */
export function listLoaderFor(db: KeepcardDB): ListLoader {
  let loader = loaders.get(db);
  if (!loader) {
    loader = new ListLoader(db);
    loaders.set(db, loader);
  }
  return loader;
}
