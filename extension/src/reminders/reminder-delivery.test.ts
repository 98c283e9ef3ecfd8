import { describe, expect, test } from 'vitest';
import { parseListLink } from '../ui/list/list-link';
import { reminderPagePath } from './reminder-delivery';

describe('the page a reminder notification opens', () => {
  test("one customer's reminder opens their card", () => {
    expect(reminderPagePath({ contactIds: ['c1'] })).toBe('/sidepanel.html#/c/c1');
  });

  test('a holiday reminder about several customers opens the list of exactly those, captioned', () => {
    const path = reminderPagePath({ contactIds: ['c1', 'c2', 'c3'] }, '中秋节');
    expect(path.startsWith('/sidepanel.html#/list?')).toBe(true);
    const link = parseListLink(path.slice('/sidepanel.html'.length));
    expect(link).toEqual({ ok: true, filter: { contactIds: ['c1', 'c2', 'c3'] }, label: '中秋节' });
  });
});
