import { phoneKey } from '../phone';
import type { Address } from '../schemas/common';
import type { ContactEmail, ContactPhone } from '../schemas/contact';
import { type ContactDraft, type ContactIdentity, emailKey } from './contact-identity';

/** Single-valued fields where a capture may disagree with what is stored. */
export const SCALAR_FIELDS = [
  'displayName',
  'givenName',
  'familyName',
  'title',
  'organization',
  'birthday',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];
export type ConflictField = ScalarField | `address.${keyof Address}`;

/** A field where stored and captured values differ: the rep chooses, nothing is overwritten silently. */
export interface FieldConflict {
  field: ConflictField;
  current: string;
  incoming: string;
}

export interface ContactMerge {
  /** Changes that lose nothing: empty fields filled, new emails/phones/urls/tags appended. */
  patch: Partial<ContactDraft>;
  /** What the patch adds, for a "what changed" summary. */
  added: {
    emails: ContactEmail[];
    phones: ContactPhone[];
    urls: string[];
    tags: string[];
    fields: ConflictField[];
  };
  conflicts: FieldConflict[];
}

const same = (a: string, b: string) =>
  a.trim().normalize('NFKC').toLowerCase() === b.trim().normalize('NFKC').toLowerCase();

/**
 * Merges a captured draft into a stored contact without dropping any value. New emails, phones,
 * urls and tags are appended; an empty field is filled; a differing name, title, organisation,
 * birthday or address part becomes a conflict for the rep to settle (see `resolveConflicts`).
 * @example mergeContact(stored, draft).conflicts // [{ field: 'title', current: 'Buyer', incoming: 'CEO' }]
 */
export function mergeContact(existing: ContactIdentity, draft: ContactDraft): ContactMerge {
  const patch: Partial<ContactDraft> = {};
  const added: ContactMerge['added'] = { emails: [], phones: [], urls: [], tags: [], fields: [] };
  const conflicts: FieldConflict[] = [];

  const emailKeys = new Set(existing.emails.map((e) => emailKey(e.address)));
  for (const e of draft.emails) {
    if (emailKeys.has(emailKey(e.address))) continue;
    emailKeys.add(emailKey(e.address));
    added.emails.push(e);
  }
  if (added.emails.length) patch.emails = [...existing.emails, ...added.emails];

  const phoneKeys = new Set(existing.phones.map(phoneKey));
  for (const p of draft.phones) {
    if (phoneKeys.has(phoneKey(p))) continue;
    phoneKeys.add(phoneKey(p));
    added.phones.push(p);
  }
  if (added.phones.length) patch.phones = [...existing.phones, ...added.phones];

  const urls = new Set(existing.urls);
  added.urls = draft.urls.filter((u) => !urls.has(u) && urls.add(u));
  if (added.urls.length) patch.urls = [...existing.urls, ...added.urls];

  const tags = new Set(existing.tags.map((t) => t.toLowerCase()));
  added.tags = (draft.tags ?? []).filter((t) => !tags.has(t.toLowerCase()) && tags.add(t.toLowerCase()));
  if (added.tags.length) patch.tags = [...existing.tags, ...added.tags];

  for (const field of SCALAR_FIELDS) {
    const incoming = draft[field]?.trim();
    const current = existing[field]?.trim();
    if (!incoming) continue;
    if (!current) {
      patch[field] = incoming;
      added.fields.push(field);
    } else if (!same(current, incoming)) {
      conflicts.push({ field, current, incoming });
    }
  }

  if (draft.address) {
    const address: Address = { ...existing.address };
    let changed = false;
    for (const part of ['street', 'city', 'region', 'postalCode', 'country'] as const) {
      const incoming = draft.address[part]?.trim();
      const current = existing.address?.[part]?.trim();
      if (!incoming) continue;
      if (!current) {
        address[part] = incoming;
        added.fields.push(`address.${part}`);
        changed = true;
      } else if (!same(current, incoming)) {
        conflicts.push({ field: `address.${part}`, current, incoming });
      }
    }
    if (changed) patch.address = address;
  }
  return { patch, added, conflicts };
}

/** The rep's choice per conflicting field. */
export type ConflictChoices = Partial<Record<ConflictField, 'current' | 'incoming'>>;

/** A change of a stored value, kept in the contact's history so nothing replaced is lost. */
export interface ReplacedValue {
  field: ConflictField;
  oldValue: string;
  newValue: string;
}

/**
 * Applies the rep's choices to a merge: fields chosen 'incoming' join the patch, and each replaced
 * value is returned so the caller can keep it in the contact's history. Unchosen conflicts keep the
 * stored value.
 */
export function resolveConflicts(
  existing: ContactIdentity,
  merge: ContactMerge,
  choices: ConflictChoices,
): { patch: Partial<ContactDraft>; replaced: ReplacedValue[] } {
  const patch: Partial<ContactDraft> = { ...merge.patch };
  const replaced: ReplacedValue[] = [];
  for (const conflict of merge.conflicts) {
    if (choices[conflict.field] !== 'incoming') continue;
    replaced.push({ field: conflict.field, oldValue: conflict.current, newValue: conflict.incoming });
    if (conflict.field.startsWith('address.')) {
      const part = conflict.field.slice('address.'.length) as keyof Address;
      patch.address = { ...existing.address, ...patch.address, [part]: conflict.incoming };
    } else {
      patch[conflict.field as ScalarField] = conflict.incoming;
    }
  }
  return { patch, replaced };
}
