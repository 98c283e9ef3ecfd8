// In-memory limits, one set per process: with several processes behind a load balancer each enforces
// its own share, which is enough to stop a runaway client or password guessing (documented in
// docs/sync-protocol.md §10).

/** Entries kept before stale ones are swept, so a flood of distinct keys cannot grow memory unbounded. */
const SWEEP_AT = 10_000;

/** Token buckets by key: `burst` requests at once, refilled at `perMinute`. */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly rate: { perMinute: number; burst: number },
    private readonly now: () => number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const perMs = this.rate.perMinute / 60_000;
    const last = this.#buckets.get(key);
    const tokens = Math.min(
      this.rate.burst,
      (last?.tokens ?? this.rate.burst) + (now - (last?.at ?? now)) * perMs,
    );
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: now });
      return Math.ceil((1 - tokens) / perMs);
    }
    if (this.#buckets.size >= SWEEP_AT) this.#sweep(now, perMs);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  #sweep(now: number, perMs: number) {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * perMs >= this.rate.burst) this.#buckets.delete(key);
    }
  }
}

/** Counts failures by key in a fixed window (login attempts per email and per address). */
export class FailureWindows {
  readonly #windows = new Map<string, { count: number; until: number }>();
  constructor(
    private readonly limit: { max: number; windowMs: number },
    private readonly now: () => number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string): number {
    const w = this.#windows.get(key);
    if (!w || w.until <= this.now()) return 0;
    return w.count >= this.limit.max ? w.until - this.now() : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const w = this.#windows.get(key);
    if (w && w.until > now) w.count += 1;
    else {
      if (this.#windows.size >= SWEEP_AT) {
        for (const [k, old] of this.#windows) if (old.until <= now) this.#windows.delete(k);
      }
      this.#windows.set(key, { count: 1, until: now + this.limit.windowMs });
    }
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }
}
