// The sync engine of docs/sync-protocol.md §11: push the outbox in sequence order, then pull pages
// after the cursor, each applied with its cursor in one local transaction. It keeps nothing in memory
// that matters: the outbox, cursor, device clock and backoff are in IndexedDB, so the service worker
// may be stopped at any moment and the next run carries on. Only the background runs it.
import {
  checkSchemaVersion,
  MAX_PUSH_MUTATIONS,
  MIN_CLIENT_SCHEMA_VERSION,
  nextPushBatch,
  type PullResponse,
  retryDelayMs,
  SCHEMA_VERSION,
} from '@keepcard/shared';
import type { KeepcardDB } from '../db/db';
import { StorageError } from '../db/storage-errors';
import {
  applyPullPage,
  applyPushAnswer,
  oldestMutations,
  PulledRecordError,
  readPullPosition,
  startRefetch,
} from '../db/sync-repo';
import {
  readSession,
  readStatus,
  type SyncStatus,
  updateSession,
  updateStatus,
} from '../db/sync-settings-repo';
import { ApiError, NetworkError, type SyncApi, syncApi } from './api-client';

export interface SyncEngineDeps {
  db: KeepcardDB;
  /** The browser's fetch, or the server app in-process in tests. */
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  /** The engine should run again at this time (after a failure): a timer plus an alarm in the background. */
  wakeAt?: (at: number) => void;
  /** False when the browser knows it is offline: no request is tried then. */
  isOnline?: () => boolean;
  /** Rows per pulled page (the server allows up to 1000). */
  pullLimit?: number;
  /** Runs `work` as the only sync of this profile (navigator.locks in the extension). */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** The session ended (401) or the server needs another version (426): the live stream stops. */
  onStopped?: () => void;
}

/**
 * While the browser says it is offline, how often at most to look again: service workers get no
 * `online` event (measured in Chromium), so the engine polls `navigator.onLine` on its backoff.
 */
const OFFLINE_POLL_MS = 10_000;

/** Pulled pages fetched ahead of the one being written (each is up to 1,000 rows). */
const PULL_AHEAD = 2;

