// A full JSON backup of the local book and its restore (issue 7). What a backup holds and leaves out,
// and what restoring means for sync, is described on `Backup` (shared/src/transfer/backup.ts) and in
// docs/import-export.md.
import {
  APPEND_ONLY_TABLES,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type Backup,
  type BackupHistoryEntry,
  type RecordOf,
  type TableName,
  tableNames,
} from '@keepcard/shared';
import type { Table } from 'dexie';
import type { HistoryRow, KeepcardDB, MetaRow, RowSync, SegmentRow } from './db';
import { getDb } from './db';
import { recordOf } from './outbox';
import { type StoredRow, toStoredRow, type WriteContext, writeRows, writeTables } from './records-repo';
import { readSession } from './sync-settings-repo';

/**
 * Meta rows that are not the rep's data: the change counter and the fitted scoring model (derived,
 * rebuilt), the last clip (a notice), the profile id (kept apart, in `profile.actor`), and how far
 * this browser's reminders were checked (restored elsewhere, it would re-announce what this browser
 * already showed, or hold back what it did not).
 */
const NOT_BACKED_UP = new Set(['localRev', 'actor', 'scoringModel', 'lastClip', 'reminders.checkedUntil']);

/** Companies first, then contacts, then their records: each row's references exist when it arrives. */
const RESTORE_ORDER: TableName[] = [
  'companies',
  'contacts',
  ...tableNames.filter((t) => t !== 'companies' && t !== 'contacts'),
];

const storeOf = (db: KeepcardDB, table: TableName) => db.table(table) as Table<StoredRow<TableName>, string>;

/** Reads the whole local book into a backup, in one read transaction (a consistent snapshot). */
export async function createBackup(now: number, db: KeepcardDB = getDb()): Promise<Backup> {
  return db.transaction(
    'r',
    [...tableNames.map((t) => db.table(t)), db.segments, db.history, db.meta],
    async () => {
      const tables = {} as Record<TableName, unknown[]>;
      const localOnly: Backup['localOnly'] = {};
      for (const table of tableNames) {
        const rows = (await storeOf(db, table).toArray()) as (StoredRow<TableName> & {
          syncMeta?: RowSync;
        })[];
        tables[table] = rows.map((row) => recordOf(table, row));
        const local = rows.filter((row) => row.syncMeta?.localOnly).map((row) => row.id);
        if (local.length > 0) localOnly[table] = local;
      }
      const settings: Record<string, unknown> = {};
      for (const row of await db.meta.toArray())
        if (!NOT_BACKED_UP.has(row.key)) settings[row.key] = row.value;
      const actor = (await db.meta.get('actor'))?.value as Backup['profile']['actor'] | undefined;
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: now,
        tables: tables as Backup['tables'],
        localOnly,
        segments: await db.segments.toArray(),
        history: (await db.history.toArray()).map(({ seq: _seq, ...entry }) => entry),
        settings,
        profile: { actor: actor ?? null },
      };
    },
  );
}

/** Why a restore was not started: nothing was written. */
export class RestoreRefused extends Error {
  override readonly name = 'RestoreRefused';
  constructor(readonly code: 'signed-in' | 'not-empty') {
    super(
      code === 'signed-in'
        ? 'Sign out of sync before restoring a backup: while signed in, sync keeps this browser’s data.'
        : 'This profile already has data: choose to replace it or to merge the backup into it.',
    );
  }
}

/**
 * How a backup meets the data already here. 'empty': only into a profile without any record or
 * segment. 'replace': the backup wins: its rows overwrite, and rows it does not have are deleted
 * (as tombstones). 'merge': rows the profile lacks are added and a backup row overwrites a stored
 * one only when it was changed later; nothing is deleted; the profile's settings are kept.
 */
export type RestoreMode = 'empty' | 'replace' | 'merge';

export interface RestoreSummary {
  written: Partial<Record<TableName, number>>;
  deleted: Partial<Record<TableName, number>>;
  segments: number;
}

/** True when the profile holds no record (live or deleted) and no segment. */
export async function isProfileEmpty(db: KeepcardDB = getDb()): Promise<boolean> {
  for (const table of tableNames) if ((await db.table(table).count()) > 0) return false;
  return (await db.segments.count()) === 0;
}

/**
 * Restores a backup that `validateBackup` accepted, in one transaction: all of it or nothing.
 * Rows are written through the repository's row writer, so they get their derived keys and change
 * counters and are queued for sync like any local change, stamped at the backup's time: after a
 * later sign-in they reach the server, and where the server holds a value changed after the backup,
 * the server's value wins. The restore is refused while signed in to sync (sync already keeps the
 * data of a signed-in browser) and, unless `mode` says replace or merge, in a profile that has data.
 * A backup of a profile that was never signed in also brings its local profile id (restored into an
 * empty profile or on replace), so its records keep their owner and are adopted at the first sign-in.
 */
