// Live notifications (docs/sync-protocol.md §7): each process listens on the change channel and
// tells its connected devices to pull. Notices carry audiences, never data.
import { MAX_LIVE_STREAMS_PER_DEVICE } from '@keepcard/shared';
import { ApiError } from '../http/errors';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import type { ChangeNotice } from '../storage/sync-state';

/** One connected device, as the hub sees it. */
export interface LiveStream {
  deviceId: string;
  userId: string;
  /** The device's access tokens when it connected (tokensOf); a change of rights closes the stream. */
  tokens: ReadonlySet<string>;
  send(event: 'pull'): void;
  keepAlive(): void;
  close(): void;
}

export class LiveHub {
  readonly #streams = new Set<LiveStream>();
  #listening: Promise<() => Promise<void>> | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly keepAliveMs: number,
  ) {}

  get size(): number {
    return this.#streams.size;
  }

  /** Starts listening (once): on PostgreSQL, a channel per schema, as notify() sends. */
  start(): Promise<unknown> {
    this.#listening ??= (async () => {
      const [row] = await this.storage.query<{ s: string }>('SELECT current_schema() AS s');
      return this.storage.listen(`keepcard_sync_${row!.s}`, (payload) => this.#onNotice(payload));
    })();
    return this.#listening;
  }

  /** Throws 429 when `deviceId` holds the most streams allowed; checked before the response starts. */
  checkRoom(deviceId: string): void {
    const open = [...this.#streams].filter((s) => s.deviceId === deviceId).length;
    if (open >= MAX_LIVE_STREAMS_PER_DEVICE) {
      throw new ApiError(
        429,
        'rate_limited',
        `This device has ${open} live streams open already; close one before opening another`,
        { 'Retry-After': '30' },
      );
    }
  }

  /** Registers a stream once listening, so no change committed after `ready` is missed. Returns its removal. */
  async add(stream: LiveStream): Promise<() => void> {
    await this.start();
    this.#streams.add(stream);
    // One timer for all streams: a timer each would cost memory per connection.
    this.#timer ??= setInterval(() => {
      for (const s of this.#streams) s.keepAlive();
    }, this.keepAliveMs);
    this.#timer.unref?.();
    return () => {
      this.#streams.delete(stream);
    };
  }

  #onNotice(payload: string | null) {
    let notice: ChangeNotice;
    try {
      // null: the listening connection came back and notices may have been missed; assume a change.
      notice = payload === null ? { kind: 'change', device: null, audience: 'all' } : JSON.parse(payload);
    } catch {
      this.logger.error('malformed sync notice', { payload });
      return;
    }
    for (const stream of this.#streams) {
      if (notice.kind === 'access') {
        const all = notice.users.includes('*');
        if (all || notice.users.includes(stream.userId) || notice.devices.includes(stream.deviceId))
          stream.close();
      } else if (
        stream.deviceId !== notice.device &&
        (notice.audience === 'all' || notice.audience.some((token) => stream.tokens.has(token)))
      ) {
        stream.send('pull');
      }
    }
  }

  /** Closes every stream and stops listening (shutdown). */
  async close(): Promise<void> {
    for (const stream of this.#streams) stream.close();
    this.#streams.clear();
    if (this.#timer) clearInterval(this.#timer);
    const stop = await this.#listening?.catch(() => null);
    await stop?.();
  }
}
