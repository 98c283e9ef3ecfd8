import { createRoute } from '@hono/zod-openapi';
import { recordId, SyncChange, TableNameSchema } from '@keepcard/shared';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { changeFor } from '../auth/access';
import { bearer, errors, json, jsonBody, newRouter } from '../http/openapi';
import { checkBatch } from '../records/check-batch';
import { selectRows } from '../sync/sync-rows';
import type { RouteDeps } from './route-deps';

/** Largest batch one validate request may carry; clients split bigger ones. */
export const MAX_BATCH_RECORDS = 500;

const TableParam = z.object({ table: TableNameSchema });
const RowParam = TableParam.extend({ id: recordId });

const RecordBatch = z.object(
  {
    records: z
      .array(z.unknown(), { error: 'must be a list of records' })
      .max(MAX_BATCH_RECORDS, { error: `must hold at most ${MAX_BATCH_RECORDS} records; split the batch` }),
  },
  { error: 'must be a JSON object like {"records": [...]}' },
);

const Conflict = z.object({
  version: z.number(),
  field: z.string(),
  value: z.unknown(),
  hlc: z.string(),
  beatenBy: z.string(),
  reason: z.enum(['overwritten', 'stale', 'deleted', 'rejected']),
  mutationId: z.string(),
  deviceId: z.string(),
  at: z.number(),
});

export function recordRoutes({ storage, auth }: RouteDeps) {
  /** The row as this caller may see it (the one visibility rule, via changeFor); 404 otherwise. */
  const readable = async (principal: Parameters<typeof changeFor>[0], table: string, id: string) => {
    const [row] = await selectRows(storage, [{ table, id }]);
    const change = changeFor(principal, row ?? null);
    if (!change || change.kind === 'revoke') {
      throw new HTTPException(404, { message: `There is no ${table} record ${id} that you may read` });
    }
    return change;
  };

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{table}/validate',
        summary: 'Dry-run a batch of records against the shared schemas (no sign-in needed; stores nothing)',
        request: { params: TableParam, body: jsonBody(RecordBatch) },
        responses: {
          200: json(
            z.object({
              valid: z.number(),
              errors: z.array(z.object({ index: z.number(), field: z.string(), reason: z.string() })),
            }),
            'How many passed, and each problem by row index, field and reason',
          ),
          ...errors(400, 404),
        },
      }),
      (c) => {
        // The same check a write makes, reported row by row instead of refusing the batch.
        const { records, errors: problems } = checkBatch(
          c.req.valid('param').table,
          c.req.valid('json').records,
        );
        return c.json({ valid: records.length, errors: problems }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{table}/{id}',
        summary: 'One record as the server has it, with its field stamps (or its tombstone)',
        middleware: auth,
        security: bearer,
        request: { params: RowParam },
        responses: { 200: json(SyncChange, 'The record'), ...errors(401, 404) },
      }),
      async (c) => {
        const { table, id } = c.req.valid('param');
        return c.json(await readable(c.get('principal'), table, id), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{table}/{id}/conflicts',
        summary: 'Values merging dropped for this record: the conflict log (docs/sync-protocol.md §4)',
        middleware: auth,
        security: bearer,
        request: { params: RowParam },
        responses: {
          200: json(z.object({ conflicts: z.array(Conflict) }), 'Oldest first'),
          ...errors(401, 404),
        },
      }),
      async (c) => {
        const { table, id } = c.req.valid('param');
        await readable(c.get('principal'), table, id);
        const conflicts = await storage.query<z.infer<typeof Conflict>>(
          `SELECT version::float8 AS version, field, value, hlc, beaten_by AS "beatenBy", reason,
                  mutation_id AS "mutationId", device_id AS "deviceId",
                  (extract(epoch FROM created_at) * 1000)::float8 AS at
           FROM sync_conflicts WHERE table_name = $1 AND row_id = $2 ORDER BY id`,
          [table, id],
        );
        return c.json({ conflicts }, 200);
      },
    );
}
