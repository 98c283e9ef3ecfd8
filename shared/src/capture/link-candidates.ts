import { splitPersonName } from '../names';
import { normalizePhone } from '../phone';
import type { ContactEmail, ContactPhone, RecordSource } from '../schemas/contact';

/**
 * What the page clipper read around `mailto:` and `tel:` links: the raw strings, before any
 * normalisation. The clipper runs inside the page and must stay dependency-free; everything
 * else happens here, in pure code.
 */
export interface LinkCandidate {
  /** The visible name next to the links, if the page shows one. */
  name: string | null;
  /** `href` values of mailto: links. */
  mailtos: string[];
  /** `href` values of tel: links. */
  tels: string[];
}

/** The contact fields drawn from one candidate, ready for the repository. */
export interface CandidateContact {
  displayName: string;
  givenName?: string;
  familyName?: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
  urls: string[];
  source: RecordSource;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/**
 * The addresses of a `mailto:` href (several may be comma-separated; query ignored).
 * @example emailsFromMailto('mailto:Li.Wei@Example.cn?subject=hi') // ['li.wei@example.cn']
 */
export function emailsFromMailto(href: string): string[] {
  const body = href.replace(/^mailto:/i, '').split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    decoded = body;
  }
  return decoded
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => EMAIL.test(s));
}

/**
 * The number of a `tel:` href, without the scheme and visual separators' encoding.
 * @example phoneFromTel('tel:+86-138-0013-8000') // '+86-138-0013-8000'
 */
export function phoneFromTel(href: string): string | null {
  let text = href.replace(/^tel:/i, '').split(/[;?]/)[0] ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // keep the raw text
  }
  text = text.trim();
  return /\d{3,}/.test(text) ? text : null;
}

function cleanName(name: string | null): string | null {
  const text = name?.replace(/\s+/g, ' ').trim() ?? '';
  // A "name" that is itself an address or a number is no name.
  if (!text || text.length > 120 || text.includes('@') || /^[+\d\s().-]+$/.test(text)) return null;
  return text;
}

/**
 * Turns the clipper's candidates into contacts: normalised emails and E.164 phones, the name split
 * the CJK-aware way, one contact per distinct person (candidates that share an email or phone are
 * merged), and no contact without an email or phone.
 */
export function contactsFromLinkCandidates(
  candidates: readonly LinkCandidate[],
  opts: { pageUrl: string; defaultRegion: string; now: number },
): CandidateContact[] {
  const contacts: CandidateContact[] = [];
  const byKey = new Map<string, CandidateContact>();
  const source: RecordSource = { kind: 'page', capturedAt: opts.now };
  if (/^https?:/i.test(opts.pageUrl)) source.url = opts.pageUrl;

  for (const candidate of candidates) {
    const emails = [...new Set(candidate.mailtos.flatMap(emailsFromMailto))];
    const phones = candidate.tels
      .map(phoneFromTel)
      .filter((t): t is string => t !== null)
      .map((raw) => normalizePhone(raw, opts.defaultRegion));
    if (emails.length === 0 && phones.length === 0) continue;
    const keys = [...emails, ...phones.map((p) => p.number)];
    let contact = keys.map((k) => byKey.get(k)).find(Boolean);
    const name = cleanName(candidate.name);
    if (!contact) {
      const displayName = name ?? emails[0] ?? phones[0]!.raw;
      contact = {
        displayName,
        ...(name ? splitPersonName(name) : {}),
        emails: [],
        phones: [],
        urls: [],
        source,
      };
      contacts.push(contact);
    }
    for (const address of emails) {
      if (!contact.emails.some((e) => e.address === address)) contact.emails.push({ address, label: 'work' });
    }
    for (const phone of phones) {
      if (!contact.phones.some((p) => p.number === phone.number)) contact.phones.push(phone);
    }
    for (const key of keys) byKey.set(key, contact);
  }
  return contacts;
}
