// Property: whatever the network does (reordered, duplicated and dropped requests and responses,
// partitions), however wrong the device clocks are (hours) and however rights change, once everyone is back online and has
// synced, every replica equals the server, and every write the server acknowledged is either in the
// data, recorded in the conflict log, or replaced by a later write of the same device.
import {
  MemoryReplica,
  type Mutation,
  newId,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  rowKey,
  sameValue,
  UNLOGGED_FIELDS,
} from '@keepcard/shared';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Caller, contactOf, expectJson, signIn, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

const HOUR = 3_600_000;

const Action = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      device: fc.nat(4),
      shared: fc.boolean(),
      name: fc.nat(3),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      device: fc.nat(4),
      row: fc.nat(20),
      field: fc.constantFrom('displayName', 'title', 'tags', 'visibility'),
      value: fc.nat(3),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), device: fc.nat(4), row: fc.nat(20) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device: fc.nat(4),
      fate: fc.constantFrom('deliver', 'drop-request', 'drop-response', 'duplicate', 'delay'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('late' as const),
      pick: fc.nat(10),
      dropResponse: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pull' as const),
      device: fc.nat(4),
      dropResponse: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), device: fc.nat(4) }) },
  // Rights change under the devices' feet: admins see the team's private records, members do not.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('role' as const), admin: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 120_000 }) }),
  },
);

const Scenario = fc.record({
  skewsHours: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 5 }),
  actions: fc.array(Action, { minLength: 20, maxLength: 70 }),
});
type Scenario = typeof Scenario extends fc.Arbitrary<infer S> ? S : never;

interface Device {
  caller: Caller;
  replica: MemoryReplica;
  skew: number;
  offline: boolean;
}

const values = {
  displayName: ['Wang Wei', '王伟', 'Li Na', 'Zhang San'],
  title: ['CEO', 'CTO', 'Buyer', 'Owner'],
  tags: [[], ['vip'], ['tea', 'vip'], ['lead']],
  visibility: ['team', 'private', 'team', 'private'],
} as const;

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('convergence', backend), () => {
    const t = useTestApp(backend);

    test('replicas converge to the server and no acknowledged write vanishes', {
      timeout: 480_000,
    }, async () => {
      await fc.assert(
        fc.asyncProperty(Scenario, async (scenario) => {
          await runScenario(t, scenario);
        }),
        // A loaded CI machine runs fewer scenarios rather than time out; CONVERGENCE_RUNS asks for more.
        {
          numRuns: Number(process.env.CONVERGENCE_RUNS ?? 12),
          endOnFailure: true,
          interruptAfterTimeLimit: 180_000,
          markInterruptAsFailure: false,
        },
      );
    });
  });
}

