import type { RecordOf, TableName } from '@keepcard/shared';
import { audienceOf } from '../auth/access';
import { parseBatch } from '../records/check-batch';
import { migrate } from './migrate';
import { type ListRecordsOptions, selectRecord, selectRecords, upsertRecords } from './record-queries';
import { notify, takeVersions } from './sync-state';

export type StorageKind = 'pglite' | 'postgres';

/** A connection or an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters; returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several statements, no parameters (migration files). */
  exec(sql: string): Promise<void>;
}

/** What an adapter supplies: a connection to one database. Everything else is shared SQL. */
export interface StorageDriver extends Queryable {
  readonly kind: StorageKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotice` with the payload of each NOTIFY on `channel` (lower-case letters, digits and
   * underscores), and with null after a lost listening connection came back: notices may have been
   * missed then. Resolves once listening; the returned function stops.
   */
  listen(channel: string, onNotice: (payload: string | null) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface Storage extends StorageDriver {
  /** Applies pending migrations in order; returns the names applied (empty when up to date). */
  migrate(): Promise<string[]>;
  /** Throws unless the database answers a query. */
  ping(): Promise<void>;
  /**
   * Validates every row with the shared schema, then upserts them in one transaction with new
   * versions (an import: no field stamps, so any later synced edit wins).
   * @throws InvalidBatchError naming each bad row, field and reason; nothing is written then.
   */
  putRecords(table: TableName, rows: readonly unknown[]): Promise<void>;
  /** The record, tombstones included; null when there is none. */
  getRecord<T extends TableName>(table: T, id: string): Promise<RecordOf<T> | null>;
  /** Records in (updatedAt, id) order, tombstones included, so sync can page through changes. */
  listRecords<T extends TableName>(table: T, options: ListRecordsOptions): Promise<RecordOf<T>[]>;
}

export type { ListRecordsOptions };

/** Builds the full Storage on top of an adapter, so both adapters run the same SQL. */
export function storageOver(driver: StorageDriver): Storage {
  return {
    kind: driver.kind,
    query: (sql, params) => driver.query(sql, params),
    exec: (sql) => driver.exec(sql),
    transaction: (fn) => driver.transaction(fn),
    listen: (channel, onNotice) => driver.listen(channel, onNotice),
    close: () => driver.close(),
    migrate: () => migrate(driver),
    ping: async () => {
      await driver.query('SELECT 1');
    },
    putRecords: async (table, rows) => {
      // Imports bypass merging (no stamps), but not versions: pulls must see them like any change.
      const records = [...new Map(parseBatch(table, rows).map((r) => [r.id, r])).values()];
      if (records.length === 0) return;
      await driver.transaction(async (tx) => {
        const first = await takeVersions(tx, records.length);
        await upsertRecords(
          tx,
          records.map((record, i) => ({ table, record, clocks: {}, version: first + i })),
        );
        await notify(tx, {
          kind: 'change',
          device: null,
          audience: [...new Set(records.flatMap(audienceOf))],
        });
      });
    },
    getRecord: (table, id) => selectRecord(driver, table, id),
    listRecords: (table, options) => selectRecords(driver, table, options),
  };
}
