// Pull (docs/sync-protocol.md §6): the rows changed after a cursor that the caller may read, or
// could read before, in version order, from one snapshot.
import { DEFAULT_PULL_LIMIT } from '@keepcard/shared';
import { AUDIENCE_MEETS_SQL, changeKindFor, type Principal, tokensOf } from '../auth/access';
import { ApiError } from '../http/errors';
import type { Queryable, Storage } from '../storage/storage';
import { lockSyncState, readSyncState } from '../storage/sync-state';
import { decodeCursor, encodeCursor, type RecordRow } from './sync-rows';

const expired = (why: string) =>
  new ApiError(
    410,
    'cursor_expired',
    `${why}: pull again from the start (no cursor) and drop rows you do not receive`,
  );

/** A pulled row with its record and stamps as the database's JSON text (see pullChanges). */
interface PulledRow extends Omit<RecordRow, 'data' | 'clocks'> {
  data: string;
  clocks: string;
  deleted: boolean;
}

/**
 * The rows of a page: readable ($2, the caller's audience tokens) after version $1, at most $3, with
 * records and stamps as JSON text. The casts are in the outer query: in the inner one they could be
 * computed for every row after the cursor before the page is picked.
 */
const PULL_PAGE_SQL = `SELECT table_name, id, version, data::text AS data, clocks::text AS clocks,
       deleted_at IS NOT NULL AS deleted, audience, past_audience
FROM (SELECT table_name, id, version, data, clocks, deleted_at, audience, past_audience
      FROM records
      WHERE version > $1 AND ${AUDIENCE_MEETS_SQL('past_audience', '$2')}
      ORDER BY version LIMIT $3) AS page
ORDER BY version`;

/**
 * A page's rows (PULL_PAGE_SQL with [cursor version, audience tokens, limit]), the query made to walk
 * the version index from the cursor and stop at `limit` readable rows, so a whole pull visits each row
 * once (the settings hold for this transaction only). Left to itself the planner (PGlite has no
 * autovacuum, hence no statistics) took a bitmap of every readable row after the cursor and sorted it,
 * for each page: O(rows²) in all (the first page of a 20,000-row first sync took 270 ms instead of
 * 13 ms, measured once with EXPLAIN ANALYZE on PGlite). `prefix` is for tests: `EXPLAIN `.
 */
export async function selectPullPage<R = PulledRow>(
  tx: Queryable,
  params: [from: number, tokens: string[], limit: number],
  prefix = '',
): Promise<R[]> {
  await tx.query(
    "SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)",
  );
  return tx.query<R>(`${prefix}${PULL_PAGE_SQL}`, params);
}

/**
 * A page of changes, as the JSON text of a `PullResponse`. Records and stamps go out as the text the
 * database holds them in (jsonb output), spliced in without being parsed and serialised again: a
 * 20,000-row pull took 1.5 s of server CPU instead of 2.0 s (both with the old plan; measured once
 * with node --cpu-prof). Who sees what
 * is still decided by `changeKindFor`, the rule `changeFor` applies everywhere else.
 */
export async function pullChanges(
  storage: Storage,
  principal: Principal,
  { cursor, limit = DEFAULT_PULL_LIMIT }: { cursor?: string; limit?: number },
): Promise<string> {
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
    const tokens = tokensOf(principal);
    const rows = await selectPullPage(tx, [from, tokens, limit + 1]);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const changes: string[] = [];
    for (const row of page) {
      const kind = changeKindFor(
        tokens,
        { audience: row.audience, pastAudience: row.past_audience },
        row.deleted,
      );
      if (kind === null) continue;
      const key = `"table":${JSON.stringify(row.table_name)},"id":${JSON.stringify(row.id)},"version":${Number(row.version)}`;
      changes.push(
        kind === 'upsert'
          ? `{"kind":"upsert",${key},"record":${row.data},"clocks":${row.clocks}}`
          : `{"kind":"${kind}",${key}}`,
      );
    }
    const next = hasMore ? Number(page.at(-1)!.version) : state.version;
    return `{"changes":[${changes.join(',')}],"cursor":${JSON.stringify(encodeCursor(state.databaseId, next))},"hasMore":${hasMore}}`;
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
