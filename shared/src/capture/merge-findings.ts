import { emailKey, nameKey, organizationKey } from '../identity/contact-identity';
import { splitPersonName } from '../names';
import { phoneKey } from '../phone';
import { addressText } from './address-text';
import { CAPTURE_LIMITS } from './capture-limits';
import type { CapturedContact, CapturedField, CapturedTextField, CaptureSourceId } from './captured-contact';
import type { Finding } from './finding';
import { isRoleMailbox } from './visible-names';

export interface MergeOptions {
  /** The page (or message) the findings come from, recorded as each contact's source. */
  pageUrl?: string;
  messageId?: string;
  file?: string;
  /** Source ids in order of trust: the first source's value of a field is the one shown. */
  sourceOrder: readonly CaptureSourceId[];
}

type KeyField = 'names' | 'organizations' | 'emails' | 'phones';

/** A set of findings about one person or organisation, growing as findings join it. */
interface Group {
  findings: Finding[];
  kind?: 'person' | 'organization';
  /** Keys of the group's values; `NO_KEYS` until the first (most findings lack some of the four). */
  names: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  emails: ReadonlySet<string>;
  phones: ReadonlySet<string>;
  /** First and last place on the page of the group's findings. */
  position: number;
  last: number;
  merged?: Group;
}

const STRUCTURED: ReadonlySet<CaptureSourceId> = new Set(['json-ld', 'microdata', 'rdfa', 'microformats']);
const FROM_LINKS: ReadonlySet<CaptureSourceId> = new Set(['contact-links', 'text-emails', 'vcf-links']);

// Name keys and name splits are memoised per merge: Unicode normalisation (NFKC) is the costliest
// step, and pages repeat names (every finding of one person carries it; colleagues share names).
let personNameKeys = new Map<string, string>();
let organizationNameKeys = new Map<string, string>();
let nameSplits = new Map<string, ReturnType<typeof splitPersonName>>();
function splitName(name: string): ReturnType<typeof splitPersonName> {
  let split = nameSplits.get(name);
  if (split === undefined) {
    split = splitPersonName(name);
    nameSplits.set(name, split);
  }
  return split;
}
function keyOfName(f: Pick<Finding, 'kind'>, name: string): string {
  const organization = f.kind === 'organization';
  const memo = organization ? organizationNameKeys : personNameKeys;
  let key = memo.get(name);
  if (key === undefined) {
    key = organization ? organizationKey(name) : nameKey(name);
    memo.set(name, key);
  }
  return key;
}

// A phone shared by two differently named findings is a switchboard, not an identity.
const MIN_PHONE_KEY = 5;

/** The registrable part of a host, near enough for matching a mailbox to a site (acme.com.cn → acme.com.cn, www.acme.com → acme.com). */
function siteDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const second = labels.at(-2) ?? '';
  const take = labels.at(-1)!.length === 2 && /^(?:co|com|net|org|gov|edu|ac|or|ne|go)$/.test(second) ? 3 : 2;
  return labels.slice(-take).join('.');
}

// One shared empty set stands for a group's missing keys: a team page's hundreds of findings
// would otherwise make four sets each, most of them never filled.
const NO_KEYS: ReadonlySet<string> = new Set();

function addKey(group: Group, field: KeyField, key: string): void {
  const keys = group[field];
  if (keys === NO_KEYS) group[field] = new Set<string>().add(key);
  else (keys as Set<string>).add(key);
}

function root(group: Group): Group {
  let g = group;
  while (g.merged) g = g.merged;
  return g;
}

function compatibleKinds(a: Group['kind'], b: Group['kind']): boolean {
  return !a || !b || a === b;
}

/** Names that can be one person's: equal, or one a part of the other ("Jane Doe" / "Jane A. Doe" is not; "Jane" / "Jane Doe" is). */
function compatibleNames(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (!a.size || !b.size) return true;
  for (const x of a) for (const y of b) if (x === y || x.includes(y) || y.includes(x)) return true;
  return false;
}

function compatibleOrganizations(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return !a.size || !b.size || intersects(a, b);
}

function absorb(into: Group, from: Group): void {
  if (into === from) return;
  from.merged = into;
  into.findings.push(...from.findings);
  into.kind ??= from.kind;
  for (const field of ['names', 'organizations', 'emails', 'phones'] as const)
    for (const v of from[field]) addKey(into, field, v);
  into.position = Math.min(into.position, from.position);
  into.last = Math.max(into.last, from.last);
}

