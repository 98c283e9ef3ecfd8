import { describe, expect, test } from 'vitest';
import { ids, NOW, sampleRows } from '../schemas/sample-rows';
import { parseRecord } from '../schemas/validation';
import { encodeHlc } from './hlc';
import { maxStampOfPage, planPullPage, rebaseRow, rowKey, rowsMissingAfterRefetch } from './pulled-rows';
import type { Mutation, SyncChange } from './wire';

const A = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
const B = '0192f3a4-5b6c-7d8e-9f00-00000000000b';
const h = (offset: number, node = A) => encodeHlc({ ms: NOW + offset, counter: 0, node });
const record = parseRecord('contacts', sampleRows.contacts) as Record<string, unknown>;
const id = ids.record;
const key = rowKey('contacts', id);

const upsert = (version: number, changes: Record<string, unknown> = {}, stamp = h(10, B)): SyncChange => {
  const r = { ...record, ...changes };
  return {
    kind: 'upsert',
    table: 'contacts',
    id,
    version,
    record: r as never,
    clocks: Object.fromEntries(Object.keys(r).map((k) => [k, stamp])),
  };
};
const pending = (seq: number, fields: Record<string, unknown>, offset: number): Mutation => ({
  mutationId: `018fd1a0-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  deviceId: A,
  seq,
  table: 'contacts',
  rowId: id,
  fields: Object.fromEntries(Object.entries(fields).map(([f, value]) => [f, { value, hlc: h(offset) }])),
});

describe('rebaseRow', () => {
  test.each<[string, SyncChange | null, Mutation[], Record<string, unknown> | null]>([
    ['the server row alone', upsert(3, { title: 'CEO' }), [], { title: 'CEO' }],
    [
      'a newer pending edit shows on top',
      upsert(3, { title: 'CEO' }),
      [pending(1, { title: 'CTO' }, 20)],
      { title: 'CTO' },
    ],
    [
      'an older pending edit loses, as it will on the server',
      upsert(3, { title: 'CEO' }),
      [pending(1, { title: 'CTO' }, 5)],
      { title: 'CEO' },
    ],
    [
      'pending edits apply in seq order',
      upsert(3),
      [pending(1, { title: 'A' }, 20), pending(2, { title: 'B' }, 21)],
      { title: 'B' },
    ],
    [
      'a pending edit that breaks the record is left out',
      upsert(3),
      [pending(1, { displayName: '' }, 20)],
      { displayName: record.displayName },
    ],
    [
      'a deleted row is removed, pending edits or not',
      { kind: 'delete', table: 'contacts', id, version: 4 },
      [pending(1, { title: 'CTO' }, 20)],
      null,
    ],
    ['a revoked row is removed', { kind: 'revoke', table: 'contacts', id, version: 4 }, [], null],
    [
      'a local create not yet on the server',
      null,
      [pending(1, record, 0)],
      { displayName: record.displayName },
    ],
    [
      'no server row and only a partial edit: nothing to show',
      null,
      [pending(1, { title: 'CTO' }, 20)],
      null,
    ],
  ])('%s', (_, server, edits, expected) => {
    const outcome = rebaseRow('contacts', server, edits);
    if (expected === null) return expect(outcome).toEqual({ kind: 'remove' });
    expect(outcome.kind).toBe('put');
    if (outcome.kind !== 'put') return;
    expect(outcome.row.record).toMatchObject(expected);
    expect(outcome.row.version).toBe(server?.version ?? null);
  });
});

describe('planPullPage', () => {
  test.each<[string, number | null | undefined, SyncChange, string | null]>([
    ['a new row is put', undefined, upsert(5), 'put'],
    ['a newer version replaces', 3, upsert(5), 'put'],
    ['the same version is applied again (harmless)', 5, upsert(5), 'put'],
    ['an older version than we have is skipped', 6, upsert(5), null],
    [
      'a delete of a row we have removes it',
      3,
      { kind: 'delete', table: 'contacts', id, version: 5 },
      'remove',
    ],
    [
      'a delete of a row we never had is nothing to do',
      undefined,
      { kind: 'delete', table: 'contacts', id, version: 5 },
      null,
    ],
    [
      'a local-only row deleted on the server is removed',
      null,
      { kind: 'revoke', table: 'contacts', id, version: 5 },
      'remove',
    ],
  ])('%s', (_, have, change, kind) => {
    const versions = new Map(have === undefined ? [] : [[key, have]]);
    const ops = planPullPage([change], { versions, pending: new Map() });
    expect(ops.map((op) => op.outcome.kind)).toEqual(kind ? [kind] : []);
  });
});

test('maxStampOfPage takes the greatest field stamp of upserts', () => {
  expect(maxStampOfPage([])).toBeNull();
  expect(
    maxStampOfPage([
      upsert(1, {}, h(5)),
      { kind: 'delete', table: 'contacts', id, version: 2 },
      upsert(3, {}, h(9, B)),
    ]),
  ).toBe(h(9, B));
});

test('rowsMissingAfterRefetch drops only server rows not received and not pending', () => {
  const versions = new Map<string, number | null>([
    ['contacts/received', 3],
    ['contacts/gone', 2],
    ['contacts/gone-but-pending', 2],
    ['contacts/local-only', null],
  ]);
  expect(
    rowsMissingAfterRefetch(versions, new Set(['contacts/received']), new Set(['contacts/gone-but-pending'])),
  ).toEqual(['contacts/gone']);
});
