import {
  type Actor,
  APPEND_ONLY_TABLES,
  type InputOf,
  nameKey,
  newRecordBase,
  organizationKey,
  parseRecord,
  phoneKey,
  type RecordOf,
  type TableName,
  tableNames,
  ValidationError,
} from '@keepcard/shared';
import type { Table } from 'dexie';
import { type CompanyRow, type ContactRow, getDb, type HistoryRow, type KeepcardDB, type Synced } from './db';
import { nextRevs } from './local-rev';
import { queueChanges, type RowChange } from './outbox';
import { BatchValidationError } from './record-reads';
import { toStorageError } from './storage-errors';

export { nextRevs } from './local-rev';
export { BatchValidationError, historyOf } from './record-reads';

/** Who writes, when, and why: time is a parameter so tests and imports control it. */
export interface WriteContext {
  actor: Actor;
  now: number;
  db?: KeepcardDB;
  /** Recorded in the history of replaced values; 'edit' when not given. */
  cause?: HistoryRow['cause'];
  /**
   * Rows created with this are never pushed to a server, nor are their later changes (the sample
   * book's records). Sample contacts (`source.kind: 'demo'`) and their records stay local anyway.
   */
  localOnly?: boolean;
}

/**
 * Every table a write through this repository touches: the record tables, the change counter and
 * history, and sync's outbox, field stamps and device state. A caller that wraps repository calls in
 * its own transaction opens it over these (`db.transaction('rw', writeTables(db), ...)`): IndexedDB
 * cannot widen a transaction once it runs. Every write already takes `meta`, so a wider scope costs
 * no concurrency.
 */
export function writeTables(db: KeepcardDB): Table[] {
  return [...tableNames.map((t) => db.table(t)), db.meta, db.history, db.outbox, db.syncState];
}

/** The fields a caller supplies for a new record; the repository fills id, owner and timestamps. */
export type NewRecord<T extends TableName> = Omit<
  InputOf<T>,
  'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'ownerId' | 'teamId' | 'schemaVersion' | 'visibility'
> &
  Partial<Pick<InputOf<T>, 'visibility'>>;

/** A row as stored in Dexie: contacts and companies carry derived keys, the other tables are stored as parsed. */
export type StoredRow<T extends TableName> = T extends 'contacts'
  ? ContactRow
  : T extends 'companies'
    ? CompanyRow
    : Synced<RecordOf<T>>;

/** Tables whose rows carry a local change counter, read by the in-memory list index. */
const REVISED: ReadonlySet<TableName> = new Set<TableName>(['contacts', 'companies']);

/**
 * An edit or deletion of a record of an append-only table (APPEND_ONLY_TABLES: the loyalty ledger,
 * 积分) was refused. Its balance is the sum of its entries, so a mistake is corrected by a new entry
 * (see loyalty-repo). The one exception is removing the sample book, whose entries were never shared
 * (`syncMeta.localOnly`).
 */
export class AppendOnlyError extends Error {
  override readonly name = 'AppendOnlyError';
  constructor(
    readonly table: TableName,
    readonly attempted: 'edit' | 'delete',
  ) {
    super(
      `A ${table} entry cannot be ${attempted === 'edit' ? 'edited' : 'deleted'}: the ledger is append-only. Record a correcting entry instead.`,
    );
  }
}

/** Fields the repository derives or sync keeps; they never appear in the history of changes. */
const DERIVED = new Set(['emailKeys', 'phoneKeys', 'nameKey', 'orgKey', 'localRev', 'updatedAt', 'syncMeta']);

/** Adds the derived keys a table's rows need (`localRev` is set when the row is written). */
export function toStoredRow<T extends TableName>(table: T, record: RecordOf<T>, localRev = 0): StoredRow<T> {
  if (table === 'companies') {
    const company = record as RecordOf<'companies'>;
    return { ...company, orgKey: organizationKey(company.name), localRev } as StoredRow<T>;
  }
  if (table !== 'contacts') return record as StoredRow<T>;
  const contact = record as RecordOf<'contacts'>;
  const row: ContactRow = {
    ...contact,
    emailKeys: contact.emails.map((e) => e.address),
    phoneKeys: contact.phones.map(phoneKey),
    nameKey: nameKey(contact.displayName),
    localRev,
  };
  return row as StoredRow<T>;
}

function tableOf<T extends TableName>(db: KeepcardDB, table: T): Table<StoredRow<T>, string> {
  return db.table(table);
}

async function guarded<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationError || error instanceof AppendOnlyError) throw error;
    throw toStorageError(error);
  }
}

/** Builds and validates a new record; throws ValidationError naming the field. */
export function buildRecord<T extends TableName>(
  table: T,
  input: NewRecord<T>,
  ctx: WriteContext,
): RecordOf<T> {
  return parseRecord(table, { ...newRecordBase(ctx.actor, ctx.now), ...input });
}

/**
 * Writes rows in one transaction with their change counters (where the table has them), their field
 * stamps and one outbox entry per changed row (docs/sync-protocol.md §3): all of it or nothing.
 */
