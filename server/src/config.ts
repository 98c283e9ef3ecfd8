// Server limits and settings: defaults here, overridable from the environment (main.ts) or by tests.

export interface ServerConfig {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Per-token request budget: a bucket of `burst` refilled at `perMinute`. */
  tokenRate: { perMinute: number; burst: number };
  /** Failed logins allowed per email and per client address within the window. */
  loginFailures: { max: number; windowMs: number };
  /** `open`: anyone may sign up; `invite`: signing up needs a team invite code. */
  signup: 'open' | 'invite';
  /** Tombstones older than this are purged; cursors from before the purge must refetch. */
  tombstoneRetentionMs: number;
  /** How long an invite code stays valid. */
  inviteTtlMs: number;
  /** Extension ids allowed by CORS; empty allows every chrome-extension:// origin. */
  extensionIds: string[];
  /** Web origins allowed by CORS besides extensions (e.g. a future web app). */
  webOrigins: string[];
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy). */
  trustProxy: boolean;
  /** Interval of SSE keep-alive comments. */
  keepAliveMs: number;
}

const DAY = 24 * 3_600_000;

export const defaultConfig: ServerConfig = {
  // 500 mutations of rich contact cards fit well within this.
  maxBodyBytes: 5 * 1024 * 1024,
  tokenRate: { perMinute: 1200, burst: 240 },
  loginFailures: { max: 10, windowMs: 15 * 60_000 },
  signup: 'open',
  tombstoneRetentionMs: 90 * DAY,
  inviteTtlMs: 7 * DAY,
  extensionIds: [],
  webOrigins: [],
  trustProxy: false,
  keepAliveMs: 25_000,
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positiveNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}

/** Reads the KEEPCARD_* variables; anything unset keeps its default. */
export function readConfig(env: Record<string, string | undefined>): ServerConfig {
  const signup = env.KEEPCARD_SIGNUP ?? defaultConfig.signup;
  if (signup !== 'open' && signup !== 'invite') {
    throw new Error(`KEEPCARD_SIGNUP must be "open" or "invite", got "${signup}"`);
  }
  return {
    ...defaultConfig,
    signup,
    extensionIds: list(env.KEEPCARD_EXTENSION_IDS),
    webOrigins: list(env.KEEPCARD_WEB_ORIGINS),
    trustProxy: env.KEEPCARD_TRUST_PROXY === '1',
    ...(env.KEEPCARD_TOMBSTONE_RETENTION_DAYS && {
      tombstoneRetentionMs:
        positiveNumber('KEEPCARD_TOMBSTONE_RETENTION_DAYS', env.KEEPCARD_TOMBSTONE_RETENTION_DAYS) * DAY,
    }),
    ...(env.KEEPCARD_RATE_PER_MINUTE && {
      tokenRate: {
        perMinute: positiveNumber('KEEPCARD_RATE_PER_MINUTE', env.KEEPCARD_RATE_PER_MINUTE),
        burst: defaultConfig.tokenRate.burst,
      },
    }),
  };
}
