// Live notifications (docs/sync-protocol.md §7): `GET /v1/sync/live` read with fetch and the shared
// SseParser (service workers have no EventSource). Events carry no data, only "pull now"; they are
// a hint: the engine also syncs on start, after local writes, on an alarm and on reconnect.
import { retryDelayMs, SseParser } from '@keepcard/shared';
import { ApiError, type SyncApi } from './api-client';

export interface LiveStreamDeps {
  api: () => Promise<SyncApi | null>;
  /** `ready` (connected) and `pull` (something changed): sync now. */
  onPull: () => void;
  /** The server refused the stream for good: 401 (signed out) or 426 (update needed). */
  onRefused: (error: ApiError) => void;
  /** Called on every chunk, keep-alive comments included (the service worker uses it to stay awake). */
  onActivity?: () => void;
  random?: () => number;
  /** Waits `ms` unless the signal aborts first; tests pass a fake. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** One reconnecting live stream; `start` is idempotent, `stop` ends it. */
export class LiveStream {
  #controller: AbortController | null = null;
  /** Failed connections in a row, for the backoff. */
  attempt = 0;
  connected = false;

  constructor(private readonly deps: LiveStreamDeps) {}

  get running(): boolean {
    return this.#controller !== null;
  }

  start(): void {
    if (this.#controller) return;
    const controller = new AbortController();
    this.#controller = controller;
    void this.#loop(controller.signal).finally(() => {
      if (this.#controller === controller) this.#controller = null;
    });
  }

  stop(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.connected = false;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const sleep = this.deps.sleep ?? sleepFor;
    const random = this.deps.random ?? Math.random;
    while (!signal.aborted) {
      const api = await this.deps.api();
      if (!api) return;
      try {
        const res = await api.live(signal);
        await this.#read(res, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 426)) {
          this.deps.onRefused(error);
          return;
        }
      }
      this.connected = false;
      if (signal.aborted) return;
      await sleep(retryDelayMs(this.attempt++, random()), signal);
    }
  }

  async #read(res: Response, signal: AbortSignal): Promise<void> {
    const reader = res.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    const parser = new SseParser();
    const abort = () => void reader.cancel().catch(() => {});
    signal.addEventListener('abort', abort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.deps.onActivity?.();
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          if (event.event === 'ready') {
            this.connected = true;
            this.attempt = 0;
          }
          if (event.event === 'ready' || event.event === 'pull') this.deps.onPull();
        }
      }
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }
}
