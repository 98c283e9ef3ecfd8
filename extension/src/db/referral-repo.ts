// Referrals (客户推荐): who referred whom, stored on the referred contact (`referredById`).
import { type Contact, referralIssue, ValidationError } from '@keepcard/shared';
import { type ContactRow, getDb } from './db';
import { updateRecord, type WriteContext, writeTables } from './records-repo';

/** Longest referral chain walked when checking for a cycle (a real chain is a handful of people). */
const MAX_CHAIN = 10_000;

/**
 * Sets (or clears, with null) who referred a customer. The chain above the referrer is read in the
 * same transaction as the write, so a concurrent edit cannot slip a cycle in between.
 * @throws ValidationError naming `referredById`: the customer themselves, a customer they referred
 *   (directly or through others), or a referrer that does not exist.
 */
export async function setReferrer(
  contactId: string,
  referrerId: string | null,
  ctx: WriteContext,
): Promise<ContactRow> {
  const db = ctx.db ?? getDb();
  return db.transaction('rw', writeTables(db), async () => {
    const chain = new Map<string, Contact['referredById']>();
    if (referrerId !== null && referrerId !== contactId) {
      const referrer = await db.contacts.get(referrerId);
      if (!referrer || referrer.deletedAt !== null)
        throw new ValidationError('contacts', [
          { field: 'referredById', reason: 'must be an existing customer' },
        ]);
      // Load the chain above the referrer: referrer → their referrer → … until it ends or loops.
      let id: string | null = referrerId;
      let current: ContactRow | undefined = referrer;
      while (id !== null && !chain.has(id) && chain.size < MAX_CHAIN && current) {
        const next: string | null = current.referredById ?? null;
        chain.set(id, next);
        id = next;
        current = id !== null && id !== contactId ? await db.contacts.get(id) : undefined;
      }
    }
    const issue = referralIssue(contactId, referrerId, (id) => chain.get(id));
    if (issue) throw new ValidationError('contacts', [issue]);
    return updateRecord('contacts', contactId, { referredById: referrerId }, { ...ctx, db });
  });
}
