// The client half of docs/sync-protocol.md §3: every local change of a synced row is stamped with the
// device clock (the shared `stampChange`) and queued in the outbox, in the transaction that writes
// the row. Also the compact storage forms of mutations and field stamps.
import {
  createHlc,
  type FieldClocks,
  type HlcClock,
  MAX_PUSH_MUTATIONS,
  type Mutation,
  newId,
  stampChange,
  type TableName,
} from '@keepcard/shared';
import type { EntityTable, Transaction } from 'dexie';
import type { ContactRow, OutboxChunk, OutboxEntry, RowSync, SyncStateRow } from './db';

/** The device's sync identity and counters, kept in `syncState` under DEVICE_KEY. */
export interface DeviceState {
  /** A lower-case UUIDv7, made on first use; also the HLC node. */
  deviceId: string;
  clock: HlcClock;
  /** The last sequence number used: the next outbox entry gets seq + 1. */
  seq: number;
  /** Outbox entries not answered yet (kept here so counting them reads no entries). */
  pending: number;
}

export const DEVICE_KEY = 'device';

/** Keys the repository keeps beside a record; they are not record fields and never sync. */
const NOT_FIELDS: Record<string, readonly string[]> = {
  contacts: ['emailKeys', 'phoneKeys', 'nameKey', 'localRev', 'syncMeta'],
  companies: ['orgKey', 'localRev', 'syncMeta'],
};
const SYNC_ONLY = ['syncMeta'];

/** The record part of a stored row: without the keys the repository derived or sync keeps. */
export function recordOf(table: TableName, row: object): Record<string, unknown> {
  const record = { ...(row as Record<string, unknown>) };
  for (const key of NOT_FIELDS[table] ?? SYNC_ONLY) delete record[key];
  return record;
}

/**
 * The compact form of a mutation. Throws on a mutation with several stamps (a bug: `stampChange`
 * ticks once per mutation).
 */
export function toOutboxEntry(mutation: Mutation): OutboxEntry {
  const set: Record<string, unknown> = {};
  const cleared: string[] = [];
  let hlc: string | null = null;
  for (const [field, change] of Object.entries(mutation.fields)) {
    if (hlc !== null && change.hlc !== hlc)
      throw new Error(`Mutation ${mutation.mutationId} has several stamps`);
    hlc = change.hlc;
    if (change.value === undefined) cleared.push(field);
    else set[field] = change.value;
  }
  const { mutationId, deviceId, seq, table, rowId } = mutation;
  return { seq, mutationId, deviceId, table, rowId, hlc: hlc ?? '', set, cleared };
}

/** The wire mutation of an outbox entry (docs/sync-protocol.md §3). */
export function toMutation(entry: OutboxEntry): Mutation {
  const fields: Mutation['fields'] = {};
  for (const [field, value] of Object.entries(entry.set))
    fields[field] = { value: value as never, hlc: entry.hlc };
  for (const field of entry.cleared) fields[field] = { hlc: entry.hlc };
  const { mutationId, deviceId, seq, table, rowId } = entry;
  return { mutationId, deviceId, seq, table, rowId, fields };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Outbox entries (in seq order, at least one) as the record that stores them. Values are JSON already. */
export function encodeChunk(entries: readonly OutboxEntry[]): OutboxChunk {
  return { seq: entries[0]!.seq, count: entries.length, data: encoder.encode(JSON.stringify(entries)) };
}

export function decodeChunk(chunk: OutboxChunk): OutboxEntry[] {
  return JSON.parse(decoder.decode(chunk.data)) as OutboxEntry[];
}

/** Outbox entries, in seq order, as the records that store them (at most MAX_PUSH_MUTATIONS each). */
export function chunksOf(entries: readonly OutboxEntry[]): OutboxChunk[] {
  const chunks: OutboxChunk[] = [];
  for (let i = 0; i < entries.length; i += MAX_PUSH_MUTATIONS)
    chunks.push(encodeChunk(entries.slice(i, i + MAX_PUSH_MUTATIONS)));
  return chunks;
}

/** Field stamps of a row's server state, given the record they stamp. */
export function expandClocks(
  meta: RowSync | undefined,
  record: Readonly<Record<string, unknown>>,
): FieldClocks {
  const clocks: FieldClocks = {};
  if (!meta) return clocks;
  if (meta.base !== null) for (const field of Object.keys(record)) clocks[field] = meta.base;
  return Object.assign(clocks, meta.fields);
}

/** The compact form of field stamps: the most frequent stamp as `base`, the others listed. */
export function compactClocks(clocks: Readonly<FieldClocks>): Pick<RowSync, 'base' | 'fields'> {
  // Most rows were written in one change: every field has the same stamp (no counting needed).
  let only: string | null = null;
  let one = true;
  for (const field in clocks) {
    const stamp = clocks[field]!;
    if (only === null) only = stamp;
    else if (stamp !== only) {
      one = false;
      break;
    }
  }
  if (one) return { base: only, fields: {} };
  const counts = new Map<string, number>();
  for (const stamp of Object.values(clocks)) counts.set(stamp, (counts.get(stamp) ?? 0) + 1);
  let base: string | null = null;
  let best = 0;
  for (const [stamp, n] of counts) {
    if (n > best) {
      base = stamp;
      best = n;
    }
  }
  const fields: Record<string, string> = {};
  for (const [field, stamp] of Object.entries(clocks)) if (stamp !== base) fields[field] = stamp;
  return { base, fields };
}

/** The tables `queueChanges` reads and writes, whatever transaction it runs in. */
export interface OutboxTables {
  contacts: EntityTable<ContactRow, 'id'>;
  outbox: EntityTable<OutboxChunk, 'seq'>;
  syncState: EntityTable<SyncStateRow, 'key'>;
}

/** A device state with a new device id (`newId()`: a lower-case UUIDv7, also the HLC node). */
export function newDevice(): DeviceState {
  const deviceId = newId();
  return { deviceId, clock: createHlc(deviceId), seq: 0, pending: 0 };
}

/** The stored device state, or a new one (stored by the caller's next save) on first use. */
export async function loadDevice(syncState: EntityTable<SyncStateRow, 'key'>): Promise<DeviceState> {
  const stored = (await syncState.get(DEVICE_KEY))?.value as DeviceState | undefined;
  return stored ?? newDevice();
}

export function saveDevice(
  syncState: EntityTable<SyncStateRow, 'key'>,
  device: DeviceState,
): Promise<string> {
  return syncState.put({ key: DEVICE_KEY, value: device });
}

/** A change of one row, as the repository is about to store it. */
export interface RowChange {
  /** The stored row before; null for a create. */
  before: object | null;
  after: object & { id: string; syncMeta?: RowSync };
  /** The record of `after` (without derived keys), when the caller has it: saves stripping them. */
  record?: Record<string, unknown>;
}

const isDemo = (contact: ContactRow | undefined) => contact?.source?.kind === 'demo';

/**
 * Rows that are never pushed: sample contacts (`source.kind: 'demo'`), the records of a sample
 * contact, and rows created with `localOnly` (the sample book's companies), which are marked so that
 * their later changes stay local too.
 */
async function localOnlyIds(
  tables: OutboxTables,
  table: TableName,
  changes: readonly RowChange[],
  localOnly: boolean,
): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const { after } of changes) if (localOnly || after.syncMeta?.localOnly) ids.add(after.id);
  if (table === 'contacts') {
    for (const { after } of changes) if (isDemo(after as ContactRow)) ids.add(after.id);
    return ids;
  }
  const contactOf = (after: object) => (after as { contactId?: string | null }).contactId ?? null;
  const contactIds = [
    ...new Set(changes.map((c) => contactOf(c.after)).filter((id): id is string => id !== null)),
  ];
  if (contactIds.length === 0) return ids;
  const demo = new Set((await tables.contacts.bulkGet(contactIds)).filter(isDemo).map((c) => c!.id));
  for (const { after } of changes) {
    const contactId = contactOf(after);
    if (contactId !== null && demo.has(contactId)) ids.add(after.id);
  }
  return ids;
}

