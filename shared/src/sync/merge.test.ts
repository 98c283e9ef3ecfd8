import { describe, expect, test } from 'vitest';
import { encodeHlc } from './hlc';
import { type FieldChange, mergeFields, type RowState } from './merge';

const A = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
const B = '0192f3a4-5b6c-7d8e-9f00-00000000000b';
const T = 1_767_225_600_000;
const h = (offset: number, node = A) => encodeHlc({ ms: T + offset, counter: 0, node });

const stored: RowState = {
  record: {
    id: 'r1',
    ownerId: 'u1',
    createdAt: T,
    displayName: 'Wang',
    title: 'CEO',
    tags: ['vip'],
    deletedAt: null,
    updatedAt: T,
  },
  clocks: {
    id: h(0),
    ownerId: h(0),
    createdAt: h(0),
    displayName: h(10),
    title: h(10),
    tags: h(10),
    deletedAt: h(0),
    updatedAt: h(10),
  },
};
const tombstone: RowState = {
  record: { ...stored.record, deletedAt: T + 20 },
  clocks: { ...stored.clocks, deletedAt: h(20, B) },
};

describe('per-field last writer wins', () => {
  test.each<
    [string, RowState | null, Record<string, FieldChange>, Record<string, unknown>, string[], unknown[]]
  >([
    [
      'a new row takes every field',
      null,
      { id: { value: 'r1', hlc: h(1) }, displayName: { value: 'Li', hlc: h(1) } },
      { id: 'r1', displayName: 'Li' },
      ['id', 'displayName'],
      [],
    ],
    [
      'a greater stamp wins',
      stored,
      { displayName: { value: 'Li', hlc: h(11) } },
      { displayName: 'Li' },
      ['displayName'],
      [],
    ],
    [
      'a smaller stamp loses',
      stored,
      { displayName: { value: 'Li', hlc: h(9) } },
      { displayName: 'Wang' },
      [],
      [],
    ],
    [
      'the same stamp is the same write',
      stored,
      { displayName: { value: 'Wang', hlc: h(10) } },
      { displayName: 'Wang' },
      [],
      [],
    ],
    [
      'equal times: the greater device id wins',
      stored,
      { displayName: { value: 'Li', hlc: h(10, B) } },
      { displayName: 'Li' },
      ['displayName'],
      [{ field: 'displayName', value: 'Wang', reason: 'overwritten' }],
    ],
    [
      'fields merge independently',
      stored,
      { displayName: { value: 'Li', hlc: h(11, B) }, title: { value: 'CTO', hlc: h(9, B) } },
      { displayName: 'Li', title: 'CEO' },
      ['displayName'],
      [
        { field: 'displayName', value: 'Wang', reason: 'overwritten' },
        { field: 'title', value: 'CTO', reason: 'stale' },
      ],
    ],
    [
      'a change without value clears the field',
      stored,
      { title: { hlc: h(11) } },
      { title: undefined },
      ['title'],
      [],
    ],
    [
      'arrays are one value',
      stored,
      { tags: { value: ['vip', 'tea'], hlc: h(11, B) } },
      { tags: ['vip', 'tea'] },
      ['tags'],
      [{ field: 'tags', value: ['vip'], reason: 'overwritten' }],
    ],
    [
      'an equal value from another device is no conflict',
      stored,
      { title: { value: 'CEO', hlc: h(11, B) } },
      { title: 'CEO' },
      ['title'],
      [],
    ],
    [
      'bookkeeping fields are never logged',
      stored,
      { updatedAt: { value: T + 5, hlc: h(5, B) } },
      { updatedAt: T },
      [],
      [],
    ],
  ])('%s', (_, current, fields, expected, changed, losses) => {
    const result = mergeFields(current, fields);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const [field, value] of Object.entries(expected)) {
      // A cleared field is absent, not present as undefined.
      if (value === undefined) expect(field in result.state.record).toBe(false);
      else expect(result.state.record[field]).toEqual(value);
    }
    expect(result.changed).toEqual(changed);
    expect(result.losses).toEqual(losses.map((loss) => expect.objectContaining(loss as object)));
  });

  test('the stored state is not modified', () => {
    const before = structuredClone(stored);
    mergeFields(stored, { displayName: { value: 'Li', hlc: h(11) } });
    expect(stored).toEqual(before);
  });

  test('a loss names both stamps', () => {
    const result = mergeFields(stored, { title: { value: 'CTO', hlc: h(9, B) } });
    expect(result.ok && result.losses).toEqual([
      { field: 'title', value: 'CTO', hlc: h(9, B), beatenBy: h(10), reason: 'stale' },
    ]);
  });
});

describe('deletes are tombstones and win', () => {
  test.each<[string, RowState, Record<string, FieldChange>, unknown, unknown[]]>([
    [
      'a delete with an older stamp still deletes',
      stored,
      { deletedAt: { value: T + 1, hlc: h(-5, B) } },
      T + 1,
      [],
    ],
    [
      'a delete and an update in one mutation',
      stored,
      { deletedAt: { value: T + 1, hlc: h(11) }, title: { value: 'CTO', hlc: h(11) } },
      T + 1,
      [],
    ],
    [
      'an update after the delete is not applied, and logged',
      tombstone,
      { title: { value: 'CTO', hlc: h(30) } },
      T + 20,
      [{ field: 'title', value: 'CTO', hlc: h(30), beatenBy: h(20, B), reason: 'deleted' }],
    ],
    ['an undelete is ignored', tombstone, { deletedAt: { value: null, hlc: h(30) } }, T + 20, []],
    ['a second delete keeps the first', tombstone, { deletedAt: { value: T + 40, hlc: h(40) } }, T + 20, []],
  ])('%s', (_, current, fields, deletedAt, losses) => {
    const result = mergeFields(current, fields);
    expect(result.ok && result.state.record.deletedAt).toBe(deletedAt);
    expect(result.ok && result.losses).toEqual(losses);
  });

  test('an update that reaches the row first is kept in the tombstone', () => {
    const updated = mergeFields(stored, { title: { value: 'CTO', hlc: h(30) } });
    if (!updated.ok) throw new Error('update refused');
    const deleted = mergeFields(updated.state, { deletedAt: { value: T + 20, hlc: h(20, B) } });
    expect(deleted.ok && deleted.state.record).toMatchObject({ title: 'CTO', deletedAt: T + 20 });
  });
});

test.each([
  ['id', 'r2'],
  ['ownerId', 'u2'],
  ['createdAt', T + 1],
])('%s cannot change once the row exists', (field, value) => {
  expect(mergeFields(stored, { [field]: { value, hlc: h(11) } })).toEqual({
    ok: false,
    code: 'immutable_field',
    field,
    message: `${field} cannot change once a record exists; create a new record instead`,
  });
  // Sending the same value again (a full-record write) is fine.
  expect(mergeFields(stored, { [field]: { value: stored.record[field], hlc: h(11) } }).ok).toBe(true);
});
