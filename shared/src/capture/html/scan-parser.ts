import { Parser, type QuoteType } from 'htmlparser2';
import { type DepthGuard, GuardedParser } from './depth-guard';

// The attributes the page scan reads. Every other attribute of a page is skipped as it is
// tokenized: no name lower-cased, no value copied, no object of attributes built per element
// (on a 1 MB page that work, and the garbage it left, was a sixth of the capture budget).
// Fields are set and cleared by name, never by a computed key: keyed access to them cost more
// than the rest of the attribute reading.

/** The read attributes of one element, raw (entities not decoded); `undefined` when absent. */
export class ScanAttributes {
  href: string | undefined = undefined;
  rel: string | undefined = undefined;
  sizes: string | undefined = undefined;
  property: string | undefined = undefined;
  name: string | undefined = undefined;
  itemprop: string | undefined = undefined;
  content: string | undefined = undefined;
  type: string | undefined = undefined;
  class: string | undefined = undefined;
  itemscope: string | undefined = undefined;
  typeof: string | undefined = undefined;
  title: string | undefined = undefined;
  ariaLabel: string | undefined = undefined;
  alt: string | undefined = undefined;

  clear(): void {
    this.href = undefined;
    this.rel = undefined;
    this.sizes = undefined;
    this.property = undefined;
    this.name = undefined;
    this.itemprop = undefined;
    this.content = undefined;
    this.type = undefined;
    this.class = undefined;
    this.itemscope = undefined;
    this.typeof = undefined;
    this.title = undefined;
    this.ariaLabel = undefined;
    this.alt = undefined;
  }

  /** Records an attribute by its lower-case name, unless the element already gave it (the first counts). */
  set(name: string, value: string): void {
    switch (name) {
      case 'href':
        this.href ??= value;
        break;
      case 'rel':
        this.rel ??= value;
        break;
      case 'sizes':
        this.sizes ??= value;
        break;
      case 'property':
        this.property ??= value;
        break;
      case 'name':
        this.name ??= value;
        break;
      case 'itemprop':
        this.itemprop ??= value;
        break;
      case 'content':
        this.content ??= value;
        break;
      case 'type':
        this.type ??= value;
        break;
      case 'class':
        this.class ??= value;
        break;
      case 'itemscope':
        this.itemscope ??= value;
        break;
      case 'typeof':
        this.typeof ??= value;
        break;
      case 'title':
        this.title ??= value;
        break;
      case 'aria-label':
        this.ariaLabel ??= value;
        break;
      case 'alt':
        this.alt ??= value;
        break;
    }
  }
}

// The read names by length and first letter, matched against the page in place: an attribute's
// name is neither sliced from the page nor lower-cased to be looked up.
const READ_NAMES: readonly string[] = [
  'href',
  'rel',
  'sizes',
  'property',
  'name',
  'itemprop',
  'content',
  'type',
  'class',
  'itemscope',
  'typeof',
  'title',
  'aria-label',
  'alt',
];
const SHORTEST = Math.min(...READ_NAMES.map((n) => n.length));
const LONGEST = Math.max(...READ_NAMES.map((n) => n.length));
const nameKey = (length: number, first: number) => (length - SHORTEST) * 32 + (first & 31);
const NAMES_BY_KEY: (string[] | undefined)[] = [];
for (const name of READ_NAMES) {
  const key = nameKey(name.length, name.charCodeAt(0));
  NAMES_BY_KEY[key] = [...(NAMES_BY_KEY[key] ?? []), name];
}

/**
 * The read name spelled at `start` to `end` of `source` in any ASCII case, as htmlparser2 compares
 * attribute names after `toLowerCase()` (no other character lower-cases to one of these names').
 */
function readNameAt(source: string, start: number, end: number): string | undefined {
  const length = end - start;
  if (length < SHORTEST || length > LONGEST) return undefined;
  const names = NAMES_BY_KEY[nameKey(length, source.charCodeAt(start))];
  if (names === undefined) return undefined;
  for (let n = 0; n < names.length; n++) {
    const name = names[n]!;
    let i = 0;
    for (; i < length; i++) {
      const c = source.charCodeAt(start + i);
      const expected = name.charCodeAt(i);
      if (c !== expected && !(c >= 65 && c <= 90 && c + 32 === expected)) break;
    }
    if (i === length) return name;
  }
  return undefined;
}