function groupOf(f: Finding, position: number): Group {
  const group: Group = {
    findings: [f],
    names: NO_KEYS,
    organizations: NO_KEYS,
    emails: NO_KEYS,
    phones: NO_KEYS,
    position,
    last: position,
  };
  if (f.name) addKey(group, 'names', keyOfName(f, f.name));
  if (f.organization) addKey(group, 'organizations', organizationKey(f.organization));
  for (const e of f.emails) addKey(group, 'emails', emailKey(e.address));
  for (const p of f.phones) {
    const key = phoneKey(p);
    if (key.length >= MIN_PHONE_KEY) addKey(group, 'phones', key);
  }
  if (f.kind) group.kind = f.kind;
  return group;
}

/** True when two sets share a value. */
function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const v of a) if (b.has(v)) return true;
  return false;
}

/** The group of the smallest structured card (h-card, itemscope...) whose markup holds offset `at`. */
function innermostCard(
  structured: readonly Finding[],
  at: number,
  groups: Map<Finding, Group>,
): Group | undefined {
  let best: Finding | undefined;
  for (const s of structured) {
    const span = s.span!;
    if (span.start <= at && at < span.end && groups.has(s)) {
      if (!best || span.end - span.start < best.span!.end - best.span!.start) best = s;
    }
  }
  return best && groups.get(best);
}

/** Adds a group to a finding's candidates, once, in order of first appearance (most findings have none). */
function withCandidate(list: Group[] | undefined, group: Group): Group[] {
  if (!list) return [group];
  if (!list.includes(group)) list.push(group);
  return list;
}

/**
 * Groups findings into one set per real person or organisation. Findings join when they share an
 * email; or a phone, unless they give different names; or the same name, unless they give different
 * organisations or different emails; a person and an organisation never join. A finding without a name inside a
 * structured card (an "Email" link in an h-card) joins that card.
 */
function groupFindings(findings: readonly Finding[], pageUrl: string | undefined): Group[] {
  const groups: Group[] = [];
  const byEmail = new Map<string, Group>();
  const byPhone = new Map<string, Group>();
  const byName = new Map<string, Group[]>();
  // Keys point at the group they were first seen in; `root` follows it to where it was merged.
  // Only a new finding's own keys are added, so indexing stays linear in the findings.
  const index = (keys: Group, g: Group) => {
    for (const e of keys.emails) if (!byEmail.has(e)) byEmail.set(e, g);
    for (const p of keys.phones) if (!byPhone.has(p)) byPhone.set(p, g);
    for (const n of keys.names) {
      const list = byName.get(n);
      if (!list) byName.set(n, [g]);
      else if (!list.some((x) => root(x) === root(g))) list.push(g);
    }
  };

  const isStructured = (f: Finding) => STRUCTURED.has(f.source) && f.span !== undefined;
  const structured = findings.filter(isStructured);
  const position = (f: Finding) => f.span?.start ?? f.at ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...findings].sort((a, b) => Number(Boolean(a.weak)) - Number(Boolean(b.weak)));
  /** The group of each structured finding, for the links inside its card to join. */
  const groupByFinding = new Map<Finding, Group>();

  for (const f of ordered) {
    const mine = groupOf(f, position(f));
    let candidates: Group[] | undefined;
    for (const e of mine.emails) {
      const g = byEmail.get(e);
      if (g) candidates = withCandidate(candidates, root(g));
    }
    for (const p of mine.phones) {
      const g = byPhone.get(p);
      if (g && compatibleNames(root(g).names, mine.names)) candidates = withCandidate(candidates, root(g));
    }
    // An unnamed link inside a structured card belongs to the innermost such card.
    if (!f.name && FROM_LINKS.has(f.source) && f.at !== undefined) {
      const card = innermostCard(structured, f.at, groupByFinding);
      if (card) candidates = withCandidate(candidates, root(card));
    }
    let target = mine;
    if (candidates && candidates.length > 1) candidates.sort((a, b) => a.position - b.position);
    for (const candidate of candidates ?? []) {
      if (!compatibleKinds(candidate.kind, target.kind)) continue;
      if (target === mine) {
        absorb(candidate, mine);
        target = candidate;
      } else {
        absorb(target, candidate);
      }
    }
    // The same name: one person unless the organisations differ, or both list emails and share
    // none (two colleagues called Wang Wei on one team page). A name alone never bridges two
    // groups: when several match, the nearest one on the page takes the finding (the "Call" link
    // beside the "Email" link of the same card).
    const here = position(f);
    let nearest: Group | undefined;
    for (const n of mine.names) {
      const named = byName.get(n);
      if (!named) continue;
      for (const g of named) {
        const r = root(g);
        if (r === target || !compatibleKinds(r.kind, target.kind)) continue;
        if (!compatibleOrganizations(r.organizations, target.organizations)) continue;
        if (r.emails.size && target.emails.size && !intersects(target.emails, r.emails)) continue;
        if (!nearest || Math.abs(r.last - here) < Math.abs(nearest.last - here)) nearest = r;
      }
    }
    if (nearest) {
      if (target === mine) {
        absorb(nearest, mine);
        target = nearest;
      } else {
        absorb(target, nearest);
      }
    }
    if (target === mine) groups.push(mine);
    if (isStructured(f)) groupByFinding.set(f, target);
    index(mine, target);
  }

  // Unnamed page-wide addresses of the site's own domain (info@, sales@) and phones on a company
  // page belong to the organisation behind the page.
  const live = groups.filter((g) => !g.merged);
  const pageOrganization = live.find((g) => g.findings.some((f) => f.source === 'page-metadata'));
  if (pageOrganization && pageUrl) {
    const domain = siteDomain(new URL(pageUrl).hostname);
    const companyPage = !pageOrganization.findings.some((f) => f.weak);
    for (const g of live) {
      if (g === pageOrganization || g.kind || g.names.size) continue;
      const emails = [...g.emails];
      const ours =
        emails.length > 0 &&
        emails.every((e) => isRoleMailbox(e) && siteDomain(e.split('@')[1] ?? '') === domain);
      if (ours || (companyPage && emails.length === 0 && g.phones.size > 0)) absorb(pageOrganization, g);
    }
  }
  return groups.filter((g) => !g.merged && !g.findings.every((f) => f.weak));
}

