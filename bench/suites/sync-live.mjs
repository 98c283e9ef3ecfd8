// Issue 6: live notifications from a real server process on loopback: change-to-notification latency
// with 50 other devices connected, and the server's resident memory with 1,000 live streams.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { percentile, round1 } from '../support.mjs';

register();
const { MemoryReplica, newId, SCHEMA_VERSION, SCHEMA_VERSION_HEADER, SseParser } = await import(
  '../../shared/src/index.ts'
);
const { spawnServer } = await import('../../server/src/testing/spawn-server.ts');
const { testBackends } = await import('../../server/src/testing/test-storage.ts');
const { expectJson, overHttp, signIn, signUp } = await import('../../server/src/testing/test-app.ts');

const OTHERS = 50;
const CHANGES = 200;
const STREAMS = 1000;
const STREAMS_PER_DEVICE = 4; // the server's per-device cap: 250 devices hold the 1,000 streams
const BUDGET = { p50Ms: 300, p99Ms: 1000, rssMb: 200 };

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** Opens a live stream; `onEvent` gets each event name. Resolves after `ready`. */
async function connect(baseUrl, device, onEvent = () => {}) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/v1/sync/live`, {
    headers: { authorization: `Bearer ${device.token}`, [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION) },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`live stream refused: ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  let ready;
  const isReady = new Promise((resolve) => {
    ready = resolve;
  });
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const e of parser.push(decoder.decode(value, { stream: true }))) {
        if (e.event === 'ready') ready();
        onEvent(e.event);
      }
    }
  })().catch(() => {});
  await isReady;
  return () => controller.abort();
}

/** Signs `count` more devices of `email` in, a few at a time (each sign-in costs a scrypt). */
async function devices(http, email, count) {
  const out = [];
  while (out.length < count) {
    out.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(8, count - out.length) }, () => signIn(http, email)),
      )),
    );
  }
  return out;
}

/** The latency and memory figures of one server process on `backend` (a fresh database). */
async function measure(backend) {
  const opened = backend.name === 'postgres' ? await backend.open() : null;
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-live-'));
  const storageEnv = opened
    ? { DATABASE_URL: opened.postgres.url, KEEPCARD_DATABASE_SCHEMA: opened.postgres.schema }
    : { KEEPCARD_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
  // The build `pnpm start` runs (server/scripts/build.mjs), not the source under tsx.
  const server = await spawnServer({ ...storageEnv, KEEPCARD_RATE_PER_MINUTE: '1000000' }, { built: true });
  const closers = [];
  try {
    const rssStartMb = rssMb(server.process.pid);
    const http = overHttp(server.url);
    const writer = await signUp(http);
    const [reader, ...others] = await devices(http, writer.email, 1 + OTHERS);
    const rssIdleMb = rssMb(server.process.pid);

    // Latency: the writer pushes one changed contact; the reader's stream says `pull`; the reader
    // pulls and has the change. The 50 others are told too (same user), as in a busy team.
    let notified = () => {};
    closers.push(await connect(server.url, reader, (event) => event === 'pull' && notified()));
    for (const other of others) closers.push(await connect(server.url, other));
    const replica = new MemoryReplica(writer.deviceId);
    const id = newId();
    const base = {
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
      ownerId: writer.userId,
      teamId: null,
      visibility: 'private',
      schemaVersion: 1,
      source: { kind: 'manual' },
    };
    let cursor;
    const toNotice = [];
    const toVisible = [];
    for (let i = 0; i < CHANGES; i += 1) {
      replica.write(
        'contacts',
        id,
        (r) => ({ ...(r ?? base), displayName: `Wang ${i}`, updatedAt: Date.now() }),
        Date.now(),
      );
      const body = replica.pushRequest();
      const heard = new Promise((resolve) => {
        notified = resolve;
      });
      const started = performance.now();
      const response = await expectJson(writer.call('POST', '/v1/sync/push', body), 200);
      replica.applyPushResponse(body, response, Date.now());
      await heard;
      toNotice.push(performance.now() - started);
      const page = await expectJson(
        reader.call('GET', `/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`),
        200,
      );
      cursor = page.cursor;
      if (!page.changes.some((c) => c.kind === 'upsert' && c.record.displayName === `Wang ${i}`)) {
        throw new Error('the pulled page did not have the change');
      }
      toVisible.push(performance.now() - started);
    }

    // Memory: 1,000 open streams (250 devices × 4).
    const extra = await devices(http, writer.email, STREAMS / STREAMS_PER_DEVICE - (1 + OTHERS));
    const openBefore = closers.length;
    const rssBeforeStreamsMb = rssMb(server.process.pid);
    const perDevice = new Map([reader, ...others].map((d) => [d, 1]));
    let open = 1 + OTHERS;
    for (const device of [reader, ...others, ...extra]) {
      for (let n = perDevice.get(device) ?? 0; n < STREAMS_PER_DEVICE && open < STREAMS; n += 1) {
        closers.push(await connect(server.url, device));
        open += 1;
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    const rssStreamsMb = rssMb(server.process.pid);

    const ms = (xs, p) => round1(percentile(xs, p));
    return {
      changeToNotificationMs: { p50: ms(toNotice, 50), p99: ms(toNotice, 99), max: ms(toNotice, 100) },
      changeToVisibleMs: { p50: ms(toVisible, 50), p99: ms(toVisible, 99), max: ms(toVisible, 100) },
      serverRssMb: {
        atStart: round1(rssStartMb),
        after51SignIns: round1(rssIdleMb),
        beforeMoreStreams: round1(rssBeforeStreamsMb),
        withStreams: round1(rssStreamsMb),
        streams: open,
        // What each stream opened after `beforeMoreStreams` added, on average.
        perStreamKb: Math.round(((rssStreamsMb - rssBeforeStreamsMb) * 1024) / (open - openBefore)),
      },
    };
  } finally {
    for (const close of closers) close();
    await server.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
    await opened?.dispose();
  }
}

const passes = (r) =>
  r.changeToVisibleMs.p50 < BUDGET.p50Ms &&
  r.changeToVisibleMs.p99 < BUDGET.p99Ms &&
  r.serverRssMb.withStreams < BUDGET.rssMb &&
  r.serverRssMb.streams === STREAMS;

export default async function syncLive() {
  // PGlite (the default storage) always; PostgreSQL too when DATABASE_URL is set.
  const results = {};
  for (const backend of testBackends.filter((b) => !b.skip)) {
    results[backend.name] = { ...(await measure(backend)), loadavg: loadavg().map(round1) };
  }
  return {
    description: `A real server process (the bundled build \`pnpm start\` runs) on 127.0.0.1, on PGlite and, with DATABASE_URL, on PostgreSQL. Latency: ${CHANGES} single-field pushes by one device while ${OTHERS} other devices and the reader hold live streams; "notification" is push start to the reader's \`pull\` event, "visible" adds the reader's pull that returns the change. Memory: server RSS (VmRSS) with ${STREAMS} open live streams (${STREAMS / STREAMS_PER_DEVICE} devices × ${STREAMS_PER_DEVICE}, the per-device cap), each a real fetch reading its event stream.`,
    parameters: { others: OTHERS, changes: CHANGES, streams: STREAMS },
    ...results,
    budget: BUDGET,
    pass: Object.values(results).every(passes),
  };
}
