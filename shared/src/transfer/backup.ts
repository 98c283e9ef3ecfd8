import { z } from 'zod';
import { timestamp } from '../schemas/common';
import { isTableName, type RecordOf, type TableName, tableNames } from '../schemas/tables';
import { parseRecord, ValidationError } from '../schemas/validation';
import { SegmentFilter } from '../segments/segment-filter';

export const BACKUP_FORMAT = 'keepcard-backup';
export const BACKUP_VERSION = 1;

/** A saved segment as a backup holds it. */
export const BackupSegment = z.object({
  id: z.string().min(1).max(200),
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
  filter: SegmentFilter,
  createdAt: timestamp,
});
export type BackupSegment = z.infer<typeof BackupSegment>;

/** A replaced value from a record's history (see the extension's HistoryRow). */
export const BackupHistoryEntry = z.object({
  table: z.string().min(1).max(50),
  rowId: z.string().min(1).max(200),
  at: timestamp,
  field: z.string().max(200),
  oldValue: z.string(),
  newValue: z.string(),
  cause: z.enum(['edit', 'capture', 'import', 'sync']),
});
export type BackupHistoryEntry = z.infer<typeof BackupHistoryEntry>;

const Envelope = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `must be '${BACKUP_FORMAT}' (not a Keepcard backup)` }),
  version: z.literal(BACKUP_VERSION, { error: `must be ${BACKUP_VERSION} (a backup of another version)` }),
  createdAt: timestamp,
  tables: z.record(z.string(), z.array(z.unknown(), { error: 'must be a list of rows' })),
  localOnly: z.record(z.string(), z.array(z.string())).default({}),
  segments: z.array(z.unknown()).default([]),
  history: z.array(z.unknown()).default([]),
  settings: z.record(z.string(), z.json()).default({}),
  profile: z
    .object({ actor: z.object({ userId: z.string().min(1), teamId: z.string().nullable() }).nullable() })
    .default({ actor: null }),
});

/**
 * The whole local book in one JSON file: every synced table's records (tombstones too, so a
 * deletion is not undone by a restore), which rows stay local (sample data), saved segments, the
 * history of replaced values, the rep's settings, and the local profile id the records are owned by.
 * Not in it: scores and the fitted model (derived: the scoring worker recomputes them), sync's
 * outbox, cursor, device clock and session (they belong to one browser profile and one sign-in).
 */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: number;
  tables: { [T in TableName]: RecordOf<T>[] };
  localOnly: Partial<Record<TableName, string[]>>;
  segments: BackupSegment[];
  history: BackupHistoryEntry[];
  settings: Record<string, unknown>;
  profile: { actor: { userId: string; teamId: string | null } | null };
}

/** One refused value of a backup: the table (or part), the 1-based row, the field and the reason. */
export interface BackupIssue {
  table: string;
  row: number | null;
  field: string;
  reason: string;
}

/** A backup that cannot be restored: nothing was written. `issues` names every refused value. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(readonly issues: BackupIssue[]) {
    const first = issues[0];
    const where = first
      ? `${first.table}${first.row !== null ? ` row ${first.row}` : ''}${first.field ? ` ${first.field}` : ''}: ${first.reason}`
      : '';
    super(
      `The backup cannot be restored (nothing was changed). ${where}` +
        (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''),
    );
  }
}

const MAX_ISSUES = 100;

/**
 * Checks a parsed backup file completely before anything is written: the envelope, every row of
 * every table with the shared record schemas, unique ids, segments and history. Returns the backup
 * with normalised records.
 * @throws BackupError naming the table, row and field of each refused value (at most 100).
 * @example validateBackup(JSON.parse(text)).tables.contacts.length
 */
export function validateBackup(input: unknown): Backup {
  const issues: BackupIssue[] = [];
  const envelope = Envelope.safeParse(input);
  if (!envelope.success) {
    throw new BackupError(
      envelope.error.issues.map((i) => ({
        table: 'backup',
        row: null,
        field: i.path.map(String).join('.'),
        reason: i.message,
      })),
    );
  }
  const data = envelope.data;
  const tables = {} as { [T in TableName]: RecordOf<T>[] };
  for (const name of Object.keys(data.tables))
    if (!isTableName(name))
      issues.push({ table: name, row: null, field: '', reason: 'is not a Keepcard table' });
  for (const table of tableNames) {
    const rows = data.tables[table] ?? [];
    const ids = new Set<string>();
    const parsed: RecordOf<typeof table>[] = [];
    rows.forEach((row, index) => {
      if (issues.length >= MAX_ISSUES) return;
      try {
        const record = parseRecord(table, row);
        if (ids.has(record.id))
          issues.push({ table, row: index + 1, field: 'id', reason: `repeats id ${record.id}` });
        ids.add(record.id);
        parsed.push(record);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        for (const issue of error.issues)
          issues.push({ table, row: index + 1, field: issue.field, reason: issue.reason });
      }
    });
    (tables as Record<TableName, unknown[]>)[table] = parsed;
  }
  const part = <S extends z.ZodType>(name: string, schema: S, rows: unknown[]): z.infer<S>[] =>
    rows.flatMap((row, index) => {
      const result = schema.safeParse(row);
      if (result.success) return [result.data];
      for (const i of result.error.issues)
        issues.push({ table: name, row: index + 1, field: i.path.map(String).join('.'), reason: i.message });
      return [];
    });
  const segments = part('segments', BackupSegment, data.segments);
  const history = part('history', BackupHistoryEntry, data.history);
  const localOnly: Backup['localOnly'] = {};
  for (const [table, ids] of Object.entries(data.localOnly)) if (isTableName(table)) localOnly[table] = ids;
  if (issues.length > 0) throw new BackupError(issues.slice(0, MAX_ISSUES));
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: data.createdAt,
    tables,
    localOnly,
    segments,
    history,
    settings: data.settings as Record<string, unknown>,
    profile: data.profile,
  };
}