// A contact is built for every person on a page (hundreds on a team page), so the helpers below
// keep to plain loops over the few findings of each: the sets and arrays made per field and per
// contact were most of the merge's time and garbage.

/** Adds a source to a short list of sources, in order of first appearance. */
function addSource(list: CaptureSourceId[] | undefined, source: CaptureSourceId): CaptureSourceId[] {
  if (!list) return [source];
  if (!list.includes(source)) list.push(source);
  return list;
}

/** Picks the value shown for a single-valued field and keeps every other one as an alternate. */
function pick(
  contact: CapturedContact,
  findings: readonly Finding[],
  field: CapturedTextField,
  read: (f: Finding) => string | undefined,
  keyOf: (value: string) => string,
): string | undefined {
  let shown: string | undefined;
  let shownKey: string | undefined;
  /** Keys of the alternates, made once a second distinct value turns up. */
  let seen: Set<string> | undefined;
  let sources: CaptureSourceId[] | undefined;
  for (const f of findings) {
    const alternates = f.alternates?.[field];
    const count = alternates ? alternates.length + 1 : 1;
    // The finding's own value first, then its alternates (no closure: this runs per field and contact).
    for (let i = 0; i < count; i++) {
      const value = i === 0 ? read(f) : alternates![i - 1];
      if (!value) continue;
      sources = addSource(sources, f.source);
      const key = keyOf(value);
      if (shownKey === undefined) {
        shown = value;
        shownKey = key;
        continue;
      }
      if (key === shownKey || seen?.has(key)) continue;
      seen ??= new Set();
      seen.add(key);
      contact.alternates[field] = [...(contact.alternates[field] ?? []), value];
    }
  }
  if (sources) contact.fieldSources[field] = sources;
  return shown;
}

