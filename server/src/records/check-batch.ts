import { parseRecord, type RecordOf, type TableName, ValidationError } from '@keepcard/shared';

/** One problem with one row of a batch: `index` is the row's position in the batch. */
export interface BatchIssue {
  index: number;
  field: string;
  reason: string;
}

export interface CheckedBatch<T extends TableName> {
  /** The rows that passed, parsed and normalised by the shared schema. */
  records: RecordOf<T>[];
  errors: BatchIssue[];
}

/** Checks every row against the shared schema for `table`; one bad row does not stop the others. */
export function checkBatch<T extends TableName>(table: T, rows: readonly unknown[]): CheckedBatch<T> {
  const records: RecordOf<T>[] = [];
  const errors: BatchIssue[] = [];
  rows.forEach((row, index) => {
    try {
      records.push(parseRecord(table, row));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors.push(...error.issues.map((issue) => ({ index, ...issue })));
    }
  });
  return { records, errors };
}

/** Only this many issues are spelled out in the message; `issues` always holds them all. */
const ISSUES_IN_MESSAGE = 10;

/** A batch refused as a whole because some rows failed the shared schema. */
export class InvalidBatchError extends Error {
  override readonly name = 'InvalidBatchError';
  constructor(
    readonly table: TableName,
    readonly issues: BatchIssue[],
  ) {
    const listed = issues
      .slice(0, ISSUES_IN_MESSAGE)
      .map((i) => `record ${i.index}: ${i.field ? `${i.field} ${i.reason}` : i.reason}`);
    if (issues.length > ISSUES_IN_MESSAGE) listed.push(`and ${issues.length - ISSUES_IN_MESSAGE} more`);
    super(`Nothing was written to ${table}; fix these and send the batch again: ${listed.join('; ')}`);
  }
}

/**
 * The all-or-nothing form of checkBatch, for writes.
 * @throws InvalidBatchError when any row fails.
 */
export function parseBatch<T extends TableName>(table: T, rows: readonly unknown[]): RecordOf<T>[] {
  const { records, errors } = checkBatch(table, rows);
  if (errors.length > 0) throw new InvalidBatchError(table, errors);
  return records;
}
