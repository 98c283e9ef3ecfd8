import { z } from 'zod';
import { shortText, timestamp, webUrl } from '../schemas/common';

/**
 * Bounds of what a webmail adapter reads from one open message. The adapter cuts to them (it runs
 * on every change of the page, so its work must stay small); the schema refuses anything longer.
 */
export const OPEN_MESSAGE_LIMITS = {
  /** Characters of body text read: signatures sit at the end of the part the sender wrote. */
  maxBodyChars: 100_000,
  maxRecipients: 100,
  maxSubjectChars: 500,
  maxNameChars: 200,
  maxMessageIdChars: 500,
} as const;

/** The webmail sites Keepcard reads. */
export const WebmailSite = z.enum(['gmail', 'outlook']);
export type WebmailSite = z.infer<typeof WebmailSite>;

/**
 * How the adapter read the message: `attributes` through the site's stable attributes and ARIA
 * roles; `fallback` through generic extraction (mailto: links, addresses in the visible text)
 * because the site's markup was not the one the adapter knows. The UI tells the rep which.
 */
export const ReadPath = z.enum(['attributes', 'fallback']);
export type ReadPath = z.infer<typeof ReadPath>;

const mailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }));

/** A person on a message: the address, and the name the site shows for it (if any). */
export const MailPerson = z.object({
  name: shortText(OPEN_MESSAGE_LIMITS.maxNameChars).optional(),
  address: mailAddress,
});
export type MailPerson = z.infer<typeof MailPerson>;

/**
 * The message open in a webmail tab, as its adapter read it. Plain text only: nothing here is
 * ever rendered as HTML.
 */
export const OpenMessage = z.object({
  site: WebmailSite,
  path: ReadPath,
  sender: MailPerson,
  recipients: z.array(MailPerson).max(OPEN_MESSAGE_LIMITS.maxRecipients),
  subject: shortText(OPEN_MESSAGE_LIMITS.maxSubjectChars),
  /** When it was sent, in epoch milliseconds; null when the page showed no date the adapter could read. */
  date: timestamp.nullable(),
  /** The site's id of the message (prefixed with the site); null when the page showed none. */
  messageId: shortText(OPEN_MESSAGE_LIMITS.maxMessageIdChars).nullable(),
  bodyText: z.string().max(OPEN_MESSAGE_LIMITS.maxBodyChars),
  /** The rep's own address in this webmail account; null when the page did not show it. */
  accountEmail: mailAddress.nullable(),
  /** The page the message was read on. */
  pageUrl: webUrl.optional(),
});
export type OpenMessage = z.infer<typeof OpenMessage>;
