import {
  CJK_ORG_WORDS,
  CJK_SURNAMES,
  CJK_TITLE_WORDS,
  LEGAL_FORM,
  ORG_WORDS,
  TITLE_WORDS,
} from './field-lexicon';

// How a signature line is recognised as a person's name, in Latin script (with particles, initials
// and generational suffixes) and in Chinese (a known surname and one to three given-name characters).

/** Name particles written in lower case: "Claudine du Bruneau", "Ludwig van Beethoven". */
const PARTICLES = new Set([
  'de',
  'du',
  'des',
  'd',
  'da',
  'das',
  'di',
  'do',
  'dos',
  'del',
  'della',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
  'zu',
  'y',
  'e',
  'bin',
  'al',
  'el',
]);

/** Generational suffixes stay part of the name ("E. Paul Rowady, Jr."). */
const GENERATIONAL = /^(?:jr|sr|ii|iii|iv|jun|sen)\.?$/i;

/**
 * Credentials after a name are not part of it ("Mark D. Guinney, CFA", "John E. Doe, Ph.D.",
 * "Dr. med. Anna Schmidt, MBA"): the part after the comma is dropped when every word of it is one.
 */
const CREDENTIAL =
  /^(?:ph\.?\s?d|m\.?d|mba|cfa|cpa|cpc|pe|p\.e|esq|msc|m\.sc|ma|bsc|b\.sc|ba|dipl\.?-ing|llm|ll\.m|jd|j\.d|rn|pmp|cissp|cfp|frics|acca|aca|dds|dvm|mph|phd)\.?$/i;

/** A capitalised name word: "Anne", "L'Heureux", "McDermott", "Jean-Luc", "O'Neil", or an initial "E.". */
const NAME_WORD = /^(?:\p{Lu}[\p{Ll}\p{Lu}\p{M}'’-]*\.?|\p{Lu}\.(?:\p{Lu}\.)*)$/u;

const HAN_NAME = /^[\p{Script=Han}]{2,4}$/u;
const HAN_DOTTED_NAME = /^[\p{Script=Han}]{1,6}[·•・][\p{Script=Han}]{1,6}$/u;

/**
 * The name part of a name line: credentials after a comma dropped, a leading "-" (as in "-John")
 * removed. Generational suffixes are kept.
 * @example cleanNameLine('Mark D. Guinney, CFA') // 'Mark D. Guinney'
 */
export function cleanNameLine(line: string): string {
  let text = line.replace(/^[-–—~\s]+/, '').trim();
  const parts = text.split(/\s*,\s*/);
  while (parts.length > 1) {
    const last = parts.at(-1) ?? '';
    const words = last.split(/\s+/).filter(Boolean);
    if (words.length > 0 && words.every((w) => CREDENTIAL.test(w))) parts.pop();
    else break;
  }
  text = parts.join(', ');
  return text;
}

/** True for a Chinese personal name: 王小明, 欧阳娜娜, 阿依古丽·买买提. */
export function isCjkPersonName(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  if (HAN_DOTTED_NAME.test(compact)) return true;
  if (!HAN_NAME.test(compact)) return false;
  if (CJK_TITLE_WORDS.test(compact) || CJK_ORG_WORDS.test(compact)) return false;
  return CJK_SURNAMES.has(compact.slice(0, 2)) || CJK_SURNAMES.has(compact.slice(0, 1));
}

/**
 * True for a line that reads as a Latin-script personal name: two to five words, at least two of
 * them capitalised name words, the rest particles or generational suffixes, no digits, no title or
 * organisation word. `allowSingle` accepts a lone given name ("Noam") where the context says so
 * (right after a valediction).
 */
export function isLatinPersonName(text: string, allowSingle = false): boolean {
  if (text.length > 50 || /[\d@:/\\|_#&+=<>()[\]{}"]/.test(text)) return false;
  if (TITLE_WORDS.test(text) || ORG_WORDS.test(text) || LEGAL_FORM.test(text)) return false;
  const words = text.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 5) return false;
  let capitalised = 0;
  for (const word of words) {
    if (GENERATIONAL.test(word)) continue;
    if (PARTICLES.has(word.toLowerCase().replace(/['’]$/, '')) && word === word.toLowerCase()) continue;
    if (!NAME_WORD.test(word)) return false;
    capitalised++;
  }
  // A run of upper-case words is a name only when short ("MIKE EASTMAN"); longer, it is a heading.
  const allCaps = words.every((w) => w === w.toUpperCase());
  if (allCaps && (words.length > 3 || words.some((w) => w.replace(/\./g, '').length <= 1))) return false;
  return capitalised >= 2 || (allowSingle && capitalised === 1 && words.length === 1 && text.length >= 2);
}

/**
 * True when the line reads as a personal name in Latin or Chinese script.
 * @example isPersonName('Claudine du Bruneau') // true
 * @example isPersonName('Enron North America Corp.') // false
 */
export function isPersonName(line: string, allowSingle = false): boolean {
  const text = cleanNameLine(line);
  if (!text) return false;
  if (/[\p{Script=Han}]/u.test(text)) return isCjkPersonName(text);
  return isLatinPersonName(text, allowSingle);
}

/**
 * True when the name's words can be found in an email's local part ("faustinchabot@…" for
 * "Faustin Chabot", "a.grondin@…" for "Alexandrie Grondin"): a strong hint that the line is the
 * sender's name.
 */
export function nameMatchesEmail(name: string, emails: readonly string[]): boolean {
  const words = fold(name)
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3);
  if (words.length === 0) return false;
  return emails.some((email) => {
    const local = fold(email.split('@')[0] ?? '').replace(/[^a-z]/g, '');
    return local.length >= 3 && words.some((w) => local.includes(w));
  });
}

/** Lower case without accents, for loose comparisons ("Généreux" ~ "genereux"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