/** No attributes: what an element the parser implies (`</p>` alone opens a `<p>`) carries. */
export const NO_ATTRIBUTES: Readonly<ScanAttributes> = Object.freeze(new ScanAttributes());

/** What the page scan hears from its parser. */
export interface ScanHandler {
  /** An element opens: its read attributes are in `ScanParser#attributes` unless it is implied. */
  onopentag(name: string, isImplied: boolean): void;
  ontext(text: string): void;
  onclosetag(name: string, isImplied: boolean): void;
}

/** The Parser's own fields and method that `endOpenTag` below relies on (private in its types). */
interface ParserOpenTag {
  tagname: string;
  openTagStart: number;
  startIndex: number;
  onopentag: ScanHandler['onopentag'];
}
const parserEndOpenTag = (Parser.prototype as unknown as { endOpenTag(isImplied: boolean): void }).endOpenTag;

// Parser#endOpenTag reports an open tag (with its attributes object) and closes it at once when it
// is void. Same events here, in the same order and at the same startIndex, without that object:
// `tagname` is empty when the Parser ignores the tag (a second <form>) or has reported it already.
function endOpenTag(this: ParserOpenTag, isImplied: boolean): void {
  if (this.tagname !== '') {
    this.startIndex = this.openTagStart;
    this.onopentag(this.tagname, isImplied);
  }
  parserEndOpenTag.call(this, isImplied);
}

/**
 * The depth-guarded htmlparser2 Parser of the page scan: the tree is htmlparser2's own (implied
 * ends, void elements, foreign content), but of each element's attributes only those `ScanAttributes` holds
 * are kept, in `attributes`, which the `onopentag` handler reads. Entities are not decoded. As htmlparser2 does, the first of repeated attributes
 * counts and names are matched without regard to case.
 */
export class ScanParser extends GuardedParser {
  /** The read attributes of the element whose open tag is being read; reset for each tag. */
  readonly attributes = new ScanAttributes();
  private readonly source: string;
  /** The lower-case name of the attribute being read, when it is one of those kept. */
  private attribute: string | undefined = undefined;
  private value = '';

  private readonly onopentag: ScanHandler['onopentag'];

  constructor(handler: ScanHandler, guard: DepthGuard) {
    // The Parser is given no `onopentag`: with one, it builds an object of attributes for every
    // tag. Open tags reach the handler from `endOpenTag` below instead, and the one tag the Parser
    // opens on its own without going through it (`</br>` read as `<br>`) from `onopentagname`.
    super(
      {
        ontext: handler.ontext,
        onclosetag: handler.onclosetag,
        onopentagname: (name) => {
          if ((this as unknown as ParserOpenTag).tagname === '') handler.onopentag(name, true);
        },
      },
      guard,
      { decodeEntities: false },
    );
    this.onopentag = handler.onopentag;
    this.source = guard.html;
  }

  override onopentagname(start: number, end: number): void {
    this.attributes.clear();
    super.onopentagname(start, end);
  }

  override onattribname(start: number, end: number): void {
    if (this.dropping) return;
    this.startIndex = start;
    this.value = '';
    this.attribute = readNameAt(this.source, start, end);
  }

  override onattribdata(start: number, end: number): void {
    if (this.attribute !== undefined) this.value += this.source.slice(start, end);
  }

  override onattribentity(codepoint: number): void {
    if (this.attribute !== undefined) this.value += String.fromCodePoint(codepoint);
  }

  override onattribend(_quote: QuoteType, end: number): void {
    if (this.dropping) return;
    this.endIndex = end;
    const attribute = this.attribute;
    if (attribute === undefined) return;
    this.attributes.set(attribute, this.value);
    this.attribute = undefined;
    this.value = '';
  }
}
Object.defineProperty(ScanParser.prototype, 'endOpenTag', {
  value: endOpenTag,
  writable: true,
  configurable: true,
});