export function writeRows<T extends TableName>(
  db: KeepcardDB,
  table: T,
  changes: readonly (RowChange & { after: StoredRow<T> })[],
  mode: 'add' | 'put',
  ctx: WriteContext,
) {
  const store = tableOf(db, table);
  return db.transaction('rw', writeTables(db), async () => {
    const rows = changes.map((c) => c.after);
    if (REVISED.has(table)) {
      const first = await nextRevs(db, rows.length);
      rows.forEach((row, i) => {
        (row as { localRev: number }).localRev = first + i;
      });
    }
    await queueChanges(db, table, changes, { now: ctx.now, localOnly: ctx.localOnly ?? false });
    await (mode === 'add' ? store.bulkAdd(rows) : store.bulkPut(rows));
  });
}

/** Validates and stores a new record. */
export async function createRecord<T extends TableName>(
  table: T,
  input: NewRecord<T>,
  ctx: WriteContext,
): Promise<StoredRow<T>> {
  const record = buildRecord(table, input, ctx);
  const row = toStoredRow(table, record);
  await guarded(() =>
    writeRows(ctx.db ?? getDb(), table, [{ before: null, after: row, record }], 'add', ctx),
  );
  return row;
}

/**
 * Validates every row first, then writes them all in one transaction: either every row is stored
 * or none is (a rejected batch leaves no half-written state).
 */
export async function createRecords<T extends TableName>(
  table: T,
  inputs: readonly NewRecord<T>[],
  ctx: WriteContext,
): Promise<StoredRow<T>[]> {
  const changes: (RowChange & { after: StoredRow<T> })[] = [];
  const failures: { index: number; error: ValidationError }[] = [];
  inputs.forEach((input, index) => {
    try {
      const record = buildRecord(table, input, ctx);
      changes.push({ before: null, after: toStoredRow(table, record), record });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push({ index, error });
    }
  });
  if (failures.length > 0) throw new BatchValidationError(failures);
  await guarded(() => writeRows(ctx.db ?? getDb(), table, changes, 'add', ctx));
  return changes.map((c) => c.after);
}

/** The top-level fields whose value changed, as history rows (values kept as JSON text). */
export function replacedValues(
  table: TableName,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ctx: Pick<WriteContext, 'now' | 'cause'>,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (DERIVED.has(field)) continue;
    const oldValue = JSON.stringify(before[field] ?? null);
    const newValue = JSON.stringify(after[field] ?? null);
    if (oldValue === newValue) continue;
    rows.push({
      table,
      rowId: String(after.id),
      at: ctx.now,
      field,
      oldValue,
      newValue,
      cause: ctx.cause ?? 'edit',
    });
  }
  return rows;
}

/**
 * Applies a patch to a live record, validates the result and stores it; every replaced value goes
 * to the history, in the same transaction.
 * @throws Error when the record does not exist or was deleted.
 */
export async function updateRecord<T extends TableName>(
  table: T,
  id: string,
  patch: Partial<NewRecord<T>>,
  ctx: WriteContext,
): Promise<StoredRow<T>> {
  if (APPEND_ONLY_TABLES.has(table)) throw new AppendOnlyError(table, 'edit');
  const db = ctx.db ?? getDb();
  const store = tableOf(db, table);
  return guarded(() =>
    db.transaction('rw', writeTables(db), async () => {
      const current = await store.get(id);
      if (!current || current.deletedAt !== null) throw new Error(`No ${table} record with id ${id}`);
      const record = parseRecord(table, {
        ...current,
        ...patch,
        updatedAt: Math.max(ctx.now, current.updatedAt),
      });
      const row = toStoredRow(table, record);
      // What sync keeps beside the row (the server's version and stamps) is not part of the edit.
      if (current.syncMeta) row.syncMeta = current.syncMeta;
      const history = replacedValues(
        table,
        current as Record<string, unknown>,
        row as Record<string, unknown>,
        ctx,
      );
      if (history.length === 0) return current;
      await writeRows(db, table, [{ before: current, after: row }], 'put', ctx);
      await db.history.bulkAdd(history);
      return row;
    }),
  );
}

/** Marks a record deleted (a tombstone, so the deletion can sync); the row stays. */
export async function deleteRecord(table: TableName, id: string, ctx: WriteContext): Promise<void> {
  const db = ctx.db ?? getDb();
  const store = tableOf(db, table);
  await guarded(() =>
    db.transaction('rw', writeTables(db), async () => {
      const current = await store.get(id);
      if (!current || current.deletedAt !== null) return;
      if (APPEND_ONLY_TABLES.has(table) && !current.syncMeta?.localOnly)
        throw new AppendOnlyError(table, 'delete');
      const now = Math.max(ctx.now, current.updatedAt);
      await writeRows(
        db,
        table,
        [{ before: current, after: { ...current, deletedAt: now, updatedAt: now } }],
        'put',
        ctx,
      );
    }),
  );
}
