import { cleanText } from '../capture/clean-values';
import { findEmails } from '../capture/signature/contact-spans';
import type { MailPerson } from './open-message';

/** Characters of text read: an address line or a header block, never a whole page. */
const MAX_TEXT_CHARS = 50_000;
/** Characters before an address searched for its name ("Anna Müller <"). */
const MAX_NAME_WINDOW = 300;

/** Header labels in the languages of the UI and of the mail clients reps use, before a name. */
const HEADER_LABEL =
  /^(?:from|to|cc|bcc|sender|reply-to|von|an|de|à|para|da|a|发件人|收件人|抄送|密送|寄件者|收件者|副本)\s*[:：]\s*/iu;

// A name right before "<address>": a quoted name (which may hold a comma: "Müller, Anna"), or
// the text back to the previous separator.
const NAME_BEFORE_BRACKET = /(?:"([^"]{1,200})"|([^;,\n<>"]{1,200}))\s*<\s*$/u;

function nameBefore(segment: string): string | undefined {
  const match = NAME_BEFORE_BRACKET.exec(segment.slice(-MAX_NAME_WINDOW));
  if (!match) return undefined;
  const name = cleanText((match[1] ?? match[2] ?? '').replace(HEADER_LABEL, ''), 200);
  return name && !name.includes('@') ? name : undefined;
}

/**
 * The people in an address line or a block of header text, in order, without duplicates:
 * `Anna Müller <anna@acme.de>`, `"Müller, Anna" <anna@acme.de>`, `Anna Müller<anna@acme.de>` (as
 * Outlook on the web writes it), bare addresses, separated by commas, semicolons or new lines.
 * Addresses are lower-cased; a name is kept only when it is written before `<address>`. Bounded:
 * reads the first 50,000 characters and returns at most `max` people.
 * @example parseAddressList('From: "Müller, Anna" <Anna@Acme.de>; li.wei@example.cn')
 * // [{ name: 'Müller, Anna', address: 'anna@acme.de' }, { address: 'li.wei@example.cn' }]
 */
export function parseAddressList(text: string, max = 100): MailPerson[] {
  const source = text.slice(0, MAX_TEXT_CHARS);
  const people: MailPerson[] = [];
  const seen = new Set<string>();
  let previousEnd = 0;
  for (const span of findEmails(source)) {
    if (people.length >= max) break;
    const name = nameBefore(source.slice(previousEnd, span.start));
    previousEnd = span.end;
    if (seen.has(span.value)) continue;
    seen.add(span.value);
    people.push(name ? { name, address: span.value } : { address: span.value });
  }
  return people;
}

/**
 * True when a name shown for an address says nothing more than the address: empty, an address
 * itself, or its local part ("anna.mueller" or "annamueller" for anna.mueller@acme.de; "Anna
 * Mueller" is a name).
 * @example isAddressLikeName('anna.mueller', 'anna.mueller@acme.de') // true
 */
export function isAddressLikeName(name: string | undefined, address: string): boolean {
  const text = name?.trim().toLowerCase() ?? '';
  if (!text || text.includes('@')) return true;
  const local = address.split('@')[0]?.toLowerCase() ?? '';
  // "Bob Chen" for bob.chen@ is a name; "bob.chen" or "bobchen" is the address again.
  return text === local || (!/\s/.test(text) && text.replace(/[._-]+/g, '') === local.replace(/[._-]+/g, ''));
}
