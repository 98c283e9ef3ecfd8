import Papa from 'papaparse';

/** Delimiters a spreadsheet export uses: comma, semicolon (European Excel), tab, vertical bar. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes a file's bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
 * or, when the bytes are not valid UTF-8, GB18030 (a superset of GBK and GB2312): Excel on a Chinese
 * Windows saves "CSV" in the ANSI code page, which is GBK. Invalid UTF-8 is rare in a real UTF-8 file,
 * so a fatal UTF-8 decode that fails is a reliable sign of a legacy encoding.
 * @example decodeCsvBytes(new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb])) // { text: '姓名', encoding: 'gb18030' }
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * The delimiter of CSV text: among `CSV_DELIMITERS`, the one that splits the first lines (up to 20,
 * outside quotes) into the same number of at least two fields on most lines, the most fields winning.
 * Papa Parse's own guess needs every previewed row to agree, which a trailing blank line or a ragged
 * export breaks. A single column gives a comma.
 * @example detectDelimiter('name;email\nAnna;a@x.com') // ';'
 */
export function detectDelimiter(text: string): string {
  const lines: string[] = [];
  let line = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (line.trim()) lines.push(line);
      line = '';
    } else if (!quoted || ch === '"') line += ch;
  }
  if (line.trim() && lines.length < 20) lines.push(line);
  let best = { delimiter: ',', agreeing: 0, fields: 1 };
  for (const delimiter of CSV_DELIMITERS) {
    const counts = lines.map((l) => l.split(delimiter).length);
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const agreeing = counts.filter((c) => c === header).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && header > best.fields))
      best = { delimiter, agreeing, fields: header };
  }
  return best.delimiter;
}

/** A CSV file read into a header and data rows of text cells. */
export interface CsvTable {
  headers: string[];
  /** Data rows (the header excluded); blank rows are skipped. `rowNumbers[i]` is row i's number. */
  rows: string[][];
  /** The spreadsheet row number of each data row (the header is row 1), for error messages. */
  rowNumbers: number[];
  delimiter: string;
  /** Structural problems (an unclosed quote): the row number and the parser's message. */
  problems: { row: number; message: string }[];
}

/**
 * Parses CSV text with Papa Parse: quoted fields with commas, quotes and line breaks, and the
 * delimiter detected by `detectDelimiter` unless one is given. The first
 * non-blank row is the header. Cells are trimmed.
 * @example parseCsvTable('姓名;手机\n王小明;13800138000').headers // ['姓名', '手机']
 */
export function parseCsvTable(text: string, delimiter?: string): CsvTable {
  const source = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(source, {
    delimiter: delimiter ?? detectDelimiter(source),
    skipEmptyLines: false,
  });
  const problems: CsvTable['problems'] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  let headers: string[] | null = null;
  result.data.forEach((cells, index) => {
    const trimmed = cells.map((c) => (c ?? '').trim());
    if (trimmed.every((c) => c === '')) return;
    if (!headers) headers = trimmed;
    else {
      rows.push(trimmed);
      rowNumbers.push(index + 1);
    }
  });
  for (const error of result.errors) {
    // "UndetectableDelimiter" only means a single column: not a problem of the file.
    if (error.code === 'UndetectableDelimiter') continue;
    problems.push({ row: (error.row ?? 0) + 1, message: error.message });
  }
  return { headers: headers ?? [], rows, rowNumbers, delimiter: result.meta.delimiter, problems };
}

/**
 * A cell made safe for a spreadsheet: text starting with = + - @ (or a tab or carriage return,
 * which some programs skip before such a character) gets a leading apostrophe, so Excel and
 * LibreOffice show it as text instead of running it as a formula (OWASP "CSV injection").
 * Numbers are written as they are: a negative amount stays a number.
 * @example guardCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function guardCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Writes a header and rows as CSV with Papa Parse's `unparse`: every cell guarded against formula
 * injection, quoted where needed, CRLF line ends, and a UTF-8 byte-order mark first so Excel reads
 * Chinese text as UTF-8 rather than the ANSI code page.
 * @example toCsv(['姓名'], [['王小明']]) // '\uFEFF姓名\r\n王小明\r\n'
 */
export function toCsv(
  header: readonly string[],
  rows: Iterable<readonly (string | number | null | undefined)[]>,
): string {
  const data = [header.map(guardCell)];
  for (const row of rows) data.push(row.map(guardCell));
  return `\uFEFF${Papa.unparse(data, { newline: '\r\n', quotes: false })}\r\n`;
}
