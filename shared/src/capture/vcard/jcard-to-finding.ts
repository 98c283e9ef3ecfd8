import { isCjkName } from '../../names';
import type { ContactEmail, ContactPhone } from '../../schemas/contact';
import { addressText } from '../address-text';
import { CAPTURE_LIMITS } from '../capture-limits';
import { type CapturedAddress, EmbeddedPhoto } from '../captured-contact';
import { cleanText, emailsIn, phoneIn, resolveWebUrl } from '../clean-values';
import { addAlternate, emptyFinding, type Finding } from '../finding';

/** A property as ical.js gives it (RFC 7095 jCard): name, parameters, value type, value(s). */
export type JCardValue = string | number | boolean | JCardValue[];
export type JCardProperty = [string, Record<string, string | string[]>, string, ...JCardValue[]];

const typesOf = (p: JCardProperty): string[] => {
  const type = p[1].type;
  return (Array.isArray(type) ? type : type ? [type] : []).flatMap((t) => t.toLowerCase().split(','));
};

/** A value as text: structured parts and lists joined. */
function textOf(value: JCardValue | undefined, sep = ' '): string {
  if (value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map((v) => textOf(v, sep))
      .filter(Boolean)
      .join(sep);
  return String(value);
}

/** The components of a structured value (N, ADR, ORG): each a text, lists joined by spaces. */
function components(p: JCardProperty): string[] {
  const value = p[3];
  return Array.isArray(value) ? value.map((v) => textOf(v)) : [textOf(value)];
}

function phoneLabel(types: string[]): ContactPhone['label'] {
  if (types.includes('fax')) return 'fax';
  if (types.some((t) => t === 'cell' || t === 'mobile' || t === 'iphone')) return 'mobile';
  if (types.includes('home')) return 'home';
  if (types.some((t) => t === 'pager' || t === 'other')) return 'other';
  return 'work';
}

function emailLabel(types: string[]): ContactEmail['label'] {
  if (types.includes('home')) return 'home';
  if (types.includes('other')) return 'other';
  return 'work';
}

const MEDIA_TYPES: Record<string, EmbeddedPhoto['mediaType']> = {
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  'image/jpeg': 'image/jpeg',
  png: 'image/png',
  'image/png': 'image/png',
  gif: 'image/gif',
  'image/gif': 'image/gif',
  webp: 'image/webp',
  'image/webp': 'image/webp',
  bmp: 'image/bmp',
  'image/bmp': 'image/bmp',
};

/**
 * A photo from PHOTO or LOGO: an http(s) url, or an embedded raster image (3.0 ENCODING=b or a
 * 4.0 `data:` uri). `tooLarge` when the embedded image is over the size limit.
 */
function photoOf(p: JCardProperty): { url?: string; photo?: EmbeddedPhoto; tooLarge?: boolean } {
  const value = textOf(p[3], '').trim();
  if (p[2] === 'binary' || p[1].encoding) {
    const declared = typesOf(p).find((t) => MEDIA_TYPES[t]);
    const base64 = value.replace(/\s+/g, '');
    if (base64.length > CAPTURE_LIMITS.maxPhotoBase64Chars) return { tooLarge: true };
    const photo = EmbeddedPhoto.safeParse({ mediaType: MEDIA_TYPES[declared ?? 'jpeg'], base64 });
    return photo.success ? { photo: photo.data } : {};
  }
  const data = /^data:([\w/+.-]+)?(;[^,]*)?,(.*)$/is.exec(value);
  if (data) {
    if (!/;base64/i.test(data[2] ?? '')) return {};
    if ((data[3] ?? '').length > CAPTURE_LIMITS.maxPhotoBase64Chars) return { tooLarge: true };
    const mediaType = MEDIA_TYPES[(data[1] ?? '').toLowerCase()];
    const photo = EmbeddedPhoto.safeParse({ mediaType, base64: (data[3] ?? '').replace(/\s+/g, '') });
    return photo.success ? { photo: photo.data } : {};
  }
  const url = resolveWebUrl(value);
  return url ? { url } : {};
}

function addressOf(p: JCardProperty): CapturedAddress | undefined {
  const [pobox, extended, street, city, region, postalCode, country] = components(p);
  const address: CapturedAddress = {};
  const streetLine = [street, extended, pobox]
    .map((s) => cleanText(s, 300))
    .filter(Boolean)
    .join(', ');
  const parts: [keyof CapturedAddress, string | undefined, number][] = [
    ['street', streetLine, 300],
    ['city', city, 100],
    ['region', region, 100],
    ['postalCode', postalCode, 20],
    ['country', country, 100],
  ];
  for (const [part, text, max] of parts) {
    const clean = cleanText(text, max);
    if (clean) address[part] = clean;
  }
  return Object.keys(address).length ? address : undefined;
}

/** Puts the preferred one (TYPE=pref or PREF=1) first, keeping the file's order otherwise. */
function preferredFirst(props: JCardProperty[]): JCardProperty[] {
  const pref = (p: JCardProperty) => (typesOf(p).includes('pref') || p[1].pref !== undefined ? 0 : 1);
  return [...props].sort((a, b) => pref(a) - pref(b));
}

/**
 * Maps one card's jCard properties to a finding. Photos over the size limit are left out and
 * reported through `onTooLargePhoto`.
 */
export function findingFromJCard(
  props: JCardProperty[],
  opts: { defaultRegion: string; onTooLargePhoto?: () => void },
): Finding {
  const f = emptyFinding('vcard');
  const all = (name: string) => preferredFirst(props.filter((p) => p[0] === name));
  const texts = (name: string, max: number) =>
    all(name)
      .map((p) => cleanText(textOf(p[3]), max))
      .filter((t): t is string => Boolean(t));

  const kind = textOf(all('kind')[0]?.[3]).toLowerCase();
  const showAs = textOf(all('x-abshowas')[0]?.[3]).toLowerCase();

  const [family, given, additional] = all('n')[0]
    ? components(all('n')[0]!).map((c) => cleanText(c, 100))
    : [];
  if (given) f.givenName = given;
  if (family) f.familyName = family;
  // Writers that need an FN but have no name put the email or the number there: that is no name.
  const placeholders = new Set(
    [...all('email'), ...all('tel')].map((p) =>
      textOf(p[3])
        .replace(/^(?:mailto|tel):/i, '')
        .trim()
        .toLowerCase(),
    ),
  );
  const names = texts('fn', 200).filter((n) => !placeholders.has(n.toLowerCase()));
  const built =
    given || family
      ? isCjkName(`${family ?? ''}${given ?? ''}`)
        ? `${family ?? ''}${given ?? ''}`
        : [given, additional, family].filter(Boolean).join(' ')
      : undefined;
  if (names[0] ?? built) f.name = names[0] ?? built;
  for (const n of names.slice(1)) addAlternate(f, 'name', n);

  const orgs = all('org').map(components);
  const organization = cleanText(orgs[0]?.[0], 200);
  const department = cleanText(orgs[0]?.slice(1).filter(Boolean).join(', '), 200);
  const isOrganization =
    kind === 'org' || kind === 'organization' || showAs === 'company' || (!f.name && Boolean(organization));
  f.kind = isOrganization ? 'organization' : 'person';
  if (isOrganization) {
    // An organisation's card: FN is its name; ORG, when it differs, is the body it belongs to.
    if (!f.name && organization) f.name = organization;
    else if (organization && organization !== f.name) f.organization = organization;
    delete f.givenName;
    delete f.familyName;
  } else if (organization) {
    f.organization = organization;
  }
  if (department) f.department = department;
  for (const other of orgs.slice(1)) addAlternate(f, 'organization', cleanText(other[0], 200));

  const titles = [...texts('title', 200), ...texts('role', 200)];
  if (titles[0]) f.title = titles[0];
  for (const t of titles.slice(1)) addAlternate(f, 'title', t);

  for (const p of all('email')) {
    for (const address of emailsIn(textOf(p[3]))) {
      if (!f.emails.some((e) => e.address === address))
        f.emails.push({ address, label: emailLabel(typesOf(p)) });
    }
  }
  for (const p of all('tel')) {
    const phone = phoneIn(textOf(p[3]), opts.defaultRegion, phoneLabel(typesOf(p)));
    if (phone && !f.phones.some((x) => x.number === phone.number && x.label === phone.label))
      f.phones.push(phone);
  }
  for (const p of all('url')) {
    const url = resolveWebUrl(textOf(p[3], ''));
    if (url && !f.urls.includes(url)) f.urls.push(url);
  }
  const addresses = all('adr')
    .map(addressOf)
    .filter((a): a is CapturedAddress => Boolean(a));
  if (addresses[0]) f.address = addresses[0];
  for (const other of addresses.slice(1)) addAlternate(f, 'address', addressText(other));

  for (const p of [...all('photo'), ...all('logo')]) {
    const { url, photo, tooLarge } = photoOf(p);
    if (tooLarge) opts.onTooLargePhoto?.();
    if (url && !f.photoUrl) f.photoUrl = url;
    if (photo && !f.photo) f.photo = photo;
  }
  const note = texts('note', 1000)[0];
  if (note) f.note = note;
  return f;
}
