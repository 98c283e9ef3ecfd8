import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { decodeCsvBytes, guardCell, parseCsvTable, toCsv } from './csv-table';

// "姓名,手机,公司\r\n王小明,138 0013 8000,杭州茶叶贸易有限公司\r\n" as Excel on Chinese Windows saves it (GBK).
const GBK_FILE = new Uint8Array([
  208, 213, 195, 251, 44, 202, 214, 187, 250, 44, 185, 171, 203, 190, 13, 10, 205, 245, 208, 161, 195, 247,
  44, 49, 51, 56, 32, 48, 48, 49, 51, 32, 56, 48, 48, 48, 44, 186, 188, 214, 221, 178, 232, 210, 182, 195,
  179, 210, 215, 211, 208, 207, 222, 185, 171, 203, 190, 13, 10,
]);

describe('decodeCsvBytes', () => {
  test('GBK bytes from Chinese Excel are not UTF-8 and decode as GB18030', () => {
    const { text, encoding } = decodeCsvBytes(GBK_FILE);
    expect(encoding).toBe('gb18030');
    expect(text).toBe('姓名,手机,公司\r\n王小明,138 0013 8000,杭州茶叶贸易有限公司\r\n');
  });

  test('UTF-8 with and without a byte-order mark; UTF-16 with one', () => {
    const utf8 = new TextEncoder().encode('姓名\n王小明');
    expect(decodeCsvBytes(utf8)).toEqual({ text: '姓名\n王小明', encoding: 'utf-8' });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeCsvBytes(bom)).toEqual({ text: '姓名\n王小明', encoding: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, 0xd3, 0x59, 0x0d, 0x54]); // 姓名 in UTF-16LE
    expect(decodeCsvBytes(utf16)).toEqual({ text: '姓名', encoding: 'utf-16le' });
  });
});

describe('parseCsvTable', () => {
  test.each([
    [',', 'name,email\nAnna,a@x.com\n'],
    [';', 'name;email\nAnna;a@x.com\n'],
    ['\t', 'name\temail\nAnna\ta@x.com\n'],
    ['|', 'name|email\nAnna|a@x.com\n'],
  ])('detects the delimiter %j', (delimiter, text) => {
    const table = parseCsvTable(text);
    expect(table.delimiter).toBe(delimiter);
    expect(table.headers).toEqual(['name', 'email']);
    expect(table.rows).toEqual([['Anna', 'a@x.com']]);
  });

  test('quoted cells keep commas, quotes and line breaks; blank rows are skipped; row numbers count records', () => {
    const table = parseCsvTable(
      '\uFEFFname,note\r\n"Wang, Xiaoming","He said ""hi""\nand left"\r\n\r\n  Anna  ,x\r\n',
    );
    expect(table.headers).toEqual(['name', 'note']);
    expect(table.rows).toEqual([
      ['Wang, Xiaoming', 'He said "hi"\nand left'],
      ['Anna', 'x'],
    ]);
    expect(table.rowNumbers).toEqual([2, 4]);
    expect(table.problems).toEqual([]);
  });

  test('an unclosed quote is reported with its row', () => {
    const table = parseCsvTable('name,email\nAnna,"a@x.com\n');
    expect(table.problems.length).toBeGreaterThan(0);
    expect(table.problems[0]!.row).toBe(2);
  });
});

describe('toCsv', () => {
  test.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ['+8613800138000', `'+8613800138000`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['Acme, Inc.', '"Acme, Inc."'],
    ['王小明', '王小明'],
    ['line\nbreak', '"line\nbreak"'],
  ])('guards and quotes %j', (value, cell) => {
    const csv = toCsv(['h'], [[value]]);
    expect(csv).toBe(`\uFEFFh\r\n${cell}\r\n`);
  });

  test('numbers stay numbers (a refund is not a formula); empty values are empty cells', () => {
    expect(guardCell(-12.5)).toBe('-12.5');
    expect(toCsv(['a', 'b', 'c'], [[-1, null, undefined]])).toBe('\uFEFFa,b,c\r\n-1,,\r\n');
  });

  test('what it writes reads back the same (apart from the formula guard)', () => {
    const rows = [
      ['王小明', 'Acme, "Tea" Co.', 'multi\nline'],
      ['Anna', '', 'x'],
    ];
    const csv = toCsv(['姓名', '公司', '备注'], rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([['姓名', '公司', '备注'], ...rows]);
  });
});