export async function restoreBackup(
  backup: Backup,
  mode: RestoreMode,
  ctx: WriteContext,
): Promise<RestoreSummary> {
  const db = ctx.db ?? getDb();
  if ((await readSession(db)).token) throw new RestoreRefused('signed-in');
  const scope = [...writeTables(db), db.segments];
  return db.transaction('rw', scope, async () => {
    const empty = await isProfileEmpty(db);
    if (!empty && mode === 'empty') throw new RestoreRefused('not-empty');
    const stamped: WriteContext = { ...ctx, db, now: backup.createdAt, cause: 'import' };
    const summary: RestoreSummary = { written: {}, deleted: {}, segments: 0 };
    for (const table of RESTORE_ORDER) {
      const records = backup.tables[table] as RecordOf<TableName>[];
      const localOnly = new Set(backup.localOnly[table] ?? []);
      const store = storeOf(db, table);
      const current = await store.bulkGet(records.map((r) => r.id));
      const changes = [];
      for (const [i, record] of records.entries()) {
        const before = current[i] as (StoredRow<TableName> & { syncMeta?: RowSync }) | undefined;
        if (before && mode === 'merge' && before.updatedAt >= record.updatedAt) continue;
        // An append-only ledger entry (loyalty points) is never rewritten once it exists (and synced).
        if (before && APPEND_ONLY_TABLES.has(table) && !before.syncMeta?.localOnly) continue;
        const after = toStoredRow(table, record) as StoredRow<TableName> & { syncMeta?: RowSync };
        if (before?.syncMeta) after.syncMeta = before.syncMeta;
        if (localOnly.has(record.id))
          after.syncMeta = { version: null, base: null, fields: {}, ...after.syncMeta, localOnly: true };
        changes.push({ before: before ?? null, after, record: record as Record<string, unknown> });
      }
      if (changes.length > 0) await writeRows(db, table, changes, 'put', stamped);
      if (changes.length > 0) summary.written[table] = changes.length;
      if (mode !== 'replace') continue;
      // Rows the backup does not have are deleted now (stamped now: they may be newer than the backup).
      const kept = new Set(records.map((r) => r.id));
      // Ledger entries are never deleted (only never-synced sample ones): the balance is their sum.
      const appendOnly = APPEND_ONLY_TABLES.has(table);
      const gone = await store
        .filter(
          (row) =>
            row.deletedAt === null &&
            !kept.has(row.id) &&
            !(appendOnly && !(row as { syncMeta?: RowSync }).syncMeta?.localOnly),
        )
        .toArray();
      if (gone.length === 0) continue;
      const deletions = gone.map((row) => {
        const at = Math.max(ctx.now, row.updatedAt);
        return { before: row, after: { ...row, deletedAt: at, updatedAt: at } };
      });
      await writeRows(db, table, deletions, 'put', { ...ctx, db });
      summary.deleted[table] = gone.length;
    }
    summary.segments = await restoreSegments(db, backup.segments, mode);
    await restoreHistory(db, backup.history, mode);
    await restoreSettings(db, backup, mode, empty);
    return summary;
  });
}

async function restoreSegments(db: KeepcardDB, segments: SegmentRow[], mode: RestoreMode) {
  if (mode === 'replace') await db.segments.clear();
  const existing = new Set(mode === 'merge' ? await db.segments.toCollection().primaryKeys() : []);
  const names = new Set(mode === 'merge' ? (await db.segments.toArray()).map((s) => s.name) : []);
  // Merge keeps the profile's segments, and its own segment of the same name (names are unique).
  const added = segments.filter((s) => !existing.has(s.id) && !names.has(s.name));
  await db.segments.bulkPut(added);
  return added.length;
}

async function restoreHistory(db: KeepcardDB, history: BackupHistoryEntry[], mode: RestoreMode) {
  const key = (h: BackupHistoryEntry) =>
    JSON.stringify([h.table, h.rowId, h.at, h.field, h.oldValue, h.newValue]);
  const have = new Set(mode === 'merge' ? (await db.history.toArray()).map(key) : []);
  await db.history.bulkAdd(history.filter((h) => !have.has(key(h))) as HistoryRow[]);
}

async function restoreSettings(db: KeepcardDB, backup: Backup, mode: RestoreMode, empty: boolean) {
  const rows: MetaRow[] = [];
  for (const [key, value] of Object.entries(backup.settings)) {
    if (NOT_BACKED_UP.has(key)) continue;
    if (mode === 'merge' && (await db.meta.get(key))) continue;
    rows.push({ key, value });
  }
  if (backup.profile.actor && (empty || mode === 'replace'))
    rows.push({ key: 'actor', value: backup.profile.actor });
  await db.meta.bulkPut(rows);
}
