import { isCjkName } from '../../names';
import type { ContactPhone } from '../../schemas/contact';
import { addressText } from '../address-text';
import { CAPTURE_LIMITS } from '../capture-limits';
import type { CapturedAddress, CaptureSourceId } from '../captured-contact';
import { cleanText, emailsIn, phoneIn, resolveWebUrl } from '../clean-values';
import { addAlternate, emptyFinding, type Finding } from '../finding';
import { firstText, type SchemaNode, texts, values } from './schema-node';
import { isContactPointType, isOrganizationType, isPersonType } from './schema-org-types';

export interface SchemaContext {
  baseUrl?: string;
  defaultRegion: string;
}

// Properties through which an organisation lists its people: a person found there works there.
const PEOPLE_OF_ORGANIZATION = new Set(['employee', 'employees', 'founder', 'founders', 'member', 'members']);
// Properties a person's or organisation's finding reads itself; their items are not separate contacts.
const CONSUMED = new Set(['address', 'contactPoint', 'contactPoints', 'image', 'logo', 'location']);

function addEmails(f: Finding, node: SchemaNode, ...props: string[]) {
  for (const value of texts(node, ...props)) {
    for (const address of emailsIn(value)) {
      if (!f.emails.some((e) => e.address === address)) f.emails.push({ address, label: 'work' });
    }
  }
}

function addPhones(
  f: Finding,
  node: SchemaNode,
  ctx: SchemaContext,
  label: ContactPhone['label'],
  ...props: string[]
) {
  for (const value of texts(node, ...props)) {
    const phone = phoneIn(value, ctx.defaultRegion, label);
    if (phone && !f.phones.some((p) => p.number === phone.number)) f.phones.push(phone);
  }
}

function addUrls(f: Finding, node: SchemaNode, ctx: SchemaContext, ...props: string[]) {
  for (const value of texts(node, ...props)) {
    const url = resolveWebUrl(value, ctx.baseUrl);
    if (url && !f.urls.includes(url)) f.urls.push(url);
  }
}

/** A PostalAddress item (or data-vocabulary's Address) in parts; a text address as `text`. */
export function addressOf(value: string | SchemaNode): CapturedAddress | undefined {
  if (typeof value === 'string') {
    const text = cleanText(value, 500);
    return text ? { text } : undefined;
  }
  const street = [
    firstText(value, 'streetAddress', 'street-address'),
    firstText(value, 'extendedAddress', 'extended-address'),
    firstText(value, 'postOfficeBoxNumber', 'post-office-box'),
  ]
    .map((s) => cleanText(s, 300))
    .filter(Boolean)
    .join(', ');
  const address: CapturedAddress = {};
  const parts: [keyof CapturedAddress, string | undefined, number][] = [
    ['street', street, 300],
    ['city', firstText(value, 'addressLocality', 'locality'), 100],
    ['region', firstText(value, 'addressRegion', 'region'), 100],
    ['postalCode', firstText(value, 'postalCode', 'postal-code'), 20],
    ['country', firstText(value, 'addressCountry', 'country-name', 'country'), 100],
  ];
  for (const [part, text, max] of parts) {
    const clean = cleanText(text, max);
    if (clean) address[part] = clean;
  }
  if (!Object.keys(address).length) {
    const name = cleanText(firstText(value, 'name'), 500);
    return name ? { text: name } : undefined;
  }
  return address;
}

function personName(node: SchemaNode): string | undefined {
  const given = cleanText(firstText(node, 'givenName', 'given-name'), 100);
  const family = cleanText(firstText(node, 'familyName', 'family-name'), 100);
  if (!given && !family) return undefined;
  if (given && family && isCjkName(family + given)) return family + given;
  return [given, firstText(node, 'additionalName'), family].filter(Boolean).join(' ');
}

