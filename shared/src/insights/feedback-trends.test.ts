import { describe, expect, test } from 'vitest';
import { complaintTrend, npsTrend, type TrendFeedback } from './feedback-trends';

const at = (y: number, m: number, d = 10) => Date.UTC(y, m - 1, d);
const NOW = at(2026, 6, 20);
const complaint = (
  contactId: string,
  occurredAt: number,
  category?: string,
  deletedAt: number | null = null,
): TrendFeedback => ({
  contactId,
  kind: 'complaint',
  occurredAt,
  deletedAt,
  ...(category === undefined ? {} : { category }),
});
const nps = (contactId: string, occurredAt: number, score: number): TrendFeedback => ({
  contactId,
  kind: 'survey',
  scale: 'nps',
  score,
  occurredAt,
  deletedAt: null,
});

describe('complaintTrend', () => {
  test('no complaints: nothing to chart', () => {
    expect(complaintTrend([], { unit: 'month', now: NOW })).toEqual({
      categories: [],
      periods: [],
      total: 0,
    });
    expect(complaintTrend([nps('a', at(2026, 1), 9)], { unit: 'month', now: NOW }).total).toBe(0);
  });

  test('counts per category and month, from the first complaint to now; quiet months are zero', () => {
    const t = complaintTrend(
      [
        complaint('a', at(2026, 3), 'Delivery'),
        complaint('b', at(2026, 3), 'delivery '), // same category, other spelling
        complaint('a', at(2026, 3), 'Quality'),
        complaint('c', at(2026, 5), 'Quality'),
        complaint('d', at(2026, 5)),
        complaint('e', at(2026, 5), 'Quality', at(2026, 5, 11)), // deleted
        complaint('f', at(2026, 7), 'Quality'), // after now
        { ...complaint('g', at(2026, 4), 'Price'), kind: 'praise' },
      ],
      { unit: 'month', now: NOW },
    );
    expect(t.categories).toEqual(['Delivery', 'Quality', '']);
    expect(t.periods.map((p) => [p.key, p.counts, p.total])).toEqual([
      ['2026-03', { Delivery: 2, Quality: 1, '': 0 }, 3],
      ['2026-04', { Delivery: 0, Quality: 0, '': 0 }, 0],
      ['2026-05', { Delivery: 0, Quality: 1, '': 1 }, 2],
      ['2026-06', { Delivery: 0, Quality: 0, '': 0 }, 0],
    ]);
    expect(t.total).toBe(5);
    expect(t.periods[0]!.contactIds.Delivery!.sort()).toEqual(['a', 'b']);
    expect(t.periods[2]!.contactIds['']).toEqual(['d']);
  });

  test('quarters, in the workspace time zone', () => {
    // 31 March 20:00 UTC is 1 April 04:00 in UTC+8: the second quarter there.
    const rows = [complaint('a', Date.UTC(2026, 2, 31, 20), 'Delivery')];
    expect(complaintTrend(rows, { unit: 'quarter', now: NOW }).periods.map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(
      complaintTrend(rows, { unit: 'quarter', now: NOW, utcOffsetMinutes: 480 }).periods.map((p) => [
        p.key,
        p.total,
      ]),
    ).toEqual([['2026-Q2', 1]]);
  });

  test('ties between categories order by name; maxPeriods keeps the latest', () => {
    const t = complaintTrend(
      [
        complaint('a', at(2020, 1), 'Zeta'),
        complaint('b', at(2026, 6), 'Alpha'),
        complaint('c', at(2026, 6), 'Zeta'),
      ],
      { unit: 'month', now: NOW, maxPeriods: 2 },
    );
    expect(t.periods.map((p) => p.key)).toEqual(['2026-05', '2026-06']);
    expect(t.categories).toEqual(['Alpha', 'Zeta']);
    expect(t.total).toBe(2);
  });
});

describe('npsTrend', () => {
  test('no answers: nothing to chart (CSAT answers are not NPS)', () => {
    expect(npsTrend([], { unit: 'month', now: NOW })).toEqual({ periods: [], answers: 0 });
    const csat: TrendFeedback = {
      contactId: 'a',
      kind: 'survey',
      scale: 'csat',
      score: 5,
      occurredAt: at(2026, 1),
      deletedAt: null,
    };
    expect(npsTrend([csat], { unit: 'month', now: NOW }).answers).toBe(0);
  });

  test('%promoters − %detractors per period; a period without answers is a gap (null), not 0', () => {
    const t = npsTrend(
      [
        // April: 9, 10 promoters; 7 passive; 6, 0 detractors → (2 − 2) / 5 = 0.
        nps('a', at(2026, 4), 9),
        nps('b', at(2026, 4), 10),
        nps('c', at(2026, 4), 7),
        nps('d', at(2026, 4), 6),
        nps('e', at(2026, 4), 0),
        // June: 3 promoters, 1 detractor → 50.
        nps('a', at(2026, 6), 10),
        nps('b', at(2026, 6), 9),
        nps('c', at(2026, 6), 9),
        nps('d', at(2026, 6), 3),
      ],
      { unit: 'month', now: NOW },
    );
    expect(t.periods.map((p) => [p.key, p.nps, p.answers])).toEqual([
      ['2026-04', 0, 5],
      ['2026-05', null, 0],
      ['2026-06', 50, 4],
    ]);
    expect(t.periods[0]).toMatchObject({ promoters: 2, passives: 1, detractors: 2 });
    expect(t.periods[0]!.detractorIds.sort()).toEqual(['d', 'e']);
    expect(t.periods[2]!.respondentIds.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(t.answers).toBe(9);
  });

  test('all detractors is −100, all promoters 100; thresholds 6/7 and 8/9', () => {
    const detractors = npsTrend([nps('a', at(2026, 6), 6), nps('b', at(2026, 6), 0)], {
      unit: 'month',
      now: NOW,
    });
    expect(detractors.periods[0]!.nps).toBe(-100);
    const promoters = npsTrend([nps('a', at(2026, 6), 9)], { unit: 'month', now: NOW });
    expect(promoters.periods[0]!.nps).toBe(100);
    const passives = npsTrend([nps('a', at(2026, 6), 7), nps('b', at(2026, 6), 8)], {
      unit: 'month',
      now: NOW,
    });
    expect(passives.periods[0]).toMatchObject({ nps: 0, passives: 2, detractors: 0, promoters: 0 });
  });

  test('a customer answering twice in a period counts once, with the latest answer', () => {
    const t = npsTrend(
      [nps('a', at(2026, 6, 1), 2), nps('a', at(2026, 6, 15), 10), nps('b', at(2026, 6, 3), 10)],
      {
        unit: 'month',
        now: NOW,
      },
    );
    expect(t.periods[0]).toMatchObject({ answers: 2, promoters: 2, nps: 100, detractorIds: [] });
  });

  test('rounding to a whole point, and quarters', () => {
    // 1 promoter, 2 passives: 33.33 → 33.
    const t = npsTrend([nps('a', at(2026, 4), 9), nps('b', at(2026, 5), 8), nps('c', at(2026, 6), 7)], {
      unit: 'quarter',
      now: NOW,
    });
    expect(t.periods.map((p) => [p.key, p.nps, p.answers])).toEqual([['2026-Q2', 33, 3]]);
  });
});
