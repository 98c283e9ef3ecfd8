// Live notifications: in-process on every database, and across two server processes on PostgreSQL.
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, SseParser } from '@keepcard/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawnServer } from '../testing/spawn-server';
import {
  type Caller,
  callerOn,
  expectJson,
  overHttp,
  pushNewContact,
  request,
  signIn,
  signUp,
  type Transport,
  useTestApp,
} from '../testing/test-app';
import { backendTitle, type OpenedStorage, testBackends } from '../testing/test-storage';

/** Opens /v1/sync/live for `device` and collects its events. */
async function listen(transport: Transport, device: Caller) {
  const controller = new AbortController();
  const res = await transport.request('/v1/sync/live', {
    headers: { authorization: `Bearer ${device.token}`, [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; at: number }[] = [];
  const parser = new SseParser();
  const decoder = new TextDecoder();
  let ended = false;
  const reader = res.body!.getReader();
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const e of parser.push(decoder.decode(value, { stream: true })))
          events.push({ event: e.event, at: performance.now() });
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  const waitFor = async (predicate: () => boolean, ms = 3000) => {
    const until = performance.now() + ms;
    while (!predicate() && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    return predicate();
  };
  await waitFor(() => events.length > 0);
  return {
    events,
    ended: () => ended,
    waitFor,
    close: async () => {
      // Cancelling the body is what reaches the server in-process (app.request ignores the signal).
      await reader.cancel().catch(() => {});
      controller.abort();
      await reading;
    },
  };
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('live notifications', backend), () => {
    const t = useTestApp(backend);

    test('devices that may read a change are told to pull; the writer, strangers and other teams are not', async () => {
      const owner = await signUp(t.app);
      const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'East' }), 201);
      const { code } = await expectJson(
        owner.call('POST', `/v1/teams/${team.id}/invites`, { role: 'viewer' }),
        201,
      );
      const viewer = await signUp(t.app, { inviteCode: code });
      const ownerLaptop = await signIn(t.app, owner.email);
      const stranger = await signUp(t.app);
      const streams = await Promise.all([owner, ownerLaptop, viewer, stranger].map((d) => listen(t.app, d)));
      const [self, laptop, teammate, other] = streams as [
        (typeof streams)[0],
        (typeof streams)[0],
        (typeof streams)[0],
        (typeof streams)[0],
      ];
      expect(self.events.map((e) => e.event)).toEqual(['ready']);

      await pushNewContact(owner); // private: the owner's other device only
      expect(await laptop.waitFor(() => laptop.events.length === 2)).toBe(true);
      await pushNewContact(owner, { teamId: team.id, visibility: 'team' }); // shared: the team too
      expect(await teammate.waitFor(() => teammate.events.length === 2)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      expect(self.events.map((e) => e.event)).toEqual(['ready']);
      expect(laptop.events.map((e) => e.event)).toEqual(['ready', 'pull', 'pull']);
      expect(teammate.events.map((e) => e.event)).toEqual(['ready', 'pull']);
      expect(other.events.map((e) => e.event)).toEqual(['ready']);
      await Promise.all(streams.map((l) => l.close()));
    });

    test('revoking a device closes its stream, and it cannot reconnect', async () => {
      const owner = await signUp(t.app);
      const laptop = await signIn(t.app, owner.email);
      const stream = await listen(t.app, laptop);
      await expectJson(owner.call('DELETE', `/v1/me/devices/${laptop.deviceId}`), 200);
      expect(await stream.waitFor(stream.ended)).toBe(true);
      expect((await request(t.app, 'GET', '/v1/sync/live', undefined, laptop.token)).status).toBe(401);
    });

    test('a device may hold only a few streams; a closed one frees its place', async () => {
      const owner = await signUp(t.app);
      const streams = await Promise.all(Array.from({ length: 4 }, () => listen(t.app, owner)));
      const refused = await request(t.app, 'GET', '/v1/sync/live', undefined, owner.token);
      expect(refused.status).toBe(429);
      await Promise.all(streams.map((s) => s.close()));
      const again = await listen(t.app, owner);
      expect(again.events.map((e) => e.event)).toEqual(['ready']);
      await again.close();
    });
  });
}

const postgres = testBackends.find((b) => b.name === 'postgres')!;
describe.skipIf(postgres.skip)(backendTitle('two server processes', postgres), () => {
  // The database only: the two servers under test apply the migrations themselves.
  let opened: OpenedStorage;
  beforeAll(async () => {
    opened = await postgres.open();
  });
  afterAll(() => opened?.dispose());

  test('a change pushed to one process reaches a device listening on the other', {
    timeout: 120_000,
  }, async () => {
    const env = { DATABASE_URL: opened.postgres!.url, KEEPCARD_DATABASE_SCHEMA: opened.postgres!.schema };
    const [one, two] = [await spawnServer(env), await spawnServer(env)];
    try {
      const writer = await signUp(overHttp(one.url));
      const reader = await signIn(overHttp(two.url), writer.email);
      const stream = await listen(overHttp(two.url), reader);
      const latencies: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const before = stream.events.length;
        const started = performance.now();
        await pushNewContact(callerOn(writer, overHttp(one.url)));
        expect(await stream.waitFor(() => stream.events.length > before, 2000)).toBe(true);
        latencies.push(stream.events.at(-1)!.at - started);
      }
      console.info('push on one process → pull event on the other, ms:', latencies.map(Math.round));
      expect(stream.events.at(-1)!.event).toBe('pull');
      await stream.close();
    } finally {
      await Promise.all([one.kill(), two.kill()]);
    }
  });
});
