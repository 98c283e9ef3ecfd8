import { decodeHTML, decodeHTMLAttribute } from 'entities';
import { CAPTURE_LIMITS } from '../capture-limits';
import { resolveWebUrl } from '../clean-values';
import { nameFromLabel } from '../visible-names';
import { NO_ATTRIBUTES, ScanParser } from './scan-parser';

/** Something the extractor wants the rep (or the developer) to know about a page or a file. */
export interface CaptureNote {
  code:
    | 'truncated'
    | 'depth-limited'
    | 'region-too-large'
    | 'too-many-regions'
    | 'too-many-links'
    | 'json-ld-unreadable'
    | 'json-ld-too-large'
    | 'source-failed'
    | 'too-many-contacts'
    | 'nothing-found';
  message: string;
}

/** A structured part of the page, as character offsets into `PageScan.html`. */
export interface Region {
  start: number;
  end: number;
  /** Markup inside was nested past the depth limit: a parser of its own would meet all of it. */
  truncated?: boolean;
}

/** A `mailto:`, `tel:` or `.vcf` link, or an email address written in the page's text. */
export interface ContactHit {
  kind: 'mailto' | 'tel' | 'vcf' | 'text-email';
  /** The href, or the address for a text email. */
  value: string;
  /** The link's own text (none for a text email). */
  label?: string;
  /** The link's `title` or `aria-label`. */
  hint?: string;
  /** The one name shown around the link (a heading in the same card), when there is exactly one. */
  context?: string;
  at: number;
}

/** What one streaming pass over a page found, for the capture sources to read. */
export interface PageScan {
  html: string;
  /** The page url when it is an http(s) url. */
  pageUrl?: string;
  /** What relative urls resolve against: `<base href>`, else the page url. */
  baseUrl?: string;
  title?: string;
  /** `<meta>` content by lower-cased `name` / `property` / `itemprop` (first wins). */
  metas: Map<string, string>;
  /** `<link rel>` elements: lower-cased rel tokens and the raw href. */
  linkRels: { rels: string[]; href: string; sizes?: string }[];
  jsonLd: { text: string; start: number }[];
  regions: { microformats: Region[]; microdata: Region[]; rdfa: Region[] };
  hits: ContactHit[];
  notes: CaptureNote[];
}

// What an element is to the scan, looked up once per tag (flags). Elements whose text is a name
// candidate for nearby links: rank 1 is a heading or an element marked as a name, rank 2 emphasis
// or a plain link. Text inside NOT_TEXT elements is not page text (script source, styles, titles,
// form values).
const HEADING = 1;
const EMPHASIS = 2;
const NOT_TEXT = 4;
const TAG_ROLES = new Map<string, number>([
  ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t) => [t, HEADING] as const),
  ...['strong', 'b', 'dt', 'th', 'figcaption', 'a', 'caption', 'legend'].map((t) => [t, EMPHASIS] as const),
  ...['script', 'style', 'template', 'textarea', 'title', 'noscript', 'svg', 'math'].map(
    (t) => [t, NOT_TEXT] as const,
  ),
]);
const NAME_CLASS = /(?:^|[\s_-])(?:name|fn|fullname|full-name|person-name|author)(?:$|[\s_-])/i;
const CARD_CLASS = /(?:^|\s)(?:h-card|vcard)(?:\s|$)/;
// How far up from a link (or a heading) a card can be: <div card><div><p><a>.
const CARD_LEVELS = 4;
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,24}/gu;

/** The text of an element that may name the people around it; read as a name only when needed. */
interface Candidate {
  text: string;
  rank: 1 | 2;
  /** `nameFromLabel(text)`, computed on first use; `null` when the text is no name. */
  name?: string | null;
}

type RegionKind = keyof PageScan['regions'];

/** An open element. Every field is set at creation, so all frames share one shape (a hot path). */
interface Frame {
  start: number;
  /** Text collected for a name candidate or a link label. */
  text: string | undefined;
  rank: 0 | 1 | 2;
  /** The hit this element is the link of. */
  hit: ContactHit | undefined;
  /** Name candidates and hits seen within CARD_LEVELS below this element. */
  candidates: Candidate[] | undefined;
  hits: ContactHit[] | undefined;
  /** Region kinds this element opens (counted, so nested regions stay inside the outermost)... */
  opens: RegionKind[] | undefined;
  /** ...and those it is the outermost element of, recorded when it closes. */
  outermost: RegionKind[] | undefined;
}

