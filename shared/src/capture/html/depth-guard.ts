import { type Handler, Parser, type ParserOptions, type QuoteType, Tokenizer } from 'htmlparser2';

// htmlparser2's Parser keeps its open elements with Array#unshift, so every tag costs time in
// proportion to the nesting depth: 100,000 nested <div>s took 6.5 s. Tags deeper than the limit are
// therefore kept from the Parser altogether (their text still reaches the deepest element kept),
// which also bounds the depth of everything built from the parse.

// Elements that never hold others, and tags whose own opening closes a previous one (<li><li>):
// neither adds depth.
const VOID = new Set(
  'area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr'.split(
    ' ',
  ),
);
// Worth reading even past the limit (a mailto link, a JSON-LD script), within a small allowance:
// they hold little markup themselves.
const ALWAYS_READ = new Set(['a', 'area', 'script', 'title', 'style', 'textarea']);
const ALLOWANCE = 8;

export interface DepthGuard {
  /** The whole document, written to the parser in one `end(html)` call: tag names are read from it. */
  html: string;
  /** The parse's current depth (its open elements). */
  depth(): number;
  maxDepth: number;
  /** Called for every tag kept from the parser. */
  onDrop(): void;
}

/** The tokenizer's own fields that `fastForwardTo` reads and moves (private in htmlparser2's types). */
interface TokenizerPosition {
  index: number;
  buffer: string;
  offset: number;
}

// htmlparser2 finds the end of a text run, of a quoted value or of a comment by reading one
// character at a time in JavaScript (Tokenizer#fastForwardTo): with entities left undecoded, that
// loop was a tenth of a 1 MB page's capture. String#indexOf does the same search natively. Same
// contract: true with `index` on the character found, else false with `index` on the buffer's
// last character. depth-guard.test.ts checks the events against htmlparser2's own parser.
function fastForwardTo(this: TokenizerPosition, c: number): boolean {
  const found = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (found >= 0) {
    this.index = found + this.offset;
    return true;
  }
  this.index = this.buffer.length + this.offset - 1;
  return false;
}

/** htmlparser2's Tokenizer with a native search for the end of text runs, values and comments. */
class FastTokenizer extends Tokenizer {}
Object.defineProperty(FastTokenizer.prototype, 'fastForwardTo', {
  value: fastForwardTo,
  writable: true,
  configurable: true,
});

// The tag names pages use most. The Parser reads every tag's name as a new slice of the page,
// lower-cased (a tenth of the Parser's time on a 1 MB page, and garbage); a name spelled exactly as
// one of these is returned as this constant instead, which the Parser's own lookups (void
// elements, implied ends, its stack) and the scan's then compare by identity. Keyed by length and
// first character.
const COMMON_TAGS = new Map<number, string[]>();
for (const tag of 'a abbr address area article aside b blockquote body br button caption cite code col colgroup data dd details div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav noscript object ol option p param picture pre q s script section select small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr u ul'.split(
  ' ',
)) {
  const key = tag.length * 128 + tag.charCodeAt(0);
  COMMON_TAGS.set(key, [...(COMMON_TAGS.get(key) ?? []), tag]);
}
const LONGEST_COMMON_TAG = 10;

/** The Parser's own fields and method that `getSlice` below relies on (private in its types). */
interface ParserSlicing {
  guard: DepthGuard;
}
const parserGetSlice = (Parser.prototype as unknown as { getSlice(start: number, end: number): string })
  .getSlice;

// Same contract as Parser#getSlice (the text from `start` to `end` of what was written): a short
// slice equal to a common tag name comes back as the constant string. The whole page is written in
// one `end(html)` call (DepthGuard.html), so offsets are offsets into it.
function getSlice(this: ParserSlicing, start: number, end: number): string {
  const length = end - start;
  if (length > 0 && length <= LONGEST_COMMON_TAG) {
    const { html } = this.guard;
    const tags = COMMON_TAGS.get(length * 128 + html.charCodeAt(start));
    if (tags) for (const tag of tags) if (html.startsWith(tag, start)) return tag;
  }
  return parserGetSlice.call(this, start, end);
}

/**
 * htmlparser2's Parser that keeps tags deeper than `maxDepth` from its tree, with their attributes
 * and their matching close tags. The guard sits in the Parser's own tokenizer callbacks (public
 * methods), so the other events reach the Parser without a wrapper. One class for every parse: a
 * class made per parse would give the tokenizer's hot loop a new shape each time and make it several
 * times slower.
 */
export class GuardedParser extends Parser {
  private readonly guard: DepthGuard;
  /** Names of the dropped elements still open, innermost last, and how many of each. */
  private readonly dropped: string[] = [];
  private readonly openCount = new Map<string, number>();
  private droppingTag: string | undefined = undefined;

  constructor(cbs: Partial<Handler>, guard: DepthGuard, options: ParserOptions = {}) {
    super(cbs, { ...options, Tokenizer: FastTokenizer });
    this.guard = guard;
  }

  private tagName(start: number, end: number): string {
    return this.guard.html.slice(start, end).toLowerCase();
  }

  private keepOpen(tag: string): void {
    this.dropped.push(tag);
    this.openCount.set(tag, (this.openCount.get(tag) ?? 0) + 1);
  }

  /** True while the tag being read is kept from the tree (with its attributes). */
  protected get dropping(): boolean {
    return this.droppingTag !== undefined;
  }

  override onattribname(start: number, end: number): void {
    if (this.droppingTag === undefined) super.onattribname(start, end);
  }

  override onattribdata(start: number, end: number): void {
    if (this.droppingTag === undefined) super.onattribdata(start, end);
  }

  override onattribentity(codepoint: number): void {
    if (this.droppingTag === undefined) super.onattribentity(codepoint);
  }

  override onattribend(quote: QuoteType, end: number): void {
    if (this.droppingTag === undefined) super.onattribend(quote, end);
  }

  override onopentagname(start: number, end: number): void {
    const { guard } = this;
    if (guard.depth() >= guard.maxDepth) {
      const tag = this.tagName(start, end);
      const limit = guard.maxDepth + (ALWAYS_READ.has(tag) ? ALLOWANCE : 0);
      if (!VOID.has(tag) && guard.depth() >= limit) {
        this.droppingTag = tag;
        guard.onDrop();
        return;
      }
    }
    super.onopentagname(start, end);
  }

  override onopentagend(end: number): void {
    if (this.droppingTag === undefined) {
      super.onopentagend(end);
      return;
    }
    this.keepOpen(this.droppingTag);
    this.droppingTag = undefined;
  }

  override onselfclosingtag(end: number): void {
    if (this.droppingTag === undefined) {
      super.onselfclosingtag(end);
      return;
    }
    // <x/> closes itself only in SVG and MathML; in HTML it stays open like <x>.
    if (!this.isInForeignContext()) this.keepOpen(this.droppingTag);
    this.droppingTag = undefined;
  }

  override onclosetag(start: number, end: number): void {
    if (this.dropped.length) {
      const tag = this.tagName(start, end);
      if (this.openCount.get(tag)) {
        // Closes the innermost dropped element of that name and any left open inside it.
        const at = this.dropped.lastIndexOf(tag);
        for (const closed of this.dropped.splice(at)) {
          this.openCount.set(closed, (this.openCount.get(closed) ?? 1) - 1);
        }
        return;
      }
    }
    super.onclosetag(start, end);
  }
}
Object.defineProperty(GuardedParser.prototype, 'getSlice', {
  value: getSlice,
  writable: true,
  configurable: true,
});
