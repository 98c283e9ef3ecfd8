// Referrals (客户推荐): who referred whom, and what the referred customers bought. Pure functions; the
// extension's referral repository loads the links they need and applies them in one transaction.

import type { Purchase } from '../schemas/purchase';
import type { FieldIssue } from '../schemas/validation';
import { rateToCurrency, type ScoringSettings } from '../scoring/scoring-settings';

/**
 * Why `referrerId` cannot be set as the referrer of `contactId`, or null when it can. `referrerOf`
 * gives a contact's current referrer (null or undefined: none); the chain above the referrer is
 * walked, so a customer can never end up referring themselves, directly or through others.
 * @example referralIssue('a', 'b', (id) => ({ b: 'a' })[id]) // a cycle: b was referred by a
 */
export function referralIssue(
  contactId: string,
  referrerId: string | null,
  referrerOf: (id: string) => string | null | undefined,
): FieldIssue | null {
  if (referrerId === null) return null;
  if (referrerId === contactId)
    return { field: 'referredById', reason: 'must not be the customer themselves' };
  const seen = new Set<string>([referrerId]);
  for (let id = referrerOf(referrerId); id; id = referrerOf(id)) {
    if (id === contactId)
      return {
        field: 'referredById',
        reason: 'must not be a customer this one referred, directly or through others (a referral cycle)',
      };
    // A cycle that does not include this contact (possible after merging two devices' edits) ends here.
    if (seen.has(id)) break;
    seen.add(id);
  }
  return null;
}

type PurchaseFacts = Pick<Purchase, 'contactId' | 'amountMinor' | 'currency'> & { deletedAt?: number | null };

export interface ReferredRevenue {
  /** Net revenue of all referred customers in `currency`, minor units (refunds subtract). */
  totalMinor: number;
  currency: string;
  /** Each referred customer's net revenue in `currency`. */
  byContact: Map<string, number>;
  /** Currencies without an exchange rate to `currency`: their purchases are left out, not guessed. */
  skippedCurrencies: string[];
}

/**
 * What the customers a referrer brought in have bought, in the workspace currency, converted with
 * the scoring settings' exchange rates (the same conversion the scores use).
 * @example referredRevenue(purchases, 'CNY', { exchangeRates: { USD: 7.1 } })
 */
export function referredRevenue(
  purchases: readonly PurchaseFacts[],
  currency: string,
  settings: Pick<ScoringSettings, 'exchangeRates'>,
): ReferredRevenue {
  const byContact = new Map<string, number>();
  const skipped = new Set<string>();
  let total = 0;
  for (const p of purchases) {
    if (p.deletedAt !== undefined && p.deletedAt !== null) continue;
    const rate = rateToCurrency(p.currency, currency, settings);
    if (rate === undefined) {
      skipped.add(p.currency);
      continue;
    }
    const value = Math.round(p.amountMinor * rate);
    total += value;
    byContact.set(p.contactId, (byContact.get(p.contactId) ?? 0) + value);
  }
  return { totalMinor: total, currency, byContact, skippedCurrencies: [...skipped].sort() };
}
