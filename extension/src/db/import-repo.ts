import {
  type ContactImportRow,
  type FieldConflict,
  type ImportRowError,
  nameKey,
  type PurchaseImportRow,
  rowError,
  type SourcedDraft,
} from '@keepcard/shared';
import { type BatchSave, saveCapturedContacts } from './contacts-repo';
import { type ContactRow, getDb } from './db';
import { followUpTables, moveNextFollowUp } from './follow-up-repo';
import { createRecords, type WriteContext } from './records-repo';

/** What a contacts import did, per row of the file. */
export interface ContactImportSummary {
  created: number;
  /** Rows that added something to a contact stored before the import. */
  merged: number;
  /** Rows whose person was already stored with everything the row had. */
  unchanged: number;
  /** Rows that were the same person as an earlier row of the file (folded into it). */
  sameAsEarlierRow: number;
  /** Values that differ from the stored ones: the stored value was kept (row = file row). */
  conflicts: (FieldConflict & { row: number })[];
  contactIds: string[];
}

/**
 * Imports the good rows of a contacts file (or a .vcf's drafts) through the capture path's batch
 * form: deduplicated within the file and against stored contacts by the shared identity rules, all
 * in one transaction (all rows or none). Each item's `row` is its number in the file.
 */
export async function importContacts(
  rows: readonly (Pick<ContactImportRow, 'row' | 'gender' | 'preferences'> & { draft: SourcedDraft })[],
  ctx: WriteContext,
): Promise<ContactImportSummary> {
  const saves: BatchSave[] = await saveCapturedContacts(
    rows.map((r) => ({
      draft: r.draft,
      fill: {
        ...(r.gender && { gender: r.gender }),
        ...(r.preferences && { preferences: { text: r.preferences, tags: [] } }),
      },
    })),
    { ...ctx, cause: 'import' },
  );
  const summary: ContactImportSummary = {
    created: 0,
    merged: 0,
    unchanged: 0,
    sameAsEarlierRow: 0,
    conflicts: [],
    contactIds: [],
  };
  const ids = new Set<string>();
  saves.forEach((save, i) => {
    const row = rows[i]!.row;
    if (save.sameAs !== null) summary.sameAsEarlierRow++;
    else summary[save.outcome]++;
    for (const conflict of save.conflicts) summary.conflicts.push({ ...conflict, row });
    ids.add(save.contactId);
  });
  summary.contactIds = [...ids];
  return summary;
}

/** What a purchases import did. */
export interface PurchaseImportSummary {
  imported: number;
  /** Rows already stored (same customer, time, product and amount) or repeated in the file: skipped. */
  duplicates: number[];
  /** Rows whose customer could not be found (or not told apart): not imported. */
  errors: ImportRowError[];
}

const purchaseKey = (contactId: string, p: PurchaseImportRow['purchase'] & { orderId?: string }) =>
  `${contactId}\u0001${p.orderId ?? ''}\u0001${p.occurredAt}\u0001${p.product}\u0001${p.amountMinor}\u0001${p.currency}`;

/**
 * Imports the good rows of a purchases file. Each row's customer is found by email, else phone,
 * else name (a name shared by several stored customers is refused as ambiguous); a row whose
 * customer is not stored is refused with the reason: customers are not created from order lines,
 * which often carry no more than a name (import the customer list first). A line already stored
 * (same customer, order number, time, product, amount and currency) or repeated in the file is skipped, so
 * importing a file twice adds nothing. The matched rows are written in one transaction.
 */
export async function importPurchases(
  rows: readonly PurchaseImportRow[],
  ctx: WriteContext,
): Promise<PurchaseImportSummary> {
  const db = ctx.db ?? getDb();
  return db.transaction('rw', followUpTables(db), async () => {
    const emails = [...new Set(rows.flatMap((r) => r.customer.email ?? []))];
    const phones = [...new Set(rows.flatMap((r) => r.customer.phone ?? []))];
    const names = [...new Set(rows.flatMap((r) => (r.customer.name ? nameKey(r.customer.name) : [])))];
    const byKey = new Map<string, ContactRow[]>();
    const add = (key: string, row: ContactRow) => {
      const list = byKey.get(key) ?? [];
      if (!list.some((r) => r.id === row.id)) list.push(row);
      byKey.set(key, list);
    };
    const live = (rows: ContactRow[]) => rows.filter((r) => r.deletedAt === null);
    if (emails.length)
      for (const c of live(await db.contacts.where('emailKeys').anyOf(emails).toArray()))
        for (const e of c.emailKeys) add(`e:${e}`, c);
    if (phones.length)
      for (const c of live(await db.contacts.where('phoneKeys').anyOf(phones).toArray()))
        for (const p of c.phoneKeys) add(`p:${p}`, c);
    if (names.length)
      for (const c of live(await db.contacts.where('nameKey').anyOf(names).toArray()))
        add(`n:${c.nameKey}`, c);

    const errors: ImportRowError[] = [];
    const matched: { row: PurchaseImportRow; contactId: string }[] = [];
    for (const row of rows) {
      const { email, phone, name } = row.customer;
      const found =
        (email && byKey.get(`e:${email}`)?.[0]) || (phone && byKey.get(`p:${phone}`)?.[0]) || undefined;
      const byName = !found && name ? (byKey.get(`n:${nameKey(name)}`) ?? []) : [];
      const contact = found ?? (byName.length === 1 ? byName[0] : undefined);
      if (contact) {
        matched.push({ row, contactId: contact.id });
        continue;
      }
      const field = name ? 'customerName' : email ? 'customerEmail' : 'customerPhone';
      const value = name ?? email ?? phone ?? '';
      errors.push(
        rowError(
          { row: row.row, column: () => null },
          field,
          byName.length > 1 ? 'ambiguous-customer' : 'no-customer',
          {
            value,
            column: null,
          },
        ),
      );
    }

    const times = [...new Set(matched.map((m) => m.row.purchase.occurredAt))];
    const seen = new Set<string>();
    if (times.length)
      for (const p of await db.purchases.where('occurredAt').anyOf(times).toArray())
        if (p.deletedAt === null) seen.add(purchaseKey(p.contactId, p));
    const duplicates: number[] = [];
    const inputs = [];
    for (const { row, contactId } of matched) {
      const purchase = row.orderId ? { ...row.purchase, orderId: row.orderId } : row.purchase;
      const key = purchaseKey(contactId, purchase);
      if (seen.has(key)) {
        duplicates.push(row.row);
        continue;
      }
      seen.add(key);
      inputs.push({ ...purchase, contactId });
    }
    await createRecords('purchases', inputs, { ...ctx, db, cause: 'import' });
    // Imported purchases are touches like any other (定期回访): each customer's next follow-up moves
    // from their latest purchase, in this transaction.
    const latest = new Map<string, number>();
    for (const p of inputs) latest.set(p.contactId, Math.max(latest.get(p.contactId) ?? 0, p.occurredAt));
    for (const [contactId, at] of latest) await moveNextFollowUp(contactId, at, { ...ctx, db });
    return { imported: inputs.length, duplicates, errors };
  });
}
