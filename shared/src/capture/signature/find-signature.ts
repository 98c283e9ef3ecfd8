import { isPersonName } from './person-name';
import { stripQuotedReply } from './quoted-reply';
import {
  isAttachmentLine,
  isDisclaimer,
  isMobileFooter,
  isValediction,
  nameAfterValediction,
} from './sign-off-lexicon';
import { hasContactCue, isBlank, isDashName, isProse, isSignatureLine } from './signature-line-cues';
import {
  cleanLine,
  isSeparatorLine,
  isStandardDelimiter,
  MAX_BODY_CHARS,
  MAX_LINE_CHARS,
  MAX_SIGNATURE_LINES,
  splitLines,
} from './text-bounds';

/** Non-blank lines in a slice. */
const countLines = (lines: readonly string[]) => lines.filter((l) => !isBlank(l)).length;

/** The block after the last "-- " delimiter, when what follows is signature-sized. */
function afterStandardDelimiter(lines: readonly string[]): readonly string[] | null {
  for (let k = lines.length - 1; k >= 0 && lines.length - k <= MAX_SIGNATURE_LINES * 2; k--) {
    if (!isStandardDelimiter(lines[k] ?? '')) continue;
    const tail = lines.slice(k + 1);
    const n = countLines(tail);
    return n >= 1 && n <= MAX_SIGNATURE_LINES ? tail : null;
  }
  return null;
}

/** The block from the last valediction ("Best regards,", "Cordialement", "此致"), valediction included. */
function fromValediction(lines: readonly string[]): readonly string[] | null {
  let seen = 0;
  for (let k = lines.length - 1; k >= 0; k--) {
    const line = lines[k] ?? '';
    if (isBlank(line)) continue;
    if (++seen > MAX_SIGNATURE_LINES) return null;
    if (line.length > MAX_LINE_CHARS || !isValediction(cleanLine(line))) continue;
    // "此致" then "敬礼": the block starts at the first of consecutive valediction lines.
    let first = k;
    while (first > 0 && isValediction(cleanLine(lines[first - 1] ?? ''))) first--;
    const tail = lines.slice(k + 1);
    const firstTail = tail.find((l) => !isBlank(l));
    if (firstTail === undefined) return nameAfterValediction(cleanLine(line)) ? lines.slice(first) : null;
    // What follows a valediction is a name or a signature, not more message.
    return isSignatureLine(firstTail) ? lines.slice(first) : null;
  }
  return null;
}

/**
 * The block after the last rule line ("------", "______") near the end, when everything after it
 * reads as a signature and carries a contact cue.
 */
function afterRule(lines: readonly string[]): readonly string[] | null {
  for (let k = lines.length - 1; k >= 0 && lines.length - k <= MAX_SIGNATURE_LINES * 2; k--) {
    if (!isSeparatorLine(lines[k] ?? '')) continue;
    const tail = lines.slice(k + 1);
    const n = countLines(tail);
    if (n === 0) continue;
    if (n > MAX_SIGNATURE_LINES) return null;
    return tail.every((l) => isBlank(l) || isSeparatorLine(l) || isSignatureLine(l)) &&
      tail.some(hasContactCue)
      ? tail
      : null;
  }
  return null;
}

/**
 * A signature without delimiter or valediction: the trailing run of short, non-sentence lines,
 * trimmed to its paragraphs that carry a cue (contact details, title, organisation) or read as a
 * name, and only when the last paragraph has one.
 */
