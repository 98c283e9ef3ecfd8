import type { SegmentFilter } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { isListLinkHash, listLinkHash, parseListLink } from './list-link';

describe('list links', () => {
  test.each<[string, SegmentFilter, string | undefined]>([
    ['a tier', { tiers: ['A'] }, 'Tier A'],
    ['a lifecycle stage', { lifecycle: ['at-risk'] }, undefined],
    ['a view', { view: 'at-risk-this-week' }, '流失风险'],
    ['exact customers', { contactIds: ['0190f000-0000-7000-8000-000000000001', 'b'] }, 'Detractors, 2026-03'],
    ['text with & = # and Chinese', { text: 'a&b=c#d 王' }, 'x&y'],
  ])('round trip: %s', (_, filter, label) => {
    const hash = listLinkHash(filter, label);
    expect(isListLinkHash(hash)).toBe(true);
    expect(parseListLink(hash)).toEqual({ ok: true, filter, ...(label ? { label } : {}) });
  });

  test('a filter that is not JSON, or missing, names the filter', () => {
    expect(parseListLink('#/list?filter=%7Btiers')).toEqual({
      ok: false,
      problem: { field: 'filter', reason: 'not-json' },
    });
    expect(parseListLink('#/list?label=x')).toEqual({
      ok: false,
      problem: { field: 'filter', reason: 'missing' },
    });
  });

  test('a filter the schema rejects names the field and the reason', () => {
    const bad = parseListLink(listLinkHash({ tiers: ['Z'] } as unknown as SegmentFilter));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.field).toBe('tiers.0');
    const range = parseListLink(listLinkHash({ rfmR: [5, 1] }));
    expect(range).toMatchObject({
      ok: false,
      problem: { field: 'rfmR', reason: expect.stringMatching(/lowest/) },
    });
  });

  test('an unknown criterion is refused, not silently dropped (the list would show more than the chart)', () => {
    const link = parseListLink(listLinkHash({ complaintCategory: 'x' } as unknown as SegmentFilter));
    expect(link).toMatchObject({ ok: false });
  });

  test('a JSON value that is not an object is refused', () => {
    expect(parseListLink('#/list?filter=42')).toMatchObject({ ok: false });
    expect(parseListLink('#/list?filter=null')).toMatchObject({ ok: false });
  });

  test('other hashes are no list links; labels are capped', () => {
    expect(isListLinkHash('#/')).toBe(false);
    expect(isListLinkHash('#/c/abc')).toBe(false);
    const long = parseListLink(listLinkHash({}, 'x'.repeat(500)));
    expect(long.ok && long.label?.length).toBe(200);
  });
});
