// The loyalty ledger (积分) is append-only on the server too (APPEND_ONLY_TABLES in shared sync):
// an entry, once stored, keeps its points, reason, customer and date and is never deleted; only
// sharing may change. A client that tries anyway is refused with immutable_field, naming the field.
import { MemoryReplica, newId, type PushResponse, SCHEMA_VERSION } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { type Caller, expectJson, pushNewContact, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('the loyalty ledger is append-only', backend), () => {
    const t = useTestApp(backend);

    async function push(device: Caller, replica: MemoryReplica, id: string, fields: Record<string, unknown>) {
      replica.write('loyalty', id, (current) => ({ ...current!, ...fields }), t.clock.now);
      const request = replica.pushRequest()!;
      const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
      replica.applyPushResponse(request, response, t.clock.now);
      return response.results.at(-1)!;
    }

    test('an entry is stored once; edits and deletes are refused naming the field, and the stored entry is unchanged', async () => {
      const rep = await signUp(t.app);
      const contactId = await pushNewContact(rep);
      const replica = new MemoryReplica(rep.deviceId);
      const id = newId();
      const entry = {
        id,
        createdAt: t.clock.now,
        updatedAt: t.clock.now,
        deletedAt: null,
        ownerId: rep.userId,
        teamId: null,
        visibility: 'private' as const,
        schemaVersion: SCHEMA_VERSION,
        contactId,
        occurredAt: t.clock.now,
        points: 300,
        reason: '推荐新客户奖励',
      };
      replica.write('loyalty', id, () => entry, t.clock.now);
      expect(await push(rep, replica, id, {})).toMatchObject({ status: 'applied' });

      for (const [field, value] of [
        ['points', 3000],
        ['reason', 'typo'],
        ['deletedAt', t.clock.now],
      ] as const) {
        const result = await push(rep, replica, id, { [field]: value });
        expect(result).toMatchObject({ status: 'rejected', code: 'immutable_field' });
        expect(result.status === 'rejected' && result.message).toMatch(new RegExp(`^${field} cannot change`));
      }
      const pulled = await expectJson<{ changes: { id: string; record: Record<string, unknown> }[] }>(
        rep.call('GET', '/v1/sync/pull'),
        200,
      );
      expect(pulled.changes.find((c) => c.id === id)?.record).toMatchObject({
        points: 300,
        reason: '推荐新客户奖励',
        deletedAt: null,
      });
    });
  });
}
