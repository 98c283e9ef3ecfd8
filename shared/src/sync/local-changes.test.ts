import { describe, expect, test } from 'vitest';
import { baseRow, ids, NOW, sampleRows } from '../schemas/sample-rows';
import { parseRecord } from '../schemas/validation';
import { createHlc, encodeHlc, tickHlc } from './hlc';
import { changedFields, nextPushBatch, planPushResults, stampChange } from './local-changes';
import type { Mutation, PushResponse } from './wire';

const DEVICE = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
const contact = parseRecord('contacts', sampleRows.contacts) as Record<string, unknown>;
const mutationId = (n: number) => `018fd1a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

test.each<[string, Record<string, unknown> | null, Record<string, unknown>, string[]]>([
  ['a create changes every field', null, { id: 'x', a: 1 }, ['id', 'a']],
  ['equal values are no change', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, []],
  ['a nested difference changes the top-level field', { a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, ['a']],
  ['a removed field changes', { a: 1, b: 2 }, { a: 1 }, ['b']],
  ['undefined is the same as missing', { a: 1, b: undefined }, { a: 1 }, []],
])('changedFields: %s', (_, before, after, changed) => {
  expect(changedFields(before, after)).toEqual(changed);
});

describe('stampChange', () => {
  const clock = createHlc(DEVICE);

  test('a create stamps every field with one tick and starts without a server version', () => {
    const result = stampChange({
      table: 'contacts',
      before: null,
      after: contact,
      clock,
      now: NOW,
      seq: 1,
      mutationId: mutationId(1),
    });
    const stamp = encodeHlc({ ms: NOW, counter: 0, node: DEVICE });
    expect(result?.mutation).toEqual({
      mutationId: mutationId(1),
      deviceId: DEVICE,
      seq: 1,
      table: 'contacts',
      rowId: ids.record,
      fields: Object.fromEntries(Object.entries(contact).map(([k, value]) => [k, { value, hlc: stamp }])),
    });
    expect(result?.row).toEqual({
      record: contact,
      clocks: Object.fromEntries(Object.keys(contact).map((k) => [k, stamp])),
      version: null,
    });
    expect(result?.clock).toEqual({ ms: NOW, counter: 0, node: DEVICE });
  });

  test('an edit sends only the changed fields and keeps the other stamps and the version', () => {
    const old = tickHlc(clock, NOW - 1000).stamp;
    const before = { record: contact, clocks: { displayName: old, title: old }, version: 7 };
    const after = { ...contact, displayName: '王伟', title: undefined, updatedAt: NOW + 5 };
    const result = stampChange({
      table: 'contacts',
      before,
      after,
      clock,
      now: NOW + 5,
      seq: 8,
      mutationId: mutationId(2),
    });
    const stamp = encodeHlc({ ms: NOW + 5, counter: 0, node: DEVICE });
    expect(result?.mutation.fields).toEqual({
      displayName: { value: '王伟', hlc: stamp },
      updatedAt: { value: NOW + 5, hlc: stamp },
    });
    expect(result?.row.clocks).toEqual({ displayName: stamp, title: old, updatedAt: stamp });
    expect(result?.row.version).toBe(7);
  });

  test('no change, no mutation', () => {
    const before = { record: contact, clocks: {}, version: 1 };
    expect(
      stampChange({
        table: 'contacts',
        before,
        after: { ...contact },
        clock,
        now: NOW,
        seq: 2,
        mutationId: mutationId(3),
      }),
    ).toBeNull();
  });
});

const mutation = (seq: number, size = 1): Mutation => ({
  mutationId: mutationId(seq),
  deviceId: DEVICE,
  seq,
  table: 'notes',
  rowId: ids.record,
  fields: { text: { value: 'x'.repeat(size), hlc: encodeHlc({ ms: NOW, counter: seq, node: DEVICE }) } },
});

describe('nextPushBatch', () => {
  test.each([
    [
      'takes the oldest first, whatever the order given',
      [mutation(3), mutation(1), mutation(2)],
      {},
      [1, 2, 3],
    ],
    ['stops at maxMutations', [mutation(1), mutation(2), mutation(3)], { maxMutations: 2 }, [1, 2]],
    [
      'stops before maxBytes',
      [mutation(1, 500), mutation(2, 500), mutation(3, 500)],
      { maxBytes: 2000 },
      [1, 2],
    ],
    ['always sends at least one, even if too big', [mutation(1, 5000)], { maxBytes: 1000 }, [1]],
    ['nothing to send', [], {}, []],
  ])('%s', (_, outbox, options, seqs) => {
    expect(nextPushBatch(outbox, options).map((m) => m.seq)).toEqual(seqs);
  });
});

test('planPushResults: answered entries are done; rejected ones reset their row and are reported', () => {
  const batch = [mutation(1), mutation(2), mutation(3), mutation(4)];
  const current = { kind: 'delete' as const, table: 'notes' as const, id: ids.record, version: 9 };
  const response: PushResponse = {
    serverTime: NOW,
    results: [
      { status: 'applied', mutationId: mutationId(1), seq: 1, version: 5 },
      { status: 'duplicate', mutationId: mutationId(2), seq: 2, version: 4 },
      { status: 'rejected', mutationId: mutationId(3), seq: 3, code: 'forbidden', message: 'no', current },
      { status: 'applied', mutationId: mutationId(99), seq: 99, version: 6 }, // not ours: ignored
    ],
  };
  expect(planPushResults(batch, response)).toEqual({
    done: [mutationId(1), mutationId(2), mutationId(3)], // 4 had no answer: it stays and is sent again
    resets: [{ table: 'notes', id: ids.record, current }],
    rejected: [
      { mutationId: mutationId(3), table: 'notes', rowId: ids.record, code: 'forbidden', message: 'no' },
    ],
  });
});

test('baseRow stays a valid private row (the fixtures above rely on it)', () => {
  expect(baseRow.visibility).toBe('private');
});