function noteSources(
  contact: CapturedContact,
  field: CapturedField,
  findings: readonly Finding[],
  has: (f: Finding) => boolean,
) {
  let sources: CaptureSourceId[] | undefined;
  for (const f of findings) if (has(f)) sources = addSource(sources, f.source);
  if (sources) contact.fieldSources[field] = sources;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const hasKind = (f: Finding) => Boolean(f.kind);
const hasEmails = (f: Finding) => f.emails.length > 0;
const hasPhones = (f: Finding) => f.phones.length > 0;
const hasUrls = (f: Finding) => f.urls.length > 0;
const hasVcardUrls = (f: Finding) => f.vcardUrls.length > 0;
const hasPhotoUrl = (f: Finding) => Boolean(f.photoUrl);
const hasPhoto = (f: Finding) => Boolean(f.photo);
const readTitle = (f: Finding) => f.title;
const readOrganization = (f: Finding) => f.organization;
const readDepartment = (f: Finding) => f.department;
const readNote = (f: Finding) => f.note;
const readAddress = (f: Finding) => (f.address ? addressText(f.address) : undefined);

function contactOf(group: Group, opts: MergeOptions, rank: (s: CaptureSourceId) => number): CapturedContact {
  const findings =
    group.findings.length === 1
      ? group.findings
      : [...group.findings].sort(
          (a, b) =>
            rank(a.source) - rank(b.source) || (a.span?.start ?? a.at ?? 0) - (b.span?.start ?? b.at ?? 0),
        );
  const emails = new Map<string, CapturedContact['emails'][number]>();
  const phones = new Map<string, CapturedContact['phones'][number]>();
  const urls = new Set<string>();
  const vcardUrls = new Set<string>();
  for (const f of findings) {
    for (const e of f.emails) {
      const key = emailKey(e.address);
      if (!emails.has(key)) emails.set(key, e);
    }
    for (const p of f.phones) {
      const key = phoneKey(p);
      if (!phones.has(key)) phones.set(key, p);
    }
    for (const u of f.urls) urls.add(u);
    for (const u of f.vcardUrls) vcardUrls.add(u);
  }
  const max = CAPTURE_LIMITS.maxValuesPerField;
  const kindOf =
    group.kind ?? ([...emails.keys()].some(isRoleMailbox) && !group.names.size ? 'organization' : 'person');
  const contact: CapturedContact = {
    kind: kindOf,
    emails: [...emails.values()].slice(0, max),
    phones: [...phones.values()].slice(0, max),
    urls: [...urls].slice(0, max),
    vcardUrls: [...vcardUrls].slice(0, max),
    source: {
      ...(opts.pageUrl && { url: opts.pageUrl }),
      ...(opts.messageId && { messageId: opts.messageId }),
      ...(opts.file && { file: opts.file }),
    },
    fieldSources: {},
    alternates: {},
  };
  const name = pick(
    contact,
    findings,
    'name',
    (f) => f.name,
    (n) => keyOfName({ kind: kindOf }, n),
  );
  if (name) contact.name = name;
  const title = pick(contact, findings, 'title', readTitle, fold);
  if (title) contact.title = title;
  const organization = pick(contact, findings, 'organization', readOrganization, organizationKey);
  if (organization) contact.organization = organization;
  const department = pick(contact, findings, 'department', readDepartment, fold);
  if (department) contact.department = department;
  const note = pick(contact, findings, 'note', readNote, fold);
  if (note) contact.note = note;
  const addressFinding = findings.find((f) => f.address);
  pick(contact, findings, 'address', readAddress, fold);
  if (addressFinding?.address) contact.address = addressFinding.address;

  if (kindOf === 'person') {
    const named = findings.find((f) => f.givenName || f.familyName);
    const split =
      named ?? (name ? { ...splitName(name), source: contact.fieldSources.name?.[0] } : undefined);
    if (split?.givenName) contact.givenName = split.givenName;
    if (split?.familyName) contact.familyName = split.familyName;
    const from = named ? [named.source] : contact.fieldSources.name?.slice(0, 1);
    if (from && split?.givenName) contact.fieldSources.givenName = from;
    if (from && split?.familyName) contact.fieldSources.familyName = from;
  }
  const photo = findings.find((f) => f.photoUrl);
  if (photo?.photoUrl) contact.photoUrl = photo.photoUrl;
  const embedded = findings.find((f) => f.photo);
  if (embedded?.photo) contact.photo = embedded.photo;

  noteSources(contact, 'kind', findings, hasKind);
  noteSources(contact, 'emails', findings, hasEmails);
  noteSources(contact, 'phones', findings, hasPhones);
  noteSources(contact, 'urls', findings, hasUrls);
  noteSources(contact, 'vcardUrls', findings, hasVcardUrls);
  noteSources(contact, 'photoUrl', findings, hasPhotoUrl);
  noteSources(contact, 'photo', findings, hasPhoto);
  return contact;
}

/**
 * Merges the findings of all sources into one captured contact per person or organisation, in
 * page order, without dropping a value: every email, phone and url is kept, and a second name,
 * title or organisation goes to `alternates`.
 * @example mergeFindings([jsonLdJane, mailtoJane], { sourceOrder: ['json-ld', 'contact-links'] }) // [one contact]
 */
export function mergeFindings(findings: readonly Finding[], opts: MergeOptions): CapturedContact[] {
  personNameKeys = new Map();
  organizationNameKeys = new Map();
  nameSplits = new Map();
  const ranks = new Map<CaptureSourceId, number>();
  opts.sourceOrder.forEach((s, i) => {
    if (!ranks.has(s)) ranks.set(s, i);
  });
  const rank = (s: CaptureSourceId) => ranks.get(s) ?? opts.sourceOrder.length;
  try {
    return groupFindings(findings, opts.pageUrl)
      .sort((a, b) => a.position - b.position)
      .map((g) => contactOf(g, opts, rank));
  } finally {
    personNameKeys = new Map();
    organizationNameKeys = new Map();
    nameSplits = new Map();
  }
}
