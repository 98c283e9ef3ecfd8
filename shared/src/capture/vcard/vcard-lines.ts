import { CAPTURE_LIMITS } from '../capture-limits';

/** A problem with one card or one line of a vCard file, by line number (1-based). */
export interface VCardError {
  line: number;
  code:
    | 'outside-card'
    | 'missing-end'
    | 'card-too-large'
    | 'too-many-cards'
    | 'too-many-properties'
    | 'bad-line'
    | 'bad-property'
    | 'empty-card'
    | 'photo-too-large'
    | 'file-too-large';
  message: string;
}

/** One property line after unfolding, with the number of the line it starts on. */
export interface ContentLine {
  line: number;
  text: string;
}

/** The lines between one BEGIN:VCARD and its END:VCARD. */
export interface RawCard {
  /** Line number of BEGIN:VCARD. */
  line: number;
  version: '2.1' | '3.0' | '4.0';
  lines: ContentLine[];
}

const BEGIN = /^\s*BEGIN\s*:\s*VCARD\s*$/i;
const END = /^\s*END\s*:\s*VCARD\s*$/i;

/** The part of a content line before its value: the first colon outside double quotes ends it. */
export function nameAndParamsEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

const isQuotedPrintable = (text: string) => {
  const end = nameAndParamsEnd(text);
  return end > 0 && /QUOTED-PRINTABLE/i.test(text.slice(0, end));
};

/**
 * Joins folded lines. vCard 3.0 and 4.0 (RFC 6350 §3.2) drop the line break and one space or tab;
 * 2.1 folds at existing white space (RFC 822), which stays. A quoted-printable value ending in
 * "=" continues on the next line whatever it starts with (a soft line break).
 */
function unfold(physical: readonly ContentLine[], version: RawCard['version']): ContentLine[] {
  const out: ContentLine[] = [];
  let current: ContentLine | undefined;
  for (const { line, text } of physical) {
    if (current?.text.endsWith('=') && isQuotedPrintable(current.text)) {
      current.text = current.text.slice(0, -1) + text;
    } else if (current && (text.startsWith(' ') || text.startsWith('\t'))) {
      current.text += version === '2.1' ? text : text.slice(1);
    } else if (text.trim() === '') {
      current = undefined; // 2.1 ends a base64 value with a blank line
    } else {
      current = { line, text };
      out.push(current);
    }
  }
  return out;
}

function versionOf(lines: readonly ContentLine[]): RawCard['version'] {
  for (const { text } of lines) {
    const match = /^\s*VERSION\s*:\s*(\S+)/i.exec(text);
    if (match) return match[1] === '2.1' ? '2.1' : match[1] === '4.0' ? '4.0' : '3.0';
  }
  // No VERSION line: read the card as 3.0, the most forgiving grammar that ical.js knows.
  return '3.0';
}

/**
 * Splits a vCard file into cards of unfolded lines, with line numbers for messages. Text outside
 * cards, a card without END:VCARD and oversized cards are reported, never fatal.
 */
export function splitCards(input: string): { cards: RawCard[]; errors: VCardError[] } {
  const errors: VCardError[] = [];
  let text = input;
  if (text.length > CAPTURE_LIMITS.maxVCardFileChars) {
    text = text.slice(0, CAPTURE_LIMITS.maxVCardFileChars);
    errors.push({
      line: 1,
      code: 'file-too-large',
      message: `The file is larger than ${CAPTURE_LIMITS.maxVCardFileChars / 1_000_000} million characters; only its beginning was read.`,
    });
  }
  const physical = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const cards: RawCard[] = [];
  let open: { line: number; lines: ContentLine[]; chars: number } | undefined;
  let junkReported = false;
  let nestedAgent = 0;
  let tooMany = false;

  const close = () => {
    if (!open) return;
    const card = open;
    open = undefined;
    if (card.chars > CAPTURE_LIMITS.maxCardChars) {
      errors.push({
        line: card.line,
        code: 'card-too-large',
        message: `The card starting on line ${card.line} is larger than ${CAPTURE_LIMITS.maxCardChars / 1_000_000} million characters and was skipped.`,
      });
      return;
    }
    if (cards.length >= CAPTURE_LIMITS.maxVCards) {
      if (!tooMany) {
        tooMany = true;
        errors.push({
          line: card.line,
          code: 'too-many-cards',
          message: `Only the first ${CAPTURE_LIMITS.maxVCards} cards were read; the card on line ${card.line} and those after it were not.`,
        });
      }
      return;
    }
    const version = versionOf(card.lines);
    cards.push({ line: card.line, version, lines: unfold(card.lines, version) });
  };

  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    const content = physical[i]!;
    if (!open) {
      if (BEGIN.test(content)) {
        open = { line, lines: [], chars: 0 };
        junkReported = false;
      } else if (content.trim() && !junkReported) {
        junkReported = true;
        errors.push({
          line,
          code: 'outside-card',
          message: `Line ${line} is not inside a BEGIN:VCARD … END:VCARD card and was ignored (as were the lines after it up to the next card).`,
        });
      }
      continue;
    }
    if (nestedAgent > 0) {
      // vCard 2.1 can embed a whole card as an AGENT's value; it is not a contact of its own.
      if (END.test(content)) nestedAgent--;
      else if (BEGIN.test(content)) nestedAgent++;
      continue;
    }
    if (END.test(content)) {
      close();
      continue;
    }
    if (BEGIN.test(content)) {
      if (/^AGENT[;:]/i.test(open.lines.at(-1)?.text ?? '')) {
        nestedAgent = 1;
        continue;
      }
      errors.push({
        line: open.line,
        code: 'missing-end',
        message: `The card starting on line ${open.line} has no END:VCARD before the next card on line ${line}; it was read up to there.`,
      });
      close();
      open = { line, lines: [], chars: 0 };
      continue;
    }
    open.chars += content.length;
    if (open.chars <= CAPTURE_LIMITS.maxCardChars) open.lines.push({ line, text: content });
  }
  if (open) {
    errors.push({
      line: open.line,
      code: 'missing-end',
      message: `The card starting on line ${open.line} has no END:VCARD; it was read up to the end of the file.`,
    });
    close();
  }
  return { cards, errors };
}
