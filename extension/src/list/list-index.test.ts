import {
  compareEntries,
  compileFilter,
  nameKey,
  phoneKey,
  type SegmentFilter,
  SORT_KEYS,
  type SortDirection,
} from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import type { ContactRow } from '../db/db';
import { testListScores } from '../db/test-scores';
import { BLOB_SEARCH_MIN, ListIndex, type ListSort } from './list-index';
import { patchSortedOrder, slicedSort } from './sliced-sort';

const NOW = Date.UTC(2026, 10, 22);
let seq = 0;
const id = () => `0190f000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;

function contact(displayName: string, extra: Partial<ContactRow> = {}): ContactRow {
  const phones = extra.phones ?? [];
  const emails = extra.emails ?? [];
  return {
    id: id(),
    createdAt: NOW,
    updatedAt: NOW,
    deletedAt: null,
    ownerId: 'user-1',
    teamId: null,
    visibility: 'private',
    schemaVersion: 1,
    displayName,
    companyId: null,
    emails,
    phones,
    socials: [],
    urls: [],
    tags: [],
    preferences: { text: '', tags: [] },
    source: { kind: 'manual' },
    lost: null,
    emailKeys: emails.map((e) => e.address),
    phoneKeys: phones.map(phoneKey),
    nameKey: nameKey(displayName),
    localRev: seq,
    ...extra,
  } as ContactRow;
}

const scores = testListScores;

const NAMES = [
  '王芳',
  '李建国',
  '张伟',
  'Anna Schmidt',
  'anna schmidt',
  'Émile Zola',
  '欧阳娜娜',
  'Bob',
  'bob',
  '陈志强',
  'Zoë',
  'a10',
  'a9',
];

/** A book with ties, nulls and every tier, so sorts exercise their tie-breaks. */
function book() {
  const rows = NAMES.flatMap((name, i) => [
    contact(name, {
      tags: i % 3 === 0 ? ['vip'] : ['retail'],
      address: { country: i % 2 ? 'CN' : 'DE', city: i % 2 ? '杭州' : 'Berlin' },
      phones: [
        {
          number: `+86138001380${String(i).padStart(2, '0')}`,
          raw: `138 0013 80${String(i).padStart(2, '0')}`,
          label: 'mobile',
        },
      ],
      emails: [{ address: `p${i}@example.com`, label: 'work' }],
    }),
    contact(`${name} 2`),
  ]);
  const tiers = ['A', 'B', 'C', 'prospect'] as const;
  const scored = rows
    .filter((_, i) => i % 4 !== 3)
    .map((row, i) => ({
      contactId: row.id,
      list: scores({
        tier: tiers[i % 4]!,
        churnRisk: (i % 5) / 5,
        churnLevel: i % 5 > 3 ? 'high' : 'low',
        lifetimeValueMinor: (i % 7) * 1000,
        revenueInWindowMinor: (i % 3) * 500,
        lastPurchaseAt: i % 2 ? NOW - i * 86_400_000 : null,
        nextFollowUpAt: i % 3 ? NOW + (i - 8) * 86_400_000 : null,
        rfm: { r: (i % 5) + 1, f: ((i + 2) % 5) + 1, m: 3 },
      }),
    }));
  return { rows, scored };
}

function bruteForce(index: ListIndex, filter: SegmentFilter, sort: ListSort): string[] {
  const entries = [...index.allEntries()];
  return entries
    .filter(compileFilter(filter, NOW))
    .sort(compareEntries(sort.key, sort.dir))
    .map((e) => e.id);
}

async function ids(index: ListIndex, filter: SegmentFilter, sort: ListSort): Promise<string[]> {
  const { slots } = await index.query(filter, sort, NOW);
  return [...slots].map((s) => index.entry(s)!.id);
}

const SORTS: ListSort[] = SORT_KEYS.flatMap((key) =>
  (['asc', 'desc'] as SortDirection[]).map((dir) => ({ key, dir })),
);

describe('ListIndex', () => {
  test.each(SORTS)('sorts like compareEntries: $key $dir', async (sort) => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    expect(await ids(index, {}, sort)).toEqual(bruteForce(index, {}, sort));
    expect(await ids(index, { tags: ['vip'] }, sort)).toEqual(bruteForce(index, { tags: ['vip'] }, sort));
  });

  test('the other direction of a cached sort (derived by reversing runs) matches compareEntries', async () => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    for (const sort of SORTS) expect(await ids(index, {}, sort)).toEqual(bruteForce(index, {}, sort));
  });

  test.each<[string, SegmentFilter]>([
    ['Chinese substring', { text: '建国' }],
    ['email', { text: 'p3@example' }],
    ['phone with spaces', { text: '138 0013 8005' }],
    ['phone digits', { text: '1380013800' }],
    ['tag', { text: 'vip' }],
    ['tier and country', { tiers: ['A', 'B'], countries: ['CN'] }],
    ['RFM range', { rfmR: [4, 5] }],
    ['view', { view: 'at-risk-this-week' }],
    ['city', { cities: ['杭州'] }],
    [
      'lifecycle, churn and gender',
      { lifecycle: ['repeat'], churnLevels: ['high', 'low'], genders: ['unspecified'] },
    ],
    [
      'frequency, revenue class, closeness',
      { frequency: ['low'], revenueClass: ['low'], closeness: ['loose'] },
    ],
    ['owner and all RFM ranges', { owners: ['user-1'], rfmR: [2, 5], rfmF: [1, 4], rfmM: [3, 3] }],
    ['tier prospect includes the unscored', { tiers: ['prospect'] }],
    ['follow-ups due', { view: 'follow-ups-due' }],
    ['core customers with text', { view: 'core-customers', text: 'a' }],
    ['age band of the unknown', { ageBands: ['unknown'] }],
    ['tags all match', { tags: ['vip'], countries: ['DE', 'CN'] }],
  ])('filters: %s', async (_, filter) => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    const got = await ids(index, filter, { key: 'name', dir: 'asc' });
    expect(got).toEqual(bruteForce(index, filter, { key: 'name', dir: 'asc' }));
    expect(got.length).toBeGreaterThan(0);
  });

  test('filters: exact customers (the list behind a chart), combined with another criterion', async () => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    const filter: SegmentFilter = {
      contactIds: [...rows.filter((_, i) => i % 3 === 0).map((r) => r.id), 'not-a-customer'],
      tiers: ['A', 'B', 'C'],
    };
    const got = await ids(index, filter, { key: 'name', dir: 'asc' });
    expect(got).toEqual(bruteForce(index, filter, { key: 'name', dir: 'asc' }));
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(rows.length / 3 + 1);
  });

  test('a large book searches through one text blob and finds what a per-entry scan finds', async () => {
    const index = new ListIndex();
    const rows = Array.from({ length: BLOB_SEARCH_MIN * 6 }, (_, i) =>
      contact(i % 2 ? `客户${i}号` : `Customer ${i}`, {
        tags: i % 7 ? [] : ['vip'],
        address: { country: i % 3 ? 'CN' : 'DE' },
        phones: [
          {
            number: `+8613800${String(i).padStart(6, '0')}`,
            raw: `138 00${String(i).padStart(6, '0')}`,
            label: 'mobile',
          },
        ],
        emails: [{ address: `p${i}@example.com`, label: 'work' }],
      }),
    );
    index.apply({ contacts: rows });
    const sort: ListSort = { key: 'name', dir: 'asc' };
    // A result is the caller's to keep: later queries (which reuse the index's buffers) leave it alone.
    const kept = await index.query({ text: 'customer 1' }, sort, NOW);
    const keptCopy = [...kept.slots];
    for (const filter of [
      { text: '客户1' },
      { text: 'p12@' },
      { text: '138 0000 12' },
      { text: '13800001234' },
      { text: 'vip', countries: ['DE'] },
      { text: 'customer 59' },
      { text: 'no such text' },
      // One character: matches in (nearly) every entry, found by galloping from match to match.
      { text: 'c' },
      { text: '1' },
      { text: '号' },
      { text: '9' },
      // Typing on: the blob narrows the previous result (half the book, still over BLOB_SEARCH_MIN).
      { text: '客' },
      { text: '客户' },
      { text: '客户1' },
    ] satisfies SegmentFilter[]) {
      const got = await ids(index, filter, sort);
      expect(got, JSON.stringify(filter)).toEqual(bruteForce(index, filter, sort));
    }
    expect([...kept.slots]).toEqual(keptCopy);
    // Renaming one contact rebuilds the blob.
    index.apply({
      contacts: [{ ...rows[10]!, displayName: 'Zebra Renamed', nameKey: nameKey('Zebra Renamed') }],
    });
    expect(await ids(index, { text: 'zebra' }, sort)).toEqual([rows[10]!.id]);
  });

  test('typing narrows the previous result and gives what a fresh scan gives', async () => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    const sort: ListSort = { key: 'lifetimeValue', dir: 'desc' };
    for (const text of ['a', 'an', 'ann', 'anna', 'anna s', 'ann']) {
      expect(await ids(index, { text }, sort)).toEqual(bruteForce(index, { text }, sort));
    }
  });

  test('follows changes: new, renamed, rescored and deleted contacts, renamed companies', async () => {
    const index = new ListIndex();
    const { rows, scored } = book();
    const companyId = id();
    index.apply({ companies: [{ id: companyId, name: 'Acme Trading', deletedAt: null }] });
    index.apply({ contacts: rows.map((r, i) => (i < 4 ? { ...r, companyId } : r)), scores: scored });
    const sorts: ListSort[] = [
      { key: 'name', dir: 'asc' },
      { key: 'lifetimeValue', dir: 'desc' },
      { key: 'churnRisk', dir: 'desc' },
    ];
    for (const sort of sorts) await index.query({}, sort, NOW); // warm the caches
    expect(await ids(index, { text: 'acme' }, sorts[0]!)).toHaveLength(4);

    // A scan-free change set: rename, delete, add, rescore, rename a company.
    const renamed = { ...rows[5]!, displayName: 'Aaron First', nameKey: nameKey('Aaron First') };
    const deleted = { ...rows[6]!, deletedAt: NOW };
    const added = contact('新客户 钱');
    index.apply({ contacts: [renamed, deleted, added] });
    index.apply({
      scores: [{ contactId: rows[7]!.id, list: scores({ tier: 'A', lifetimeValueMinor: 999_999 }) }],
    });
    index.apply({ companies: [{ id: companyId, name: '阿克米贸易', deletedAt: null }] });

    expect(index.size).toBe(rows.length);
    for (const sort of sorts) expect(await ids(index, {}, sort)).toEqual(bruteForce(index, {}, sort));
    expect(await ids(index, { text: 'acme' }, sorts[0]!)).toHaveLength(0);
    expect(await ids(index, { text: '阿克米' }, sorts[0]!)).toHaveLength(4);
    expect((await ids(index, {}, { key: 'lifetimeValue', dir: 'desc' }))[0]).toBe(rows[7]!.id);
    expect(await ids(index, { text: 'aaron' }, sorts[0]!)).toEqual([renamed.id]);
  });

  test('a refit rescoring everyone leaves the name order as it is (no re-sort), other sorts follow', async () => {
    const index = new ListIndex();
    const { rows, scored } = book();
    index.apply({ contacts: rows, scores: scored });
    const byName = await index.sortedSlots({ key: 'name', dir: 'asc' });
    const rowsVersion = index.rowsVersion;
    // Every contact rescored, three times over (before, each batch patched or re-sorted the names).
    const rescored = rows.map((r, i) => ({
      contactId: r.id,
      list: scores({ tier: 'C', lifetimeValueMinor: (i * 7919) % 1000 }),
    }));
    for (let i = 0; i < 3; i++) index.apply({ scores: rescored });
    expect(index.rowsVersion).toBe(rowsVersion);
    expect(await index.sortedSlots({ key: 'name', dir: 'asc' })).toBe(byName);
    const sort: ListSort = { key: 'lifetimeValue', dir: 'desc' };
    expect(await ids(index, {}, sort)).toEqual(bruteForce(index, {}, sort));
    // A renamed contact moves the rows version on, and the name order with it.
    index.apply({ contacts: [{ ...rows[3]!, displayName: 'Aaron First', nameKey: nameKey('Aaron First') }] });
    expect(index.rowsVersion).toBe(rowsVersion + 1);
    expect(await ids(index, {}, { key: 'name', dir: 'asc' })).toEqual(
      bruteForce(index, {}, { key: 'name', dir: 'asc' }),
    );
  });

  test('counts who is responsible for live customers as contacts arrive, change and go', () => {
    const index = new ListIndex();
    const a = contact('Anna', { ownerId: 'user-1' });
    const b = contact('Bo', { ownerId: 'user-1' });
    index.apply({ contacts: [a, b] });
    expect(index.responsibleIds()).toEqual(['user-1']);
    index.apply({ contacts: [{ ...a, assigneeId: 'user-2' }] });
    expect(index.responsibleIds().sort()).toEqual(['user-1', 'user-2']);
    index.apply({ contacts: [{ ...b, deletedAt: NOW }] });
    expect(index.responsibleIds()).toEqual(['user-2']);
  });

  test('a score that arrives before its contact is kept for it', async () => {
    const index = new ListIndex();
    const row = contact('Late Contact');
    index.apply({ scores: [{ contactId: row.id, list: scores({ tier: 'A' }) }] });
    index.apply({ contacts: [row] });
    expect(index.entryById(row.id)?.scores?.tier).toBe('A');
  });

  test('segment stats count customers and sum revenue per currency', () => {
    const index = new ListIndex();
    const a = contact('A');
    const b = contact('B');
    const c = contact('C');
    index.apply({
      contacts: [a, b, c],
      scores: [
        { contactId: a.id, list: scores({ tier: 'A', revenueInWindowMinor: 1000 }) },
        { contactId: b.id, list: scores({ tier: 'A', revenueInWindowMinor: 500 }) },
        { contactId: c.id, list: scores({ tier: 'A', revenueInWindowMinor: 200, currency: 'USD' }) },
      ],
    });
    expect(index.stats({ tiers: ['A'] }, NOW)).toEqual({
      count: 3,
      revenue: [
        { currency: 'CNY', minor: 1500 },
        { currency: 'USD', minor: 200 },
      ],
    });
  });
});

describe('sliced sort', () => {
  test('sorts in slices, yielding, to the same order as Array.sort', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1013);
    let clock = 0;
    const sorted = await slicedSort(
      Uint32Array.from(values.keys()),
      (a, b) => values[a]! - values[b]! || a - b,
      {
        sliceMs: 1,
        now: () => (clock += 0.01),
      },
    );
    expect([...sorted]).toEqual([...values.keys()].sort((a, b) => values[a]! - values[b]! || a - b));
  });

  test('patches a sorted order: drops, moves and inserts', () => {
    const values = [5, 1, 4, 2, 3, 9, 0];
    const cmp = (a: number, b: number) => values[a]! - values[b]!;
    const order = Uint32Array.from([0, 1, 2, 3, 4, 5].sort(cmp));
    values[2] = 10; // moves to the end
    const live = (i: number) => i !== 3; // 3 deleted
    const patched = patchSortedOrder(order, new Set([2, 3, 6]), live, cmp);
    expect([...patched]).toEqual([6, 1, 4, 0, 5, 2]);
  });
});
