import { describe, expect, test } from 'vitest';
import { localDayOf, localTimeToInstant, parseTimeOfDay, zoneOffsetMs } from './local-time';

const iso = (ms: number) => new Date(ms).toISOString();

describe('localTimeToInstant', () => {
  test.each([
    ['Asia/Shanghai', { year: 2026, month: 2, day: 17 }, 9 * 60, '2026-02-17T01:00:00.000Z'],
    ['Europe/Berlin', { year: 2026, month: 1, day: 1 }, 9 * 60, '2026-01-01T08:00:00.000Z'],
    ['Europe/Berlin', { year: 2026, month: 7, day: 1 }, 9 * 60, '2026-07-01T07:00:00.000Z'],
    ['UTC', { year: 2028, month: 2, day: 29 }, 0, '2028-02-29T00:00:00.000Z'],
    // New York skips 02:00-03:00 on 8 March 2026: 02:30 is read as 03:30 EDT.
    ['America/New_York', { year: 2026, month: 3, day: 8 }, 2 * 60 + 30, '2026-03-08T07:30:00.000Z'],
    ['America/New_York', { year: 2026, month: 3, day: 8 }, 9 * 60, '2026-03-08T13:00:00.000Z'],
    // 1 November 2026, 01:30 happens twice in New York: the first (EDT) is taken.
    ['America/New_York', { year: 2026, month: 11, day: 1 }, 60 + 30, '2026-11-01T05:30:00.000Z'],
  ])('%s %j at minute %i', (zone, day, minute, expected) => {
    expect(iso(localTimeToInstant(day, minute, zone))).toBe(expected);
  });
});

describe('localDayOf and zoneOffsetMs', () => {
  test('an instant late on 31 December UTC is already 1 January in Shanghai', () => {
    const at = Date.UTC(2026, 11, 31, 20);
    expect(localDayOf(at, 'UTC')).toEqual({ year: 2026, month: 12, day: 31 });
    expect(localDayOf(at, 'Asia/Shanghai')).toEqual({ year: 2027, month: 1, day: 1 });
    expect(zoneOffsetMs(at, 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });
});

describe('parseTimeOfDay', () => {
  test.each([
    ['09:00', 540],
    ['00:00', 0],
    ['23:59', 1439],
    ['24:00', null],
    ['9:00', null],
    ['09:60', null],
  ])('%s', (text, expected) => expect(parseTimeOfDay(text)).toBe(expected));
});
