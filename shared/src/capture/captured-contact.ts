import { z } from 'zod';
import { shortText, webUrl } from '../schemas/common';
import { ContactEmail, ContactPhone } from '../schemas/contact';

/**
 * Where a captured value came from. HTML sources are registered in `sources/registry.ts`;
 * `vcard` is `parseVCards`.
 */
export const CaptureSourceId = z.enum([
  'json-ld',
  'microdata',
  'rdfa',
  'microformats',
  'contact-links',
  'text-emails',
  'vcf-links',
  'page-metadata',
  'vcard',
]);
export type CaptureSourceId = z.infer<typeof CaptureSourceId>;

/** The fields of a captured contact that provenance (`fieldSources`) is recorded for. */
export const CapturedField = z.enum([
  'kind',
  'name',
  'givenName',
  'familyName',
  'title',
  'organization',
  'department',
  'emails',
  'phones',
  'urls',
  'address',
  'photoUrl',
  'photo',
  'note',
  'vcardUrls',
]);
export type CapturedField = z.infer<typeof CapturedField>;

/** The single-valued text fields; a second, different value for one of them goes to `alternates`. */
export const CapturedTextField = z.enum(['name', 'title', 'organization', 'department', 'note', 'address']);
export type CapturedTextField = z.infer<typeof CapturedTextField>;

/**
 * A postal address as the page or card wrote it. `country` is the text as captured ("U.S.A.",
 * "中国", "DE"): turning it into an ISO code is the repository's job. `text` is the whole address
 * when the source gave it as one string rather than in parts.
 */
export const CapturedAddress = z.object({
  street: shortText(300).optional(),
  city: shortText(100).optional(),
  region: shortText(100).optional(),
  postalCode: shortText(20).optional(),
  country: shortText(100).optional(),
  text: shortText(500).optional(),
});
export type CapturedAddress = z.infer<typeof CapturedAddress>;

/**
 * A photo embedded in a vCard (base64). Kept apart from `photoUrl`, which only ever holds an
 * http(s) url: captured `data:` urls are refused everywhere, but a raster image the card itself
 * carries is worth keeping. Only raster types are accepted (an SVG could carry script).
 */
export const EmbeddedPhoto = z.object({
  mediaType: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp']),
  base64: z
    .string()
    .max(1_500_000, { error: 'must be at most 1.5 MB of base64' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'must be base64' }),
});
export type EmbeddedPhoto = z.infer<typeof EmbeddedPhoto>;

/** Where a capture was made: the page, the email message, or the imported file. */
export const CaptureOrigin = z.object({
  url: webUrl.optional(),
  messageId: shortText(500).optional(),
  file: shortText(300).optional(),
});
export type CaptureOrigin = z.infer<typeof CaptureOrigin>;

/**
 * One person or organisation found on a page, in an email or in a vCard file, before it is matched
 * to the rep's contacts. All text is plain text (never HTML); urls are absolute http(s) urls.
 */
export const CapturedContact = z.object({
  kind: z.enum(['person', 'organization']),
  name: shortText(200).optional(),
  givenName: shortText(100).optional(),
  familyName: shortText(100).optional(),
  title: shortText(200).optional(),
  organization: shortText(200).optional(),
  /** Department or unit inside the organisation (vCard ORG's later components). */
  department: shortText(200).optional(),
  emails: z.array(ContactEmail),
  /** E.164 in `number` where libphonenumber could parse it; `raw` keeps what was written. */
  phones: z.array(ContactPhone),
  urls: z.array(webUrl),
  address: CapturedAddress.optional(),
  photoUrl: webUrl.optional(),
  photo: EmbeddedPhoto.optional(),
  /** A note on the person, or an organisation's description (a page's meta description). */
  note: shortText(1000).optional(),
  /** Links to downloadable .vcf cards of this contact, for the adapter to fetch and `parseVCards`. */
  vcardUrls: z.array(webUrl),
  source: CaptureOrigin,
  /** Which extractors supplied each field (any of its values). */
  fieldSources: z.partialRecord(CapturedField, z.array(CaptureSourceId)),
  /**
   * Values of single-valued fields that lost to the one shown (two sources disagreed, or a card
   * had two ORGs): nothing found is dropped, and the rep can pick. Addresses are written as one line.
   */
  alternates: z.partialRecord(CapturedTextField, z.array(shortText(1000))),
});
export type CapturedContact = z.infer<typeof CapturedContact>;
