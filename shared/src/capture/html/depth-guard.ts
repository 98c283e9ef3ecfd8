import { type ParserOptions, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

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

type TokenizerOptions = ConstructorParameters<typeof Tokenizer>[0];

export interface DepthGuard {
  /** The whole document, written to the parser in one `end(html)` call: tag names are read from it. */
  html: string;
  /** The parse's current depth (its open elements). */
  depth(): number;
  maxDepth: number;
  /** Called for every tag kept from the parser. */
  onDrop(): void;
}

/** Parser options that carry a depth guard to the tokenizer (the Parser hands its options on). */
export type GuardedParserOptions = ParserOptions & { Tokenizer: typeof Tokenizer; depthGuard: DepthGuard };

/**
 * A Tokenizer for htmlparser2's `Parser` that keeps tags deeper than `maxDepth` from the Parser,
 * with their attributes and their matching close tags. One class for every parse: a class made per
 * parse would give the tokenizer's hot loop a new object shape each time and make it several
 * times slower. Use through `guardedParserOptions`.
 */
class DepthGuardedTokenizer extends Tokenizer {
  constructor(options: TokenizerOptions & { depthGuard?: DepthGuard }, cbs: TokenizerCallbacks) {
    const guard = options.depthGuard;
    super(options, guard ? guardCallbacks(guard, cbs) : cbs);
  }
}

/** htmlparser2 Parser options whose tokenizer applies `guard`. */
export function guardedParserOptions(guard: DepthGuard, options: ParserOptions = {}): GuardedParserOptions {
  return { ...options, Tokenizer: DepthGuardedTokenizer, depthGuard: guard };
}

function guardCallbacks(guard: DepthGuard, cbs: TokenizerCallbacks): TokenizerCallbacks {
  const { html } = guard;
  /** Names of the dropped elements still open, innermost last, and how many of each. */
  const dropped: string[] = [];
  const openCount = new Map<string, number>();
  let droppingTag: string | undefined;
  const name = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const keepOpen = (tag: string) => {
    dropped.push(tag);
    openCount.set(tag, (openCount.get(tag) ?? 0) + 1);
  };
  return {
    onattribdata(start, end) {
      if (droppingTag === undefined) cbs.onattribdata(start, end);
    },
    onattribentity(codepoint) {
      if (droppingTag === undefined) cbs.onattribentity(codepoint);
    },
    onattribend(quote, end) {
      if (droppingTag === undefined) cbs.onattribend(quote, end);
    },
    onattribname(start, end) {
      if (droppingTag === undefined) cbs.onattribname(start, end);
    },
    oncdata: (start, end, offset) => cbs.oncdata(start, end, offset),
    oncomment: (start, end, offset) => cbs.oncomment(start, end, offset),
    ondeclaration: (start, end) => cbs.ondeclaration(start, end),
    onend: () => cbs.onend(),
    onprocessinginstruction: (start, end) => cbs.onprocessinginstruction(start, end),
    ontext: (start, end) => cbs.ontext(start, end),
    ontextentity: (codepoint, end) => cbs.ontextentity(codepoint, end),
    isInForeignContext: () => cbs.isInForeignContext?.() ?? false,
    onopentagname(start, end) {
      if (guard.depth() >= guard.maxDepth) {
        const tag = name(start, end);
        const limit = guard.maxDepth + (ALWAYS_READ.has(tag) ? ALLOWANCE : 0);
        if (!VOID.has(tag) && guard.depth() >= limit) {
          droppingTag = tag;
          guard.onDrop();
          return;
        }
      }
      cbs.onopentagname(start, end);
    },
    onopentagend(end) {
      if (droppingTag === undefined) return cbs.onopentagend(end);
      keepOpen(droppingTag);
      droppingTag = undefined;
    },
    onselfclosingtag(end) {
      if (droppingTag === undefined) return cbs.onselfclosingtag(end);
      // <x/> closes itself only in SVG and MathML; in HTML it stays open like <x>.
      if (!cbs.isInForeignContext?.()) keepOpen(droppingTag);
      droppingTag = undefined;
    },
    onclosetag(start, end) {
      if (dropped.length) {
        const tag = name(start, end);
        if (openCount.get(tag)) {
          // Closes the innermost dropped element of that name and any left open inside it.
          const at = dropped.lastIndexOf(tag);
          for (const closed of dropped.splice(at)) openCount.set(closed, (openCount.get(closed) ?? 1) - 1);
          return;
        }
      }
      cbs.onclosetag(start, end);
    },
  };
}
