import { normalizePhone } from '../../phone';
import { BARE_LABEL, LABEL_WITH_COLON, type LabelKind, labelKind } from './field-lexicon';

// Phone and fax numbers in a signature line, and which is which. A hand-written scanner finds runs
// of digits and separators (linear, no backtracking); labels before a number ("Tel:", "Fax", "手机：")
// or after it ("(fax)", "Office", "ph.") say what it is. A number with no label counts as a phone
// only when libphonenumber finds it valid, or when it is grouped like one and the line is no address.

export interface NumberSpan {
  start: number;
  end: number;
  /** The number as written, with its extension ("1-800-539-3580 Ext 108"). */
  raw: string;
  /** Digits of the number without the extension. */
  digits: number;
  /** Separated digit groups ("01 42 43 37 50" has 5). */
  groups: number;
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}@_*#]/u.test(ch);

/** Separators allowed between digit groups: "01 42", "713-853", "713.853", "713/345", "(0)1483". */
function isGroupGap(gap: string): boolean {
  if (gap.length > 3) return false;
  // " - " and " / " separate two fields on one line ("01.75.88.25.30 - jean@…"), not digit groups.
  if (/\s[-/]\s/.test(gap)) return false;
  return /^(?:[ .\-/]|\s?\(|\)\s?|\)[-.]|[ ]?[-.][ ]?|\s)$/.test(gap);
}

const EXTENSION = /^\s*(?:ext\.?|extn\.?|extension|x|poste|p\.|durchwahl|dw|转|轉|分机|分機)\s*\d{1,6}/iu;

/**
 * Runs of digits that could be a phone number, with their extensions. Digits glued to letters
 * ("EB3817", "X31545", "8*235") are codes, not numbers.
 */
export function scanNumbers(text: string): NumberSpan[] {
  const spans: NumberSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const startsNumber =
      isDigit(ch) ||
      (ch === '+' && (isDigit(text[i + 1]) || (text[i + 1] === ' ' && isDigit(text[i + 2])))) ||
      (ch === '(' && isDigit(text[i + 1]));
    if (!startsNumber) {
      i++;
      continue;
    }
    if (isDigit(ch) && isWordChar(text[i - 1])) {
      while (i < text.length && isWordChar(text[i])) i++;
      continue;
    }
    const start = i;
    let j = ch === '+' ? i + 1 : i;
    let lastDigit = -1;
    let digits = 0;
    let groups = 0;
    let gap = '';
    for (; j < text.length; j++) {
      const c = text[j] ?? '';
      if (isDigit(c)) {
        if (lastDigit >= 0 && gap && !isGroupGap(gap)) break;
        if (lastDigit < 0 || gap) groups++;
        digits++;
        lastDigit = j;
        gap = '';
      } else if (' .-/()\u00a0'.includes(c)) {
        gap += c === '\u00a0' ? ' ' : c;
        if (gap.length > 3) break;
      } else break;
    }
    let end = lastDigit + 1;
    i = Math.max(end, i + 1);
    if (lastDigit < 0) continue;
    const ext = EXTENSION.exec(text.slice(end, end + 24));
    if (ext) end += ext[0].length;
    // Digits running into letters ("3817EB", "12th") are a code or an ordinal, not a number.
    else if (/\p{L}/u.test(text[end] ?? '')) continue;
    spans.push({ start, end, raw: text.slice(start, end).trim(), digits, groups });
    i = Math.max(i, end);
  }
  return spans;
}

/** Dates, times and ZIP+4 codes are not phone numbers even when their digits are many. */
function isDateOrCode(raw: string, after: string): boolean {
  return (
    /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(raw) ||
    /^\d{5}-\d{4}$/.test(raw) ||
    /^(?:19|20)\d{2}\s?[-–/]\s?(?:19|20)\d{2}$/.test(raw) ||
    /^\s*[:h]\d/.test(after)
  );
}

export type NumberKind = 'phone' | 'fax' | 'other' | 'unlabelled';

/** A label's kind for numbers: phone, fax, or other (a number that is no phone). */
function numberKind(kind: LabelKind | null): NumberKind | null {
  if (kind === 'phone' || kind === 'fax') return kind;
  if (kind === null) return null;
  return kind === 'email' || kind === 'web' ? null : 'other';
}

