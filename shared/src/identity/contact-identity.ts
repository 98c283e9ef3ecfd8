import { phoneKey } from '../phone';
import type { Address } from '../schemas/common';
import type { ContactEmail, ContactPhone } from '../schemas/contact';
import { emailKey, nameKey, organizationKey } from './keys';

/**
 * What a capture or an import proposes for a person: the contact fields plus the organisation's
 * name (the repository turns that into a company reference).
 */
export interface ContactDraft {
  displayName: string;
  givenName?: string;
  familyName?: string;
  title?: string;
  organization?: string;
  birthday?: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
  urls: string[];
  address?: Address;
  tags?: string[];
}

/** The part of a stored contact that identity matching and merging look at. */
export interface ContactIdentity extends Omit<ContactDraft, 'tags'> {
  id: string;
  tags: string[];
}

export type MatchReason = 'email' | 'phone' | 'name-organization';

export { emailKey, nameKey, organizationKey } from './keys';

/**
 * Finds the stored contact a draft is about: first by a shared email, then a shared phone, then
 * the same name at the same organisation (both must be known). Candidates are whatever the caller
 * looked up by index; the first match in that order wins.
 * @example matchContact(draft, [stored]) // { contact: stored, by: 'email' }
 */
export function matchContact<C extends ContactIdentity>(
  draft: ContactDraft,
  candidates: readonly C[],
): { contact: C; by: MatchReason } | null {
  const emails = new Set(draft.emails.map((e) => emailKey(e.address)));
  const byEmail = candidates.find((c) => c.emails.some((e) => emails.has(emailKey(e.address))));
  if (byEmail) return { contact: byEmail, by: 'email' };
  const phones = new Set(draft.phones.map(phoneKey).filter((k) => k.length >= 5));
  const byPhone = candidates.find((c) => c.phones.some((p) => phones.has(phoneKey(p))));
  if (byPhone) return { contact: byPhone, by: 'phone' };
  if (draft.organization) {
    const name = nameKey(draft.displayName);
    const org = organizationKey(draft.organization);
    const byName = candidates.find(
      (c) => c.organization && nameKey(c.displayName) === name && organizationKey(c.organization) === org,
    );
    if (byName) return { contact: byName, by: 'name-organization' };
  }
  return null;
}
