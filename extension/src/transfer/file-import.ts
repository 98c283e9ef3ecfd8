// The import flow shared by the Import/Export screen and bench/suites/csv-import.mjs: read the file,
// guess the mapping, check the rows (pure, shared/src/transfer), then write the good ones through the
// repository in one transaction.
import {
  type ColumnMapping,
  type ContactImportRow,
  type CsvEncoding,
  type CsvTable,
  contactRowsFromTable,
  decodeCsvBytes,
  guessMapping,
  type ImportKind,
  type ImportRowError,
  type PurchaseImportRow,
  parseCsvTable,
  purchaseRowsFromTable,
  tableProblems,
} from '@keepcard/shared';
import { type ContactImportSummary, importContacts, importPurchases } from '../db/import-repo';
import type { WriteContext } from '../db/records-repo';

export interface CsvFile {
  fileName: string;
  encoding: CsvEncoding;
  table: CsvTable;
}

/** Decodes (UTF-8, or GB18030 from Chinese Excel) and parses a CSV file's bytes. */
export function readCsvFile(bytes: Uint8Array, fileName: string): CsvFile {
  const { text, encoding } = decodeCsvBytes(bytes);
  return { fileName, encoding, table: parseCsvTable(text) };
}

/** Contacts when the headers look like people, purchases when they name an amount and a product or order. */
export function guessKind(headers: readonly string[]): ImportKind {
  const purchase = guessMapping(headers, 'purchases');
  const hasAmount = purchase.includes('amount') || purchase.includes('unitPrice');
  return hasAmount && (purchase.includes('product') || purchase.includes('orderId'))
    ? 'purchases'
    : 'contacts';
}

export interface ImportOptions {
  defaultRegion: string;
  defaultCurrency: string;
  utcOffsetMinutes: number;
  dayFirst: boolean;
  now: number;
}

export type CheckedRows =
  | { kind: 'contacts'; items: ContactImportRow[]; errors: ImportRowError[] }
  | { kind: 'purchases'; items: PurchaseImportRow[]; errors: ImportRowError[] };

/** Checks every row of the file with the mapping: the good rows, and the bad ones with their reasons. */
export function checkRows(
  file: CsvFile,
  kind: ImportKind,
  mapping: ColumnMapping,
  opts: ImportOptions,
  table: CsvTable = file.table,
): CheckedRows {
  // A row the parser could not read whole (a stray quote that swallowed the next lines, too many or
  // too few cells) is listed as bad and never imported, even when its cells happen to pass the checks.
  const problems = tableProblems(table);
  const malformed = new Set(problems.map((p) => p.row));
  const readable = <T extends { row: number }>(items: T[]) =>
    items.filter((item) => !malformed.has(item.row));
  if (kind === 'contacts') {
    const { items, errors } = contactRowsFromTable(table, mapping, { ...opts, fileName: file.fileName });
    return { kind, items: readable(items), errors: [...problems, ...errors] };
  }
  const { items, errors } = purchaseRowsFromTable(table, mapping, opts);
  return { kind, items: readable(items), errors: [...problems, ...errors] };
}

export interface ImportOutcome {
  kind: ImportKind;
  /** Every row not imported, in file order: refused by the checks or by the customer lookup. */
  errors: ImportRowError[];
  contacts?: ContactImportSummary;
  purchases?: { imported: number; duplicates: number[] };
}

/** Writes the good rows (all or nothing) and returns what happened to every row. */
export async function runImport(checked: CheckedRows, ctx: WriteContext): Promise<ImportOutcome> {
  if (checked.kind === 'contacts') {
    const contacts = await importContacts(checked.items, ctx);
    return { kind: 'contacts', errors: checked.errors, contacts };
  }
  const { imported, duplicates, errors } = await importPurchases(checked.items, ctx);
  const all = [...checked.errors, ...errors].sort((a, b) => a.row - b.row);
  return { kind: 'purchases', errors: all, purchases: { imported, duplicates } };
}
