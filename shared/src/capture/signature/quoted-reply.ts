import {
  ADDRESS_OR_DATE,
  ATTRIBUTION_END,
  ATTRIBUTION_START,
  BARE_DATE_TIME_LINE,
  BARE_TIME_LINE,
  FROM_HEADER_LINE,
  HEADER_LINE,
  LIST_FOOTER_RULE,
  LIST_FOOTER_TEXT,
  ORIGINAL_MESSAGE_SEPARATOR,
  RULE_LINE,
  SENDER_DATE_LINE,
  SENDER_DATE_TIME_LINE,
  SEPARATOR_TAIL,
} from './reply-markers';
import { MAX_LINE_CHARS, quoteDepth } from './text-bounds';

const isBlank = (line: string | undefined): boolean => !line || line.trim() === '';

/** Index of the next non-blank line at or after `from`, or -1. */
function nextNonBlank(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (!isBlank(lines[i])) return i;
  return -1;
}

/**
 * How many header lines ("From:", "Sent:", "发件人："…) start at `start`, allowing blank lines,
 * bare date lines and one wrapped continuation line between them.
 */
function headerRun(
  lines: readonly string[],
  start: number,
): { count: number; hasFrom: boolean; end: number } {
  let count = 0;
  let hasFrom = false;
  let misses = 0;
  let end = start;
  for (let j = start; j < lines.length && j < start + 14; j++) {
    const line = lines[j] ?? '';
    if (line.length <= MAX_LINE_CHARS && HEADER_LINE.test(line)) {
      count++;
      hasFrom ||= FROM_HEADER_LINE.test(line);
      misses = 0;
      end = j;
    } else if (!isBlank(line) && !BARE_DATE_TIME_LINE.test(line)) {
      if (++misses > 1) break;
    }
  }
  return { count, hasFrom, end };
}

/** A quoted message's header block: two lines or more with a sender, or three without. */
function isHeaderBlock(lines: readonly string[], start: number): boolean {
  const line = lines[start] ?? '';
  if (line.length > MAX_LINE_CHARS || !HEADER_LINE.test(line)) return false;
  const run = headerRun(lines, start);
  return (run.count >= 2 && run.hasFrom) || run.count >= 3;
}

/** The last line of an attribution ("On … wrote:") starting at `start`, possibly wrapped over 3 lines. */
function attributionEnd(lines: readonly string[], start: number): number {
  const first = (lines[start] ?? '').trim();
  if (!first || first.length > 300) return -1;
  if (ATTRIBUTION_END.test(first)) return start;
  if (!ATTRIBUTION_START.test(first)) return -1;
  let joined = first;
  for (let k = 1; k <= 2 && start + k < lines.length; k++) {
    const next = (lines[start + k] ?? '').trim();
    if (!next || quoteDepth(next) > 0) return -1;
    joined = `${joined} ${next}`;
    if (joined.length > 300) return -1;
    if (ATTRIBUTION_END.test(joined)) return start + k;
  }
  return -1;
}

/** A mailing-list footer: a rule of underscores with the list's name or listinfo url below it. */
function isListFooter(lines: readonly string[], i: number): boolean {
  if (!LIST_FOOTER_RULE.test(lines[i] ?? '')) return false;
  for (let k = 1; k <= 3; k++) if (LIST_FOOTER_TEXT.test(lines[i + k] ?? '')) return true;
  return false;
}

/** Drops what a cut leaves dangling above it: blank lines, a rule, Lotus Notes' name and date lines. */
function trimAboveCut(out: string[]): void {
  const popBlank = () => {
    while (out.length > 0 && isBlank(out.at(-1))) out.pop();
  };
  popBlank();
  if (out.length > 0 && RULE_LINE.test(out.at(-1) ?? '')) out.pop();
  popBlank();
  const last = out.at(-1) ?? '';
  const above = out.at(-2) ?? '';
  if (BARE_DATE_TIME_LINE.test(last)) {
    out.pop();
    // The sender's name sits on the line above the date in a Lotus Notes quote header.
    if (out.length > 0 && !isBlank(out.at(-1)) && (out.at(-1) ?? '').trim().length <= 60) out.pop();
  } else if (BARE_TIME_LINE.test(last) && above.length <= MAX_LINE_CHARS && SENDER_DATE_LINE.test(above)) {
    out.length -= 2;
  } else if (last.length <= MAX_LINE_CHARS && SENDER_DATE_TIME_LINE.test(last)) {
    out.pop();
  }
  popBlank();
  // Lotus Notes indents its quote header with tabs, the sender's company on the lines above "From:".
  while (out.length > 0 && /^\t/.test(out.at(-1) ?? '') && (out.at(-1) ?? '').length <= 80) {
    out.pop();
    popBlank();
  }
}

/**
 * The lines a sender wrote themselves: quoted lines ("> "), attributions ("On … wrote:", "Le … a
 * écrit :", "在 … 写道："), and everything from an original-message separator, a quoted header block
 * ("From: … Sent: …", "发件人：…") or a mailing-list footer onwards are removed. Text written
 * between quoted parts (bottom posting, inline replies) is kept. A message forwarded without a word
 * of one's own reads as the forwarded message.
 * @example stripQuotedReply(['Fine.', '', 'On Mon, Bob wrote:', '> Hi']) // ['Fine.']
 */
export function stripQuotedReply(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Over-long lines are prose or garbage: kept as text, never tested against the patterns.
    if (line.length > MAX_LINE_CHARS) {
      out.push(line);
      continue;
    }
    if (quoteDepth(line) > 0) continue;
    const separator = ORIGINAL_MESSAGE_SEPARATOR.test(line);
    if (separator || isHeaderBlock(lines, i)) {
      trimAboveCut(out);
      if (!out.every(isBlank)) break;
      // Forwarded without a word of one's own: the forwarded message is the text to read.
      out.length = 0;
      if (separator && SEPARATOR_TAIL.test(lines[i + 1] ?? '')) i++;
      const header = nextNonBlank(lines, i + 1);
      if (isHeaderBlock(lines, i)) i = headerRun(lines, i).end;
      else if (header >= 0 && isHeaderBlock(lines, header)) i = headerRun(lines, header).end;
      continue;
    }
    if (isListFooter(lines, i)) {
      trimAboveCut(out);
      break;
    }
    const attribution = attributionEnd(lines, i);
    if (attribution >= 0) {
      const next = nextNonBlank(lines, attribution + 1);
      // Quoted lines follow: the sender may write more below them (bottom posting), so only the
      // attribution goes. Otherwise the quoted message follows unmarked, and everything goes.
      if (next >= 0 && quoteDepth(lines[next] ?? '') > 0) {
        i = attribution;
        continue;
      }
      trimAboveCut(out);
      break;
    }
    // "26.06.2014, 14:41, "Alex" <a@example.com>:" above a quote: an attribution in any language.
    const trimmed = line.trim();
    if (/[:：]$/.test(trimmed) && trimmed.length <= 300 && ADDRESS_OR_DATE.test(trimmed)) {
      const next = nextNonBlank(lines, i + 1);
      if (next >= 0 && quoteDepth(lines[next] ?? '') > 0) continue;
    }
    out.push(line);
  }
  while (out.length > 0 && isBlank(out.at(-1))) out.pop();
  return out;
}
