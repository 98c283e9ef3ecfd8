import { findEmails, findUrls } from './contact-spans';
import {
  CJK_ORG_WORDS,
  CJK_TITLE_WORDS,
  LABEL_WITH_COLON,
  LEGAL_FORM,
  labelKind,
  ORG_WORDS,
  TITLE_WORDS,
} from './field-lexicon';
import { isPersonName } from './person-name';
import { scanNumbers } from './phone-spans';
import { isGreeting } from './sign-off-lexicon';
import { cleanLine } from './text-bounds';

// What a single line of an email body says about being part of a signature: running text and
// sentences are not; contact details, job words, company words and field labels are cues.

export const isBlank = (line: string | undefined): boolean => !line || line.trim() === '';

/** Characters a signature line never exceeds; a longer line is prose (a notice below a signature). */
const MAX_SIGNATURE_LINE_CHARS = 100;

/** Abbreviations a signature line may end with that do not end a sentence ("Enron Corp.", "Ph.D."). */
const ABBREVIATION_END =
  /(?:\b(?:inc|corp|co|ltd|llc|jr|sr|st|dr|ph\.d|s\.a|e\.v|dept|no|tel|ext|bros|intl|mfg)\.|\b\p{Lu}\.)$/iu;

/** True for a line of running text: many words mostly in lower case, or a long CJK sentence. */
export function isProse(line: string): boolean {
  const text = cleanLine(line);
  if (text.length > MAX_SIGNATURE_LINE_CHARS) return true;
  const cjk = text.match(/[\p{Script=Han}]/gu)?.length ?? 0;
  if (cjk >= 12 && /[，。！？；]/u.test(text)) return true;
  const words = text.split(' ').filter((w) => /\p{L}/u.test(w));
  if (words.length < 6) return false;
  const lower = words.filter((w) => /^[(“"']?\p{Ll}/u.test(w)).length;
  return lower / words.length >= 0.4;
}

/** True for a sentence: three words or more ending with . ! ? (not an abbreviation like "Corp."), or a
 * Chinese sentence ending with 。！？. "(415) 733-4487 ph." has one word and is no sentence. */
function isSentence(line: string): boolean {
  const text = cleanLine(line).replace(/["'”’)\]]+$/u, '');
  if (!/[.!?。！？]$/u.test(text) || ABBREVIATION_END.test(text)) return false;
  return text.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length >= 3 || /[。！？]$/u.test(text);
}

/** A phone-like run of digits (7 or more digits), with or without a label. */
function hasPhoneNumber(line: string): boolean {
  return scanNumbers(line).some(
    (n) => n.digits >= 7 && n.digits <= 15 && (n.groups >= 2 || n.raw.startsWith('+')),
  );
}

/** What makes a block a signature: contact details, a title, an organisation, a field label. */
export function hasContactCue(line: string): boolean {
  const text = cleanLine(line);
  if (!text) return false;
  if (findEmails(text).length > 0 || findUrls(text).length > 0 || hasPhoneNumber(text)) return true;
  if (TITLE_WORDS.test(text) || CJK_TITLE_WORDS.test(text)) return true;
  if (LEGAL_FORM.test(text) || ORG_WORDS.test(text) || CJK_ORG_WORDS.test(text)) return true;
  for (const m of text.matchAll(LABEL_WITH_COLON)) if (labelKind(m[1] ?? '')) return true;
  return false;
}

/** A line that can stand in a signature: short, not a sentence, not a greeting. */
export function isSignatureLine(line: string): boolean {
  const text = cleanLine(line);
  if (!text) return true;
  if (text.length > MAX_SIGNATURE_LINE_CHARS || isGreeting(text)) return false;
  // A sentence stays a sentence even with a number or a job word in it ("…call me at (713) 345-8897.").
  if (isSentence(text) && findEmails(text).length === 0 && findUrls(text).length === 0) return false;
  if (hasContactCue(text)) return true;
  return !isProse(text);
}

/** "-John Doe": a name signed with a leading dash. */
export const isDashName = (line: string) =>
  /^\s*-{1,2}\s*\S/.test(line) && isPersonName(cleanLine(line).replace(/^-+\s*/, ''));
