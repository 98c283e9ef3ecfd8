import { foldSearch, type ListEntry, type ListScores } from '@keepcard/shared';
import type { ContactRow } from '../db/db';

/**
 * Separates the fields inside `searchText`: a query cannot contain it, so a match never spans the end
 * of one field and the start of the next ("wang" + "li" must not match "gli").
 */
const FIELD_SEPARATOR = '\u0001';

/** The digits of a phone number written any way: "+86 138-0013 8000" → "8613800138000". */
const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Projects a stored contact, its company's name and its stored list scores into the flat entry the
 * list filters, sorts and renders. Search text holds the name, emails, phones (as stored, and as bare
 * digits so "138 0013 8000" finds "+8613800138000"), company, title, tags and preference tags.
 */
export function listEntryOf(contact: ContactRow, companyName?: string, scores?: ListScores): ListEntry {
  const parts: string[] = [contact.displayName, contact.nameKey];
  for (const email of contact.emailKeys) parts.push(email);
  for (const phone of contact.phones) {
    parts.push(phone.number);
    const digits = digitsOf(phone.number);
    if (digits) parts.push(digits);
    const rawDigits = digitsOf(phone.raw);
    if (rawDigits && rawDigits !== digits) parts.push(rawDigits);
  }
  if (companyName) parts.push(companyName);
  if (contact.title) parts.push(contact.title);
  for (const tag of contact.tags) parts.push(tag);
  for (const tag of contact.preferences?.tags ?? []) parts.push(tag);
  const entry: ListEntry = {
    id: contact.id,
    displayName: contact.displayName,
    nameKey: contact.nameKey,
    searchText: parts.map(foldSearch).join(FIELD_SEPARATOR),
    tags: contact.tags,
    ownerId: contact.ownerId,
  };
  if (contact.assigneeId) entry.assigneeId = contact.assigneeId;
  if (contact.title) entry.title = contact.title;
  if (companyName) entry.companyName = companyName;
  const email = contact.emails[0]?.address;
  if (email) entry.primaryEmail = email;
  const phone = contact.phones[0];
  if (phone) entry.primaryPhone = phone.number.startsWith('+') ? phone.number : phone.raw;
  const address = contact.address;
  if (address?.country) entry.country = address.country;
  if (address?.region) entry.region = address.region;
  if (address?.city) entry.city = address.city;
  if (contact.gender) entry.gender = contact.gender;
  if (contact.birthday) entry.birthday = contact.birthday;
  if (scores) entry.scores = scores;
  return entry;
}
