// Client side of pushing (docs/sync-protocol.md §3-§4): turning a local edit into an outbox entry,
// choosing what to send, and reading the server's answer.
import type { TableName } from '../schemas/tables';
import { type HlcClock, tickHlc } from './hlc';
import { MAX_PUSH_MUTATIONS, PUSH_BODY_TARGET_BYTES } from './limits';
import type { FieldChange, FieldClocks } from './merge';
import { sameValue } from './same-value';
import type { Mutation, PushResponse, RejectCode, SyncChange } from './wire';

/** A row as a device keeps it: the record, its field stamps, and the server version it is based on. */
export interface LocalRow {
  record: Record<string, unknown>;
  clocks: FieldClocks;
  /** Version of the server state this row was last rebased on; null until the server has sent it. */
  version: number | null;
}

/**
 * Top-level fields whose values differ (a missing field and `undefined` are the same).
 * @example changedFields({ a: 1, b: [1] }, { a: 2, b: [1] }) // ['a']
 */
export function changedFields(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>>,
): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((key) => !sameValue(before?.[key], after[key]));
}

export interface StampChangeInput {
  table: TableName;
  /** The row before the edit; null for a create. */
  before: LocalRow | null;
  /** The whole record after the edit, already validated with the shared schema. */
  after: Record<string, unknown>;
  /** The device clock; its node is the device id. */
  clock: HlcClock;
  now: number;
  /** The device's next sequence number. */
  seq: number;
  /** A fresh UUIDv7 (newId()). */
  mutationId: string;
}

/**
 * Turns a local edit into an outbox entry: every changed field is stamped with one tick of the
 * device clock. Write the returned row and mutation in one local transaction and keep the clock.
 * Returns null when nothing changed (then nothing is written and no seq is used).
 * @example stampChange({ table: 'contacts', before, after, clock, now: Date.now(), seq, mutationId: newId() })
 */
export function stampChange({
  table,
  before,
  after,
  clock,
  now,
  seq,
  mutationId,
}: StampChangeInput): { mutation: Mutation; row: LocalRow; clock: HlcClock } | null {
  const changed = changedFields(before?.record ?? null, after);
  if (changed.length === 0) return null;
  const tick = tickHlc(clock, now);
  const fields: Record<string, FieldChange> = {};
  const clocks = { ...before?.clocks };
  for (const field of changed) {
    fields[field] =
      after[field] === undefined ? { hlc: tick.stamp } : { value: after[field], hlc: tick.stamp };
    clocks[field] = tick.stamp;
  }
  const mutation = {
    mutationId,
    deviceId: clock.node,
    seq,
    table,
    rowId: String(after.id),
    fields,
  } as Mutation;
  return { mutation, row: { record: after, clocks, version: before?.version ?? null }, clock: tick.clock };
}

/**
 * The next push: the oldest outbox entries in seq order (the prefix rule, §4), as many as fit
 * `maxMutations` and `maxBytes` of JSON, and always at least one.
 * @example const batch = nextPushBatch(await db.outbox.orderBy('seq').toArray())
 */
export function nextPushBatch(
  outbox: readonly Mutation[],
  { maxMutations = MAX_PUSH_MUTATIONS, maxBytes = PUSH_BODY_TARGET_BYTES } = {},
): Mutation[] {
  const sorted = [...outbox].sort((a, b) => a.seq - b.seq);
  const batch: Mutation[] = [];
  let bytes = 20; // {"mutations":[]}
  for (const mutation of sorted) {
    if (batch.length === maxMutations) break;
    const size = JSON.stringify(mutation).length + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(mutation);
    bytes += size;
  }
  return batch;
}

export interface PushPlan {
  /** Outbox entries the server answered for: delete them. */
  done: string[];
  /** Rows to rebase on the server's state (rebaseRow with the remaining pending entries). */
  resets: { table: TableName; id: string; current: SyncChange | null }[];
  /** What to tell the user: mutations the server refused, and why. */
  rejected: { mutationId: string; table: TableName; rowId: string; code: RejectCode; message: string }[];
}

/**
 * Reads a push response against the batch that was sent. An entry without a result stays in the
 * outbox (it is sent again; the server's idempotency makes that safe).
 * @example const plan = planPushResults(batch, PushResponse.parse(await res.json()))
 */
export function planPushResults(batch: readonly Mutation[], response: PushResponse): PushPlan {
  const sent = new Map(batch.map((m) => [m.mutationId, m]));
  const plan: PushPlan = { done: [], resets: [], rejected: [] };
  for (const result of response.results) {
    const mutation = sent.get(result.mutationId);
    if (!mutation) continue;
    plan.done.push(mutation.mutationId);
    if (result.status !== 'rejected') continue;
    plan.resets.push({ table: mutation.table, id: mutation.rowId, current: result.current });
    plan.rejected.push({
      mutationId: mutation.mutationId,
      table: mutation.table,
      rowId: mutation.rowId,
      code: result.code,
      message: result.message,
    });
  }
  return plan;
}