/**
 * Stamps each change with the device clock (`stampChange`) and queues one outbox entry per changed
 * row, with the advanced clock and sequence number. The stamps of these edits live in their outbox
 * entries until the server has answered (then the row comes back from the server with them); the row
 * keeps the server's stamps in `syncMeta`. Call inside the transaction that writes the rows (scope
 * `writeTables`), so a row and its outbox entry are stored together or not at all. Rows that must
 * stay local are marked in `after.syncMeta` (the caller stores `after`).
 */
export async function queueChanges(
  tables: OutboxTables,
  table: TableName,
  changes: readonly RowChange[],
  { now, localOnly = false }: { now: number; localOnly?: boolean },
): Promise<void> {
  if (changes.length === 0) return;
  const skipped = await localOnlyIds(tables, table, changes, localOnly);
  const device = await loadDevice(tables.syncState);
  let { clock, seq } = device;
  const entries: OutboxEntry[] = [];
  for (const { before, after, record } of changes) {
    if (skipped.has(after.id)) {
      after.syncMeta = { version: null, base: null, fields: {}, ...after.syncMeta, localOnly: true };
      continue;
    }
    const stamped = stampChange({
      table,
      // stampChange reads no earlier stamps: it stamps the changed fields with one new tick.
      before: before && { record: recordOf(table, before), clocks: {}, version: null },
      after: record ?? recordOf(table, after),
      clock,
      now,
      seq: seq + 1,
      mutationId: newId(),
    });
    if (!stamped) continue;
    seq += 1;
    clock = stamped.clock;
    entries.push(toOutboxEntry(stamped.mutation));
  }
  if (entries.length === 0) return;
  await tables.outbox.bulkAdd(chunksOf(entries));
  await saveDevice(tables.syncState, { ...device, clock, seq, pending: device.pending + entries.length });
}

const PRE_SYNC_TABLES: ReadonlySet<TableName> = new Set([
  'contacts',
  'companies',
  'notes',
  'interactions',
  'purchases',
  'feedback',
  'tasks',
]);

/**
 * Database upgrade to v4: rows written before sync existed are queued as creates, so they reach the
 * server on the first push like any later write (tombstones are not: nothing to tell a server that
 * never had the row).
 */
export async function queueExistingRows(tx: Transaction, now: number): Promise<void> {
  const tables: OutboxTables = {
    contacts: tx.table('contacts'),
    outbox: tx.table('outbox'),
    syncState: tx.table('syncState'),
  };
  // Companies first, as the repository writes them: a contact's company exists when it arrives.
  // The synced tables that existed before sync (v1-v3): a table added later (loyalty, v5) never
  // holds rows written before sync.
  const synced = [...PRE_SYNC_TABLES].filter((t) => t !== 'companies');
  for (const table of ['companies', ...synced] as TableName[]) {
    const rows = (await tx.table(table).toArray()) as (object & { id: string; deletedAt: number | null })[];
    const live = rows.filter((row) => row.deletedAt === null);
    await queueChanges(
      tables,
      table,
      live.map((after) => ({ before: null, after })),
      { now },
    );
    const marked = live.filter((row) => (row as { syncMeta?: RowSync }).syncMeta?.localOnly);
    if (marked.length > 0) await tx.table(table).bulkPut(marked);
  }
}
