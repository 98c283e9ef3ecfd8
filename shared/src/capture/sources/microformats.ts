import { mf2 } from 'microformats-parser';
import { addressText } from '../address-text';
import { CAPTURE_LIMITS } from '../capture-limits';
import type { CapturedAddress } from '../captured-contact';
import { cleanText, emailsIn, phoneIn, resolveWebUrl } from '../clean-values';
import { addAlternate, emptyFinding, type Finding } from '../finding';
import type { CaptureSource, SourceContext } from './capture-source';

type Mf2Document = ReturnType<typeof mf2>;
type Mf2Item = Mf2Document['items'][number];
type Mf2Value = Mf2Item['properties'][string][number];

// microformats-parser needs an absolute base url; a page without one gets this stand-in, and any
// url resolved against it (a relative link on such a page) is dropped.
const NO_BASE = 'https://keepcard.invalid/';

const isItem = (value: Mf2Value): value is Mf2Item => typeof value === 'object' && 'properties' in value;

/** The text of a property value: a string, an image's url, an embedded item's or html's `value`. */
function textOf(value: Mf2Value): string | undefined {
  if (typeof value === 'string') return value;
  if (isItem(value)) {
    if (typeof value.value === 'string') return value.value;
    const name = value.properties.name?.[0];
    return name === undefined ? undefined : textOf(name);
  }
  return value.value;
}

function textsOf(item: Mf2Item, ...props: string[]): string[] {
  return props
    .flatMap((p) => (item.properties[p] ?? []).map(textOf))
    .filter((t): t is string => Boolean(t?.trim()));
}

function urlOf(text: string | undefined): string | undefined {
  const url = resolveWebUrl(text);
  return url && !url.startsWith(NO_BASE) ? url : undefined;
}

function addressOfItem(item: Mf2Item): CapturedAddress | undefined {
  const first = (...props: string[]) => textsOf(item, ...props)[0];
  const address: CapturedAddress = {};
  const street = ['street-address', 'extended-address', 'post-office-box']
    .map((p) => cleanText(first(p), 300))
    .filter(Boolean)
    .join(', ');
  const parts: [keyof CapturedAddress, string | undefined, number][] = [
    ['street', street, 300],
    ['city', first('locality'), 100],
    ['region', first('region'), 100],
    ['postalCode', first('postal-code'), 20],
    ['country', first('country-name'), 100],
  ];
  for (const [part, text, max] of parts) {
    const clean = cleanText(text, max);
    if (clean) address[part] = clean;
  }
  return Object.keys(address).length ? address : undefined;
}

function addresses(item: Mf2Item): CapturedAddress[] {
  const out: CapturedAddress[] = [];
  for (const value of item.properties.adr ?? []) {
    if (isItem(value)) {
      const address = addressOfItem(value);
      if (address) out.push(address);
    } else {
      const text = cleanText(textOf(value), 500);
      if (text) out.push({ text });
    }
  }
  // Address parts written on the h-card itself.
  const own = addressOfItem(item);
  if (own) out.push(own);
  return out;
}

function findingOfCard(item: Mf2Item, ctx: { defaultRegion: string }, asOrganization: boolean): Finding {
  const f = emptyFinding('microformats');
  const names = textsOf(item, 'name').map((n) => cleanText(n, 200));
  const orgs = textsOf(item, 'org').map((o) => cleanText(o, 200));
  if (names[0]) f.name = names[0];
  for (const n of names.slice(1)) addAlternate(f, 'name', n);
  // An organisation's card: the value of a person's p-org, an h-org, or classic hCard's "fn org"
  // on one element (name = org).
  const isOrganization =
    asOrganization ||
    Boolean(item.type?.includes('h-org')) ||
    Boolean(f.name && orgs.some((o) => o === f.name));
  f.kind = isOrganization ? 'organization' : 'person';
  if (!isOrganization) {
    const given = cleanText(textsOf(item, 'given-name')[0], 100);
    const family = cleanText(textsOf(item, 'family-name')[0], 100);
    if (given) f.givenName = given;
    if (family) f.familyName = family;
    if (orgs[0]) f.organization = orgs[0];
    for (const o of orgs.slice(1)) addAlternate(f, 'organization', o);
    const titles = textsOf(item, 'job-title', 'title', 'role').map((t) => cleanText(t, 200));
    if (titles[0]) f.title = titles[0];
    for (const t of titles.slice(1)) addAlternate(f, 'title', t);
  }
  for (const value of textsOf(item, 'email')) {
    for (const address of emailsIn(value)) {
      if (!f.emails.some((e) => e.address === address)) f.emails.push({ address, label: 'work' });
    }
  }
  for (const value of textsOf(item, 'tel')) {
    const phone = phoneIn(value, ctx.defaultRegion);
    if (phone && !f.phones.some((p) => p.number === phone.number)) f.phones.push(phone);
  }
  for (const value of textsOf(item, 'url')) {
    const url = urlOf(value);
    if (url && !f.urls.includes(url)) f.urls.push(url);
  }
  const [address, ...others] = addresses(item);
  if (address) f.address = address;
  for (const other of others) addAlternate(f, 'address', addressText(other));
  const photo = urlOf(textsOf(item, ...(isOrganization ? ['logo', 'photo'] : ['photo', 'logo']))[0]);
  if (photo) f.photoUrl = photo;
  const note = cleanText(textsOf(item, 'note')[0], 1000);
  if (note) f.note = note;
  return f;
}

