import type { ColumnMapping, ImportField } from './column-mapping';
import type { CsvTable } from './csv-table';

/** Base fields a record gets from the repository: only here so a row can be checked by its schema. */
export const CHECK_BASE = {
  id: '01890000-0000-7000-8000-000000000000',
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
  ownerId: 'import-check',
  teamId: null,
  visibility: 'private',
  schemaVersion: 1,
} as const;

/** Why a row of an import was refused (stable codes: the UI words them in its language). */
export type ImportErrorCode =
  | 'required'
  | 'invalid-email'
  | 'invalid-phone'
  | 'invalid-date'
  | 'invalid-amount'
  | 'invalid-quantity'
  | 'invalid-gender'
  | 'invalid-country'
  | 'currency-mismatch'
  | 'invalid'
  | 'no-customer'
  | 'ambiguous-customer'
  | 'malformed-row';

/** One refused row: its spreadsheet row number (the header is row 1), the field, and why. */
export interface ImportRowError {
  row: number;
  /** The import field (`email`, `amount`...) or, for a schema refusal, the record field path. */
  field: string;
  /** The header of the column the value came from, when one did. */
  column: string | null;
  code: ImportErrorCode;
  /** The cell's text (at most 200 characters), empty when the value is missing. */
  value: string;
  /** The reason in English, without the row and field (a schema's reason for `invalid`). */
  reason: string;
  /** An English sentence naming the row, field and reason (for logs). */
  message: string;
}

/** The cells of one data row, by field; a field mapped from several columns has several cells. */
export interface RowCells {
  row: number;
  get(field: ImportField): string;
  all(field: ImportField): string[];
  /** The header of the first column mapped to `field`, or null. */
  column(field: ImportField): string | null;
}

/** Reads each data row of a table through a column mapping. */
export function* rowsOf(table: CsvTable, mapping: ColumnMapping): Generator<RowCells> {
  const columns = new Map<ImportField, number[]>();
  mapping.forEach((field, index) => {
    if (field) columns.set(field, [...(columns.get(field) ?? []), index]);
  });
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    const all = (field: ImportField) =>
      (columns.get(field) ?? []).map((c) => cells[c] ?? '').filter((v) => v !== '');
    yield {
      row: table.rowNumbers[i]!,
      get: (field) => all(field)[0] ?? '',
      all,
      column: (field) => {
        const c = columns.get(field)?.[0];
        return c === undefined ? null : (table.headers[c] ?? null);
      },
    };
  }
}

const REASONS: Record<ImportErrorCode, string> = {
  required: 'is required',
  'invalid-email': 'is not an email address',
  'invalid-phone': 'is not a phone number',
  'invalid-date': 'is not a date (2026-03-05, 2026/3/5 or 2026年3月5日)',
  'invalid-amount': 'is not an amount (¥1,234.50, 1.234,50 €)',
  'invalid-quantity': 'is not a quantity above zero',
  'invalid-gender': 'is not a gender (male, female, 男, 女)',
  'invalid-country': 'is not a country name or two-letter code',
  'currency-mismatch': 'names a currency other than the currency column',
  invalid: 'is not valid',
  'no-customer': 'matches no customer by email, phone or name',
  'ambiguous-customer': 'matches several customers by name',
  'malformed-row': 'cannot be read',
};

/** A row error with its English message. `reason` overrides the code's text (schema reasons). */
export function rowError(
  cells: Pick<RowCells, 'row' | 'column'> & { get?: RowCells['get'] },
  field: string,
  code: ImportErrorCode,
  opts: { value?: string; reason?: string; column?: string | null } = {},
): ImportRowError {
  const column = opts.column !== undefined ? opts.column : cells.column(field as ImportField);
  const value = (opts.value ?? cells.get?.(field as ImportField) ?? '').slice(0, 200);
  const reason = opts.reason ?? REASONS[code];
  return {
    row: cells.row,
    field,
    column,
    code,
    value,
    reason,
    message: `Row ${cells.row}: ${column ?? field}${value ? ` "${value}"` : ''} ${reason}`,
  };
}

/** Structural problems of the CSV file itself (an unclosed quote) as row errors. */
export function tableProblems(table: CsvTable): ImportRowError[] {
  return table.problems.map((p) => ({
    row: p.row,
    field: '',
    column: null,
    code: 'malformed-row' as const,
    value: '',
    reason: p.message,
    message: `Row ${p.row}: ${p.message}`,
  }));
}
