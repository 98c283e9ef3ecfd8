import { findEmails, findUrls, type Span } from './contact-spans';
import {
  ADDRESS_LINE,
  DEPARTMENT_WORDS,
  LABEL_WITH_COLON,
  type LabelKind,
  LEGAL_FORM,
  labelKind,
  ORG_WORDS,
  POSTAL_LINE,
} from './field-lexicon';
import { type ClassifiedNumber, classifyNumbers, looksLikePhone } from './phone-spans';

// One signature line cut into what it holds: its emails, web addresses and numbers, and the text
// pieces between them ("Data Engineer / Teleworm" → two pieces; "Perfect Commerce, Inc. tel: 650…"
// → the company piece and a phone). The parser then decides what each text piece is.

/** A piece of text from a line, with the label written in front of it ("Poste : Ingénieur"). */
export interface TextPiece {
  text: string;
  line: number;
  /** Position of the piece on its line (0 = first). */
  index: number;
  /** How many text pieces its line has. */
  count: number;
  label?: LabelKind;
}

export interface LineFields {
  emails: Span[];
  urls: Span[];
  /** Phone and fax numbers (unlabelled numbers only when they look like phones). */
  numbers: ClassifiedNumber[];
  pieces: TextPiece[];
}

export interface LineContext {
  /** True when the text reads as a job title. */
  isTitle: (text: string) => boolean;
  /** Default region for national phone numbers (ISO 3166 code), if known. */
  region: string | undefined;
  /** True when the text names the sender's employer by their email or web domain. */
  matchesDomain: (text: string) => boolean;
}

/** Field separators inside a line. A spaced dash or slash separates; "Jean-Luc" and "713/345" do not. */
const PIECE_SEPARATOR = /\s+[-–—/|•·]\s+|\s*[|•·\t]\s*|\s{3,}|\u241f+/u;

/** Labels for fields read elsewhere (phone, fax, email, web) are dropped from a text piece. */
const FIELD_LABEL_KINDS = new Set<LabelKind>(['phone', 'fax', 'email', 'web', 'other']);

/** Blanks out spans so the rest of the line can be read without them (positions unchanged). */
function mask(text: string, spans: readonly { start: number; end: number }[], fill = ' '): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + fill.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/**
 * Splits "Title, Organisation" at its comma only when the right side names an organisation
 * ("Deputy Chairman, Republican National Committee"); "Director, Database Infrastructure" and
 * "LeBoeuf, Lamb, Greene & MacRae" stay whole.
 */
function splitTitleComma(text: string, isTitle: (t: string) => boolean): string[] {
  const comma = text.indexOf(', ');
  if (comma < 0) return [text];
  const left = text.slice(0, comma);
  const right = text.slice(comma + 2);
  if (isTitle(left) && (ORG_WORDS.test(right) || LEGAL_FORM.test(right))) return [left, right];
  return [text];
}

/**
 * Joins "Managing Director - Research" back into one title: a part after the dash that names a
 * department qualifies the title before it instead of naming an employer.
 */
function joinDepartments(pieces: string[], separators: string[], context: LineContext): void {
  const { isTitle, matchesDomain } = context;
  for (let k = pieces.length - 1; k > 0; k--) {
    const left = pieces[k - 1] ?? '';
    const right = pieces[k] ?? '';
    const sep = separators[k] ?? '';
    if (
      /[-–—]/.test(sep) &&
      isTitle(left) &&
      DEPARTMENT_WORDS.test(right) &&
      !LEGAL_FORM.test(right) &&
      !matchesDomain(right)
    ) {
      pieces.splice(k - 1, 2, `${left}${sep}${right}`);
      separators.splice(k, 1);
    }
  }
}

/** Punctuation around a piece, and a closing bracket left without its opening one ("Phone)"). */
function trimPunctuation(text: string): string {
  let out = text.replace(/^[\s,;:()[\]"'’-]+|[\s,;:([\]"-]+$/gu, '');
  while (/[)\]]$/.test(out) && !/[([]/.test(out)) out = out.slice(0, -1).trimEnd();
  return out.trim();
}

/**
 * Reads one cleaned line: emails, web addresses and classified numbers with their positions, and
 * the text pieces left between them.
 */
export function readLine(line: string, lineIndex: number, context: LineContext): LineFields {
  const { isTitle, region } = context;
  const emails = findEmails(line);
  const urls = findUrls(mask(line, emails));
  const withoutLinks = mask(line, [...emails, ...urls]);
  // An unlabelled number on an address line is a street number or a postal code, not a phone.
  const addressLine = ADDRESS_LINE.test(withoutLinks) || POSTAL_LINE.test(withoutLinks);
  const numbers = classifyNumbers(withoutLinks).filter(
    (n) => n.kind !== 'unlabelled' || (!addressLine && looksLikePhone(n, region)),
  );
  // Separate fields with a marker the splitter knows, then cut at labels written mid-line.
  // Numbers labelled as something else (QQ ids, postal boxes) stay in the text they belong to.
  const read = numbers.filter((n) => n.kind !== 'other');
  let residual = mask(line, [...emails, ...urls, ...read], '\u241f');
  residual = residual.replace(LABEL_WITH_COLON, (m, label: string) =>
    FIELD_LABEL_KINDS.has(labelKind(label) ?? 'other') ? '\u241f' : `\u241f${m}`,
  );
  const texts: string[] = [];
  const separators: string[] = [];
  let rest = residual;
  let pendingSeparator = '';
  while (rest.length > 0) {
    const m = PIECE_SEPARATOR.exec(rest);
    const head = m ? rest.slice(0, m.index) : rest;
    for (const part of splitTitleComma(head.trim(), isTitle)) {
      texts.push(part);
      separators.push(pendingSeparator || ', ');
      pendingSeparator = '';
    }
    if (!m) break;
    pendingSeparator = m[0];
    rest = rest.slice(m.index + m[0].length);
  }
  joinDepartments(texts, separators, context);
  const pieces: TextPiece[] = [];
  for (const raw of texts) {
    let text = trimPunctuation(raw);
    let label: LabelKind | undefined;
    const labelled = /^(.{1,30}?)\s*[:：]\s*(.*)$/u.exec(text);
    if (labelled?.[1]) {
      const kind = labelKind(labelled[1]);
      if (kind) {
        label = kind;
        text = (labelled[2] ?? '').trim();
      }
    }
    // A bare field word left over ("Linkedin", "Fax", "(cell)") is no text of its own.
    if (!/\p{L}.*\p{L}|[\p{Script=Han}]/u.test(text) || labelKind(text) !== null || text.startsWith('@')) {
      continue;
    }
    if (label && FIELD_LABEL_KINDS.has(label)) continue;
    pieces.push({ text, line: lineIndex, index: 0, count: 0, ...(label && { label }) });
  }
  pieces.forEach((p, k) => {
    p.index = k;
    p.count = pieces.length;
  });
  return { emails, urls, numbers: read, pieces };
}
