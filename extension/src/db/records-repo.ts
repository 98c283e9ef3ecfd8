import {
  type Actor,
  type InputOf,
  newRecordBase,
  parseRecord,
  phoneKey,
  type RecordOf,
  type TableName,
  ValidationError,
} from '@keepcard/shared';
import type { Table } from 'dexie';
import { type ContactRow, getDb, type KeepcardDB } from './db';
import { toStorageError } from './storage-errors';

/** Who writes and when: time is a parameter so tests and imports control it. */
export interface WriteContext {
  actor: Actor;
  now: number;
  db?: KeepcardDB;
}

/** The fields a caller supplies for a new record; the repository fills id, owner and timestamps. */
export type NewRecord<T extends TableName> = Omit<
  InputOf<T>,
  'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'ownerId' | 'teamId' | 'schemaVersion' | 'visibility'
> &
  Partial<Pick<InputOf<T>, 'visibility'>>;

/** A row as stored in Dexie: contacts carry derived index keys, the other tables are stored as parsed. */
export type StoredRow<T extends TableName> = T extends 'contacts' ? ContactRow : RecordOf<T>;

/** Adds the derived index keys a table's rows need. */
export function toStoredRow<T extends TableName>(table: T, record: RecordOf<T>): StoredRow<T> {
  if (table !== 'contacts') return record as StoredRow<T>;
  const contact = record as RecordOf<'contacts'>;
  const row: ContactRow = {
    ...contact,
    emailKeys: contact.emails.map((e) => e.address),
    phoneKeys: contact.phones.map(phoneKey),
    nameKey: contact.displayName.toLowerCase(),
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
    if (error instanceof ValidationError) throw error;
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

/** Validates and stores a new record. */
export async function createRecord<T extends TableName>(
  table: T,
  input: NewRecord<T>,
  ctx: WriteContext,
): Promise<StoredRow<T>> {
  const row = toStoredRow(table, buildRecord(table, input, ctx));
  const db = ctx.db ?? getDb();
  await guarded(() => tableOf(db, table).add(row));
  return row;
}

/** A batch in which some rows were refused: nothing of the batch was written. */
export class BatchValidationError extends Error {
  override readonly name = 'BatchValidationError';
  constructor(readonly failures: { index: number; error: ValidationError }[]) {
    const first = failures[0]!;
    super(
      `${failures.length} row(s) refused, nothing saved. Row ${first.index + 1}: ${first.error.message}` +
        (failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''),
    );
  }
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
  const rows: StoredRow<T>[] = [];
  const failures: { index: number; error: ValidationError }[] = [];
  inputs.forEach((input, index) => {
    try {
      rows.push(toStoredRow(table, buildRecord(table, input, ctx)));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      failures.push({ index, error });
    }
  });
  if (failures.length > 0) throw new BatchValidationError(failures);
  const db = ctx.db ?? getDb();
  await guarded(() => db.transaction('rw', tableOf(db, table), () => tableOf(db, table).bulkAdd(rows)));
  return rows;
}

/**
 * Applies a patch to a live record, validates the result and stores it.
 * @throws Error when the record does not exist or was deleted.
 */
export async function updateRecord<T extends TableName>(
  table: T,
  id: string,
  patch: Partial<NewRecord<T>>,
  ctx: WriteContext,
): Promise<StoredRow<T>> {
  const db = ctx.db ?? getDb();
  const store = tableOf(db, table);
  return guarded(() =>
    db.transaction('rw', store, async () => {
      const current = await store.get(id);
      if (!current || current.deletedAt !== null) throw new Error(`No ${table} record with id ${id}`);
      const record = parseRecord(table, {
        ...current,
        ...patch,
        updatedAt: Math.max(ctx.now, current.updatedAt),
      });
      const row = toStoredRow(table, record);
      await store.put(row);
      return row;
    }),
  );
}

/** Marks a record deleted (a tombstone, so the deletion can sync); the row stays. */
export async function deleteRecord(table: TableName, id: string, ctx: WriteContext): Promise<void> {
  const db = ctx.db ?? getDb();
  const store = tableOf(db, table);
  await guarded(() =>
    db.transaction('rw', store, async () => {
      const current = await store.get(id);
      if (!current || current.deletedAt !== null) return;
      const now = Math.max(ctx.now, current.updatedAt);
      await store.put({ ...current, deletedAt: now, updatedAt: now });
    }),
  );
}
