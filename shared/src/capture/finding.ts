import type { ContactEmail, ContactPhone } from '../schemas/contact';
import { addressText } from './address-text';
import type { CapturedAddress, CapturedTextField, CaptureSourceId, EmbeddedPhoto } from './captured-contact';

/**
 * One contact as one source saw it, before findings of all sources are merged into
 * `CapturedContact`s. Values are already clean (plain text, valid emails, http(s) urls).
 */
export interface Finding {
  source: CaptureSourceId;
  /** Unknown when the source cannot tell (a mailto link): merging and then the mailbox decide. */
  kind?: 'person' | 'organization';
  name?: string;
  givenName?: string;
  familyName?: string;
  title?: string;
  organization?: string;
  department?: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
  urls: string[];
  address?: CapturedAddress;
  photoUrl?: string;
  photo?: EmbeddedPhoto;
  note?: string;
  vcardUrls: string[];
  /** Further values of single-valued fields the source itself gave (two ORG lines, a legal name). */
  alternates?: Partial<Record<CapturedTextField, string[]>>;
  /**
   * Where in the page source this finding sits (character offsets): `span` for a structured
   * region (an h-card, an itemscope element), `at` for a link or a text address. A finding
   * without a name that sits inside another finding's span belongs to that contact.
   */
  span?: { start: number; end: number };
  at?: number;
  /** Page metadata: becomes a contact only when the page is a company page or something joins it. */
  weak?: boolean;
}

/** A finding with nothing filled in yet. */
export function emptyFinding(source: CaptureSourceId): Finding {
  return { source, emails: [], phones: [], urls: [], vcardUrls: [] };
}

/** Records a further value of a single-valued field, unless it repeats the main one. */
export function addAlternate(f: Finding, field: CapturedTextField, value: string | undefined): void {
  const current = field === 'address' ? addressText(f.address) : f[field];
  if (!value || value === current) return;
  f.alternates ??= {};
  const list = f.alternates[field] ?? [];
  if (!list.includes(value)) list.push(value);
  f.alternates[field] = list;
}

/** True when a finding carries anything worth a contact: a name, an organisation, or a way to reach it. */
export function hasSubstance(f: Finding): boolean {
  return Boolean(
    f.name || f.organization || f.emails.length || f.phones.length || f.urls.length || f.vcardUrls.length,
  );
}
