import { cleanText, emailsIn, resolveWebUrl } from '../capture/clean-values';
import { type ParsedSignature, parseSignature } from '../capture/signature/parse-signature';
import type { ContactDraft } from '../identity/contact-identity';
import { splitPersonName } from '../names';
import { normalizePhone } from '../phone';
import type { Address } from '../schemas/common';
import type { ContactEmail, ContactPhone, RecordSource } from '../schemas/contact';

/** The contact fields a signature block gives, ready to merge into a draft. */
export interface SignatureFields {
  name?: string;
  title?: string;
  organization?: string;
  emails: ContactEmail[];
  phones: ContactPhone[];
  urls: string[];
  address?: Address;
}

/**
 * Turns `parseSignature`'s result into contact fields: emails validated, phones normalised with
 * the default region (E.164 where parseable, the text as written otherwise), web addresses made
 * absolute http(s) ("www.acme.cn" → "https://www.acme.cn/"), the address line kept whole as the
 * street (the rep can split it; nothing is dropped).
 * @example signatureFields({ name: '张伟', emails: [], phones: ['138 0013 8000'], urls: [] }, 'CN').phones[0].number // '+8613800138000'
 */
export function signatureFields(signature: ParsedSignature, defaultRegion: string): SignatureFields {
  const emails = [...new Set(signature.emails.flatMap(emailsIn))].map((address) => ({
    address,
    label: 'work' as const,
  }));
  const phones: ContactPhone[] = [];
  for (const raw of signature.phones) {
    const phone = normalizePhone(raw, defaultRegion);
    if (phone.raw && !phones.some((p) => p.number === phone.number)) phones.push(phone);
  }
  const urls = [
    ...new Set(
      signature.urls
        .map((u) => resolveWebUrl(/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `https://${u}`))
        .filter((u): u is string => u !== undefined),
    ),
  ];
  const fields: SignatureFields = { emails, phones: phones.slice(0, 50), urls: urls.slice(0, 50) };
  const name = cleanText(signature.name, 200);
  const title = cleanText(signature.title, 200);
  const organization = cleanText(signature.organization, 200);
  const street = cleanText(signature.address, 300);
  if (name) fields.name = name;
  if (title) fields.title = title;
  if (organization) fields.organization = organization;
  if (street) fields.address = { street };
  return fields;
}

/** Why a selection gave no contact. */
export type SelectionClipProblem = 'empty-selection' | 'nothing-found';

/**
 * A contact from text the rep selected on a page (a signature, an "about" box, a business card
 * typed out), read with `parseSignature`. A selection with neither a name, an email nor a phone
 * gives no contact, and says why.
 * @example
 * draftFromSelection('Anna Müller\nSales Manager\nTel: +49 30 1234567', { defaultRegion: 'DE', now: 0 }).draft?.displayName
 * // 'Anna Müller'
 */
export function draftFromSelection(
  text: string,
  opts: { defaultRegion: string; now: number; pageUrl?: string },
):
  | { draft: ContactDraft & { source: RecordSource }; problem: null }
  | { draft: null; problem: SelectionClipProblem } {
  if (!text.trim()) return { draft: null, problem: 'empty-selection' };
  const fields = signatureFields(
    parseSignature(text, { defaultRegion: opts.defaultRegion }),
    opts.defaultRegion,
  );
  const displayName = fields.name ?? fields.emails[0]?.address ?? fields.phones[0]?.raw;
  if (!displayName) return { draft: null, problem: 'nothing-found' };
  const source: RecordSource = { kind: 'page', capturedAt: opts.now };
  const url = resolveWebUrl(opts.pageUrl);
  if (url) source.url = url;
  const { name: _name, ...rest } = fields;
  return {
    draft: { displayName, ...(fields.name ? splitPersonName(fields.name) : {}), ...rest, source },
    problem: null,
  };
}
