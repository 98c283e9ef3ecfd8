/**
 * Hybrid logical clock (HLC): physical milliseconds, a counter for events within one millisecond, and
 * the device id as a deterministic tie-break. Stamps are fixed-width strings, so text order is clock
 * order and a stamp can be compared, indexed and stored as-is. Layout and rules: docs/sync-protocol.md §2.
 */

/** The time part of a clock: what ticks. */
export interface HlcTime {
  readonly ms: number;
  readonly counter: number;
}

/** A device's clock: its time and its node (the device id, lower-case UUID). */
export interface HlcClock extends HlcTime {
  readonly node: string;
}

/** 13 decimal digits: stamps stay fixed-width until the year 2286. */
export const HLC_MAX_MS = 9_999_999_999_999;
/** 4 hex digits; past this the clock borrows a millisecond rather than widen the stamp. */
export const HLC_MAX_COUNTER = 0xffff;

const NODE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STAMP = /^(\d{13}):([0-9a-f]{4}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const NODE_OFFSET = 19; // 13 digits, ':', 4 hex digits, ':'

/** True for a well-formed stamp. */
export function isHlc(stamp: string): boolean {
  return STAMP.test(stamp);
}

/**
 * Encodes a clock as its stamp.
 * @example encodeHlc({ ms: 1767225600000, counter: 42, node }) // '1767225600000:002a:<node>'
 */
export function encodeHlc({ ms, counter, node }: HlcClock): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > HLC_MAX_MS) {
    throw new RangeError(`HLC time must be whole milliseconds from 0 to ${HLC_MAX_MS}, got ${ms}`);
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > HLC_MAX_COUNTER) {
    throw new RangeError(`HLC counter must be a whole number from 0 to ${HLC_MAX_COUNTER}, got ${counter}`);
  }
  if (!NODE.test(node)) throw new RangeError(`HLC node must be a lower-case UUID, got "${node}"`);
  return `${String(ms).padStart(13, '0')}:${counter.toString(16).padStart(4, '0')}:${node}`;
}

/**
 * Parses a stamp.
 * @throws RangeError for anything encodeHlc would not produce.
 * @example parseHlc('1767225600000:002a:<node>').counter // 42
 */
export function parseHlc(stamp: string): HlcClock {
  const match = STAMP.exec(stamp);
  if (!match) throw new RangeError(`"${stamp}" is not a clock stamp like 1767225600000:0000:<device id>`);
  return { ms: Number(match[1]), counter: Number.parseInt(match[2]!, 16), node: match[3]! };
}

/** The device id inside a stamp (no parse: the layout is fixed). */
export function hlcNode(stamp: string): string {
  return stamp.slice(NODE_OFFSET);
}

/** Orders two stamps: by ms, then counter, then device id. */
export function compareHlc(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A new device clock. It starts at 0, so its first tick takes the wall clock.
 * @example createHlc(deviceId)
 */
export function createHlc(node: string): HlcClock {
  if (!NODE.test(node)) throw new RangeError(`HLC node must be a lower-case UUID, got "${node}"`);
  return { ms: 0, counter: 0, node };
}

/** Moves to `ms` with `counter`, borrowing a millisecond when the counter would overflow. */
function settle(ms: number, counter: number): HlcTime {
  return counter > HLC_MAX_COUNTER ? { ms: ms + 1, counter: 0 } : { ms, counter };
}

/** The next time after `time` at wall clock `now`: never backwards, never repeated. */
function nextTime(time: HlcTime, now: number): HlcTime {
  return now > time.ms ? { ms: now, counter: 0 } : settle(time.ms, time.counter + 1);
}

/**
 * A local event: advances the clock and returns the stamp of the event.
 * @example const { clock: next, stamp } = tickHlc(clock, Date.now())
 */
export function tickHlc(clock: HlcClock, now: number): { clock: HlcClock; stamp: string } {
  const next = { ...nextTime(clock, Math.floor(now)), node: clock.node };
  return { clock: next, stamp: encodeHlc(next) };
}

/**
 * Takes a stamp seen from elsewhere into account, so the next local tick is greater than it.
 * @example clock = receiveHlc(clock, maxStampOfPage(page), Date.now())
 */
export function receiveHlc(clock: HlcClock, stamp: string, now: number): HlcClock {
  const remote = parseHlc(stamp);
  const ms = Math.max(clock.ms, remote.ms, Math.floor(now));
  const counter =
    ms === clock.ms && ms === remote.ms
      ? Math.max(clock.counter, remote.counter) + 1
      : ms === clock.ms
        ? clock.counter + 1
        : ms === remote.ms
          ? remote.counter + 1
          : 0;
  return { ...settle(ms, counter), node: clock.node };
}

/**
 * The server's clamp of a far-future stamp (docs/sync-protocol.md §2): a stamp later than `limitMs`
 * becomes the next tick of the server's clamp clock at `limitMs`, keeping the writer's device id.
 * The clamp clock only moves forward, so clamped stamps are unique and in the order they were applied.
 * @example clampHlc(stamp, state.clamp, serverNow + MAX_CLOCK_AHEAD_MS)
 */
export function clampHlc(stamp: string, clamp: HlcTime, limitMs: number): { stamp: string; clamp: HlcTime } {
  const parsed = parseHlc(stamp);
  if (parsed.ms <= limitMs) return { stamp, clamp };
  const next = nextTime(clamp, limitMs);
  return { stamp: encodeHlc({ ...next, node: parsed.node }), clamp: next };
}
