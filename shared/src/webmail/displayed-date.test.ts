import { describe, expect, test } from 'vitest';
import { parseDisplayedDate } from './displayed-date';

const at = (year: number, month: number, day: number, hour = 0, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('parseDisplayedDate', () => {
  test.each([
    // Gmail, English UI: the title of the date in a message header, and the 2014 form of the saved page.
    ['Mon, Mar 3, 2025, 10:14 AM', 'en', at(2025, 3, 3, 10, 14)],
    ['Thu, Dec 18, 2014 at 12:35 PM', 'en', at(2014, 12, 18, 12, 35)],
    ['Thu, Dec 18, 2014 at 12:35 AM', 'en', at(2014, 12, 18, 0, 35)],
    ['Mon, 3 Mar 2025, 10:14', 'en-GB', at(2025, 3, 3, 10, 14)],
    ['September 30, 2024, 11:59 PM', 'en', at(2024, 9, 30, 23, 59)],
    // Gmail, Chinese UI.
    ['2025年3月3日 周一 上午10:14', 'zh-CN', at(2025, 3, 3, 10, 14)],
    ['2025年3月3日 周一 下午3:14', 'zh-CN', at(2025, 3, 3, 15, 14)],
    ['2025年3月3日星期一 中午12:05', 'zh-CN', at(2025, 3, 3, 12, 5)],
    ['2025年3月3日 凌晨12:30', 'zh-CN', at(2025, 3, 3, 0, 30)],
    // Outlook on the web.
    ['Mon 3/3/2025 10:14 AM', 'en-US', at(2025, 3, 3, 10, 14)],
    ['Tue 04/03/2025 10:14', 'en-GB', at(2025, 3, 4, 10, 14)],
    ['Tue 04/03/2025 10:14 AM', 'en-US', at(2025, 4, 3, 10, 14)],
    ['Fri 13/06/2025 09:00', 'en-US', at(2025, 6, 13, 9, 0)],
    ['2025/3/3 周一 15:14', 'zh-CN', at(2025, 3, 3, 15, 14)],
    ['Mo 03.03.2025 10:14', 'de-DE', at(2025, 3, 3, 10, 14)],
    ['2025-03-03', undefined, at(2025, 3, 3)],
  ])('%s (%s)', (text, locale, expected) => {
    expect(parseDisplayedDate(text, locale)).toEqual(expected);
  });

  test('ISO 8601 with a zone gives the instant itself', () => {
    expect(parseDisplayedDate('2025-03-03T10:14:00Z')?.epoch).toBe(Date.UTC(2025, 2, 3, 10, 14));
    expect(parseDisplayedDate('2025-03-03T18:14:00+08:00')?.epoch).toBe(Date.UTC(2025, 2, 3, 10, 14));
  });

  test.each([
    ['Mar 3', 'no year: never a guess'],
    ['10:14 AM', 'a time alone'],
    ['2 days ago', 'relative'],
    ['Feb 30, 2025', 'no such day'],
    ['2025年13月1日', 'no such month'],
    ['Mon 3/3/2025 25:14', 'no such hour'],
    ['', 'empty'],
  ])('%s → null (%s)', (text) => {
    expect(parseDisplayedDate(text, 'en')).toBeNull();
  });
});
