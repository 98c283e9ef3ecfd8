// Push (docs/sync-protocol.md §4): one transaction per batch, idempotent by (device, seq), per-field
// last-writer-wins with the shared merge, access checked per mutation, everything dropped logged.
import {
  appendOnlyRefusal,
  clampHlc,
  type FieldChange,
  type FieldLoss,
  MAX_CLOCK_AHEAD_MS,
  type Mutation,
  mergeFields,
  type PushResponse,
  type PushResult,
  parseRecord,
  type RejectCode,
  rowKey,
  tableSchemas,
  ValidationError,
} from '@keepcard/shared';
import {
  type AccessRow,
  type Assignable,
  assigneeRefusal,
  audienceOf,
  changeFor,
  type Owned,
  type Principal,
  type Role,
  writeRefusal,
} from '../auth/access';
import { upsertRecords } from '../storage/record-queries';
import type { Queryable, Storage } from '../storage/storage';
import { lockSyncState, notify, saveSyncState } from '../storage/sync-state';
import { selectRows } from './sync-rows';

/** Field names each table accepts: its schema's keys (zod would silently drop unknown ones). */
const FIELDS = Object.fromEntries(
  Object.entries(tableSchemas).map(([table, schema]) => [table, new Set(Object.keys(schema.shape))]),
) as Record<keyof typeof tableSchemas, Set<string>>;

class Rejection extends Error {
  constructor(
    readonly code: RejectCode,
    message: string,
  ) {
    super(message);
  }
}

interface ConflictRow {
  version: number;
  table_name: string;
  row_id: string;
  field: string;
  value: unknown;
  hlc: string;
  beaten_by: string;
  reason: FieldLoss['reason'] | 'rejected';
  mutation_id: string;
  device_id: string;
}

interface KnownMutation {
  seq: string | number;
  mutation_id: string;
  status: 'applied' | 'rejected';
  version: string | number | null;
  code: RejectCode | null;
  message: string | null;
}

/**
 * Applies a batch of the caller's mutations and answers for each, in request order.
 * @param now the server clock, for clamping far-future stamps.
 */
export async function applyPush(
  storage: Storage,
  principal: Principal,
  mutations: readonly Mutation[],
  now: number,
): Promise<PushResponse> {
  const results = await storage.transaction(async (tx) => {
    const state = await lockSyncState(tx);
    let { version, clamp } = state;

    const known = new Map(
      (
        await tx.query<KnownMutation>(
          `SELECT seq, mutation_id, status, version, code, message FROM sync_mutations
           WHERE device_id = $1 AND seq = ANY($2::bigint[])`,
          [principal.deviceId, mutations.map((m) => m.seq)],
        )
      ).map((k) => [Number(k.seq), k]),
    );
    const rows = new Map<string, AccessRow>(
      (
        await selectRows(
          tx,
          mutations.map((m) => ({ table: m.table, id: m.rowId })),
        )
      ).map((r) => [rowKey(r.table, r.id), r]),
    );
    const roleOf = await assigneeRoles(tx, mutations, rows.values());
    const changed = new Set<string>();
    const notifyAudience = new Set<string>();
    const conflicts: ConflictRow[] = [];
    const logged: {
      mutation: Mutation;
      status: 'applied' | 'rejected';
      version: number | null;
      code?: string;
      message?: string;
    }[] = [];
    const bySeq = new Map<number, PushResult>();

    const rejected = (m: Mutation, code: RejectCode, message: string): PushResult => ({
      status: 'rejected',
      mutationId: m.mutationId,
      seq: m.seq,
      code,
      message,
      current: changeFor(principal, rows.get(rowKey(m.table, m.rowId)) ?? null),
    });

    const answer = (m: Mutation): PushResult => {
      const earlier = known.get(m.seq);
      if (earlier) {
        if (earlier.mutation_id !== m.mutationId) {
          return rejected(
            m,
            'sequence_reused',
            `Sequence number ${m.seq} of this device was used by another mutation`,
          );
        }
        // Answered before: the same answer, without applying or logging anything again.
        return earlier.status === 'applied'
          ? { status: 'duplicate', mutationId: m.mutationId, seq: m.seq, version: Number(earlier.version) }
          : rejected(m, earlier.code ?? 'invalid_record', earlier.message ?? 'Rejected earlier');
      }
      const key = rowKey(m.table, m.rowId);
      const before = rows.get(key) ?? null;
      try {
        const fields = clampFields(m);
        const appendOnly = appendOnlyRefusal(m.table, before?.record ?? null, fields);
        if (appendOnly) throw new Rejection('immutable_field', appendOnly.message);
        const merged = mergeFields(before && { record: before.record, clocks: before.clocks }, fields);
        if (!merged.ok) throw new Rejection(merged.code, merged.message);
        const record = parseMerged(m, merged.state.record);
        const refusal = writeRefusal(principal, before && (before.record as unknown as Owned), record);
        if (refusal) throw new Rejection('forbidden', refusal);
        const assignee = record as Assignable;
        const assigneeProblem = assigneeRefusal(
          before && (before.record as unknown as Assignable),
          assignee,
          assignee.teamId === null || !assignee.assigneeId
            ? undefined
            : roleOf.get(`${assignee.teamId}/${assignee.assigneeId}`.toLowerCase()),
        );
        if (assigneeProblem) throw new Rejection('forbidden', assigneeProblem);
        version += 1;
        const audience = audienceOf(record);
        const row: AccessRow = {
          table: m.table,
          id: m.rowId,
          version,
          record,
          clocks: merged.state.clocks,
          audience,
          pastAudience: [...new Set([...(before?.pastAudience ?? []), ...audience])],
        };
        rows.set(key, row);
        changed.add(key);
        for (const token of row.pastAudience) notifyAudience.add(token);
        for (const loss of merged.losses) conflicts.push(conflictRow(m, version, loss, loss.reason));
        logged.push({ mutation: m, status: 'applied', version });
        return { status: 'applied', mutationId: m.mutationId, seq: m.seq, version };
      } catch (error) {
        if (!(error instanceof Rejection)) throw error;
        for (const [field, { value, hlc }] of Object.entries(m.fields)) {
          conflicts.push(conflictRow(m, version, { field, value, hlc, beatenBy: error.code }, 'rejected'));
        }
        logged.push({
          mutation: m,
          status: 'rejected',
          version: null,
          code: error.code,
          message: error.message,
        });
        return rejected(m, error.code, error.message);
      }
    };

    /** Far-future stamps become ticks of the server's clamp clock (§2). */
    const clampFields = (m: Mutation): Record<string, FieldChange> => {
      const fields: Record<string, FieldChange> = {};
      for (const [field, change] of Object.entries(m.fields)) {
        if (!FIELDS[m.table].has(field)) {
          throw new Rejection('unknown_field', `${m.table} has no field ${field}`);
        }
        const clamped = clampHlc(change.hlc, clamp, now + MAX_CLOCK_AHEAD_MS);
        clamp = clamped.clamp;
        fields[field] = { ...change, hlc: clamped.stamp };
      }
      return fields;
    };

    const results = mutations.map((m) => {
      // A seq repeated inside one batch counts once: later copies get the first one's answer.
      const first = bySeq.get(m.seq);
      if (first?.mutationId !== undefined && first.mutationId !== m.mutationId) {
        return rejected(m, 'sequence_reused', `Sequence number ${m.seq} appears twice in this batch`);
      }
      if (first) return first.status === 'applied' ? { ...first, status: 'duplicate' as const } : first;
      const result = answer(m);
      bySeq.set(m.seq, result);
      return result;
    });

    await upsertRecords(
      tx,
      [...changed].map((key) => {
        const row = rows.get(key)!;
        return { table: row.table, record: row.record as never, clocks: row.clocks, version: row.version };
      }),
    );
    await insertJson(
      tx,
      'sync_mutations',
      logged.map(({ mutation: m, status, version: v, code, message }) => ({
        device_id: m.deviceId,
        seq: m.seq,
        mutation_id: m.mutationId,
        table_name: m.table,
        row_id: m.rowId,
        status,
        version: v,
        code: code ?? null,
        message: message ?? null,
      })),
    );
    await insertJson(tx, 'sync_conflicts', conflicts);
    if (version !== state.version || clamp !== state.clamp) await saveSyncState(tx, { version, clamp });
    if (changed.size > 0) {
      await notify(tx, { kind: 'change', device: principal.deviceId, audience: [...notifyAudience] });
    }
    return results;
  });
  return { results, serverTime: now };
}

