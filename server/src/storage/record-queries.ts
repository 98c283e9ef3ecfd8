import type { RecordOf, TableName } from '@keepcard/shared';
import { z } from 'zod';
import { audienceOf } from '../auth/access';
import type { Queryable } from './storage';

export interface ListRecordsOptions {
  ownerId?: string;
  teamId?: string;
  /** Only records changed after this time (epoch ms)... */
  updatedAfter?: number;
  /**
   * ...or, with `afterId`, after the record (updatedAfter, afterId): pass the last record of the
   * previous page, so records sharing one updatedAt are neither skipped nor repeated.
   */
  afterId?: string;
  limit: number;
}

export const MAX_LIST_LIMIT = 1000;

const uuid = z.uuid();

/** A record with what sync stores beside it. */
export interface VersionedRecord {
  table: TableName;
  record: RecordOf<TableName>;
  /** Field stamps; `{}` for imports, so any later edit wins. */
  clocks: Record<string, string>;
  version: number;
}

/**
 * The record goes in whole as jsonb; the indexed columns are lifted out of it in SQL, so the
 * mapping from record fields to columns is written once. `jsonb_array_elements` keeps the batch to
 * one statement and one round trip (both drivers would send a JS array as a PostgreSQL array, so
 * the batch goes as JSON text). Records must already be parsed by the shared schema, and versions
 * taken under the sync_state lock. `past_audience` only grows, so a row that leaves someone's sight
 * still reaches them as a revoke.
 */
export async function upsertRecords(db: Queryable, rows: readonly VersionedRecord[]) {
  if (rows.length === 0) return;
  // One statement may not upsert the same row twice; the batch's last version of a record wins.
  const latest = [...new Map(rows.map((r) => [`${r.table}/${r.record.id}`, r])).values()];
  const batch = latest.map(({ table, record, clocks, version }) => ({
    t: table,
    r: record,
    c: clocks,
    v: version,
    a: audienceOf(record),
  }));
  await db.query(
    `INSERT INTO records (table_name, id, owner_id, team_id, visibility, created_at, updated_at, deleted_at,
                          schema_version, data, version, clocks, audience, past_audience, changed_at)
     SELECT x->>'t', (r->>'id')::uuid, r->>'ownerId', r->>'teamId', r->>'visibility', (r->>'createdAt')::bigint,
            (r->>'updatedAt')::bigint, (r->>'deletedAt')::bigint, (r->>'schemaVersion')::integer, r,
            (x->>'v')::bigint, x->'c', a, a, now()
     FROM jsonb_array_elements($1::jsonb) AS x,
          LATERAL (SELECT x->'r' AS r, ARRAY(SELECT jsonb_array_elements_text(x->'a')) AS a) AS l
     ON CONFLICT (table_name, id) DO UPDATE SET
       owner_id = excluded.owner_id, team_id = excluded.team_id, visibility = excluded.visibility,
       created_at = excluded.created_at, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at,
       schema_version = excluded.schema_version, data = excluded.data, version = excluded.version,
       clocks = excluded.clocks, audience = excluded.audience, changed_at = excluded.changed_at,
       past_audience = ARRAY(SELECT DISTINCT unnest(records.past_audience || excluded.audience))`,
    [JSON.stringify(batch)],
  );
}

export async function selectRecord<T extends TableName>(
  db: Queryable,
  table: T,
  id: string,
): Promise<RecordOf<T> | null> {
  // A malformed id cannot name a record; asking PostgreSQL would fail the uuid cast instead.
  if (!uuid.safeParse(id).success) return null;
  const [row] = await db.query<{ data: RecordOf<T> }>(
    'SELECT data FROM records WHERE table_name = $1 AND id = $2',
    [table, id],
  );
  return row?.data ?? null;
}

export async function selectRecords<T extends TableName>(
  db: Queryable,
  table: T,
  { ownerId, teamId, updatedAfter, afterId, limit }: ListRecordsOptions,
): Promise<RecordOf<T>[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, got ${limit}`);
  }
  if (afterId !== undefined && (updatedAfter === undefined || !uuid.safeParse(afterId).success)) {
    throw new RangeError('afterId must be a record id and comes with updatedAfter');
  }
  const params: unknown[] = [table];
  const where = ['table_name = $1'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (ownerId !== undefined) where.push(`owner_id = ${param(ownerId)}`);
  if (teamId !== undefined) where.push(`team_id = ${param(teamId)}`);
  if (afterId !== undefined) where.push(`(updated_at, id) > (${param(updatedAfter)}, ${param(afterId)})`);
  else if (updatedAfter !== undefined) where.push(`updated_at > ${param(updatedAfter)}`);
  const rows = await db.query<{ data: RecordOf<T> }>(
    `SELECT data FROM records WHERE ${where.join(' AND ')} ORDER BY updated_at, id LIMIT ${param(limit)}`,
    params,
  );
  return rows.map((row) => row.data);
}
