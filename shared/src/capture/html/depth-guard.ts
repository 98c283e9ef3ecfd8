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

/** Offset (into the whole input) of the first character after `index` that ends a tag or attribute name. */
function nameEnd(tokenizer: TokenizerPosition, stopAtEquals: boolean): number {
  const { buffer, offset } = tokenizer;
  let at = tokenizer.index + 1 - offset;
  for (; at < buffer.length; at++) {
    const c = buffer.charCodeAt(at);
    // Whitespace, "/" and ">" end a name (isEndOfTagSection in htmlparser2), as "=" ends an attribute's.
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 47 || c === 62) break;
    if (stopAtEquals && c === 61) break;
  }
  return at + offset;
}

type TokenizerState = (this: TokenizerPosition, c: number) => void;
const tokenizerStates = Tokenizer.prototype as unknown as Record<
  'stateInTagName' | 'stateInClosingTagName' | 'stateInAttributeName',
  TokenizerState
>;
const inTagName = tokenizerStates.stateInTagName;
const inClosingTagName = tokenizerStates.stateInClosingTagName;
const inAttributeName = tokenizerStates.stateInAttributeName;
const isNameEnd = (c: number) =>
  c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 47 || c === 62;

// Inside a tag's or an attribute's name, htmlparser2's states do nothing until the character that
// ends it, but the tokenizer still dispatches on every character (a tenth of its loop on a 1 MB
// page). These skip to the character before the end, so the loop's next step meets it; at the end
// of the input they stop on its last character, as the original loop would.
function stateInTagName(this: TokenizerPosition, c: number): void {
  if (isNameEnd(c)) inTagName.call(this, c);
  else this.index = nameEnd(this, false) - 1;
}
function stateInClosingTagName(this: TokenizerPosition, c: number): void {
  if (isNameEnd(c)) inClosingTagName.call(this, c);
  else this.index = nameEnd(this, false) - 1;
}
function stateInAttributeName(this: TokenizerPosition, c: number): void {
  if (c === 61 || isNameEnd(c)) inAttributeName.call(this, c);
  else this.index = nameEnd(this, true) - 1;
}

/**
 * htmlparser2's Tokenizer with a native search for the end of text runs, values and comments, and
 * tag and attribute names read in one step.
 */
class FastTokenizer extends Tokenizer {}
for (const [name, value] of Object.entries({
  fastForwardTo,
  stateInTagName,
  stateInClosingTagName,
  stateInAttributeName,
})) {
  Object.defineProperty(FastTokenizer.prototype, name, { value, writable: true, configurable: true });
}

// The tag names pages use most. The Parser reads every tag's name as a new slice of the page,
// lower-cases it and checks it against SVG's mixed-case names (a tenth of the Parser's time on a
// 1 MB page, and garbage). A name spelled exactly as one of these comes back as this constant
// instead: it is what Parser#readTagName would return for it in any context (lower-case already,
// none of them is renamed inside SVG or is "image"), and the Parser's own lookups (void elements,
// implied ends, its stack) and the scan's then compare by identity. Keyed by length and first
// character.
const COMMON_TAGS: (string[] | undefined)[] = [];
for (const tag of 'a abbr address area article aside b blockquote body br button caption cite code col colgroup data dd details div dl dt em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input label li link main meta nav noscript object ol option p param picture pre q s script section select small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr u ul'.split(
  ' ',
)) {
  const key = tag.length * 128 + tag.charCodeAt(0);
  COMMON_TAGS[key] = [...(COMMON_TAGS[key] ?? []), tag];
}
const LONGEST_COMMON_TAG = 10;

/** The Parser's own fields and method that `readTagName` below relies on (private in its types). */
interface ParserTagNames {
  guard: DepthGuard;
}
const parserReadTagName = (Parser.prototype as unknown as { readTagName(start: number, end: number): string })
  .readTagName;

// Same contract as Parser#readTagName (the name of the tag from `start` to `end` of what was
// written, as the Parser keeps it). The whole page is written in one `end(html)` call
// (DepthGuard.html), so offsets are offsets into it.
function readTagName(this: ParserTagNames, start: number, end: number): string {
  const length = end - start;
  if (length <= LONGEST_COMMON_TAG) {
    const { html } = this.guard;
    const first = html.charCodeAt(start);
    const tags = first < 128 ? COMMON_TAGS[length * 128 + first] : undefined;
    if (tags) for (let i = 0; i < tags.length; i++) if (html.startsWith(tags[i]!, start)) return tags[i]!;
  }
  return parserReadTagName.call(this, start, end);
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
Object.defineProperty(GuardedParser.prototype, 'readTagName', {
  value: readTagName,
  writable: true,
  configurable: true,
});
