// The single sync_state row (docs/sync-protocol.md §5) and the change channel (§7).
import type { HlcTime } from '@keepcard/shared';
import type { Queryable } from './storage';

export interface SyncState {
  /** The last version handed out. */
  version: number;
  /** Tombstones up to this version were purged; older cursors must refetch. */
  purgedThrough: number;
  clamp: HlcTime;
  databaseId: string;
}

interface SyncStateRow {
  version: string | number;
  purged_through: string | number;
  clamp_ms: string | number;
  clamp_counter: number;
  database_id: string;
}

const toState = (row: SyncStateRow): SyncState => ({
  version: Number(row.version),
  purgedThrough: Number(row.purged_through),
  clamp: { ms: Number(row.clamp_ms), counter: row.clamp_counter },
  databaseId: row.database_id,
});

const COLUMNS = 'version, purged_through, clamp_ms, clamp_counter, database_id';

/**
 * Locks sync_state for the rest of the transaction and reads it. Every transaction that hands out
 * versions does this first, so they run one at a time and commit in version order.
 */
export async function lockSyncState(tx: Queryable): Promise<SyncState> {
  const [row] = await tx.query<SyncStateRow>(`SELECT ${COLUMNS} FROM sync_state WHERE id = 1 FOR UPDATE`);
  return toState(row!);
}

/** Reads sync_state without locking (pulls, in their snapshot). */
export async function readSyncState(db: Queryable): Promise<SyncState> {
  const [row] = await db.query<SyncStateRow>(`SELECT ${COLUMNS} FROM sync_state WHERE id = 1`);
  return toState(row!);
}

export async function saveSyncState(tx: Queryable, { version, clamp }: Pick<SyncState, 'version' | 'clamp'>) {
  await tx.query('UPDATE sync_state SET version = $1, clamp_ms = $2, clamp_counter = $3 WHERE id = 1', [
    version,
    clamp.ms,
    clamp.counter,
  ]);
}

/** Takes `count` versions under the lock (the UPDATE holds it until commit); returns the first. */
export async function takeVersions(tx: Queryable, count: number): Promise<number> {
  const [row] = await tx.query<{ version: string | number }>(
    'UPDATE sync_state SET version = version + $1 WHERE id = 1 RETURNING version',
    [count],
  );
  return Number(row!.version) - count + 1;
}

/** What travels on the channel: never record data. */
export type ChangeNotice =
  /** Rows changed; `audience` is the union of their past audiences, or 'all' when too long. */
  | { kind: 'change'; device: string | null; audience: string[] | 'all' }
  /** These users' rights or these devices changed: close their live streams. */
  | { kind: 'access'; users: string[]; devices: string[] };

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7000;

/** Channel per schema, so test runs (and deployments) sharing a database do not hear each other. */
export const CHANNEL_SQL = `'keepcard_sync_' || current_schema()`;

/** Queues a notice; PostgreSQL delivers it to every listening process only when the transaction commits. */
export async function notify(tx: Queryable, notice: ChangeNotice): Promise<void> {
  let payload = JSON.stringify(notice);
  if (payload.length > MAX_PAYLOAD && notice.kind === 'change') {
    payload = JSON.stringify({ ...notice, audience: 'all' });
  }
  if (payload.length > MAX_PAYLOAD && notice.kind === 'access') {
    // Too many to name: every live stream reconnects.
    payload = JSON.stringify({ kind: 'access', users: ['*'], devices: [] });
  }
  await tx.query(`SELECT pg_notify(${CHANNEL_SQL}, $1)`, [payload]);
}
