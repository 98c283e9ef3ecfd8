import { describe, expect, test } from 'vitest';
import { latestAnswers, npsGroup, openComplaints } from './customer-feedback';

const NOW = 1_000_000;
type Row = Parameters<typeof latestAnswers>[0][number];
const answer = (scale: 'csat' | 'nps', score: number, at: number, deletedAt: number | null = null): Row => ({
  kind: 'survey',
  status: 'open',
  scale,
  score,
  occurredAt: at,
  deletedAt,
});

describe('latestAnswers', () => {
  test('the latest of each scale; deleted and future answers ignored', () => {
    expect(
      latestAnswers(
        [
          answer('nps', 3, 100),
          answer('nps', 9, 300),
          answer('nps', 0, 400, 500),
          answer('nps', 10, NOW + 1),
          answer('csat', 2, 200),
          { kind: 'complaint', status: 'open', occurredAt: 900 },
        ],
        NOW,
      ),
    ).toEqual({ csat: { score: 2, at: 200 }, nps: { score: 9, at: 300 } });
  });

  test('never asked: both null', () => {
    expect(latestAnswers([], NOW)).toEqual({ csat: null, nps: null });
  });
});

describe('npsGroup', () => {
  test.each([
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ] as const)('%d is a %s', (score, group) => {
    expect(npsGroup(score)).toBe(group);
  });
});

describe('openComplaints', () => {
  test('live open complaints, oldest first', () => {
    const rows = [
      { kind: 'complaint' as const, status: 'open' as const, occurredAt: 30 },
      { kind: 'complaint' as const, status: 'resolved' as const, occurredAt: 10 },
      { kind: 'complaint' as const, status: 'open' as const, occurredAt: 20 },
      { kind: 'complaint' as const, status: 'open' as const, occurredAt: 5, deletedAt: 6 },
      { kind: 'praise' as const, status: 'open' as const, occurredAt: 1 },
    ];
    expect(openComplaints(rows).map((r) => r.occurredAt)).toEqual([20, 30]);
  });
});
