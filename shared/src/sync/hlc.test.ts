import { describe, expect, test } from 'vitest';
import {
  clampHlc,
  compareHlc,
  createHlc,
  encodeHlc,
  HLC_MAX_COUNTER,
  type HlcClock,
  hlcNode,
  isHlc,
  parseHlc,
  receiveHlc,
  tickHlc,
} from './hlc';

const A = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
const B = '0192f3a4-5b6c-7d8e-9f00-00000000000b';
const T = 1_767_225_600_000;
const at = (ms: number, counter: number, node = A): HlcClock => ({ ms, counter, node });
const stamp = (ms: number, counter: number, node = A) => encodeHlc(at(ms, counter, node));

describe('encode and parse', () => {
  test.each([
    [at(T, 0), `1767225600000:0000:${A}`],
    [at(T, 42), `1767225600000:002a:${A}`],
    [at(0, HLC_MAX_COUNTER), `0000000000000:ffff:${A}`],
    [at(9_999_999_999_999, 1), `9999999999999:0001:${A}`],
  ])('%o ⇄ %s', (clock, text) => {
    expect(encodeHlc(clock)).toBe(text);
    expect(parseHlc(text)).toEqual(clock);
    expect(isHlc(text)).toBe(true);
    expect(hlcNode(text)).toBe(A);
  });

  test.each([
    [at(-1, 0), 'HLC time must be whole milliseconds from 0 to 9999999999999, got -1'],
    [
      at(10_000_000_000_000, 0),
      'HLC time must be whole milliseconds from 0 to 9999999999999, got 10000000000000',
    ],
    [at(T + 0.5, 0), 'HLC time must be whole milliseconds from 0 to 9999999999999, got 1767225600000.5'],
    [at(T, HLC_MAX_COUNTER + 1), 'HLC counter must be a whole number from 0 to 65535, got 65536'],
    [at(T, 0, A.toUpperCase()), `HLC node must be a lower-case UUID, got "${A.toUpperCase()}"`],
  ])('encode refuses %o', (clock, message) => {
    expect(() => encodeHlc(clock)).toThrow(message);
  });

  test.each([
    '',
    `1767225600000:002A:${A}`,
    `767225600000:0000:${A}`,
    `1767225600000:0000:node`,
    `1767225600000-0000-${A}`,
  ])('parse refuses %j', (text) => {
    expect(isHlc(text)).toBe(false);
    expect(() => parseHlc(text)).toThrow('is not a clock stamp like 1767225600000:0000:<device id>');
  });
});

test.each([
  [stamp(T, 0), stamp(T + 1, 0), -1],
  [stamp(T, 1), stamp(T, 0xf), -1],
  [stamp(T, 0xf), stamp(T, 0x10), -1], // fixed-width hex: text order is number order
  [stamp(T, 0xa), stamp(T, 9), 1],
  [stamp(T, 0, B), stamp(T, 0, A), 1], // same time: the device id decides, the same way everywhere
  [stamp(T, 0), stamp(T, 0), 0],
  [stamp(999, 0), stamp(T, 0), -1], // zero-padded ms
])('compareHlc(%s, %s) = %i', (a, b, order) => {
  expect(compareHlc(a, b)).toBe(order);
});

describe('tick', () => {
  test.each([
    ['first tick takes the wall clock', createHlc(A), T, at(T, 0)],
    ['wall clock ahead: counter restarts', at(T, 7), T + 5, at(T + 5, 0)],
    ['same millisecond: counter + 1', at(T, 7), T, at(T, 8)],
    ['wall clock behind: never backwards', at(T, 7), T - 3_600_000, at(T, 8)],
    ['counter full: borrows a millisecond', at(T, HLC_MAX_COUNTER), T, at(T + 1, 0)],
    ['fractional wall clock is floored', at(T, 0), T + 1.9, at(T + 1, 0)],
  ])('%s', (_, clock, now, next) => {
    const result = tickHlc(clock, now);
    expect(result.clock).toEqual(next);
    expect(result.stamp).toBe(encodeHlc(next));
    expect(compareHlc(result.stamp, encodeHlc(clock))).toBe(1);
  });
});

describe('receive', () => {
  test.each([
    ['wall clock wins', at(T, 3), stamp(T - 10, 9, B), T + 1, at(T + 1, 0)],
    ['remote ahead: takes its time, counter + 1', at(T, 3), stamp(T + 500, 9, B), T, at(T + 500, 10)],
    ['local ahead: counter + 1', at(T + 500, 3), stamp(T, 9, B), T, at(T + 500, 4)],
    ['equal times: max counter + 1', at(T, 3), stamp(T, 9, B), T - 1, at(T, 10)],
    ['counter full: borrows a millisecond', at(T, 1), stamp(T, HLC_MAX_COUNTER, B), T, at(T + 1, 0)],
  ])('%s', (_, clock, remote, now, next) => {
    const received = receiveHlc(clock, remote, now);
    expect(received).toEqual(next);
    // What counts: the next local stamp is after the remote one.
    expect(compareHlc(tickHlc(received, now).stamp, remote)).toBe(1);
  });

  test('a device hours behind still stamps after what it has seen', () => {
    const behind = createHlc(A);
    const seen = stamp(T + 3 * 3_600_000, 0, B);
    const { stamp: next } = tickHlc(receiveHlc(behind, seen, T), T);
    expect(compareHlc(next, seen)).toBe(1);
  });
});

describe('clamp', () => {
  const limit = T + 60_000;
  test.each([
    [
      'within the limit: unchanged',
      stamp(limit, 5, B),
      { ms: 0, counter: 0 },
      stamp(limit, 5, B),
      { ms: 0, counter: 0 },
    ],
    [
      'far ahead: a tick of the clamp clock at the limit',
      stamp(T + 3_600_000, 5, B),
      { ms: 0, counter: 0 },
      stamp(limit, 0, B),
      { ms: limit, counter: 0 },
    ],
    [
      'clamp clock already at the limit: counter + 1',
      stamp(T + 3_600_000, 5, B),
      { ms: limit, counter: 4 },
      stamp(limit, 5, B),
      { ms: limit, counter: 5 },
    ],
    [
      'clamp clock past the limit: never backwards',
      stamp(T + 3_600_000, 5, B),
      { ms: limit + 9, counter: 0 },
      stamp(limit + 9, 1, B),
      { ms: limit + 9, counter: 1 },
    ],
  ])('%s', (_, input, clamp, output, nextClamp) => {
    expect(clampHlc(input, clamp, limit)).toEqual({ stamp: output, clamp: nextClamp });
  });

  test('two far-future writes of one device stay distinct and in order', () => {
    const first = clampHlc(stamp(T + 7_200_000, 0, B), { ms: 0, counter: 0 }, limit);
    const second = clampHlc(stamp(T + 7_200_001, 0, B), first.clamp, limit);
    expect(compareHlc(first.stamp, second.stamp)).toBe(-1);
  });
});
