import { z } from 'zod';
import type { ContactDraft } from '../identity/contact-identity';
import { Address, shortText } from '../schemas/common';
import { Contact } from '../schemas/contact';
import { type FieldIssue, ValidationError } from '../schemas/validation';

/**
 * The fields of a draft a rep edits before saving, checked by the Contact schema's own rules
 * (the organisation by the company name's length). Nothing new is declared here.
 */
const EditableDraft = z.object({
  displayName: Contact.shape.displayName,
  givenName: Contact.shape.givenName,
  familyName: Contact.shape.familyName,
  title: Contact.shape.title,
  organization: shortText(200).optional(),
  emails: Contact.shape.emails,
  phones: Contact.shape.phones,
  urls: Contact.shape.urls,
  address: Address.optional(),
});

/**
 * The problems of an edited draft, each naming its field as the schemas do (`displayName`,
 * `emails[1].address`); an empty list when the draft can be saved.
 * @example checkContactDraft({ displayName: ' ', emails: [{ address: 'x', label: 'work' }], phones: [], urls: [] })
 * // [{ field: 'displayName', reason: 'must not be empty' }, { field: 'emails[0].address', reason: 'must be a valid email address' }]
 */
export function checkContactDraft(draft: ContactDraft): FieldIssue[] {
  const result = EditableDraft.safeParse(draft);
  return result.success ? [] : ValidationError.fromZod('contact', result.error).issues;
}
