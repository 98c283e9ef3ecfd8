import { z } from 'zod';
import { baseRecordShape, recordId, requiredText, shortText, timestamp } from './common';

/** ISO 4217 currency code (CNY, USD, EUR...). */
export const CurrencyCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z.string().regex(/^[A-Z]{3}$/, { error: 'must be a three-letter ISO 4217 currency code such as CNY' }),
  );

export const Purchase = z.object({
  ...baseRecordShape,
  contactId: recordId,
  occurredAt: timestamp,
  product: requiredText(300),
  quantity: z.number().positive({ error: 'must be more than zero' }).max(1e9).default(1),
  /** Amount in the currency's minor units (fen, cents); negative for a refund. */
  amountMinor: z
    .number({ error: 'must be a number of minor currency units (cents, fen)' })
    // Bounds first, with their own texts: otherwise an out-of-range amount also failed .int() (beyond
    // the safe-integer range) and both issues fell back to the schema's "must be a number" text.
    .min(-1e15, { error: 'must be at least -10^15 minor units', abort: true })
    .max(1e15, { error: 'must be at most 10^15 minor units', abort: true })
    .int({ error: 'must be a whole number of minor currency units (cents, fen)' }),
  currency: CurrencyCode,
  channel: shortText(100).optional(),
  /** The order number in the shop or ERP the purchase came from (an import keeps it, so a file
   * imported again is recognised line by line, and two orders of the same item on one day stay two). */
  orderId: shortText(100).optional(),
});
export type Purchase = z.infer<typeof Purchase>;
export type PurchaseInput = z.input<typeof Purchase>;