interface LabelHit {
  start: number;
  end: number;
  kind: NumberKind;
}

/** Every label in the line with its position, colon labels first so "Tel/Fax:" wins over "Fax". */
function labelHits(line: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const m of line.matchAll(LABEL_WITH_COLON)) {
    const kind = numberKind(labelKind(m[1] ?? ''));
    if (kind) hits.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  for (const m of line.matchAll(BARE_LABEL)) {
    const kind = numberKind(labelKind(m[1] ?? ''));
    if (kind && !hits.some((h) => m.index >= h.start && m.index < h.end)) {
      hits.push({ start: m.index, end: m.index + m[0].length, kind });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

export interface ClassifiedNumber extends NumberSpan {
  kind: NumberKind;
}

/**
 * The numbers of a line with what they are. A label after a number ("713-646-3490 (fax)",
 * "713-853-6577 Office") names it when no number follows that label; otherwise the nearest label
 * before it does, and a number with no label of its own takes the previous number's ("Phone
 * 8*235-7602 (518) 385 7602").
 * @example classifyNumbers('Tel: 01 42 43 37 50 Fax: 01 42 43 37 51').map((n) => n.kind) // ['phone', 'fax']
 */
export function classifyNumbers(line: string): ClassifiedNumber[] {
  const numbers = scanNumbers(line).filter(
    (n) =>
      n.digits >= 6 && n.digits <= 17 && line[n.start - 1] !== '*' && !isDateOrCode(n.raw, line.slice(n.end)),
  );
  const hits = labelHits(line);
  const out: ClassifiedNumber[] = [];
  let carried: NumberKind = 'unlabelled';
  numbers.forEach((n, k) => {
    const previousEnd = k > 0 ? (numbers[k - 1]?.end ?? 0) : 0;
    const nextStart = numbers[k + 1]?.start ?? line.length;
    const before = hits.filter((h) => h.start >= previousEnd && h.end <= n.start + 1);
    const after = hits.filter((h) => h.start >= n.end && h.end <= nextStart);
    // A label after the number belongs to the next number when one follows on the line.
    const trailing = k + 1 < numbers.length ? [] : after;
    const trailingText = line.slice(n.end, trailing[0]?.start ?? n.end);
    let kind: NumberKind | undefined;
    if (trailing.length > 0 && /^[\s(\-–,/]*$/.test(trailingText)) {
      kind = trailing.some((h) => h.kind === 'phone')
        ? 'phone'
        : trailing.some((h) => h.kind === 'fax')
          ? 'fax'
          : trailing[0]?.kind;
    }
    kind ??= before.at(-1)?.kind;
    if (kind === undefined && k > 0 && /^[\s,;]*$/.test(line.slice(previousEnd, n.start))) kind = carried;
    kind ??= 'unlabelled';
    carried = kind;
    out.push({ ...n, kind });
  });
  return out;
}

/** Whether an unlabelled number is still worth reading as a phone. */
export function looksLikePhone(n: NumberSpan, region: string | undefined): boolean {
  if (n.digits < 7 || n.digits > 15) return false;
  if (isE164(toE164(n.raw, region))) return true;
  // Grouped like a phone ("(555) 346-9947", "01 42 43 37 50"): three groups or more.
  return n.digits >= 9 && n.groups >= 3;
}

/**
 * E.164 when libphonenumber can make one (with the default region for national numbers), else the
 * raw text. "+ 03 81 20 48 27" (a plus in front of a national number) is read as the national number.
 * @example toE164('03 81 20 48 27', 'FR') // '+33381204827'
 */
export function toE164(raw: string, region: string | undefined): string {
  const first = normalizePhone(raw, region ?? '').number;
  if (isE164(first)) return first;
  if (/^\+\s*0/.test(raw)) {
    const again = normalizePhone(raw.replace(/^\+\s*/, ''), region ?? '').number;
    if (isE164(again)) return again;
  }
  return first;
}

/** normalizePhone returns the raw text when it cannot parse, and raw text may start with "+". */
export const isE164 = (number: string): boolean => /^\+[1-9]\d{5,14}$/.test(number);
