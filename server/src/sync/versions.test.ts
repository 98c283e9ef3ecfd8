// §5: versions increase in commit order with no gaps readers can see. Many devices push at once
// (on PostgreSQL over several pooled connections) while readers page through pulls with small
// pages; a reader that skipped a row committed late with a lower version would miss it for good,
// since every row here is written exactly once.
import { MemoryReplica, newId, type PullResponse, type PushResponse } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { type Caller, expectJson, signIn, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

const WRITERS = 8;
const BATCHES = 6;
const PER_BATCH = 5;

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('versions', backend), () => {
    const t = useTestApp(backend);

    test('concurrent pushes and pulls: every reader sees every row, versions only go up', {
      timeout: 60_000,
    }, async () => {
      const owner = await signUp(t.app);
      const writers: Caller[] = [owner];
      while (writers.length < WRITERS) writers.push(await signIn(t.app, owner.email));
      const readers = await Promise.all([signIn(t.app, owner.email), signIn(t.app, owner.email)]);
      let writing = true;

      const write = async (device: Caller) => {
        const replica = new MemoryReplica(device.deviceId);
        for (let b = 0; b < BATCHES; b += 1) {
          for (let i = 0; i < PER_BATCH; i += 1) {
            replica.write(
              'notes',
              newId(),
              () => ({
                createdAt: 1,
                updatedAt: 1,
                deletedAt: null,
                ownerId: owner.userId,
                teamId: null,
                visibility: 'private',
                schemaVersion: 1,
                text: `note ${b}.${i}`,
                companyId: newId(),
              }),
              Date.now(),
            );
          }
          const request = replica.pushRequest()!;
          const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
          replica.applyPushResponse(request, response, Date.now());
        }
      };
      const read = async (device: Caller) => {
        const seen = new Map<string, number>();
        let cursor: string | undefined;
        let last = 0;
        let quiet = false;
        // Keeps pulling while writers write, then once more after they stopped.
        while (!quiet) {
          const finished = !writing;
          const query = new URLSearchParams({ limit: '7', ...(cursor && { cursor }) });
          const page = await expectJson<PullResponse>(device.call('GET', `/v1/sync/pull?${query}`), 200);
          for (const change of page.changes) {
            expect(change.version).toBeGreaterThan(last);
            last = change.version;
            seen.set(change.id, change.version);
          }
          cursor = page.cursor;
          quiet = finished && !page.hasMore;
        }
        return seen;
      };

      const readings = Promise.all(readers.map(read));
      await Promise.all(writers.map(write));
      writing = false;
      const seen = await readings;

      const rows = await t.storage.query<{ id: string; version: string }>('SELECT id, version FROM records');
      expect(rows).toHaveLength(WRITERS * BATCHES * PER_BATCH);
      const expected = new Map(rows.map((r) => [r.id, Number(r.version)]));
      for (const reading of seen) expect(reading).toEqual(expected);
      // No holes at all: the versions handed out are exactly 1..n of this database (sign-ups took some).
      const [state] = await t.storage.query<{ version: string }>('SELECT version FROM sync_state');
      expect(Math.max(...expected.values())).toBe(Number(state!.version));
    });
  });
}
