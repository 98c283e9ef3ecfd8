// Size bounds and line handling shared by findSignature and parseSignature.
//
// Both functions run on whatever a webmail page or a user's selection hands them, including
// megabytes of garbage. Every scan below is linear in the bounded input, and no regular expression
// runs on a line longer than MAX_LINE_CHARS, so the worst case is a few milliseconds whatever the
// input.

/** A body is cut to this many characters: a reply's own text and its signature come first. */
export const MAX_BODY_CHARS = 200_000;

/** A signature or selection is cut to this many characters (a long selection is not a signature). */
export const MAX_SIGNATURE_CHARS = 8_000;

/** Lines longer than this are prose or garbage: never a header, a delimiter or a signature line. */
export const MAX_LINE_CHARS = 1_000;

/** At most this many non-empty lines make a signature; more is a message body. */
export const MAX_SIGNATURE_LINES = 30;

/** Splits text into lines whatever the line endings (\r\n, \r, U+2028/2029). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029]/);
}

/**
 * How deep a line is quoted: the number of leading quote markers ("> ", "> > ", ">>").
 * @example quoteDepth('> > hi') // 2
 */
export function quoteDepth(line: string): number {
  let depth = 0;
  for (const ch of line) {
    if (ch === '>') depth++;
    else if (ch !== ' ' && ch !== '\t') break;
  }
  return depth;
}

/** The line with its quote markers removed. */
export function unquote(line: string): string {
  return line.replace(/^[\s>]*>\s?/, '');
}

/** Box-drawing and list decorations around signature lines: "* Name *", "| Title |", "• item". */
const DECORATION_EDGES = /^[\s*|#•·▪►◆■□●○~]+|[\s*|#•·▪►◆■□●○~]+$/gu;

/**
 * One line ready for field detection: NFKC (full-width digits and colons become ASCII, so
 * "电话：１３８…" reads like "电话:138…"), quote markers and decorations removed, spaces collapsed.
 */
export function cleanLine(line: string): string {
  return unquote(line.slice(0, MAX_LINE_CHARS).normalize('NFKC'))
    .replace(DECORATION_EDGES, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A line made only of separator characters: "-- ", "-----", "_____", "=====", "*****". */
export function isSeparatorLine(line: string): boolean {
  return /^\s*(?:-{2,}|_{3,}|={3,}|\*{3,}|~{3,}|#{3,}|[—–]{2,})\s*$/.test(line);
}

/** The standard signature delimiter "-- " (RFC 3676), also written "--". */
export function isStandardDelimiter(line: string): boolean {
  return /^--\s*$/.test(line);
}