/**
 * The team roles of every user the batch's mutations or stored rows name as `assigneeId`, by `team/user`, read
 * inside the push transaction (so a membership change commits before or after the whole batch).
 */
async function assigneeRoles(
  tx: Queryable,
  mutations: readonly Mutation[],
  stored: Iterable<AccessRow>,
): Promise<Map<string, Role>> {
  const users = new Set<string>();
  const named = [
    ...mutations.map((m) => m.fields.assigneeId?.value),
    ...[...stored].map((r) => r.record.assigneeId),
  ];
  for (const value of named) {
    if (typeof value === 'string' && UUID.test(value)) users.add(value.toLowerCase());
  }
  if (users.size === 0) return new Map();
  const rows = await tx.query<{ team_id: string; user_id: string; role: Role }>(
    'SELECT team_id, user_id, role FROM memberships WHERE user_id = ANY($1::uuid[])',
    [[...users]],
  );
  return new Map(rows.map((r) => [`${r.team_id}/${r.user_id}`, r.role]));
}

/** User ids are UUIDs; anything else cannot be a member and must not reach a uuid cast. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The merged record, validated and normalised by the shared schema. */
function parseMerged(m: Mutation, record: Record<string, unknown>) {
  if (record.id !== m.rowId) throw new Rejection('invalid_record', `id must be the row id ${m.rowId}`);
  try {
    return parseRecord(m.table, record) as Record<string, unknown> & Owned;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new Rejection('invalid_record', `${error.message}; a new record must carry every required field`);
  }
}

function conflictRow(
  m: Mutation,
  version: number,
  loss: Omit<FieldLoss, 'reason'>,
  reason: ConflictRow['reason'],
): ConflictRow {
  return {
    version,
    table_name: m.table,
    row_id: m.rowId,
    field: loss.field,
    value: loss.value ?? null,
    hlc: loss.hlc,
    beaten_by: loss.beatenBy,
    reason,
    mutation_id: m.mutationId,
    device_id: m.deviceId,
  };
}

/** Inserts rows given as objects whose keys are the columns, in one statement (jsonb_populate_recordset). */
async function insertJson(tx: Queryable, table: string, rows: object[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).join(', ');
  await tx.query(
    `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}
