// The small client helpers: schema verdicts, retry delays, the SSE parser and the wire schemas.
import { describe, expect, test } from 'vitest';
import { ids, NOW } from '../schemas/sample-rows';
import { encodeHlc } from './hlc';
import { retryDelayMs } from './retry';
import { checkSchemaVersion } from './schema-version';
import { SseParser } from './sse';
import { Mutation, PullQuery, PushRequest } from './wire';

test.each([
  [1, { min: 1, max: 1 }, null],
  [2, { min: 1, max: 3 }, null],
  [1, { min: 2, max: 3 }, 'schema_too_old'],
  [4, { min: 2, max: 3 }, 'schema_too_new'],
])('checkSchemaVersion(%i, %o) → %s', (client, server, code) => {
  const verdict = checkSchemaVersion(client, server);
  expect(verdict.ok ? null : verdict.code).toBe(code);
  if (!verdict.ok)
    expect(verdict.message).toMatch(
      code === 'schema_too_old' ? /update the extension/ : /update the Keepcard server/,
    );
});

test.each([
  [0, 0, 500],
  [0, 0.999999, 1000],
  [3, 0, 4000],
  [3, 0.5, 6000],
  [20, 1, 300_000], // capped at 5 minutes
  [20, 0, 150_000],
  [-1, 0.5, 750], // a negative attempt counts as the first
])('retryDelayMs(attempt %i, random %f) = %i', (attempt, random, ms) => {
  expect(retryDelayMs(attempt, random)).toBe(ms);
});

describe('SseParser', () => {
  test.each<[string, string[], { event: string; data: string }[]]>([
    ['one event', ['event: pull\ndata: {}\n\n'], [{ event: 'pull', data: '{}' }]],
    ['unnamed event is a message', ['data: x\n\n'], [{ event: 'message', data: 'x' }]],
    [
      'comments are skipped',
      [': keep-alive\n\n', 'event: ready\ndata: {}\n\n'],
      [{ event: 'ready', data: '{}' }],
    ],
    ['split anywhere', ['ev', 'ent: pu', 'll\nda', 'ta: {}\n', '\n'], [{ event: 'pull', data: '{}' }]],
    [
      'CRLF split between chunks',
      ['event: pull\r', '\ndata: {}\r\n\r', '\n'],
      [{ event: 'pull', data: '{}' }],
    ],
    ['multi-line data', ['data: a\ndata: b\n\n'], [{ event: 'message', data: 'a\nb' }]],
    ['an event without data is not dispatched', ['event: pull\n\n'], []],
    ['incomplete event waits', ['event: pull\ndata: {}\n'], []],
  ])('%s', (_, chunks, events) => {
    const parser = new SseParser();
    expect(chunks.flatMap((c) => parser.push(c))).toEqual(events);
  });
});

describe('wire schemas', () => {
  const A = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
  const B = '0192f3a4-5b6c-7d8e-9f00-00000000000b';
  const mutation = {
    mutationId: ids.record,
    deviceId: A,
    seq: 1,
    table: 'contacts',
    rowId: ids.contact,
    fields: { title: { value: 'CEO', hlc: encodeHlc({ ms: NOW, counter: 0, node: A }) } },
  };

  test('a well-formed mutation parses', () => {
    expect(Mutation.parse(mutation)).toEqual(mutation);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'stamp of another device',
      { fields: { title: { value: 'x', hlc: encodeHlc({ ms: NOW, counter: 0, node: B }) } } },
      'must be stamped by the mutation’s own device',
    ],
    ['no fields', { fields: {} }, 'must change at least one field'],
    ['bad stamp', { fields: { title: { value: 'x', hlc: 'yesterday' } } }, 'must be a clock stamp'],
    ['unknown table', { table: 'customers' }, '"customers" is unknown'],
    ['seq 0', { seq: 0 }, 'must be at least 1'],
    ['upper-case device id', { deviceId: A.toUpperCase() }, 'must be a device id: a lower-case UUID'],
  ])('refuses %s', (_, patch, message) => {
    const result = Mutation.safeParse({ ...mutation, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('; ')).toContain(message);
  });

  test('a push holds 1 to 500 mutations', () => {
    expect(PushRequest.safeParse({ mutations: [] }).success).toBe(false);
    expect(PushRequest.safeParse({ mutations: Array(501).fill(mutation) }).success).toBe(false);
  });

  test('pull limit comes from a query string', () => {
    expect(PullQuery.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(PullQuery.safeParse({ limit: '1001' }).success).toBe(false);
  });
});
