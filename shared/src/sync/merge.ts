import { hlcNode } from './hlc';
import { sameValue } from './same-value';

/** A new value of one field and the stamp of its write. A change without `value` clears the field. */
export interface FieldChange {
  value?: unknown;
  hlc: string;
}

/** The stamp of the write that set each field; a field without one loses to any stamp. */
export type FieldClocks = Record<string, string>;

/** A row as merging sees it: the record and its field clocks. */
export interface RowState {
  record: Record<string, unknown>;
  clocks: FieldClocks;
}

export type LossReason = 'overwritten' | 'stale' | 'deleted';

/** A value that merging dropped, for the conflict log: nothing acknowledged vanishes without a trace. */
export interface FieldLoss {
  field: string;
  value: unknown;
  /** Stamp of the dropped value ('' when it had none). */
  hlc: string;
  /** Stamp of the value that won ('' when a tombstone without a stamp won). */
  beatenBy: string;
  reason: LossReason;
}

export type MergeResult =
  | { ok: true; state: RowState; changed: string[]; losses: FieldLoss[] }
  | { ok: false; code: 'immutable_field'; field: string; message: string };

/** Fields fixed at creation: ownership and identity are not last-writer-wins. */
export const IMMUTABLE_FIELDS: readonly string[] = ['id', 'ownerId', 'createdAt'];

/**
 * Append-only tables (the loyalty ledger, 积分): an entry, once it exists, keeps its values and is
 * never deleted; a mistake is corrected by a new entry. Only sharing and bookkeeping may change.
 */
export const APPEND_ONLY_TABLES: ReadonlySet<string> = new Set(['loyalty']);
const APPEND_ONLY_MUTABLE: ReadonlySet<string> = new Set([
  'visibility',
  'teamId',
  'updatedAt',
  'schemaVersion',
]);

/**
 * Why a change to an existing row of an append-only table is refused (its first changed field),
 * or null when the table is not append-only, the row is new, or nothing protected changes.
 */
export function appendOnlyRefusal(
  table: string,
  current: Readonly<Record<string, unknown>> | null,
  fields: Readonly<Record<string, FieldChange>>,
): { field: string; message: string } | null {
  if (!current || !APPEND_ONLY_TABLES.has(table)) return null;
  for (const [field, change] of Object.entries(fields)) {
    if (APPEND_ONLY_MUTABLE.has(field) || sameValue(change.value, current[field])) continue;
    return {
      field,
      message: `${field} cannot change: ${table} entries are append-only; record a correcting entry instead`,
    };
  }
  return null;
}

/** Bookkeeping every mutation touches; logging them would bury the real conflicts. */
export const UNLOGGED_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'schemaVersion', 'deletedAt']);

const isDeleted = (record: Record<string, unknown>) =>
  record.deletedAt !== null && record.deletedAt !== undefined;

function setField(state: RowState, field: string, { value, hlc }: FieldChange) {
  if (value === undefined) delete state.record[field];
  else state.record[field] = value;
  state.clocks[field] = hlc;
}

/**
 * Merges one mutation's field changes into a row (docs/sync-protocol.md §4): per field, the greater
 * stamp wins; a delete beats any update and a deleted row stays deleted; id, ownerId and createdAt
 * never change. Returns the new state, the fields whose value or stamp changed, and the values lost
 * to another device (a device overwriting its own earlier value is an edit, not a conflict).
 * The caller validates the merged record (parseRecord). `current` is not modified.
 * @example mergeFields(stored, mutation.fields)
 */
export function mergeFields(
  current: Readonly<RowState> | null,
  fields: Readonly<Record<string, FieldChange>>,
): MergeResult {
  if (current) {
    for (const field of IMMUTABLE_FIELDS) {
      const change = fields[field];
      if (change && !sameValue(change.value, current.record[field])) {
        return {
          ok: false,
          code: 'immutable_field',
          field,
          message: `${field} cannot change once a record exists; create a new record instead`,
        };
      }
    }
  }
  const state: RowState = { record: { ...current?.record }, clocks: { ...current?.clocks } };
  const wasDeleted = isDeleted(state.record);
  const changed: string[] = [];
  const losses: FieldLoss[] = [];

  for (const [field, change] of Object.entries(fields)) {
    const stored = state.clocks[field];
    const storedValue = state.record[field];
    const logged = !UNLOGGED_FIELDS.has(field) && !sameValue(change.value, storedValue);
    if (wasDeleted) {
      if (logged) {
        losses.push({
          field,
          value: change.value,
          hlc: change.hlc,
          beatenBy: state.clocks.deletedAt ?? '',
          reason: 'deleted',
        });
      }
      continue;
    }
    if (change.hlc === stored) continue;
    // A delete wins whatever the stamps: deletedAt set beats deletedAt null.
    const deleting = field === 'deletedAt' && change.value !== null && change.value !== undefined;
    const wins = deleting || stored === undefined || change.hlc > stored;
    const otherDevice = stored !== undefined && hlcNode(stored) !== hlcNode(change.hlc);
    if (wins) {
      if (logged && otherDevice) {
        losses.push({ field, value: storedValue, hlc: stored!, beatenBy: change.hlc, reason: 'overwritten' });
      }
      setField(state, field, change);
      changed.push(field);
    } else if (logged && otherDevice) {
      losses.push({ field, value: change.value, hlc: change.hlc, beatenBy: stored!, reason: 'stale' });
    }
  }
  return { ok: true, state, changed, losses };
}
