// Reading stored rows for sync: the shape access.ts decides on, and cursors.
import type { TableName } from '@keepcard/shared';
import type { AccessRow } from '../auth/access';
import type { Queryable } from '../storage/storage';

export interface RecordRow {
  table_name: TableName;
  id: string;
  version: string | number;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  audience: string[];
  past_audience: string[];
}

export const RECORD_COLUMNS = 'table_name, id, version, data, clocks, audience, past_audience';

export const toAccessRow = (row: RecordRow): AccessRow => ({
  table: row.table_name,
  id: row.id,
  version: Number(row.version),
  record: row.data,
  clocks: row.clocks,
  audience: row.audience,
  pastAudience: row.past_audience,
});

/** The stored rows for these (table, id) keys, in one query. */
export async function selectRows(
  db: Queryable,
  keys: readonly { table: string; id: string }[],
): Promise<AccessRow[]> {
  if (keys.length === 0) return [];
  const rows = await db.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records
     WHERE (table_name, id) IN (SELECT k->>'table', (k->>'id')::uuid FROM jsonb_array_elements($1::jsonb) AS k)`,
    [JSON.stringify(keys)],
  );
  return rows.map(toAccessRow);
}

/**
 * A cursor is `<database id>.<version>`: the database id makes a cursor from another database (a
 * restored backup, a new server) fail loudly with 410 instead of silently skipping rows.
 */
export const encodeCursor = (databaseId: string, version: number) => `${databaseId}.${version}`;

/** The version in a cursor of this database; null when it is not one. No cursor is version 0. */
export function decodeCursor(cursor: string | undefined, databaseId: string): number | null {
  if (cursor === undefined || cursor === '') return 0;
  const [id, version] = cursor.split('.');
  const n = Number(version);
  return id === databaseId && Number.isSafeInteger(n) && n >= 0 ? n : null;
}
