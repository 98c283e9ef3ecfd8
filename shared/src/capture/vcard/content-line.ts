import { decodeQuotedPrintable } from './quoted-printable';
import { nameAndParamsEnd } from './vcard-lines';

/** A content line taken apart: `[group.]NAME;PARAM=VALUE;...:value`. */
export interface ParsedLine {
  group?: string;
  name: string;
  params: { name: string; value: string }[];
  value: string;
}

const NAME = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/;
// vCard 2.1 writes parameters without a name ("TEL;CELL;PREF:"): these are encodings, the rest are types.
const BARE_ENCODINGS = /^(?:QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i;

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === sep && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Takes a content line apart, or `undefined` when it is not one (no colon, a bad name). */
export function parseContentLine(text: string): ParsedLine | undefined {
  const end = nameAndParamsEnd(text);
  if (end <= 0) return undefined;
  const [head = '', ...rawParams] = splitOutsideQuotes(text.slice(0, end), ';');
  const match = NAME.exec(head.trim());
  if (!match) return undefined;
  const params: ParsedLine['params'] = [];
  for (const raw of rawParams) {
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) {
      params.push({ name: BARE_ENCODINGS.test(trimmed) ? 'ENCODING' : 'TYPE', value: trimmed });
    } else {
      const value = trimmed
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      params.push({ name: trimmed.slice(0, eq).trim().toUpperCase(), value });
    }
  }
  return {
    ...(match[1] && { group: match[1] }),
    name: match[2]!.toUpperCase(),
    params,
    value: text.slice(end + 1),
  };
}

// Escapes a vCard 2.1 text value for the 3.0 grammar ical.js reads: 2.1 only escapes ";" (in
// structured values), so its commas and backslashes are literal; newlines (from quoted-printable)
// become "\n".
function escape21(value: string): string {
  return value
    .replace(/\\(?!;)/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

// Properties whose values are text; uri, phone and binary values must not get text escapes.
const TEXT_PROPERTIES = new Set([
  'FN',
  'N',
  'ORG',
  'TITLE',
  'ROLE',
  'NOTE',
  'ADR',
  'LABEL',
  'NICKNAME',
  'CATEGORIES',
]);

const quoteParam = (value: string) => (/[;:,"]/.test(value) ? `"${value.replace(/"/g, "'")}"` : value);

/**
 * Rewrites a line into the vCard 3.0/4.0 grammar that ical.js parses: bare 2.1 parameters get
 * their names (TYPE=CELL,PREF; ENCODING=b), quoted-printable values are decoded in their CHARSET,
 * and a 2.1 card's text is escaped the 3.0 way. Lines already in 3.0/4.0 form pass unchanged
 * except for those fixes. `binary` tells the caller the value is base64 (white space removed).
 */
export function normalizeLine(parsed: ParsedLine, version: '2.1' | '3.0' | '4.0'): string {
  const types: string[] = [];
  const kept: ParsedLine['params'] = [];
  let encoding: string | undefined;
  let charset: string | undefined;
  for (const p of parsed.params) {
    if (p.name === 'TYPE') types.push(...p.value.split(',').filter(Boolean));
    else if (p.name === 'ENCODING') encoding = p.value.toUpperCase();
    else if (p.name === 'CHARSET') charset = p.value;
    else kept.push(p);
  }
  let value = parsed.value;
  const text = TEXT_PROPERTIES.has(parsed.name);
  if (encoding === 'QUOTED-PRINTABLE') {
    // Decoded text is literal whatever the card's version: escape it for the 3.0 grammar.
    value = decodeQuotedPrintable(value, charset);
    value = text ? escape21(value) : value.replace(/\r\n|\r|\n/g, ' ').trim();
    encoding = undefined;
  } else if (version === '2.1' && text) {
    value = escape21(value);
  }
  if (encoding === 'BASE64' || encoding === 'B') {
    encoding = 'b';
    value = value.replace(/\s+/g, '');
  } else if (encoding === '8BIT' || encoding === '7BIT') {
    encoding = undefined;
  }
  if (parsed.name === 'VERSION' && version === '2.1') value = '3.0';
  const params = [
    ...(types.length ? [`TYPE=${types.map(quoteParam).join(',')}`] : []),
    ...(encoding ? [`ENCODING=${encoding}`] : []),
    ...kept.map((p) => `${p.name}=${quoteParam(p.value)}`),
  ];
  return `${parsed.group ? `${parsed.group}.` : ''}${parsed.name}${params.map((p) => `;${p}`).join('')}:${value}`;
}
