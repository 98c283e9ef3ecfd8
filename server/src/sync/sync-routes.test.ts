// Push, pull and the conflict log through the HTTP API, on every test database.
import {
  MemoryReplica,
  newId,
  PullResponse,
  type PushResponse,
  SCHEMA_VERSION_HEADER,
} from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { type Caller, contactOf, expectJson, signIn, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

const contact =
  (owner: Caller, fields: Record<string, unknown> = {}) =>
  (current: Readonly<Record<string, unknown>> | null) => ({
    ...(current ?? contactOf(owner, { displayName: 'Wang Wei' })),
    updatedAt: 2,
    ...fields,
  });

/** Pushes everything in the replica's outbox and pulls until done. */
async function sync(device: Caller, replica: MemoryReplica, now: number) {
  for (let request = replica.pushRequest(); request; request = replica.pushRequest()) {
    const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
    replica.applyPushResponse(request, response, now);
  }
  for (;;) {
    const query = replica.pullQuery();
    const res = await device.call(
      'GET',
      `/v1/sync/pull?${new URLSearchParams(query as Record<string, string>)}`,
    );
    if (res.status === 410) {
      replica.cursorExpired();
      continue;
    }
    const page = await expectJson<PullResponse>(res, 200);
    replica.applyPullResponse(page, now);
    if (!page.hasMore) return;
  }
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('sync API', backend), () => {
    const t = useTestApp(backend);

    test('a record pushed from one device reaches the owner’s other device, and concurrent edits converge', async () => {
      const laptop = await signUp(t.app);
      const office = await signIn(t.app, laptop.email);
      const a = new MemoryReplica(laptop.deviceId);
      const b = new MemoryReplica(office.deviceId);
      const id = newId();
      a.write('contacts', id, contact(laptop), t.clock.now);
      await sync(laptop, a, t.clock.now);
      await sync(office, b, t.clock.now);
      expect([...b.liveRecords().values()].map((r) => r.displayName)).toEqual(['Wang Wei']);

      a.write('contacts', id, contact(laptop, { title: 'CEO' }), t.clock.now + 10);
      b.write('contacts', id, contact(office, { title: 'CTO', tags: ['tea'] }), t.clock.now + 20);
      await sync(laptop, a, t.clock.now);
      await sync(office, b, t.clock.now);
      await sync(laptop, a, t.clock.now);
      expect(a.liveRecords()).toEqual(b.liveRecords());
      const record = [...a.liveRecords().values()][0]!;
      expect(record).toMatchObject({ title: 'CTO', tags: ['tea'] });

      const { conflicts } = await expectJson(laptop.call('GET', `/v1/records/contacts/${id}/conflicts`), 200);
      // Both values the office device overwrote, with the laptop's stamps: its title and the empty tags it created.
      expect(conflicts).toEqual([
        expect.objectContaining({
          field: 'tags',
          value: [],
          reason: 'overwritten',
          deviceId: office.deviceId,
        }),
        expect.objectContaining({
          field: 'title',
          value: 'CEO',
          reason: 'overwritten',
          deviceId: office.deviceId,
        }),
      ]);
      expect(conflicts.map((c: { hlc: string }) => c.hlc.slice(19))).toEqual([
        laptop.deviceId,
        laptop.deviceId,
      ]);
    });

    test('pulled pages are the shared PullResponse exactly: records as pushed, in version order, each once', async () => {
      const device = await signUp(t.app);
      const replica = new MemoryReplica(device.deviceId);
      const ids = Array.from({ length: 25 }, () => newId());
      ids.forEach((id, i) => {
        const fields = { title: `Buyer "${i}" 采购 \\ ✓`, tags: [`t${i}`] };
        replica.write('contacts', id, contact(device, fields), t.clock.now);
      });
      replica.write('contacts', ids[3]!, contact(device, { deletedAt: t.clock.now }), t.clock.now + 1);
      for (let request = replica.pushRequest(); request; request = replica.pushRequest()) {
        const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
        replica.applyPushResponse(request, response, t.clock.now);
      }

      const changes: PullResponse['changes'] = [];
      let cursor: string | null = null;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(10);
        const res = await device.call('GET', `/v1/sync/pull?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const page = PullResponse.parse(await expectJson(res, 200));
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) break;
      }
      const versions = changes.map((c) => c.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(changes.map((c) => c.id))).toEqual(new Set(ids));
      expect(changes).toHaveLength(25);
      expect(changes.find((c) => c.id === ids[3])).toMatchObject({ kind: 'delete', table: 'contacts' });
      const live = replica.liveRecords();
      for (const change of changes.filter((c) => c.kind === 'upsert')) {
        expect(change.record).toEqual(live.get(`contacts/${change.id}`));
        expect(Object.keys(change.clocks).length).toBeGreaterThan(0);
      }
    });

    test('a retried batch applies once; a reused sequence number is refused', async () => {
      const device = await signUp(t.app);
      const replica = new MemoryReplica(device.deviceId);
      replica.write('contacts', newId(), contact(device), t.clock.now);
      const request = replica.pushRequest()!;
      const first = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
      const again = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
      expect(first.results[0]).toMatchObject({ status: 'applied' });
      expect(again.results[0]).toEqual({ ...first.results[0], status: 'duplicate' });
      const reused = { mutations: [{ ...request.mutations[0]!, mutationId: newId() }] };
      const refused = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', reused), 200);
      expect(refused.results[0]).toMatchObject({ status: 'rejected', code: 'sequence_reused' });
    });

    test('deletes win over a concurrent update, which goes to the conflict log', async () => {
      const laptop = await signUp(t.app);
      const office = await signIn(t.app, laptop.email);
      const a = new MemoryReplica(laptop.deviceId);
      const b = new MemoryReplica(office.deviceId);
      const { rowId } = a.write('contacts', newId(), contact(laptop), t.clock.now)!;
      await sync(laptop, a, t.clock.now);
      await sync(office, b, t.clock.now);
      a.write('contacts', rowId, contact(laptop, { deletedAt: t.clock.now }), t.clock.now + 1);
      b.write('contacts', rowId, contact(office, { title: 'later edit' }), t.clock.now + 60_000);
      await sync(laptop, a, t.clock.now);
      await sync(office, b, t.clock.now);
      await sync(laptop, a, t.clock.now);
      expect(a.liveRecords().size).toBe(0);
      expect(b.liveRecords().size).toBe(0);
      const { conflicts } = await expectJson(
        laptop.call('GET', `/v1/records/contacts/${rowId}/conflicts`),
        200,
      );
      expect(conflicts).toEqual([
        expect.objectContaining({ field: 'title', value: 'later edit', reason: 'deleted' }),
      ]);
    });

    test('a stamp far in the future is clamped to server time + 60 s', async () => {
      const device = await signUp(t.app);
      const replica = new MemoryReplica(device.deviceId);
      const { rowId } = replica.write('contacts', newId(), contact(device), t.clock.now + 5 * 3_600_000)!;
      await sync(device, replica, t.clock.now);
      const row = await expectJson(device.call('GET', `/v1/records/contacts/${rowId}`), 200);
      const ms = Number(String(row.clocks.displayName).slice(0, 13));
      expect(ms).toBe(t.clock.now + 60_000);
    });

    test('schema versions: too old and too new are told apart, a missing header is a bad request', async () => {
      const device = await signUp(t.app);
      const pull = (version?: string) =>
        t.app.request('/v1/sync/pull', {
          headers: {
            authorization: `Bearer ${device.token}`,
            ...(version && { [SCHEMA_VERSION_HEADER]: version }),
          },
        });
      expect((await expectJson(pull('0'), 426)).error.code).toBe('schema_too_old');
      expect((await expectJson(pull('99'), 426)).error).toEqual({
        code: 'schema_too_new',
        message:
          "This extension speaks data schema 99 but the server only knows up to 1: ask the server's admin to update the Keepcard server. Nothing was read or written.",
      });
      expect((await expectJson(pull(), 400)).error.message).toMatch(
        /Send the header Keepcard-Schema-Version/,
      );
    });

    test('a cursor from before a membership change must refetch; a record made private is revoked', async () => {
      const owner = await signUp(t.app);
      const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'East' }), 201);
      const invite = await expectJson(
        owner.call('POST', `/v1/teams/${team.id}/invites`, { role: 'member' }),
        201,
      );
      const mate = await signUp(t.app);
      const mateReplica = new MemoryReplica(mate.deviceId);
      await sync(mate, mateReplica, t.clock.now);
      const before = mateReplica.cursor;
      await expectJson(mate.call('POST', '/v1/teams/join', { code: invite.code }), 200);
      expect((await expectJson(mate.call('GET', `/v1/sync/pull?cursor=${before}`), 410)).error.code).toBe(
        'cursor_expired',
      );

      const ownerReplica = new MemoryReplica(owner.deviceId);
      const { rowId } = ownerReplica.write(
        'contacts',
        newId(),
        contact(owner, { teamId: team.id, visibility: 'team' }),
        t.clock.now,
      )!;
      await sync(owner, ownerReplica, t.clock.now);
      await sync(mate, mateReplica, t.clock.now);
      expect([...mateReplica.liveRecords().keys()]).toEqual([`contacts/${rowId}`]);
      ownerReplica.write('contacts', rowId, contact(owner, { visibility: 'private' }), t.clock.now + 1);
      await sync(owner, ownerReplica, t.clock.now);
      const page = await expectJson<PullResponse>(
        mate.call('GET', `/v1/sync/pull?cursor=${mateReplica.cursor}`),
        200,
      );
      expect(page.changes).toEqual([expect.objectContaining({ kind: 'revoke', id: rowId })]);
      await sync(mate, mateReplica, t.clock.now);
      expect(mateReplica.liveRecords().size).toBe(0);
    });
  });
}