async function runScenario(
  { app, clock, storage }: ReturnType<typeof useTestApp>,
  { skewsHours, actions }: Scenario,
) {
  // Two users in one team; devices alternate between them.
  const owner = await signUp(app);
  const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'Sales' }), 201);
  const { code } = await expectJson(
    owner.call('POST', `/v1/teams/${team.id}/invites`, { role: 'member' }),
    201,
  );
  const mate = await signUp(app, { inviteCode: code });
  const users = [owner, mate];
  const devices: Device[] = [];
  for (const [i, hours] of skewsHours.entries()) {
    const caller = i < 2 ? users[i]! : await signIn(app, users[i % 2]!.email);
    devices.push({ caller, replica: new MemoryReplica(caller.deviceId), skew: hours * HOUR, offline: false });
  }
  const deviceNow = (d: Device) => clock.now + d.skew;
  const acknowledged = new Map<string, Mutation>();
  const rejected = new Map<string, Mutation>();
  const late: { device: Device; request: PushRequest }[] = [];

  const send = async (d: Device, request: PushRequest) => {
    const response = await expectJson<PushResponse>(d.caller.call('POST', '/v1/sync/push', request), 200);
    for (const result of response.results) {
      const mutation = request.mutations.find((m) => m.mutationId === result.mutationId)!;
      (result.status === 'rejected' ? rejected : acknowledged).set(mutation.mutationId, mutation);
    }
    return response;
  };
  const pullPage = async (d: Device, dropResponse = false) => {
    const query = new URLSearchParams({ limit: '4', ...(d.replica.cursor && { cursor: d.replica.cursor }) });
    const res = await d.caller.call('GET', `/v1/sync/pull?${query}`);
    if (res.status === 410) {
      await res.body?.cancel();
      if (!dropResponse) d.replica.cursorExpired();
      return true;
    }
    const page = await expectJson<PullResponse>(res, 200);
    if (!dropResponse) d.replica.applyPullResponse(page, deviceNow(d));
    return page.hasMore || page.changes.length > 0;
  };
  const rowOf = (d: Device, n: number) => {
    const keys = [...d.replica.liveRecords().keys()];
    return keys.length ? keys[n % keys.length]!.split('/')[1]! : null;
  };

  for (const action of actions) {
    const d = devices['device' in action ? action.device % devices.length : 0]!;
    const now = deviceNow(d);
    switch (action.kind) {
      case 'create':
        d.replica.write(
          'contacts',
          newId(),
          () =>
            contactOf(d.caller, {
              createdAt: now,
              updatedAt: now,
              teamId: team.id,
              visibility: action.shared ? 'team' : 'private',
              displayName: values.displayName[action.name]!,
            }),
          now,
        );
        break;
      case 'update':
      case 'delete': {
        const id = rowOf(d, action.row);
        if (!id) break;
        const change =
          action.kind === 'delete'
            ? { deletedAt: now }
            : { [action.field]: values[action.field][action.value] };
        d.replica.write('contacts', id, (current) => ({ ...current!, ...change, updatedAt: now }), now);
        break;
      }
      case 'push': {
        const request = d.offline ? null : d.replica.pushRequest({ maxMutations: 5 });
        if (!request || action.fate === 'drop-request') break;
        if (action.fate === 'delay') {
          late.push({ device: d, request });
          break;
        }
        const response = await send(d, request);
        if (action.fate === 'duplicate') await send(d, request);
        if (action.fate !== 'drop-response') d.replica.applyPushResponse(request, response, now);
        break;
      }
      case 'late': {
        // A request held up in the network arrives now, out of order with later ones.
        const [held] = late.splice(action.pick % Math.max(1, late.length), 1);
        if (!held) break;
        const response = await send(held.device, held.request);
        if (!action.dropResponse)
          held.device.replica.applyPushResponse(held.request, response, deviceNow(held.device));
        break;
      }
      case 'pull':
        if (!d.offline) await pullPage(d, action.dropResponse);
        break;
      case 'partition':
        d.offline = !d.offline;
        break;
      case 'role':
        await expectJson(
          owner.call('PATCH', `/v1/teams/${team.id}/members/${mate.userId}`, {
            role: action.admin ? 'admin' : 'member',
          }),
          200,
        );
        break;
      case 'tick':
        clock.now += action.ms;
        break;
    }
  }

  // The network heals: held requests arrive, then everyone syncs until nothing moves.
  for (const held of late) await send(held.device, held.request);
  for (let round = 0; round < 20; round += 1) {
    let moved = false;
    for (const d of devices) {
      d.offline = false;
      for (let request = d.replica.pushRequest(); request; request = d.replica.pushRequest()) {
        d.replica.applyPushResponse(request, await send(d, request), deviceNow(d));
        moved = true;
      }
      while (await pullPage(d)) moved = true;
    }
    if (!moved) break;
  }

  // 1. Every replica equals what a fresh device of the same user pulls from the server.
  for (const user of users) {
    const caller = await signIn(app, user.email);
    const auditor = new MemoryReplica(caller.deviceId);
    for (;;) {
      const query = new URLSearchParams(auditor.cursor ? { cursor: auditor.cursor } : {});
      const page = await expectJson<PullResponse>(caller.call('GET', `/v1/sync/pull?${query}`), 200);
      auditor.applyPullResponse(page, clock.now);
      if (!page.hasMore) break;
    }
    for (const d of devices.filter((x) => x.caller.userId === user.userId)) {
      expect(d.replica.outbox).toEqual([]);
      expect(d.replica.liveRecords()).toEqual(auditor.liveRecords());
    }
  }

  // 2. No acknowledged write vanished: present, logged, or replaced by the same device's later write.
  // Read from the database itself: tombstones keep their data there, and the log is complete.
  const ids = [...new Set([...acknowledged.values(), ...rejected.values()].map((m) => m.rowId))];
  const rows = await storage.query<{ id: string; data: Record<string, unknown> }>(
    `SELECT id, data FROM records WHERE table_name = 'contacts' AND id = ANY($1::uuid[])`,
    [ids],
  );
  const stored = new Map(rows.map((row) => [rowKey('contacts', row.id), row.data]));
  const conflicts = await storage.query<{
    row_id: string;
    field: string;
    value: unknown;
    hlc: string;
    reason: string;
    mutation_id: string;
  }>(
    'SELECT row_id, field, value, hlc, reason, mutation_id FROM sync_conflicts WHERE row_id = ANY($1::uuid[])',
    [ids],
  );
  const all = [...acknowledged.values()];
  for (const m of all) {
    for (const [field, { value }] of Object.entries(m.fields)) {
      if (UNLOGGED_FIELDS.has(field)) continue;
      const present = sameValue(stored.get(rowKey(m.table, m.rowId))?.[field], value);
      const logged = conflicts.some(
        (c) =>
          c.row_id === m.rowId &&
          c.field === field &&
          sameValue(c.value, value ?? null) &&
          c.hlc.endsWith(m.deviceId),
      );
      const replaced = all.some(
        (later) =>
          later.deviceId === m.deviceId &&
          later.rowId === m.rowId &&
          later.seq > m.seq &&
          field in later.fields,
      );
      if (!(present || logged || replaced)) {
        throw new Error(
          `acknowledged ${field}=${JSON.stringify(value)} of mutation ${m.mutationId} vanished`,
        );
      }
    }
  }
  for (const m of rejected.values()) {
    for (const field of Object.keys(m.fields)) {
      expect(
        conflicts.some((c) => c.mutation_id === m.mutationId && c.field === field && c.reason === 'rejected'),
      ).toBe(true);
    }
  }
}