function trailingBlock(lines: readonly string[]): readonly string[] | null {
  let start = lines.length;
  let nonBlank = 0;
  for (let k = lines.length - 1; k >= 0; k--) {
    const line = lines[k] ?? '';
    if (isBlank(line)) {
      start = k;
      continue;
    }
    // A lower-case line right under a prose line is that sentence wrapping ("…in the\ndrawing!").
    const above = lines[k - 1];
    const wraps = !isBlank(above) && isProse(above ?? '') && /^\s*\p{Ll}/u.test(line);
    if (!isSignatureLine(line) || wraps || ++nonBlank > MAX_SIGNATURE_LINES) break;
    start = k;
  }
  // Paragraphs, bottom up: the last must carry a cue; those above join while they are
  // signature-like (a cue, a dash-signed name, or capitalised words only).
  const paragraphs: { from: number; to: number }[] = [];
  for (let k = start; k < lines.length; k++) {
    if (isBlank(lines[k])) continue;
    const last = paragraphs.at(-1);
    if (last && last.to === k - 1) last.to = k;
    else paragraphs.push({ from: k, to: k });
  }
  const linesOf = (p: { from: number; to: number }) => lines.slice(p.from, p.to + 1);
  const cue = (p: readonly string[]) =>
    p.some(hasContactCue) || p.some(isDashName) || (p.length <= 4 && isPersonName(cleanLine(p[0] ?? '')));
  const capitalised = (p: readonly string[]) =>
    p.every((l) => {
      const words = cleanLine(l)
        .split(' ')
        .filter((w) => /\p{L}/u.test(w));
      return words.length > 0 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.5;
    });
  const last = paragraphs.at(-1);
  if (!last || !cue(linesOf(last))) return null;
  let first = paragraphs.length - 1;
  while (first > 0) {
    const above = linesOf(paragraphs[first - 1] ?? { from: 0, to: -1 });
    if (!(cue(above) || capitalised(above))) break;
    first--;
  }
  return lines.slice(paragraphs[first]?.from ?? start);
}

/**
 * Drops what mail servers and clients append below a signature: legal notices, attachment names,
 * rule lines and blank lines (at most 10 paragraphs, so a long tail costs nothing).
 */
function dropTrailingNoise(lines: string[]): void {
  for (let round = 0; round < 10; round++) {
    while (lines.length > 0 && isBlank(lines.at(-1))) lines.pop();
    const last = lines.at(-1) ?? '';
    if (isAttachmentLine(last) || isSeparatorLine(last)) {
      lines.pop();
      continue;
    }
    let start = lines.length;
    // A notice is a paragraph of its own, or sits under a rule line ("_____") below the signature.
    while (start > 0 && !isBlank(lines[start - 1]) && !isSeparatorLine(lines[start - 1] ?? '')) start--;
    if (start === lines.length || !isDisclaimer(lines.slice(start).join(' '))) return;
    lines.length = start;
  }
}

/**
 * The signature block of a plain-text email body, or null when it has none. Quoted replies ("On …
 * wrote:", "> " lines, "-----Original Message-----", "From: … Sent: …" blocks, and their French,
 * German, Spanish and Chinese forms) and forwarded parts are removed first; mail-client footers
 * ("Sent from my iPhone") are not signatures. The block starts after a "-- " delimiter, at a
 * valediction ("Best regards,", "Cordialement", "Mit freundlichen Grüßen", "Saludos", "此致"), after
 * a rule line, or is the trailing run of short lines with contact, title or company cues.
 * Bounded: only the first 200,000 characters are read, and lines over 1,000 characters are prose.
 * @example findSignature('Sounds good.\n\nBest regards,\nAnna Müller\nSales Manager\nTel: +49 30 1234567')
 * // 'Best regards,\nAnna Müller\nSales Manager\nTel: +49 30 1234567'
 */
export function findSignature(plainTextEmailBody: string): string | null {
  const own = stripQuotedReply(splitLines(plainTextEmailBody.slice(0, MAX_BODY_CHARS))).filter(
    (line) => line.length > MAX_LINE_CHARS || !isMobileFooter(cleanLine(line)),
  );
  dropTrailingNoise(own);
  if (own.length === 0) return null;
  const block = afterStandardDelimiter(own) ?? fromValediction(own) ?? afterRule(own) ?? trailingBlock(own);
  if (!block) return null;
  const text = block
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  return text.trim() ? text : null;
}
