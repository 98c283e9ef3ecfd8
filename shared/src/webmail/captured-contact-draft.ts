// Lives beside the webmail mapping because both feed the same repository call; it belongs with
// shared/src/capture if that folder's owner prefers (it only reads CapturedContact).

import type { CapturedAddress, CapturedContact } from '../capture/captured-contact';
import { cleanText, resolveWebUrl } from '../capture/clean-values';
import { type ContactDraft, emailKey } from '../identity/contact-identity';
import { mergeContact } from '../identity/contact-merge';
import { splitPersonName } from '../names';
import { phoneKey } from '../phone';
import type { Address } from '../schemas/common';
import type { RecordSource } from '../schemas/contact';

export type SourcedDraft = ContactDraft & { source: RecordSource };

function addressOf(captured: CapturedAddress | undefined): Address | undefined {
  if (!captured) return undefined;
  const address: Address = {};
  if (captured.street) address.street = captured.street;
  if (captured.city) address.city = captured.city;
  if (captured.region) address.region = captured.region;
  if (captured.postalCode) address.postalCode = captured.postalCode;
  // The Contact schema keeps ISO codes only; a country written out stays in the street line below.
  const country = captured.country?.trim();
  if (country && /^[A-Za-z]{2}$/.test(country)) address.country = country.toUpperCase();
  else if (country) address.street = cleanText([address.street, country].filter(Boolean).join(', '), 300);
  if (Object.keys(address).length === 0 && captured.text) address.street = cleanText(captured.text, 300);
  return Object.keys(address).length > 0 ? address : undefined;
}

/**
 * A repository draft from one contact `extractContactsFromHtml` found on a page. Organisations
 * become contacts only when they carry an email or a phone (a company's "info@" line); a capture
 * with no name, email or phone gives null.
 * @example draftFromCapturedContact(captured, { now, pageUrl: 'https://acme.cn/team' })?.source // { kind: 'page', url: 'https://acme.cn/team', capturedAt: now }
 */
export function draftFromCapturedContact(
  captured: CapturedContact,
  opts: { now: number; pageUrl?: string },
): SourcedDraft | null {
  const reachable = captured.emails.length > 0 || captured.phones.length > 0;
  if (captured.kind === 'organization' && !reachable) return null;
  const name = captured.name ?? (captured.kind === 'organization' ? captured.organization : undefined);
  const displayName = cleanText(name, 200) ?? captured.emails[0]?.address ?? captured.phones[0]?.raw;
  if (!displayName) return null;
  const source: RecordSource = { kind: 'page', capturedAt: opts.now };
  const url = resolveWebUrl(captured.source.url ?? opts.pageUrl);
  if (url) source.url = url;
  const split = name && captured.kind === 'person' ? splitPersonName(displayName) : {};
  const draft: SourcedDraft = {
    displayName,
    ...split,
    ...(captured.givenName && { givenName: captured.givenName }),
    ...(captured.familyName && { familyName: captured.familyName }),
    ...(captured.title && { title: captured.title }),
    ...(captured.kind === 'person' && captured.organization && { organization: captured.organization }),
    emails: captured.emails.slice(0, 50),
    phones: captured.phones.slice(0, 50),
    urls: captured.urls.slice(0, 50),
    source,
  };
  const address = addressOf(captured.address);
  if (address) draft.address = address;
  return draft;
}

/**
 * Joins the drafts of two readers of the same page without duplicates: a `secondary` draft that
 * shares an email with a `primary` one (or, having no email of its own, shares a phone) only adds
 * what the primary lacks (new emails, phones, urls; empty fields); where both give a value, the
 * primary's stays. The others are appended.
 * @example mergeDraftLists([linkDraft], [extractorDraft]).length // 1 when both are the same person
 */
export function mergeDraftLists(
  primary: readonly SourcedDraft[],
  secondary: readonly SourcedDraft[],
): SourcedDraft[] {
  const out = primary.map((d) => ({ ...d }));
  for (const extra of secondary) {
    const emails = new Set(extra.emails.map((e) => emailKey(e.address)));
    const phones = new Set(extra.phones.map(phoneKey));
    const target =
      out.find((d) => d.emails.some((e) => emails.has(emailKey(e.address)))) ??
      (emails.size === 0 ? out.find((d) => d.phones.some((p) => phones.has(phoneKey(p)))) : undefined);
    if (!target) {
      out.push({ ...extra });
      continue;
    }
    const { patch } = mergeContact({ ...target, id: '', tags: target.tags ?? [] }, extra);
    Object.assign(target, patch);
  }
  return out;
}
