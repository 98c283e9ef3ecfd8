// Pull (docs/sync-protocol.md §6): the rows changed after a cursor that the caller may read, or
// could read before, in version order, from one snapshot.
import { DEFAULT_PULL_LIMIT, type PullResponse, type SyncChange } from '@keepcard/shared';
import { AUDIENCE_MEETS_SQL, changeFor, type Principal, tokensOf } from '../auth/access';
import { ApiError } from '../http/errors';
import type { Storage } from '../storage/storage';
import { lockSyncState, readSyncState } from '../storage/sync-state';
import { decodeCursor, encodeCursor, RECORD_COLUMNS, type RecordRow, toAccessRow } from './sync-rows';

const expired = (why: string) =>
  new ApiError(
    410,
    'cursor_expired',
    `${why}: pull again from the start (no cursor) and drop rows you do not receive`,
  );

export async function pullChanges(
  storage: Storage,
  principal: Principal,
  { cursor, limit = DEFAULT_PULL_LIMIT }: { cursor?: string; limit?: number },
): Promise<PullResponse> {
  return storage.transaction(async (tx) => {
    // One snapshot for the rows and sync_state: every version up to sync_state.version is committed
    // and visible in it (§5), so the page is a gap-free prefix and the cursor may jump to it.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const state = await readSyncState(tx);
    const from = decodeCursor(cursor, state.databaseId);
    if (from === null) throw expired('This cursor is from another database or malformed');
    if (from > 0) {
      const [user] = await tx.query<{ access_version: string | number }>(
        'SELECT access_version FROM users WHERE id = $1',
        [principal.userId],
      );
      if (from > state.version)
        throw expired('This cursor is ahead of the server (was the database restored?)');
      if (from < state.purgedThrough) throw expired('Deletions after this cursor were purged');
      if (from < Number(user?.access_version ?? 0))
        throw expired('Your team memberships changed after this cursor');
    }
    const rows = await tx.query<RecordRow>(
      `SELECT ${RECORD_COLUMNS} FROM records
       WHERE version > $1 AND ${AUDIENCE_MEETS_SQL('past_audience', '$2')}
       ORDER BY version LIMIT $3`,
      [from, tokensOf(principal), limit + 1],
    );
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit).map(toAccessRow);
    const changes = page.map((row) => changeFor(principal, row)).filter((c): c is SyncChange => c !== null);
    const next = hasMore ? page.at(-1)!.version : state.version;
    return { changes, cursor: encodeCursor(state.databaseId, next), hasMore };
  });
}

/**
 * Drops tombstones older than the retention window and remembers the highest version dropped, so
 * cursors from before it get 410 and refetch. The conflict log is kept. Also forgets idempotency entries that old: a device
 * retrying a push older than that has had to refetch anyway. Returns the rows purged.
 */
export async function purgeTombstones(storage: Storage, olderThanMs: number, now: number): Promise<number> {
  return storage.transaction(async (tx) => {
    // Under the lock, so no push re-creates a tombstone while it is being purged.
    await lockSyncState(tx);
    const cutoff = (now - olderThanMs) / 1000;
    const purged = await tx.query<{ table_name: string; id: string; version: string | number }>(
      `DELETE FROM records WHERE deleted_at IS NOT NULL AND changed_at < to_timestamp($1)
       RETURNING table_name, id, version`,
      [cutoff],
    );
    if (purged.length > 0) {
      const top = Math.max(...purged.map((p) => Number(p.version)));
      await tx.query('UPDATE sync_state SET purged_through = GREATEST(purged_through, $1) WHERE id = 1', [
        top,
      ]);
    }
    await tx.query('DELETE FROM sync_mutations WHERE received_at < to_timestamp($1)', [cutoff]);
    return purged.length;
  });
}
