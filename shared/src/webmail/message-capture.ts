import { cleanText } from '../capture/clean-values';
import { findSignature } from '../capture/signature/find-signature';
import { type ParsedSignature, parseSignature } from '../capture/signature/parse-signature';
import { type ContactDraft, emailKey, nameKey } from '../identity/contact-identity';
import { splitPersonName } from '../names';
import type { ContactEmail, RecordSource } from '../schemas/contact';
import { isAddressLikeName } from './address-list';
import type { MailPerson, OpenMessage } from './open-message';
import { type SignatureFields, signatureFields } from './signature-draft';

/** The Interaction a saved message logs (the repository adds ids, owner and timestamps). */
export interface EmailInteractionDraft {
  kind: 'email';
  direction: 'inbound' | 'outbound';
  occurredAt: number;
  subject?: string;
  /** The key a message is logged once by: the site's id, or a key made from its content. */
  emailMessageId: string;
}

/** What the rep should know about how the card was filled. */
export type MessageCaptureNote =
  /** The site's markup was not the known one: generic extraction read the message. */
  | 'fallback-path'
  /** The rep's own address was not on the page: the message is taken as received. */
  | 'account-unknown'
  /** No date on the page: the time the message was read stands in. */
  | 'date-unknown'
  /** No message id on the page: the message is logged under a key made from its content. */
  | 'message-id-made-up'
  /** A sent message: the body's signature is the rep's own, so it is not read into the card. */
  | 'own-signature-skipped'
  /** The body's signature names another person and address than the sender's: not used. */
  | 'signature-of-someone-else'
  /** A message the rep sent to nobody else (to themselves): there is no customer on it. */
  | 'no-counterpart';

export interface MessageCapture {
  direction: 'inbound' | 'outbound';
  /** The customer the message is about: the sender of a received message, the first other recipient of a sent one. */
  counterpart: MailPerson | null;
  /** The card to propose for the counterpart; null when there is none. */
  draft: (ContactDraft & { source: RecordSource }) | null;
  interaction: EmailInteractionDraft;
  /** The signature block found in the body, what was read from it, and whether the card used it. */
  signature: { text: string; fields: SignatureFields; used: boolean } | null;
  notes: MessageCaptureNote[];
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable key, not a security measure. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The key a message is logged under: the site's message id, or, when the page showed none, a key
 * made from the site, sender, subject, date and start of the body (the same message read twice
 * gives the same key).
 * @example emailMessageKey({ ...message, messageId: 'gmail:18d5b1c2e3f4a5b6' }) // 'gmail:18d5b1c2e3f4a5b6'
 */
export function emailMessageKey(message: OpenMessage): string {
  if (message.messageId) return message.messageId;
  const content = [
    message.sender.address,
    message.subject,
    message.date ?? '',
    message.bodyText.replace(/\s+/g, ' ').trim().slice(0, 500),
  ].join('\u0000');
  return `${message.site}:content:${fnv1a(content)}${fnv1a(`${content}\u0001`)}`;
}

/** True when two names are the same person's: equal, or one is the other with more parts ("Anna" / "Anna Müller"). */
function sameName(a: string, b: string): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return true;
  const wa = ka.split(' ');
  const wb = kb.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.every((w) => long.includes(w));
}

/** Whether the signature is the counterpart's: it carries their address, or their name, or nothing that says otherwise. */
function signatureIsTheirs(fields: SignatureFields, person: MailPerson): boolean {
  if (fields.emails.some((e) => e.address === person.address)) return true;
  const name = person.name && !isAddressLikeName(person.name, person.address) ? person.name : undefined;
  if (fields.name && name) return sameName(fields.name, name);
  return fields.emails.length === 0;
}

/** The display name: the one the site shows, unless the signature gives a fuller form of it or the site shows only an address. */
function chooseName(person: MailPerson, signature: SignatureFields | null): string {
  const shown = person.name && !isAddressLikeName(person.name, person.address) ? person.name : undefined;
  const signed = signature?.name;
  if (shown && signed && sameName(shown, signed) && nameKey(signed).length > nameKey(shown).length)
    return signed;
  return shown ?? signed ?? person.address;
}

/**
 * What an open webmail message gives Keepcard: the customer it is about (the sender of a received
 * message; the first other recipient of a sent one), a pre-filled card for them from the sender's
 * name and address and the body's signature (`findSignature` + `parseSignature`), and the email
 * Interaction to log (direction, time, subject, and the key that keeps it from being logged twice).
 * The direction is outbound when the sender is the rep's own account address. Pure: `now` stands in
 * for a date the page did not show.
 * @example
 * captureFromOpenMessage(message, { defaultRegion: 'CN', now }).draft?.emails[0]?.address // the sender's address
 */
export function captureFromOpenMessage(
  message: OpenMessage,
  opts: { defaultRegion: string; now: number },
): MessageCapture {
  const notes: MessageCaptureNote[] = [];
  if (message.path === 'fallback') notes.push('fallback-path');
  const account = message.accountEmail ? emailKey(message.accountEmail) : null;
  if (!account) notes.push('account-unknown');
  const outbound = account !== null && emailKey(message.sender.address) === account;
  const direction = outbound ? 'outbound' : 'inbound';
  const counterpart = outbound
    ? (message.recipients.find((r) => emailKey(r.address) !== account) ?? null)
    : message.sender;
  if (!counterpart) notes.push('no-counterpart');

  if (message.date === null) notes.push('date-unknown');
  if (!message.messageId) notes.push('message-id-made-up');
  const subject = cleanText(message.subject, 500);
  const interaction: EmailInteractionDraft = {
    kind: 'email',
    direction,
    occurredAt: message.date ?? opts.now,
    ...(subject && { subject }),
    emailMessageId: emailMessageKey(message),
  };

  let signature: MessageCapture['signature'] = null;
  const block = findSignature(message.bodyText);
  if (block) {
    const parsed: ParsedSignature = parseSignature(block, { defaultRegion: opts.defaultRegion });
    const fields = signatureFields(parsed, opts.defaultRegion);
    let used = false;
    if (outbound) notes.push('own-signature-skipped');
    else if (signatureIsTheirs(fields, message.sender)) used = true;
    else notes.push('signature-of-someone-else');
    signature = { text: block, fields, used };
  }

  if (!counterpart) return { direction, counterpart, draft: null, interaction, signature, notes };

  const fromSignature = signature?.used ? signature.fields : null;
  const displayName = chooseName(counterpart, fromSignature);
  const emails: ContactEmail[] = [{ address: counterpart.address, label: 'work' }];
  for (const e of fromSignature?.emails ?? []) {
    if (e.address !== account && !emails.some((x) => x.address === e.address)) emails.push(e);
  }
  const source: RecordSource = {
    kind: 'email',
    emailMessageId: interaction.emailMessageId,
    capturedAt: opts.now,
  };
  if (message.pageUrl) source.url = message.pageUrl;
  const draft: ContactDraft & { source: RecordSource } = {
    displayName,
    ...(displayName !== counterpart.address ? splitPersonName(displayName) : {}),
    ...(fromSignature?.title && { title: fromSignature.title }),
    ...(fromSignature?.organization && { organization: fromSignature.organization }),
    emails: emails.slice(0, 50),
    phones: fromSignature?.phones ?? [],
    urls: fromSignature?.urls ?? [],
    ...(fromSignature?.address && { address: fromSignature.address }),
    source,
  };
  return { direction, counterpart, draft, interaction, signature, notes };
}
