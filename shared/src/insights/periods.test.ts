import { describe, expect, test } from 'vitest';
import { periodOf, periodRange } from './periods';

describe('periodOf', () => {
  test.each([
    [Date.UTC(2026, 0, 1), 'month', 0, '2026-01'],
    [Date.UTC(2026, 11, 31, 23, 59), 'month', 0, '2026-12'],
    [Date.UTC(2026, 2, 31, 16), 'month', 480, '2026-04'], // 00:00 on 1 April in UTC+8
    [Date.UTC(2026, 2, 31, 15, 59), 'month', 480, '2026-03'],
    [Date.UTC(2026, 0, 1, 3), 'month', -300, '2025-12'], // 22:00 on 31 December in UTC−5
    [Date.UTC(2026, 2, 31), 'quarter', 0, '2026-Q1'],
    [Date.UTC(2026, 3, 1), 'quarter', 0, '2026-Q2'],
    [Date.UTC(2026, 11, 31, 17), 'quarter', 480, '2027-Q1'],
  ] as const)('%i as %s with offset %i is %s', (ms, unit, offset, key) => {
    expect(periodOf(ms, unit, offset).key).toBe(key);
  });

  test('bounds are local midnights as UTC instants', () => {
    const p = periodOf(Date.UTC(2026, 1, 10), 'month', 480);
    expect(p).toMatchObject({ year: 2026, index: 2 });
    expect(p.start).toBe(Date.UTC(2026, 1, 1) - 8 * 3_600_000);
    expect(p.end).toBe(Date.UTC(2026, 2, 1) - 8 * 3_600_000);
    const q = periodOf(Date.UTC(2026, 10, 5), 'quarter');
    expect([q.start, q.end]).toEqual([Date.UTC(2026, 9, 1), Date.UTC(2027, 0, 1)]);
  });
});

describe('periodRange', () => {
  test('every period from the first to the last, across a year end', () => {
    expect(periodRange(Date.UTC(2025, 10, 20), Date.UTC(2026, 1, 2), 'month').map((p) => p.key)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(periodRange(Date.UTC(2025, 5, 1), Date.UTC(2026, 0, 1), 'quarter').map((p) => p.key)).toEqual([
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
  });

  test('keeps the latest `max` periods; one period when from and to share it', () => {
    expect(periodRange(Date.UTC(2000, 0, 1), Date.UTC(2026, 5, 1), 'month', 0, 3).map((p) => p.key)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(periodRange(Date.UTC(2026, 5, 3), Date.UTC(2026, 5, 9), 'month')).toHaveLength(1);
  });
});
