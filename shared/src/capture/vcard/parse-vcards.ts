import ICAL from 'ical.js';
import { CAPTURE_LIMITS } from '../capture-limits';
import type { CapturedContact } from '../captured-contact';
import { mergeFindings } from '../merge-findings';
import { normalizeLine, parseContentLine } from './content-line';
import { findingFromJCard, type JCardProperty } from './jcard-to-finding';
import { type RawCard, splitCards, type VCardError } from './vcard-lines';

export type { VCardError } from './vcard-lines';

export interface ParseVCardsOptions {
  /** ISO region for phone numbers written without a country code (the rep's setting); default US. */
  defaultRegion?: string;
  /** The imported file's name, recorded as each contact's source. */
  fileName?: string;
}

export interface VCardParseResult {
  contacts: CapturedContact[];
  errors: VCardError[];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 160);

/** ical.js's jCard for a text holding one card. */
function parseCardText(text: string): JCardProperty[] {
  const parsed: unknown = ICAL.parse(text);
  const card = (Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : (parsed as unknown[])[0]) as [
    string,
    JCardProperty[],
  ];
  if (!Array.isArray(card) || card[0] !== 'vcard') throw new Error('not a vCard');
  return card[1];
}

/**
 * Reads one card's properties with ical.js. Lines are first brought into the grammar it knows
 * (vCard 2.1's bare parameters and quoted-printable); VERSION goes first, because ical.js picks
 * its 3.0 or 4.0 rules from the first line. If ical.js refuses the card, each line is read alone,
 * so only the bad lines are lost and each is reported by its line number.
 */
function readCard(card: RawCard, errors: VCardError[]): JCardProperty[] {
  const lines: { line: number; text: string }[] = [];
  let versionLine: string | undefined;
  for (const content of card.lines) {
    const parsed = parseContentLine(content.text);
    if (!parsed) {
      errors.push({
        line: content.line,
        code: 'bad-line',
        message: `Line ${content.line} is not a vCard property ("NAME:value") and was skipped.`,
      });
      continue;
    }
    if (parsed.name === 'BEGIN' || parsed.name === 'END') continue;
    const text = normalizeLine(parsed, card.version);
    if (parsed.name === 'VERSION') versionLine ??= text;
    else lines.push({ line: content.line, text });
  }
  if (lines.length > CAPTURE_LIMITS.maxCardProperties) {
    errors.push({
      line: card.line,
      code: 'too-many-properties',
      message: `The card on line ${card.line} has ${lines.length} properties; only the first ${CAPTURE_LIMITS.maxCardProperties} were read.`,
    });
    lines.length = CAPTURE_LIMITS.maxCardProperties;
  }
  const version = versionLine ?? `VERSION:${card.version === '4.0' ? '4.0' : '3.0'}`;
  const wrap = (body: string) => `BEGIN:VCARD\r\n${version}\r\n${body}END:VCARD\r\n`;
  try {
    return parseCardText(wrap(lines.map((l) => `${l.text}\r\n`).join('')));
  } catch {
    const props: JCardProperty[] = [];
    for (const { line, text } of lines) {
      try {
        // The first property is the VERSION line the wrapper adds.
        props.push(...parseCardText(wrap(`${text}\r\n`)).slice(1));
      } catch (error) {
        errors.push({
          line,
          code: 'bad-property',
          message: `Line ${line} could not be read (${errorText(error)}) and was skipped.`,
        });
      }
    }
    return props;
  }
}

/**
 * Reads every card of a vCard file (2.1, 3.0 or 4.0: folded lines, quoted-printable in any
 * CHARSET, several TEL/EMAIL with TYPE, base64 PHOTO, several cards per file). A bad card or line
 * is reported with its line number and skipped; the good cards still come through. Bounded: see
 * `CAPTURE_LIMITS` (file size, cards, card size, properties, photo size).
 * @example
 * parseVCards('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王小明\r\nTEL;TYPE=CELL:138 0013 8000\r\nEND:VCARD', { defaultRegion: 'CN' })
 * // { contacts: [{ kind: 'person', name: '王小明', phones: [{ number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' }], ... }], errors: [] }
 */
export function parseVCards(text: string, opts: ParseVCardsOptions = {}): VCardParseResult {
  const { cards, errors } = splitCards(typeof text === 'string' ? text : '');
  const contacts: CapturedContact[] = [];
  const defaultRegion = opts.defaultRegion ?? 'US';
  for (const card of cards) {
    const props = readCard(card, errors);
    let photoReported = false;
    const finding = findingFromJCard(props, {
      defaultRegion,
      onTooLargePhoto: () => {
        if (photoReported) return;
        photoReported = true;
        errors.push({
          line: card.line,
          code: 'photo-too-large',
          message: `The photo of the card on line ${card.line} is larger than ${CAPTURE_LIMITS.maxPhotoBase64Chars / 1_000_000} MB and was left out.`,
        });
      },
    });
    const { source: _source, kind: _kind, vcardUrls: _none, ...fields } = finding;
    if (!Object.values(fields).some((v) => (Array.isArray(v) ? v.length : v !== undefined))) {
      errors.push({
        line: card.line,
        code: 'empty-card',
        message: `Nothing could be read from the card on line ${card.line}; it was skipped.`,
      });
      continue;
    }
    const [contact] = mergeFindings([finding], {
      sourceOrder: ['vcard'],
      ...(opts.fileName && { file: opts.fileName.slice(0, 300) }),
    });
    if (contact) contacts.push(contact);
  }
  errors.sort((a, b) => a.line - b.line);
  return { contacts, errors };
}
