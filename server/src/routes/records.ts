import { tableNames } from '@keepcard/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../http/validate';
import { checkBatch } from '../records/check-batch';

/** Largest batch one request may carry; clients split bigger ones. */
export const MAX_BATCH_RECORDS = 500;

const TableParam = z.object({
  table: z.enum(tableNames, {
    error: (issue) => `"${String(issue.input)}" is unknown; tables are ${tableNames.join(', ')}`,
  }),
});

const RecordBatch = z.object(
  {
    records: z
      .array(z.unknown(), { error: 'must be a list of records' })
      .max(MAX_BATCH_RECORDS, { error: `must hold at most ${MAX_BATCH_RECORDS} records; split the batch` }),
  },
  { error: 'must be a JSON object like {"records": [...]}' },
);

export function recordRoutes() {
  return new Hono().post(
    '/:table/validate',
    // An unknown table is a resource that does not exist, hence 404 rather than 400.
    validate('param', TableParam, 404),
    validate('json', RecordBatch),
    (c) => {
      // Dry run: the same check putRecords makes, reported row by row instead of refusing the batch.
      const { records, errors } = checkBatch(c.req.valid('param').table, c.req.valid('json').records);
      return c.json({ valid: records.length, errors });
    },
  );
}
