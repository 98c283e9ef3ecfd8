// Assigning a customer to a teammate (contacts' `assigneeId`, docs/sync-protocol.md §4 and §8): an
// ordinary synced field, accepted only when the assignee may read the record; ownerId stays immutable.
import { MemoryReplica, newId, type PullResponse, type PushResponse } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { type Caller, contactOf, expectJson, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('assigning customers', backend), () => {
    const t = useTestApp(backend);

    /** A team of an owner, an admin, a member and a viewer, and someone from outside. */
    async function team() {
      const owner = await signUp(t.app);
      const { id } = await expectJson(owner.call('POST', '/v1/teams', { name: 'Sales East' }), 201);
      const join = async (role: string) => {
        const invite = await expectJson(owner.call('POST', `/v1/teams/${id}/invites`, { role }), 201);
        return signUp(t.app, { inviteCode: invite.code });
      };
      return {
        teamId: id as string,
        owner,
        admin: await join('admin'),
        member: await join('member'),
        viewer: await join('viewer'),
        outsider: await signUp(t.app),
      };
    }

    /** Pushes one write of `fields` on top of `rowId` (or a new contact) from `device`; returns the result. */
    async function push(
      device: Caller,
      replica: MemoryReplica,
      rowId: string,
      fields: Record<string, unknown>,
    ) {
      replica.write(
        'contacts',
        rowId,
        (current) => ({ ...(current ?? contactOf(device, { displayName: '李雷' })), ...fields }),
        t.clock.now,
      );
      const request = replica.pushRequest()!;
      const response = await expectJson<PushResponse>(device.call('POST', '/v1/sync/push', request), 200);
      replica.applyPushResponse(request, response, t.clock.now);
      return response.results.at(-1)!;
    }

    const pullAll = (device: Caller) => expectJson<PullResponse>(device.call('GET', '/v1/sync/pull'), 200);

    test('the owner assigns a shared customer to a member: it syncs, the member sees it and ownerId stays', async () => {
      const { teamId, owner, member } = await team();
      const replica = new MemoryReplica(owner.deviceId);
      const id = newId();
      expect(await push(owner, replica, id, { teamId, visibility: 'team' })).toMatchObject({
        status: 'applied',
      });
      expect(await push(owner, replica, id, { assigneeId: member.userId })).toMatchObject({
        status: 'applied',
      });
      const seen = (await pullAll(member)).changes.find((c) => c.id === id);
      expect(seen).toMatchObject({
        kind: 'upsert',
        record: { assigneeId: member.userId, ownerId: owner.userId },
      });
      // The assignee works on it as a member of the team may, and can hand it back (null = the owner).
      const mine = new MemoryReplica(member.deviceId);
      mine.applyPullResponse(await pullAll(member), t.clock.now);
      expect(await push(member, mine, id, { assigneeId: null, title: 'Buyer' })).toMatchObject({
        status: 'applied',
      });
      expect((await pullAll(owner)).changes.find((c) => c.id === id)).toMatchObject({
        record: { assigneeId: null, title: 'Buyer', ownerId: owner.userId },
      });
    });

    test('refused, naming assigneeId: an outsider, a viewer, anyone on a record without a team, a member on a private record', async () => {
      const { teamId, owner, admin, viewer, member, outsider } = await team();
      const replica = new MemoryReplica(owner.deviceId);
      const shared = newId();
      await push(owner, replica, shared, { teamId, visibility: 'team' });
      const outside = await push(owner, replica, shared, { assigneeId: outsider.userId });
      expect(outside).toMatchObject({ status: 'rejected', code: 'forbidden' });
      expect(outside.status === 'rejected' && outside.message).toBe(
        `assigneeId: user ${outsider.userId} is not a member of team ${teamId}`,
      );
      expect(await push(owner, replica, shared, { assigneeId: viewer.userId })).toMatchObject({
        status: 'rejected',
        code: 'forbidden',
        message: expect.stringContaining('is a viewer'),
      });
      expect(await push(owner, replica, shared, { assigneeId: 'not-a-user' })).toMatchObject({
        status: 'rejected',
        message: expect.stringContaining('assigneeId: user not-a-user is not a member'),
      });

      const solo = newId();
      await push(owner, replica, solo, {});
      expect(await push(owner, replica, solo, { assigneeId: member.userId })).toMatchObject({
        status: 'rejected',
        message: expect.stringContaining('without a team can only be assigned to its owner'),
      });
      // Assigning to the owner is always allowed.
      expect(await push(owner, replica, solo, { assigneeId: owner.userId })).toMatchObject({
        status: 'applied',
      });

      const secret = newId();
      await push(owner, replica, secret, { teamId, visibility: 'private' });
      expect(await push(owner, replica, secret, { assigneeId: member.userId })).toMatchObject({
        status: 'rejected',
        message: expect.stringContaining('cannot see this private record'),
      });
      // Admins read every record of the team, so a private one may be theirs to handle.
      expect(await push(owner, replica, secret, { assigneeId: admin.userId })).toMatchObject({
        status: 'applied',
      });
      // Making an assigned shared record private would hide it from its assignee: refused too.
      const assigned = newId();
      await push(owner, replica, assigned, { teamId, visibility: 'team', assigneeId: member.userId });
      expect(await push(owner, replica, assigned, { visibility: 'private' })).toMatchObject({
        status: 'rejected',
        message: expect.stringContaining('cannot see this private record'),
      });
      // The refused values are in the conflict log; the rows kept the server's state.
      const log = await expectJson(owner.call('GET', `/v1/records/contacts/${shared}/conflicts`), 200);
      expect(JSON.stringify(log)).toContain(outsider.userId);
      const rows = (await pullAll(owner)).changes;
      expect(rows.find((c) => c.id === shared)).toMatchObject({ record: { assigneeId: null } });
      expect(rows.find((c) => c.id === assigned)).toMatchObject({ record: { visibility: 'team' } });
    });

    test('an edit of a record whose assignee has left the team is still accepted', async () => {
      const { teamId, owner, member } = await team();
      const replica = new MemoryReplica(owner.deviceId);
      const id = newId();
      await push(owner, replica, id, { teamId, visibility: 'team', assigneeId: member.userId });
      await expectJson(member.call('POST', `/v1/teams/${teamId}/leave`), 200);
      expect(await push(owner, replica, id, { title: 'Director' })).toMatchObject({ status: 'applied' });
    });

    test('ownerId stays immutable: changing it is refused with immutable_field', async () => {
      const { owner, member } = await team();
      const replica = new MemoryReplica(owner.deviceId);
      const id = newId();
      await push(owner, replica, id, {});
      expect(await push(owner, replica, id, { ownerId: member.userId })).toMatchObject({
        status: 'rejected',
        code: 'immutable_field',
      });
    });
  });
}