/** Resets a pooled frame for a newly opened element. */
function resetFrame(frame: Frame, start: number): Frame {
  frame.start = start;
  frame.text = undefined;
  frame.rank = 0;
  frame.hit = undefined;
  frame.candidates = undefined;
  frame.hits = undefined;
  frame.opens = undefined;
  frame.outermost = undefined;
  return frame;
}

// The page is tokenized without decoding entities (decoding every character of a 1 MB page cost
// a tenth of the capture budget); the few attribute values and texts that are read are decoded
// here, with the same decoder and modes htmlparser2 uses (attribute and legacy text).
function attr(value: string | undefined): string | undefined {
  return value?.includes('&') ? decodeHTMLAttribute(value) : value;
}

function decodedText(raw: string): string {
  return raw.includes('&') ? decodeHTML(raw) : raw;
}

function contactHref(href: string | undefined, type: string | undefined): ContactHit['kind'] | undefined {
  if (!href) return undefined;
  if (/^mailto:/i.test(href)) return 'mailto';
  if (/^tel:/i.test(href)) return 'tel';
  if (/\.vcf(?:$|[?#])/i.test(href) || /^text\/(?:x-)?vcard$/i.test(type ?? '')) return 'vcf';
  return undefined;
}

/** The address a mailto: link or a text email is counted by, to tell one person's card from a list. */
function emailKeyOfHit(hit: ContactHit): string | undefined {
  if (hit.kind !== 'mailto' && hit.kind !== 'text-email') return undefined;
  const address = /^mailto:/i.test(hit.value) ? hit.value.slice(7) : hit.value;
  const query = address.indexOf('?');
  return (query < 0 ? address : address.slice(0, query)).toLowerCase();
}

/** Appends to a list that is created on first use (most elements never need one). */
function append<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

function tokens(value: string | undefined): string[] {
  return value ? value.toLowerCase().split(/\s+/).filter(Boolean) : [];
}

function nameOf(candidate: Candidate): string | null {
  if (candidate.name === undefined) candidate.name = nameFromLabel(candidate.text) ?? null;
  return candidate.name;
}

/**
 * The one name a card shows: headings first, then emphasis. `null` when it shows several (a list
 * of people), `undefined` when it shows none.
 */
function cardName(candidates: Candidate[] | undefined): string | null | undefined {
  if (!candidates) return undefined;
  for (let rank = 1; rank <= 2; rank++) {
    let shown: string | undefined;
    for (const c of candidates) {
      const name = c.rank === rank ? nameOf(c) : null;
      if (!name || name === shown) continue;
      if (shown !== undefined) return null;
      shown = name;
    }
    if (shown !== undefined) return shown;
  }
  return undefined;
}

/** True when some hit has no card context yet. */
function hasUnplaced(hits: readonly ContactHit[]): boolean {
  for (const hit of hits) if (hit.context === undefined) return true;
  return false;
}

/** True when an element holds links or addresses to more than one mailbox: a list of people. */
function manyMailboxes(hits: readonly ContactHit[], emailKeys: Map<ContactHit, string>): boolean {
  let first: string | undefined;
  for (const hit of hits) {
    const key = emailKeys.get(hit);
    if (key === undefined) continue;
    if (first === undefined) first = key;
    else if (key !== first) return true;
  }
  return false;
}

/** Offsets of every "@" and "&" in the page, in order. */
function markOffsets(html: string): number[] {
  const marks: number[] = [];
  for (const mark of ['@', '&']) {
    for (let at = html.indexOf(mark); at >= 0; at = html.indexOf(mark, at + 1)) marks.push(at);
  }
  return marks.sort((a, b) => a - b);
}

/**
 * Reads a page in one streaming pass of htmlparser2, without building a DOM (a DOM of a 1 MB
 * page costs more than the whole capture budget): page metadata, JSON-LD scripts, the offsets of
 * structured regions (h-card, itemscope, typeof) that the sources parse on their own, and contact
 * links and text emails with the one name shown around each.
 * @example scanPage('<a href="mailto:li@acme.cn">Li Wei</a>', 'https://acme.cn/').hits[0].label // 'Li Wei'
 */
export function scanPage(input: string, pageUrl: string): PageScan {
  const notes: CaptureNote[] = [];
  let html = input;
  if (html.length > CAPTURE_LIMITS.maxHtmlChars) {
    html = html.slice(0, CAPTURE_LIMITS.maxHtmlChars);
    notes.push({
      code: 'truncated',
      message: `The page is ${input.length.toLocaleString('en')} characters long; only the first ${CAPTURE_LIMITS.maxHtmlChars.toLocaleString('en')} were read.`,
    });
  }
  const page = resolveWebUrl(pageUrl);
  const scan: PageScan = {
    html,
    ...(page && { pageUrl: page, baseUrl: page }),
    metas: new Map(),
    linkRels: [],
    jsonLd: [],
    regions: { microformats: [], microdata: [], rdfa: [] },
    hits: [],
    notes,
  };
  const note = (code: CaptureNote['code'], message: string) => {
    if (!notes.some((n) => n.code === code)) notes.push({ code, message });
  };

  // Open elements, innermost last: frames are pooled by depth and reset on reuse (a page opens tens
  // of thousands of elements; allocating a frame for each showed in the profile).
  const frames: Frame[] = [];
  let depth = 0;
  // The depth guard keeps the parse within maxDepth (plus a few links and scripts past it); this
  // is a second line, so that no handler state can grow with the nesting.
  const maxFrames = CAPTURE_LIMITS.maxDepth + 16;
  let overflow = 0;
  /** Open elements whose content is not page text (script, style, svg...). */
  let notText = 0;
  let inLink = false;
  let jsonLd: { parts: string[]; chars: number; start: number } | undefined;
  let titleParts: string[] | undefined;
  /** Where "@" and "&" are in the page, and the first not before the current text. */
  const marks = markOffsets(html);
  let mark = 0;
  /** The text since the last tag, kept for the email scan only when it has an "@". */
  let pendingText = '';
  let pendingAt = 0;
  let pendingHasAt = false;
  /** Open elements collecting label text. */
  let collecting = 0;
  const openRegions: Record<RegionKind, number> = { microformats: 0, microdata: 0, rdfa: 0 };
  const truncatedRegions: Record<RegionKind, boolean> = {
    microformats: false,
    microdata: false,
    rdfa: false,
  };

  /** The mailbox of each mailto: and text-email hit, read once. */
  const emailKeys = new Map<ContactHit, string>();
  const addHit = (hit: ContactHit): boolean => {
    if (scan.hits.length >= CAPTURE_LIMITS.maxLinks) {
      note(
        'too-many-links',
        `Only the first ${CAPTURE_LIMITS.maxLinks} email and phone links of the page were read.`,
      );
      return false;
    }
    scan.hits.push(hit);
    const emailKey = emailKeyOfHit(hit);
    if (emailKey !== undefined) emailKeys.set(hit, emailKey);
    return true;
  };

  // Registers a hit or a name candidate with the elements a card can span above it.
  const registerHit = (hit: ContactHit, from: number) => {
    for (let i = from; i >= 0 && i > from - CARD_LEVELS; i--) frames[i]!.hits = append(frames[i]!.hits, hit);
  };
  const registerCandidate = (candidate: Candidate, from: number) => {
    for (let i = from; i >= 0 && i > from - CARD_LEVELS; i--) {
      frames[i]!.candidates = append(frames[i]!.candidates, candidate);
    }
  };

  // Label text goes to every open collecting element (rarely more than two).
  const appendLabelText = (data: string) => {
    if (collecting === 0) return;
    for (let i = depth - 1; i >= 0 && i >= depth - 8; i--) {
      const frame = frames[i]!;
      if (frame.text !== undefined && frame.text.length < CAPTURE_LIMITS.maxLabelChars) frame.text += data;
    }
  };

  // Text runs are scanned for addresses once whole: an entity splits a run into several chunks.
  const flushText = () => {
    if (!pendingHasAt) {
      pendingText = '';
      return;
    }
    const text = decodedText(pendingText);
    pendingText = '';
    pendingHasAt = false;
    if (!text.includes('@')) return;
    for (const match of text.matchAll(EMAIL_IN_TEXT)) {
      const hit: ContactHit = { kind: 'text-email', value: match[0], at: pendingAt + (match.index ?? 0) };
      if (!addHit(hit)) return;
      if (depth) registerHit(hit, depth - 1);
    }
  };

  const recordRegion = (kind: RegionKind, start: number, end: number) => {
    const list = scan.regions[kind];
    const truncated = truncatedRegions[kind];
    truncatedRegions[kind] = false;
    if (end - start > CAPTURE_LIMITS.maxRegionChars) {
      note(
        'region-too-large',
        `A ${kind} block of ${(end - start).toLocaleString('en')} characters was skipped.`,
      );
    } else if (list.length >= CAPTURE_LIMITS.maxRegions) {
      note('too-many-regions', `Only the first ${CAPTURE_LIMITS.maxRegions} ${kind} blocks were read.`);
    } else {
      list.push({ start, end, ...(truncated && { truncated }) });
    }
  };

  const parser = new ScanParser(
    {
      onopentag(name, isImplied) {
        flushText();
        if (depth >= maxFrames) {
          overflow++;
          return;
        }
        const start = parser.startIndex;
        const pooled = frames[depth];
        const frame = pooled ? resetFrame(pooled, start) : resetFrame({} as Frame, start);
        frames[depth] = frame;
        // An element the parser implies (</p> alone opens a <p>) has no attributes of its own.
        const attribs = isImplied ? NO_ATTRIBUTES : parser.attributes;
        switch (name) {
          case 'base':
            if (attribs.href && scan.baseUrl === scan.pageUrl) {
              const base = resolveWebUrl(attr(attribs.href), scan.pageUrl);
              if (base) scan.baseUrl = base;
            }
            break;
          case 'meta': {
            const key = attr(attribs.property ?? attribs.name ?? attribs.itemprop)
              ?.trim()
              .toLowerCase();
            if (key && attribs.content && !scan.metas.has(key)) scan.metas.set(key, attr(attribs.content)!);
            break;
          }
          case 'link':
            if (attribs.href && attribs.rel) {
              const sizes = attribs.sizes;
              scan.linkRels.push({
                rels: tokens(attr(attribs.rel)),
                href: attr(attribs.href)!,
                ...(sizes && { sizes: attr(sizes) }),
              });
            }
            break;
          case 'title':
            if (scan.title === undefined && notText === 0) titleParts = [];
            break;
          case 'script':
            if (
              attr(attribs.type)?.trim().toLowerCase() === 'application/ld+json' &&
              scan.jsonLd.length < CAPTURE_LIMITS.maxJsonLdScripts
            ) {
              jsonLd = { parts: [], chars: 0, start };
            }
            break;
        }
        const role = TAG_ROLES.get(name) ?? 0;
        if (role & NOT_TEXT) notText++;

        // Structured regions: only the outermost of each kind is recorded; its source parses it whole.
        // (Cheap substring tests first: most elements have classes, few are cards or names.)
        const classAttr = attr(attribs.class);
        if (classAttr?.includes('card') && CARD_CLASS.test(classAttr)) {
          frame.opens = append(frame.opens, 'microformats');
        }
        if (attribs.itemscope !== undefined) frame.opens = append(frame.opens, 'microdata');
        if (attribs.typeof !== undefined) frame.opens = append(frame.opens, 'rdfa');
        if (frame.opens) {
          for (const kind of frame.opens) {
            if (openRegions[kind]++ === 0) frame.outermost = append(frame.outermost, kind);
          }
        }

        const href = name === 'a' || name === 'area' ? attr(attribs.href)?.trim() : undefined;
        const linkKind = contactHref(href, attr(attribs.type));
        const namedByClass =
          classAttr !== undefined &&
          (classAttr.includes('name') || classAttr.includes('fn') || classAttr.includes('author')) &&
          NAME_CLASS.test(classAttr);
        if (linkKind) {
          const hint = attr(attribs.title ?? attribs.ariaLabel);
          const hit: ContactHit = {
            kind: linkKind,
            value: href!,
            at: start,
            ...(hint && { hint }),
          };
          if (addHit(hit)) {
            frame.hit = hit;
            frame.text = '';
            inLink = true;
          }
        } else if (role & HEADING || namedByClass || attr(attribs.itemprop) === 'name') {
          frame.text = '';
          frame.rank = 1;
        } else if (role & EMPHASIS) {
          frame.text = '';
          frame.rank = 2;
        } else if (name === 'img' && attribs.alt) {
          // An image inside a label reads as its alt text, as in microformats' implied names.
          appendLabelText(` ${attr(attribs.alt)} `);
        }
        if (frame.text !== undefined) collecting++;
        depth++;
      },

      ontext(data) {
        if (jsonLd) {
          jsonLd.chars += data.length;
          if (jsonLd.chars <= CAPTURE_LIMITS.maxJsonLdChars) jsonLd.parts.push(data);
          return;
        }
        if (titleParts) {
          titleParts.push(data);
          return;
        }
        if (notText > 0) return;
        if (!inLink && pendingText.length < 10_000) {
          if (!pendingText) pendingAt = parser.startIndex;
          pendingText += data;
          // The run holds an "@", or an entity that may be one (&#64;): it is decoded and scanned.
          if (!pendingHasAt) {
            const start = parser.endIndex + 1 - data.length;
            while (mark < marks.length && marks[mark]! < start) mark++;
            if (mark < marks.length && marks[mark]! <= parser.endIndex) pendingHasAt = true;
          }
        }
        if (collecting > 0) appendLabelText(decodedText(data));
      },

      onclosetag(name) {
        flushText();
        if (overflow > 0) {
          overflow--;
          return;
        }
        if (depth === 0) return;
        const index = --depth; // the frame's own index while it was open
        const frame = frames[index]!;
        if (frame.text !== undefined) collecting--;
        if ((TAG_ROLES.get(name) ?? 0) & NOT_TEXT) notText = Math.max(0, notText - 1);
        if (name === 'script' && jsonLd) {
          if (jsonLd.chars > CAPTURE_LIMITS.maxJsonLdChars) {
            note(
              'json-ld-too-large',
              `A JSON-LD block of ${jsonLd.chars.toLocaleString('en')} characters was skipped.`,
            );
          } else {
            scan.jsonLd.push({ text: jsonLd.parts.join(''), start: jsonLd.start });
          }
          jsonLd = undefined;
        }
        if (name === 'title' && titleParts) {
          scan.title = decodedText(titleParts.join(''));
          titleParts = undefined;
        }
        if (frame.opens) for (const kind of frame.opens) openRegions[kind]--;
        if (frame.outermost) {
          for (const kind of frame.outermost) recordRegion(kind, frame.start, parser.endIndex + 1);
        }

        if (frame.hit) {
          inLink = false;
          frame.hit.label = frame.text ?? '';
          if (index > 0) registerHit(frame.hit, index - 1);
          // The link itself is the first place its name can be (<a mailto><b>Li Wei</b></a>).
          frame.hits = append(frame.hits, frame.hit);
        } else if (frame.rank && frame.text && index > 0) {
          registerCandidate({ text: frame.text, rank: frame.rank }, index - 1);
        }

        // A card: the smallest element around a hit that shows exactly one name. An element that
        // holds several distinct emails, or several names, is a list of people: the search stops.
        // (Most elements above a card find all its hits already placed: they are skipped.)
        if (frame.hits && hasUnplaced(frame.hits)) {
          const list = manyMailboxes(frame.hits, emailKeys);
          const shown = list ? undefined : cardName(frame.candidates);
          for (const hit of frame.hits) {
            if (hit.context !== undefined) continue;
            if (list || shown === null) hit.context = '';
            else if (shown) hit.context = shown;
          }
        }
      },
    },
    {
      html,
      depth: () => depth + overflow,
      maxDepth: CAPTURE_LIMITS.maxDepth,
      onDrop() {
        note(
          'depth-limited',
          `Markup nested deeper than ${CAPTURE_LIMITS.maxDepth} levels was read as part of its ancestor.`,
        );
        for (const kind of Object.keys(openRegions) as RegionKind[]) {
          if (openRegions[kind] > 0) truncatedRegions[kind] = true;
        }
      },
    },
  );
  parser.end(html);
  flushText();
  for (const hit of scan.hits) if (hit.context === '') delete hit.context;
  return scan;
}
