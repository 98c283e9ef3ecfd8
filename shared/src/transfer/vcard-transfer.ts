import type { CapturedContact } from '../capture/captured-contact';
import { parseVCards, type VCardError } from '../capture/vcard/parse-vcards';
import { toVCard } from '../capture/vcard/to-vcard';
import type { Contact } from '../schemas/contact';
import { draftFromCapturedContact, type SourcedDraft } from '../webmail/captured-contact-draft';

/**
 * The contacts of a .vcf file as drafts for the repository (the same reading and mapping as a .vcf
 * link clipped from a page), with the file as their source. Bad cards and lines come back in
 * `errors` with their line numbers; the good cards are kept.
 * @example vcardImportDrafts('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王小明\r\nEND:VCARD', { defaultRegion: 'CN', fileName: 'a.vcf', now }).drafts[0].displayName // '王小明'
 */
export function vcardImportDrafts(
  text: string,
  opts: { defaultRegion: string; fileName: string; now: number },
): { drafts: SourcedDraft[]; errors: VCardError[] } {
  const { contacts, errors } = parseVCards(text, {
    defaultRegion: opts.defaultRegion,
    fileName: opts.fileName,
  });
  const drafts: SourcedDraft[] = [];
  for (const captured of contacts) {
    const draft = draftFromCapturedContact(captured, { now: opts.now });
    if (!draft) continue;
    draft.source = { kind: 'import', importFile: opts.fileName.slice(0, 300), capturedAt: opts.now };
    drafts.push(draft);
  }
  return { drafts, errors };
}

/** What a vCard export reads of a stored contact, and its company's name. */
export type VCardExportContact = Pick<
  Contact,
  'displayName' | 'givenName' | 'familyName' | 'title' | 'emails' | 'phones' | 'urls' | 'address' | 'photoUrl'
> & { organization?: string };

/**
 * Contacts as one vCard 4.0 file (the shared `toVCard`): name, organisation, title, emails, phones,
 * web addresses, postal address and photo url. Tags, birthday and preferences are not written
 * (`toVCard` has no properties for them).
 */
export function contactsToVCard(contacts: Iterable<VCardExportContact>): string {
  const cards: CapturedContact[] = [];
  for (const c of contacts) {
    const card: CapturedContact = {
      kind: 'person',
      name: c.displayName,
      emails: c.emails,
      phones: c.phones,
      urls: c.urls,
      vcardUrls: [],
      source: {},
      fieldSources: {},
      alternates: {},
    };
    if (c.givenName) card.givenName = c.givenName;
    if (c.familyName) card.familyName = c.familyName;
    if (c.title) card.title = c.title;
    if (c.organization) card.organization = c.organization;
    if (c.photoUrl) card.photoUrl = c.photoUrl;
    if (c.address) card.address = { ...c.address };
    cards.push(card);
  }
  return toVCard(cards);
}
