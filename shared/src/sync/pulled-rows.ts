// Client side of pulling (docs/sync-protocol.md §6): the server's row with this device's pending
// edits on top, in the same merge the server will run.

import type { TableName } from '../schemas/tables';
import { parseRecord } from '../schemas/validation';
import type { LocalRow } from './local-changes';
import { mergeFields, type RowState } from './merge';
import type { Mutation, SyncChange } from './wire';

/** The key a device files a row under: `contacts/<id>`. */
export const rowKey = (table: string, id: string) => `${table}/${id}`;

export type RowOutcome = { kind: 'put'; row: LocalRow } | { kind: 'remove' };

function parsed(table: TableName, state: RowState): RowState | null {
  try {
    return { record: parseRecord(table, state.record) as Record<string, unknown>, clocks: state.clocks };
  } catch {
    return null;
  }
}

/**
 * The local row to keep, given the server's state of it (`server`; null when the server has none
 * for this device) and this device's pending outbox entries for it, in seq order. Pending edits are
 * merged over the server's state with the server's own merge, so the row shows what the server will
 * make of them. A deleted or revoked row is removed (its pending entries stay in the outbox: the
 * server logs them). A pending edit that would not make a valid record is left out of the picture.
 * @example rebaseRow('contacts', change, pendingFor('contacts', change.id))
 */
export function rebaseRow(
  table: TableName,
  server: SyncChange | null,
  pending: readonly Mutation[],
): RowOutcome {
  if (server && server.kind !== 'upsert') return { kind: 'remove' };
  let state: RowState | null = server ? { record: server.record, clocks: server.clocks } : null;
  for (const mutation of pending) {
    const merged = mergeFields(state, mutation.fields);
    if (!merged.ok) continue;
    const valid = parsed(table, merged.state);
    if (valid) state = valid;
  }
  if (!state) return { kind: 'remove' };
  return {
    kind: 'put',
    row: { record: state.record, clocks: state.clocks, version: server?.version ?? null },
  };
}

export interface LocalSyncState {
  /** Server version of each local row, by rowKey (null: local only so far). Rows not here are absent. */
  versions: ReadonlyMap<string, number | null>;
  /** Pending outbox entries by rowKey, in seq order. */
  pending: ReadonlyMap<string, readonly Mutation[]>;
}

export interface PullOp {
  table: TableName;
  id: string;
  key: string;
  outcome: RowOutcome;
}

/**
 * What to write for one pulled page. Apply the ops and the page's cursor in one local transaction.
 * A change older than the version the device already has (e.g. from a push answer) is skipped.
 * @example for (const op of planPullPage(page.changes, local)) ...
 */
export function planPullPage(changes: readonly SyncChange[], local: LocalSyncState): PullOp[] {
  const ops: PullOp[] = [];
  for (const change of changes) {
    const key = rowKey(change.table, change.id);
    const have = local.versions.get(key);
    if (have != null && have > change.version) continue;
    const outcome = rebaseRow(change.table, change, local.pending.get(key) ?? []);
    if (outcome.kind === 'remove' && !local.versions.has(key)) continue;
    ops.push({ table: change.table, id: change.id, key, outcome });
  }
  return ops;
}

/**
 * The greatest field stamp in a page, for receiveHlc; null when the page has none.
 * @example if (stamp) clock = receiveHlc(clock, stamp, Date.now())
 */
export function maxStampOfPage(changes: readonly SyncChange[]): string | null {
  let max: string | null = null;
  for (const change of changes) {
    if (change.kind !== 'upsert') continue;
    for (const stamp of Object.values(change.clocks)) if (max === null || stamp > max) max = stamp;
  }
  return max;
}

/**
 * After a refetch from the start (410 cursor_expired): the local rows to drop, i.e. rows that came
 * from the server (have a version), were not received again, and have no pending outbox entry.
 * @example rowsMissingAfterRefetch(localVersions, receivedKeys, pendingKeys)
 */
export function rowsMissingAfterRefetch(
  versions: ReadonlyMap<string, number | null>,
  received: ReadonlySet<string>,
  pending: ReadonlySet<string>,
): string[] {
  return [...versions]
    .filter(([key, version]) => version !== null && !received.has(key) && !pending.has(key))
    .map(([key]) => key);
}
