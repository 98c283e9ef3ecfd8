// Sync's settings and status, kept in the `syncState` table so they survive the service worker being
// stopped: the server and the session (written by the background only), and what the settings page shows.
import type { RejectCode, UserSummary } from '@keepcard/shared';
import { getDb, type KeepcardDB } from './db';

export const SESSION_KEY = 'session';
export const STATUS_KEY = 'status';

export interface SyncSession {
  /** The server's base URL, checked by `parseServerUrl`. */
  serverUrl: string | null;
  /** The device token (`kc_...`); null when signed out. */
  token: string | null;
  user: UserSummary | null;
  /** This browser's name on the server ("Office laptop"). */
  deviceName: string | null;
  /** The last user signed in here: another user may sign in only once their changes are pushed. */
  lastUserId: string | null;
  lastEmail: string | null;
}

export type SyncState = 'signed-out' | 'idle' | 'syncing' | 'offline' | 'error' | 'update-needed';

export interface RejectedChange {
  table: string;
  rowId: string;
  code: RejectCode;
  message: string;
  at: number;
}

export interface SyncStatus {
  state: SyncState;
  lastSyncAt: number | null;
  /** What went wrong last; `code` is the server's (or 'network', 'pulled_record'), message for people. */
  error: { code: string; message: string } | null;
  /** Failed attempts in a row (backoff). */
  attempt: number;
  /** When the next automatic attempt is due, after a failure. */
  nextRetryAt: number | null;
  /** The latest changes the server refused (newest first, at most 20). */
  rejected: RejectedChange[];
}

export const EMPTY_SESSION: SyncSession = {
  serverUrl: null,
  token: null,
  user: null,
  deviceName: null,
  lastUserId: null,
  lastEmail: null,
};

export const INITIAL_STATUS: SyncStatus = {
  state: 'signed-out',
  lastSyncAt: null,
  error: null,
  attempt: 0,
  nextRetryAt: null,
  rejected: [],
};

export async function readSession(db: KeepcardDB = getDb()): Promise<SyncSession> {
  const value = (await db.syncState.get(SESSION_KEY))?.value as Partial<SyncSession> | undefined;
  return { ...EMPTY_SESSION, ...value };
}

export async function updateSession(
  patch: Partial<SyncSession>,
  db: KeepcardDB = getDb(),
): Promise<SyncSession> {
  return db.transaction('rw', db.syncState, async () => {
    const next = { ...(await readSession(db)), ...patch };
    await db.syncState.put({ key: SESSION_KEY, value: next });
    return next;
  });
}

export async function readStatus(db: KeepcardDB = getDb()): Promise<SyncStatus> {
  const value = (await db.syncState.get(STATUS_KEY))?.value as Partial<SyncStatus> | undefined;
  return { ...INITIAL_STATUS, ...value };
}

export async function updateStatus(
  patch: Partial<SyncStatus> | ((status: SyncStatus) => Partial<SyncStatus>),
  db: KeepcardDB = getDb(),
): Promise<SyncStatus> {
  return db.transaction('rw', db.syncState, async () => {
    const current = await readStatus(db);
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    await db.syncState.put({ key: STATUS_KEY, value: next });
    return next;
  });
}
