import { emailKey } from '../identity/contact-identity';
import { phoneKey } from '../phone';
import { parseRecord, ValidationError } from '../schemas/validation';
import {
  currencyOf,
  epochOf,
  parseAmountCell,
  parseDateCell,
  parseDecimal,
  phonesOfCell,
} from './cell-values';
import type { ColumnMapping, PurchaseField } from './column-mapping';
import type { CsvTable } from './csv-table';
import { CHECK_BASE, type ImportRowError, rowError, rowsOf } from './import-rows';

/** How a purchase row names its customer: any of these may be present (at least one is). */
export interface CustomerKeys {
  /** Lower-cased email address. */
  email?: string;
  /** The shared phone key (E.164, or the digits). */
  phone?: string;
  /** The name as written (matched by the shared `nameKey`). */
  name?: string;
}

/** One good row of a purchases file: the customer to find and the purchase to record. */
export interface PurchaseImportRow {
  row: number;
  customer: CustomerKeys;
  /** The order number, when the file has one (stored on the purchase, and part of what makes a line the same). */
  orderId?: string;
  purchase: {
    occurredAt: number;
    product: string;
    quantity: number;
    amountMinor: number;
    currency: string;
    channel?: string;
  };
}

export interface PurchaseRowOptions {
  defaultRegion: string;
  /** Currency of amounts written without one (the book's currency, CNY by default). */
  defaultCurrency: string;
  /** Minutes east of UTC that the file's dates and times are in (480 for China). */
  utcOffsetMinutes: number;
  dayFirst?: boolean;
}

const SCHEMA_FIELDS: Record<string, PurchaseField> = {
  occurredAt: 'date',
  product: 'product',
  quantity: 'quantity',
  amountMinor: 'amount',
  currency: 'currency',
  channel: 'channel',
};

/**
 * Reads the rows of a purchases file (an ERP's or a shop's order lines): the customer's email, phone
 * or name, product, quantity, amount (or unit price × quantity) with its currency, date and channel.
 * Every value is checked; a bad row is refused with the field and the reason. Finding the customer is
 * the repository's part (`CustomerKeys`).
 * @example purchaseRowsFromTable(parseCsvTable('客户,金额,日期\n王小明,¥88,2026/3/5'), ['customerName', 'amount', 'date'], opts).items[0].purchase.amountMinor // 8800
 */
export function purchaseRowsFromTable(
  table: CsvTable,
  mapping: ColumnMapping,
  opts: PurchaseRowOptions,
): { items: PurchaseImportRow[]; errors: ImportRowError[] } {
  const items: PurchaseImportRow[] = [];
  const errors: ImportRowError[] = [];
  for (const cells of rowsOf(table, mapping)) {
    const bad: ImportRowError[] = [];
    const customer: CustomerKeys = {};
    const email = cells.get('customerEmail');
    if (email) customer.email = emailKey(email);
    const phoneCell = cells.get('customerPhone');
    if (phoneCell) {
      const read = phonesOfCell(phoneCell, opts.defaultRegion, 'mobile');
      if (read.phones[0]) customer.phone = phoneKey(read.phones[0]);
      else bad.push(rowError(cells, 'customerPhone', 'invalid-phone'));
    }
    const name = cells.get('customerName');
    if (name) customer.name = name;
    if (!email && !phoneCell && !name) bad.push(rowError(cells, 'customerName', 'required'));

    let quantity = 1;
    const quantityCell = cells.get('quantity');
    if (quantityCell) {
      const q = parseDecimal(quantityCell);
      if (q !== null && q > 0) quantity = q;
      else bad.push(rowError(cells, 'quantity', 'invalid-quantity'));
    }
    const currencyCell = cells.get('currency');
    const columnCurrency = currencyCell ? currencyOf(currencyCell) : null;
    if (currencyCell && !columnCurrency) bad.push(rowError(cells, 'currency', 'invalid'));
    const defaultCurrency = columnCurrency ?? opts.defaultCurrency;
    const amountField: PurchaseField = cells.get('amount') ? 'amount' : 'unitPrice';
    const amountCell = cells.get(amountField);
    let money: { minor: number; currency: string } | null = null;
    if (!amountCell) bad.push(rowError(cells, 'amount', 'required'));
    else {
      money = parseAmountCell(amountCell, defaultCurrency);
      if (!money) bad.push(rowError(cells, amountField, 'invalid-amount'));
      else if (columnCurrency && money.currency !== columnCurrency)
        bad.push(rowError(cells, amountField, 'currency-mismatch'));
      else if (amountField === 'unitPrice') money = { ...money, minor: Math.round(money.minor * quantity) };
    }
    const dateCell = cells.get('date');
    const date = dateCell ? parseDateCell(dateCell, opts.dayFirst) : null;
    if (!dateCell) bad.push(rowError(cells, 'date', 'required'));
    else if (!date) bad.push(rowError(cells, 'date', 'invalid-date'));
    const orderId = cells.get('orderId');
    const product = cells.get('product') || (orderId ? `#${orderId}` : '');
    if (!product) bad.push(rowError(cells, 'product', 'required'));
    if (bad.length > 0 || !money || !date) {
      errors.push(...bad);
      continue;
    }
    const item: PurchaseImportRow = {
      row: cells.row,
      customer,
      purchase: {
        occurredAt: epochOf(date, opts.utcOffsetMinutes),
        product,
        quantity,
        amountMinor: money.minor,
        currency: money.currency,
      },
    };
    if (orderId) item.orderId = orderId;
    const channel = cells.get('channel');
    if (channel) item.purchase.channel = channel;
    try {
      parseRecord('purchases', { ...CHECK_BASE, contactId: CHECK_BASE.id, ...item.purchase });
      items.push(item);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const issue of error.issues) {
        const field = SCHEMA_FIELDS[issue.field] ?? issue.field;
        errors.push(rowError(cells, field, 'invalid', { reason: issue.reason }));
      }
    }
  }
  return { items, errors };
}
