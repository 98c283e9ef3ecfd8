// What the read paths need of the repository layer, without its writers: the customer card imports
// these, and importing records-repo would load the schemas (zod) and phone metadata that only
// writes use. records-repo re-exports both, so writers and callers keep one import.
import type { LoyaltyEntry, TableName, ValidationError } from '@keepcard/shared';
import Dexie from 'dexie';
import { getDb, type HistoryRow, type KeepcardDB, type Synced } from './db';

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

/** The history of replaced values of one record, newest first. */
export async function historyOf(
  table: TableName,
  rowId: string,
  db: KeepcardDB = getDb(),
): Promise<HistoryRow[]> {
  const rows = await db.history.where('[table+rowId]').equals([table, rowId]).toArray();
  return rows.reverse();
}

/** A customer's ledger entries in time order (by the `[contactId+occurredAt]` index, no scan). */
export function loyaltyEntriesOf(
  contactId: string,
  db: KeepcardDB = getDb(),
): Promise<Synced<LoyaltyEntry>[]> {
  return db.loyalty
    .where('[contactId+occurredAt]')
    .between([contactId, Dexie.minKey], [contactId, Dexie.maxKey])
    .toArray();
}