/** One person's or organisation's finding, reading its own properties and its contact points. */
function findingOf(
  node: SchemaNode,
  kind: 'person' | 'organization' | undefined,
  source: CaptureSourceId,
  ctx: SchemaContext,
): Finding {
  const f = emptyFinding(source);
  if (kind) f.kind = kind;
  if (node.span) f.span = node.span;
  const names = [...texts(node, 'name'), ...(kind === 'organization' ? texts(node, 'legalName') : [])]
    .map((n) => cleanText(n, 200))
    .filter((n): n is string => Boolean(n));
  const built = kind === 'person' ? cleanText(personName(node), 200) : undefined;
  f.name = names[0] ?? built;
  for (const other of names.slice(1)) addAlternate(f, 'name', other);
  if (kind === 'person') {
    const given = cleanText(firstText(node, 'givenName', 'given-name'), 100);
    const family = cleanText(firstText(node, 'familyName', 'family-name'), 100);
    if (given) f.givenName = given;
    if (family) f.familyName = family;
    const titles = texts(node, 'jobTitle', 'title').map((t) => cleanText(t, 200));
    f.title = titles[0];
    for (const t of titles.slice(1)) addAlternate(f, 'title', t);
    const orgs = texts(node, 'worksFor', 'affiliation').map((t) => cleanText(t, 200));
    f.organization = orgs[0];
    for (const o of orgs.slice(1)) addAlternate(f, 'organization', o);
  }
  if (!f.title) delete f.title;
  if (!f.organization) delete f.organization;
  if (!f.name) delete f.name;

  addEmails(f, node, 'email');
  addPhones(f, node, ctx, 'work', 'telephone', 'tel');
  addPhones(f, node, ctx, 'fax', 'faxNumber');
  for (const point of values(node, 'contactPoint', 'contactPoints')) {
    if (typeof point === 'string') continue;
    addEmails(f, point, 'email');
    addPhones(f, point, ctx, 'work', 'telephone');
    addPhones(f, point, ctx, 'fax', 'faxNumber');
    addUrls(f, point, ctx, 'url');
  }
  addUrls(f, node, ctx, 'url', 'sameAs');

  const addresses = values(node, 'address', 'adr')
    .map(addressOf)
    .filter((a): a is CapturedAddress => Boolean(a));
  if (addresses[0]) f.address = addresses[0];
  for (const other of addresses.slice(1)) addAlternate(f, 'address', addressText(other));

  const photo =
    kind === 'organization' ? firstText(node, 'logo', 'image') : firstText(node, 'image', 'photo');
  const photoUrl = resolveWebUrl(photo, ctx.baseUrl);
  if (photoUrl) f.photoUrl = photoUrl;
  const note = cleanText(firstText(node, 'description'), 1000);
  if (note) f.note = note;
  return f;
}

/**
 * Findings for the people and organisations among schema.org items and everything nested in them
 * (an Article's author, an Event's organizer, an organisation's employees), each read once.
 * A person listed by an organisation (employee, founder, member) gets its name as organisation.
 * @example findingsFromSchema([personItem], 'json-ld', { defaultRegion: 'US' }) // [{ kind: 'person', name: 'Jane Doe', ... }]
 */
export function findingsFromSchema(
  roots: readonly SchemaNode[],
  source: CaptureSourceId,
  ctx: SchemaContext,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<SchemaNode>();
  const stack: { node: SchemaNode; depth: number; employer?: string; owned?: boolean }[] = roots
    .map((node) => ({ node, depth: 0 }))
    .reverse();
  while (stack.length && seen.size < CAPTURE_LIMITS.maxSchemaNodes) {
    const { node, depth, employer, owned } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    const person = isPersonType(node.types);
    const organization = !person && isOrganizationType(node.types);
    if (person || organization) {
      const f = findingOf(node, person ? 'person' : 'organization', source, ctx);
      if (person && !f.organization && employer) f.organization = employer;
      if (f.name || f.emails.length || f.phones.length) findings.push(f);
    } else if (isContactPointType(node.types) && !owned) {
      // A contact point on its own: an organisation's line whose organisation the page did not name.
      const f = findingOf(node, undefined, source, ctx);
      if (f.emails.length || f.phones.length) findings.push(f);
    }
    if (depth >= CAPTURE_LIMITS.maxSchemaDepth) continue;
    const name = organization ? cleanText(firstText(node, 'name', 'legalName'), 200) : undefined;
    const children: (typeof stack)[number][] = [];
    for (const [prop, list] of node.props) {
      for (const value of list) {
        if (typeof value === 'string') continue;
        const consumed = (person || organization) && CONSUMED.has(prop);
        const child: (typeof stack)[number] = { node: value, depth: depth + 1, owned: consumed };
        if (name && PEOPLE_OF_ORGANIZATION.has(prop)) child.employer = name;
        children.push(child);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return findings;
}