/** HTTP statuses worth retrying: the server or the network may be better later (§11). */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export class SyncEngine {
  readonly #deps: Required<Omit<SyncEngineDeps, 'fetch' | 'onStopped'>> &
    Pick<SyncEngineDeps, 'fetch' | 'onStopped'>;
  #running: Promise<SyncStatus> | null = null;
  #again = false;
  #forceAgain = false;
  /** Whether /v1/info said this server speaks our schema, since the engine started. */
  #schemaChecked = false;

  constructor(deps: SyncEngineDeps) {
    this.#deps = {
      now: Date.now,
      random: Math.random,
      wakeAt: () => {},
      isOnline: () => true,
      pullLimit: 1000,
      exclusive: (work) => work(),
      ...deps,
    };
  }

  /** The API of the signed-in session, or null when signed out. */
  async api(): Promise<SyncApi | null> {
    const session = await readSession(this.#deps.db);
    if (!session.serverUrl || !session.token) return null;
    const token = session.token;
    return syncApi(session.serverUrl, { token: () => token, fetch: this.#deps.fetch });
  }

  /**
   * Syncs: pushes the outbox, then pulls. While a run is under way, asks for one more run after it.
   * Without `force`, a run waits for the end of a backoff and does nothing after a 426; "Sync now"
   * forces. Never throws: the outcome is in the returned status.
   */
  sync({ force = false }: { force?: boolean } = {}): Promise<SyncStatus> {
    if (this.#running) {
      this.#again = true;
      this.#forceAgain ||= force;
      return this.#running;
    }
    const run = (async () => {
      let status: SyncStatus;
      let forced = force;
      do {
        this.#again = false;
        status = await this.#deps.exclusive(() => this.#once(forced));
        forced = this.#forceAgain;
        this.#forceAgain = false;
      } while (this.#again);
      return status;
    })();
    this.#running = run.finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #once(force: boolean): Promise<SyncStatus> {
    const { db, now, isOnline } = this.#deps;
    const session = await readSession(db);
    if (!session.serverUrl || !session.token)
      return updateStatus({ state: 'signed-out', nextRetryAt: null }, db);
    const status = await readStatus(db);
    if (!force && status.nextRetryAt !== null && status.nextRetryAt > now()) return status;
    if (!force && status.state === 'update-needed') return status;
    if (force) this.#schemaChecked = false;
    if (!isOnline()) return this.#offline(status);
    await updateStatus({ state: 'syncing' }, db);
    const api = syncApi(session.serverUrl, {
      token: () => session.token ?? undefined,
      fetch: this.#deps.fetch,
    });
    try {
      if (!this.#schemaChecked) {
        const info = await api.info();
        const verdict = checkSchemaVersion(SCHEMA_VERSION, {
          min: info.minClientSchemaVersion ?? MIN_CLIENT_SCHEMA_VERSION,
          max: info.schemaVersion,
        });
        if (!verdict.ok) throw new ApiError(426, verdict.code, verdict.message);
        this.#schemaChecked = true;
      }
      await this.#push(api);
      await this.#pull(api);
      return await updateStatus(
        { state: 'idle', lastSyncAt: now(), error: null, attempt: 0, nextRetryAt: null },
        db,
      );
    } catch (error) {
      return this.#failed(error, status);
    }
  }

  /** Pushes the outbox, oldest first, one batch at a time, until it is empty (§4). */
  async #push(api: SyncApi): Promise<void> {
    const { db, now } = this.#deps;
    for (;;) {
      const oldest = await oldestMutations(db, MAX_PUSH_MUTATIONS);
      if (oldest.length === 0) return;
      const batch = nextPushBatch(oldest);
      const response = await api.push({ mutations: batch });
      const plan = await applyPushAnswer(db, batch, response, now());
      if (plan.rejected.length > 0) {
        const at = now();
        await updateStatus(
          (s) => ({
            rejected: [
              ...plan.rejected.map((r) => ({
                table: r.table,
                rowId: r.rowId,
                code: r.code,
                message: r.message,
                at,
              })),
              ...s.rejected,
            ].slice(0, 20),
          }),
          db,
        );
      }
      if (plan.done.length === 0) {
        throw new ApiError(
          502,
          'invalid_response',
          'The server answered for none of the changes sent; they stay queued',
        );
      }
    }
  }

  /**
   * Pulls pages after the cursor until the server has no more (§6). Up to PULL_AHEAD pages are
   * fetched while earlier ones are written (each page names the next one's cursor), so the server and
   * IndexedDB work at the same time; if a write fails, the fetched pages are dropped (the stored
   * cursor did not move past them).
   */
  async #pull(api: SyncApi): Promise<void> {
    const { db, now, pullLimit } = this.#deps;
    const controller = new AbortController();
    /** Pages fetched or in flight, in cursor order. */
    const ahead: Promise<PullResponse>[] = [];
    /** The cursor after the last fetched page, when the queue was full as it arrived. */
    let parked: string | null = null;
    const request = (cursor: string | null) => {
      const page = api.pull(cursor, pullLimit, controller.signal);
      ahead.push(page);
      page.then(
        (p) => {
          if (!p.hasMore || controller.signal.aborted) return;
          if (ahead.length < PULL_AHEAD) request(p.cursor);
          else parked = p.cursor;
        },
        () => {}, // awaited below; a page dropped after a failed write must not go unhandled
      );
    };
    let cursor = (await readPullPosition(db)).cursor;
    request(cursor);
    try {
      for (;;) {
        let page: PullResponse;
        try {
          page = await ahead.shift()!;
        } catch (error) {
          if (!(error instanceof ApiError && error.code === 'cursor_expired') || cursor === null) throw error;
          // Refetch everything (§6): from the start, then drop what was not received again.
          await startRefetch(db, now());
          cursor = null;
          request(null);
          continue;
        }
        if (parked !== null) {
          const next = parked;
          parked = null;
          request(next);
        }
        await applyPullPage(db, page, now());
        cursor = page.cursor;
        if (!page.hasMore) return;
      }
    } finally {
      controller.abort();
    }
  }

  /** The browser is offline: nothing is tried; look again soon (capped backoff). */
  async #offline(before: SyncStatus): Promise<SyncStatus> {
    const { db, now, random, wakeAt } = this.#deps;
    const nextRetryAt = now() + retryDelayMs(before.attempt, random(), { maxMs: OFFLINE_POLL_MS });
    wakeAt(nextRetryAt);
    return updateStatus({ state: 'offline', attempt: before.attempt + 1, nextRetryAt }, db);
  }

  async #failed(error: unknown, before: SyncStatus): Promise<SyncStatus> {
    const { db, now, random, isOnline, wakeAt } = this.#deps;
    if (error instanceof ApiError && error.status === 401) {
      await updateSession({ token: null }, db);
      this.#deps.onStopped?.();
      return updateStatus(
        {
          state: 'signed-out',
          error: { code: 'unauthorized', message: error.message },
          attempt: 0,
          nextRetryAt: null,
        },
        db,
      );
    }
    if (error instanceof ApiError && error.status === 426) {
      this.#deps.onStopped?.();
      return updateStatus(
        {
          state: 'update-needed',
          error: { code: error.code, message: error.message },
          attempt: 0,
          nextRetryAt: null,
        },
        db,
      );
    }
    const retry =
      error instanceof NetworkError ||
      (error instanceof ApiError && RETRYABLE.has(error.status) && error.code !== 'invalid_response') ||
      !(error instanceof ApiError || error instanceof PulledRecordError || error instanceof StorageError);
    const code =
      error instanceof ApiError
        ? error.code
        : error instanceof NetworkError
          ? 'network'
          : error instanceof PulledRecordError
            ? 'pulled_record'
            : error instanceof StorageError
              ? `storage_${error.code}`
              : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (!retry) {
      // 400, 403, 413 and answers we cannot read are bugs to report, not to retry (§11): "Sync now" tries again.
      return updateStatus({ state: 'error', error: { code, message }, nextRetryAt: null }, db);
    }
    const wait = Math.max(
      retryDelayMs(before.attempt, random()),
      error instanceof ApiError && error.retryAfterMs !== null ? error.retryAfterMs : 0,
    );
    const offline = error instanceof NetworkError && !isOnline();
    const nextRetryAt = now() + (offline ? Math.min(wait, OFFLINE_POLL_MS) : wait);
    wakeAt(nextRetryAt);
    return updateStatus(
      {
        state: offline ? 'offline' : 'error',
        error: { code, message },
        attempt: before.attempt + 1,
        nextRetryAt,
      },
      db,
    );
  }
}
