// The sync wire format (docs/sync-protocol.md §3-§6): zod schemas and their types side by side.
// The server validates requests with them and the extension parses responses with them.
import { z } from 'zod';
import { recordId } from '../schemas/common';
import { tableNames } from '../schemas/tables';
import { hlcNode, isHlc } from './hlc';
import { MAX_FIELDS_PER_MUTATION, MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS } from './limits';

/** A device id: a lower-case UUID (newId() makes a UUIDv7), because it is also the HLC node. */
export const DeviceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
  error: 'must be a device id: a lower-case UUID',
});

export const Hlc = z
  .string()
  .refine(isHlc, { error: 'must be a clock stamp like 1767225600000:0000:<device id>' });

export const TableNameSchema = z.enum(tableNames, {
  error: (issue) => `"${String(issue.input)}" is unknown; tables are ${tableNames.join(', ')}`,
});

/** One field's new value and its stamp; without `value` the field is cleared. */
// Values are plain JSON (they came from JSON.parse); z.json() would be exact but its recursion breaks the
// OpenAPI generator.
export const FieldChangeSchema = z.object({ value: z.unknown().optional(), hlc: Hlc });

export const Mutation = z
  .object({
    mutationId: recordId,
    deviceId: DeviceId,
    seq: z
      .number()
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(Number.MAX_SAFE_INTEGER),
    table: TableNameSchema,
    rowId: recordId,
    fields: z
      .record(z.string().min(1).max(100), FieldChangeSchema)
      .refine((fields) => Object.keys(fields).length > 0, { error: 'must change at least one field' })
      .refine((fields) => Object.keys(fields).length <= MAX_FIELDS_PER_MUTATION, {
        error: `must change at most ${MAX_FIELDS_PER_MUTATION} fields`,
      }),
  })
  .superRefine((m, ctx) => {
    for (const [field, change] of Object.entries(m.fields)) {
      if (isHlc(change.hlc) && hlcNode(change.hlc) !== m.deviceId) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', field, 'hlc'],
          message: 'must be stamped by the mutation’s own device',
        });
      }
    }
  });
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object(
  {
    mutations: z
      .array(Mutation, { error: 'must be a list of mutations' })
      .min(1, { error: 'must hold at least one mutation' })
      .max(MAX_PUSH_MUTATIONS, {
        error: `must hold at most ${MAX_PUSH_MUTATIONS} mutations; split the batch`,
      }),
  },
  { error: 'must be a JSON object like {"mutations": [...]}' },
);
export type PushRequest = z.infer<typeof PushRequest>;

const version = z.number().int().nonnegative();
const rowKeyShape = { table: TableNameSchema, id: recordId, version };

/** A row as the server has it for one caller (§6): whole, deleted, or no longer readable. */
export const SyncChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('upsert'),
    ...rowKeyShape,
    record: z.record(z.string(), z.unknown()),
    clocks: z.record(z.string(), Hlc),
  }),
  z.object({ kind: z.literal('delete'), ...rowKeyShape }),
  z.object({ kind: z.literal('revoke'), ...rowKeyShape }),
]);
export type SyncChange = z.infer<typeof SyncChange>;

export const RejectCode = z.enum([
  'forbidden',
  'immutable_field',
  'unknown_field',
  'invalid_record',
  'sequence_reused',
]);
export type RejectCode = z.infer<typeof RejectCode>;

const resultKey = { mutationId: recordId, seq: z.number().int() };

/** The server's answer for one mutation (§4). `duplicate` was applied by an earlier request. */
export const PushResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied'), ...resultKey, version }),
  z.object({ status: z.literal('duplicate'), ...resultKey, version }),
  z.object({
    status: z.literal('rejected'),
    ...resultKey,
    code: RejectCode,
    message: z.string(),
    /** The row as the server has it for this caller; null when there is none they may know of. */
    current: SyncChange.nullable(),
  }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult), serverTime: z.number().int() });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  cursor: z.string().max(100, { error: 'must be a cursor this server returned' }).optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_PULL_LIMIT, { error: `must be at most ${MAX_PULL_LIMIT}` })
    .optional(),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const PullResponse = z.object({
  changes: z.array(SyncChange),
  /** Opaque: send it back as `cursor` on the next pull. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;
