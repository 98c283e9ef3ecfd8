import { guessMapping } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { checkRows, readCsvFile } from './file-import';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('checkRows', () => {
  test('a row the parser could not read whole is listed as bad and not imported', () => {
    // Row 3 has a stray quote that swallows the line after it: its cells must not be imported.
    const file = readCsvFile(
      bytes('name,email\n王小明,wang@example.cn\n"李雷,li@example.cn\nAnna,anna@example.com\n'),
      'crm.csv',
    );
    expect(file.table.problems.length).toBeGreaterThan(0);
    const mapping = guessMapping(file.table.headers, 'contacts');
    const checked = checkRows(file, 'contacts', mapping, {
      defaultRegion: 'CN',
      defaultCurrency: 'CNY',
      utcOffsetMinutes: 480,
      dayFirst: false,
      now: Date.UTC(2026, 10, 22),
    });
    const bad = new Set(file.table.problems.map((p) => p.row));
    expect(checked.items.map((i) => i.row).filter((row) => bad.has(row))).toEqual([]);
    expect(checked.errors.filter((e) => e.code === 'malformed-row').map((e) => e.row)).toEqual([...bad]);
    expect(checked.items.map((i) => i.row)).toContain(2);
  });
});
