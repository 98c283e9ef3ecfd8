// Fault test: the server process is SIGKILLed while it applies a push batch, then restarted on the
// same database. Nothing acknowledged is lost, the batch is all there or not there at all, and the
// retried batch applies exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MemoryReplica,
  newId,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from '@keepcard/shared';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { spawnServer } from '../testing/spawn-server';
import { type Caller, callerOn, contactOf, expectJson, overHttp, signUp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

/** Where a spawned server keeps its data, per backend; each returns its env and a cleanup. */
async function serverEnv(
  backend: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; cleanup: () => Promise<unknown> }> {
  if (backend === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'keepcard-crash-'));
    return { env: { KEEPCARD_DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  const url = process.env.DATABASE_URL!;
  const schema = `kc_crash_${newId().replaceAll('-', '').slice(-12)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    env: { DATABASE_URL: url, KEEPCARD_DATABASE_SCHEMA: schema },
    cleanup: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

function addContacts(replica: MemoryReplica, ownerId: string, count: number): PushRequest {
  for (let i = 0; i < count; i += 1) {
    replica.write(
      'contacts',
      newId(),
      () =>
        contactOf(
          { userId: ownerId },
          {
            displayName: `Customer ${i}`,
            emails: [{ address: `customer${i}@example.com` }],
            title: 'Purchasing manager',
            tags: ['tea', 'wholesale'],
            source: { kind: 'import' },
          },
        ),
      Date.now(),
    );
  }
  return replica.pushRequest()!;
}

async function pulledIds(device: Caller): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(cursor && { cursor }) });
    const page = await expectJson<PullResponse>(device.call('GET', `/v1/sync/pull?${query}`), 200);
    for (const change of page.changes) ids.add(change.id);
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('SIGKILL during a push', backend), () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    test('nothing acknowledged is lost and the retried batch applies once', {
      timeout: 180_000,
    }, async () => {
      const { env, cleanup } = await serverEnv(backend.name);
      cleanups.push(cleanup);
      let server = await spawnServer(env);
      cleanups.push(() => server.kill('SIGKILL'));
      let device = await signUp(overHttp(server.url));
      const replica = new MemoryReplica(device.deviceId);
      const acknowledged = new Set<string>();

      const pushAll = async (body: PushRequest) => {
        const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', body), 200);
        for (const r of response.results) expect(r.status).not.toBe('rejected');
        for (const m of body.mutations) acknowledged.add(m.rowId);
        replica.applyPushResponse(body, response, Date.now());
        return response;
      };

      // How long a full batch takes here, to aim the kill at its middle.
      await pushAll(addContacts(replica, device.userId, 50));
      const started = performance.now();
      await pushAll(addContacts(replica, device.userId, 500));
      const batchMs = performance.now() - started;

      const outcomes: string[] = [];
      for (const fraction of [0.15, 0.3, 0.5]) {
        const batch = addContacts(replica, device.userId, 500);
        const sending = device.call('POST', '/v1/sync/push', batch).then(
          (res) => `answered ${res.status}`,
          () => 'connection lost',
        );
        await sleep(batchMs * fraction);
        await server.kill('SIGKILL');
        const outcome = await sending;

        server = await spawnServer(env);
        device = callerOn(device, overHttp(server.url));
        const present = await pulledIds(device);
        for (const id of acknowledged) expect(present.has(id)).toBe(true);
        const applied = batch.mutations.filter((m) => present.has(m.rowId)).length;
        expect([0, 500]).toContain(applied); // one transaction: all or nothing
        outcomes.push(`${outcome}, ${applied === 0 ? 'not committed' : 'committed'}`);

        const retried = await pushAll(batch);
        const statuses = new Set(retried.results.map((r) => r.status));
        expect([...statuses]).toEqual([applied === 0 ? 'applied' : 'duplicate']);
        // Once: a second retry only finds duplicates, and every row is there exactly once.
        const again = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', batch), 200);
        expect(new Set(again.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
        const after = await pulledIds(device);
        expect(after.size).toBe(acknowledged.size);
      }
      console.info(
        `SIGKILL during push on ${backend.name} (batch of 500 takes ${Math.round(batchMs)} ms):`,
        outcomes,
      );
      expect(outcomes.some((o) => o === 'connection lost, not committed')).toBe(true);
      await server.kill('SIGTERM');
    });
  });
}
