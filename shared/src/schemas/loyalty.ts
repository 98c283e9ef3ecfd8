import { z } from 'zod';
import { baseRecordShape, recordId, requiredText, timestamp } from './common';

/**
 * One movement of a customer's loyalty points (积分): an award (positive) or a redemption
 * (negative), always with a reason. The ledger is append-only: the balance is the sum of the
 * entries, and a mistake is corrected by a new entry, never by editing an old one.
 */
export const LoyaltyEntry = z.object({
  ...baseRecordShape,
  contactId: recordId,
  occurredAt: timestamp,
  points: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(-1_000_000_000, { error: 'must be at least -1000000000' })
    .max(1_000_000_000, { error: 'must be at most 1000000000' })
    .refine((n) => n !== 0, { error: 'must not be zero' }),
  reason: requiredText(500),
});
export type LoyaltyEntry = z.infer<typeof LoyaltyEntry>;
export type LoyaltyEntryInput = z.input<typeof LoyaltyEntry>;