/** Every h-card in a parsed region: top-level, children, and cards embedded as property values. */
function findingsOf(doc: Mf2Document, ctx: { defaultRegion: string }): Finding[] {
  const findings: Finding[] = [];
  type Entry = { item: Mf2Item; depth: number; asOrganization?: boolean };
  const stack: Entry[] = doc.items.map((item) => ({ item, depth: 0 })).reverse();
  while (stack.length) {
    const { item, depth, asOrganization = false } = stack.pop()!;
    if (item.type?.includes('h-card')) {
      const f = findingOfCard(item, ctx, asOrganization);
      if (f.name || f.organization || f.emails.length || f.phones.length) findings.push(f);
    }
    if (depth >= CAPTURE_LIMITS.maxSchemaDepth) continue;
    const nested: Entry[] = [
      ...Object.entries(item.properties).flatMap(([prop, list]) =>
        // An h-adr or h-geo is part of its card, not a card of its own.
        prop === 'adr' || prop === 'geo'
          ? []
          : list
              .filter(isItem)
              .map((child) => ({ item: child, depth: depth + 1, asOrganization: prop === 'org' })),
      ),
      ...(item.children ?? []).map((child) => ({ item: child, depth: depth + 1 })),
    ];
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
  return findings;
}

function parseRegion(html: string, baseUrl: string, ctx: SourceContext): Mf2Document | undefined {
  try {
    return mf2(html, { baseUrl });
  } catch {
    // A third-party parser's failure on one card must not lose the page's other cards.
    ctx.notes.push({
      code: 'source-failed',
      message: 'One microformats card could not be read and was skipped.',
    });
    return undefined;
  }
}

/**
 * microformats2 h-card and classic hCard (class="vcard"), read by the microformats-parser package.
 * All of a page's cards go to the parser in one call (one parse5 parse instead of one per card,
 * a sixth of the time); each card's element gives exactly one top-level item, so items map back
 * to their cards by order. When they do not (markup that spills from one card into the next),
 * each card is parsed on its own.
 */
export const microformatsSource: CaptureSource = {
  id: 'microformats',
  extract(scan, ctx) {
    const baseUrl = scan.baseUrl ?? NO_BASE;
    // microformats-parser walks its tree recursively: a card nested past the depth limit is
    // skipped rather than risk the stack (the depth-limited note already says so).
    const regions = scan.regions.microformats.filter((r) => !r.truncated);
    if (!regions.length) return [];
    const slices = regions.map((r) => scan.html.slice(r.start, r.end));
    const batch = parseRegion(slices.map((html) => `<div>${html}</div>`).join('\n'), baseUrl, ctx);
    const docs =
      batch && batch.items.length === regions.length
        ? batch.items.map((item) => ({ ...batch, items: [item] }))
        : slices.map((html) => parseRegion(html, baseUrl, ctx));
    const findings: Finding[] = [];
    docs.forEach((doc, i) => {
      if (!doc) return;
      const found = findingsOf(doc, ctx);
      // The region is the outermost card's element: its span marks where that card sits.
      if (found[0]) found[0].span = { start: regions[i]!.start, end: regions[i]!.end };
      findings.push(...found);
    });
    return findings;
  },
};
