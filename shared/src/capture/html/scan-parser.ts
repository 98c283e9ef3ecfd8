import type { Handler, QuoteType } from 'htmlparser2';
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

const READ_NAMES: ReadonlySet<string> = new Set([
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
]);
const SHORTEST = Math.min(...[...READ_NAMES].map((n) => n.length));
const LONGEST = Math.max(...[...READ_NAMES].map((n) => n.length));

/** No attributes: what an element the parser implies (`</p>` alone opens a `<p>`) carries. */
export const NO_ATTRIBUTES: Readonly<ScanAttributes> = Object.freeze(new ScanAttributes());

/**
 * The depth-guarded htmlparser2 Parser of the page scan: the tree is htmlparser2's own (implied
 * ends, void elements, foreign content), but of each element's attributes only those `ScanAttributes` holds
 * are kept, in `attributes`, which the `onopentag` handler reads (the attribs object it is given
 * stays empty). Entities are not decoded. As htmlparser2 does, the first of repeated attributes
 * counts and names are matched without regard to case.
 */
export class ScanParser extends GuardedParser {
  /** The read attributes of the element whose open tag is being read; reset for each tag. */
  readonly attributes = new ScanAttributes();
  private readonly source: string;
  /** The lower-case name of the attribute being read, when it is one of those kept. */
  private attribute: string | undefined = undefined;
  private value = '';

  constructor(cbs: Partial<Handler>, guard: DepthGuard) {
    super(cbs, guard, { decodeEntities: false });
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
    const length = end - start;
    if (length < SHORTEST || length > LONGEST) {
      this.attribute = undefined;
      return;
    }
    const name = this.source.slice(start, end);
    if (READ_NAMES.has(name)) {
      this.attribute = name;
      return;
    }
    const lower = name.toLowerCase();
    this.attribute = lower !== name && READ_NAMES.has(lower) ? lower : undefined;
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
