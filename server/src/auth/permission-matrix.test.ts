// Every endpoint × every kind of caller: who is allowed, who is refused, and how. Team roles
// (owner, admin, member, viewer), a member of another team, a revoked device and no token at all.
import { encodeHlc, newId, type PullResponse, type PushResponse } from '@keepcard/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type Caller,
  contactOf,
  expectJson,
  request,
  signIn,
  signUp,
  type TestApp,
  testApp,
} from '../testing/test-app';
import { backendTitle, type OpenedStorage, testBackends } from '../testing/test-storage';

const WHO = ['owner', 'admin', 'member', 'viewer', 'outsider', 'revoked', 'anonymous'] as const;
type Who = (typeof WHO)[number];
type TeamRole = 'owner' | 'admin' | 'member' | 'viewer';
/** An HTTP status, or a push result for the one mutation sent. */
type Outcome = number | 'applied' | 'forbidden';

interface Fixture {
  app: TestApp;
  team: string;
  callers: Record<Exclude<Who, 'anonymous'>, Caller>;
  /** A contact of the member shared with the team, and one of the owner private to the team's admins. */
  rows: { shared: string; ownerPrivate: string };
  /** A new user holding `role` in the team. */
  newMember(role: TeamRole): Promise<Caller>;
  /** A new caller of the same kind, for cases that use the caller up (revoked and anonymous stay as they are). */
  fresh(who: Who, as: Caller | null): Promise<Caller | null>;
  invite(role: TeamRole): Promise<string>;
}

const contact = (ownerId: string, teamId: string | null, visibility: 'team' | 'private') =>
  contactOf({ userId: ownerId }, { teamId, visibility });

let seq = 1000;
/** Pushes one mutation (a create when `record`, else a title change of `rowId`) and returns its result. */
async function push(caller: Caller, rowId: string, record?: Record<string, unknown>): Promise<Outcome> {
  const hlc = encodeHlc({ ms: Date.now(), counter: 0, node: caller.deviceId });
  const values = record ?? { title: `edited by ${caller.email}` };
  const mutation = {
    mutationId: newId(),
    deviceId: caller.deviceId,
    seq: seq++,
    table: 'contacts',
    rowId,
    fields: Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { value, hlc }])),
  };
  const res = await caller.call('POST', '/v1/sync/push', { mutations: [mutation] });
  if (res.status !== 200) return res.status;
  const [result] = ((await res.json()) as PushResponse).results;
  return result!.status === 'rejected' ? (result!.code as 'forbidden') : 'applied';
}

/** What a pull from the start returns, as names of the fixture's rows. */
async function pulled(f: Fixture, caller: Caller): Promise<Outcome | string> {
  const res = await caller.call('GET', '/v1/sync/pull');
  if (res.status !== 200) return res.status;
  const { changes } = (await res.json()) as PullResponse;
  const names = Object.entries(f.rows).filter(([, id]) =>
    changes.some((c) => c.id === id && c.kind === 'upsert'),
  );
  return names.map(([name]) => name).join('+') || 'none';
}

type Case = [
  name: string,
  run: (f: Fixture, who: Who, as: Caller | null) => Promise<Outcome | string>,
  expected: Record<Who, Outcome | string>,
];

const call = (f: Fixture, as: Caller | null, method: string, path: string, body?: unknown) =>
  as ? as.call(method, path, body) : request(f.app, method, path, body);
const status = async (res: Promise<Response>) => (await res).status;
const all = (
  outcome: Outcome | string,
  revoked: Outcome = 401,
  anonymous: Outcome = 401,
): Record<Who, Outcome | string> => ({
  owner: outcome,
  admin: outcome,
  member: outcome,
  viewer: outcome,
  outsider: outcome,
  revoked,
  anonymous,
});

const CASES: Case[] = [
  // Public endpoints answer everyone, a revoked token included (it is not even looked at).
  ['GET /v1/info', (f, _, as) => status(call(f, as, 'GET', '/v1/info')), all(200, 200, 200)],
  ['GET /v1/openapi.json', (f, _, as) => status(call(f, as, 'GET', '/v1/openapi.json')), all(200, 200, 200)],
  [
    'POST /v1/records/{table}/validate',
    (f, _, as) => status(call(f, as, 'POST', '/v1/records/contacts/validate', { records: [] })),
    all(200, 200, 200),
  ],
  [
    'POST /v1/auth/signup',
    (f, _, as) =>
      status(
        call(f, as, 'POST', '/v1/auth/signup', {
          email: `${newId()}@example.com`,
          password: 'long enough password',
          deviceId: newId(),
          deviceName: 'x',
        }),
      ),
    all(201, 201, 201),
  ],
  [
    'POST /v1/auth/login (wrong password)',
    (f, _, as) =>
      status(
        call(f, as, 'POST', '/v1/auth/login', {
          email: 'nobody@example.com',
          password: 'wrong password!',
          deviceId: newId(),
          deviceName: 'x',
        }),
      ),
    all(401, 401, 401),
  ],
  // The caller's own account.
  ['GET /v1/me', (f, _, as) => status(call(f, as, 'GET', '/v1/me')), all(200)],
  ['GET /v1/me/devices', (f, _, as) => status(call(f, as, 'GET', '/v1/me/devices')), all(200)],
  [
    "DELETE /v1/me/devices/{deviceId} of another user's device",
    (f, _, as) => status(call(f, as, 'DELETE', `/v1/me/devices/${f.callers.owner.deviceId}`)),
    { ...all(404), owner: 'skip' },
  ],
  [
    'DELETE /v1/me/devices/{deviceId} of an own second device',
    async (f, who, as) => {
      const other =
        who === 'anonymous' || who === 'revoked' ? f.callers.member : await signIn(f.app, as!.email);
      return status(call(f, as, 'DELETE', `/v1/me/devices/${other.deviceId}`));
    },
    all(200),
  ],
  [
    'POST /v1/auth/logout (on a fresh device of the caller)',
    async (f, who, as) =>
      status(
        call(f, who === 'revoked' || !as ? as : await signIn(f.app, as.email), 'POST', '/v1/auth/logout'),
      ),
    all(200),
  ],
  [
    'POST /v1/auth/logout-all (as a fresh user of that kind)',
    async (f, who, as) => status(call(f, await f.fresh(who, as), 'POST', '/v1/auth/logout-all')),
    all(200),
  ],
  // Teams.
  ['POST /v1/teams', (f, _, as) => status(call(f, as, 'POST', '/v1/teams', { name: 'Own team' })), all(201)],
  [
    'GET /v1/teams/{teamId}',
    (f, _, as) => status(call(f, as, 'GET', `/v1/teams/${f.team}`)),
    { ...all(200), outsider: 404 },
  ],
  [
    'POST /v1/teams/{teamId}/invites as member',
    (f, _, as) => status(call(f, as, 'POST', `/v1/teams/${f.team}/invites`, { role: 'member' })),
    { ...all(403), owner: 201, admin: 201, outsider: 404 },
  ],
  [
    'POST /v1/teams/{teamId}/invites as admin',
    (f, _, as) => status(call(f, as, 'POST', `/v1/teams/${f.team}/invites`, { role: 'admin' })),
    { ...all(403), owner: 201, outsider: 404 },
  ],
  [
    'POST /v1/teams/join with a fresh code',
    // A fresh outsider: the fixture's one must stay out of the team.
    async (f, who, as) => {
      const caller = who === 'outsider' ? await f.fresh(who, as) : as;
      return status(call(f, caller, 'POST', '/v1/teams/join', { code: await f.invite('viewer') }));
    },
    { ...all(409), outsider: 200 }, // team members are members already
  ],
  [
    'POST /v1/teams/{teamId}/leave (as a fresh member of that role; the owner is the last one)',
    async (f, who, as) =>
      status(call(f, who === 'owner' ? as : await f.fresh(who, as), 'POST', `/v1/teams/${f.team}/leave`)),
    { ...all(200), owner: 409, outsider: 404 },
  ],
  [
    'DELETE /v1/teams/{teamId}/members/{memberId}',
    async (f, _, as) =>
      status(call(f, as, 'DELETE', `/v1/teams/${f.team}/members/${(await f.newMember('member')).userId}`)),
    { ...all(403), owner: 200, admin: 200, outsider: 404 },
  ],
  [
    'DELETE /v1/teams/{teamId}/members/{adminId}',
    async (f, _, as) =>
      status(call(f, as, 'DELETE', `/v1/teams/${f.team}/members/${(await f.newMember('admin')).userId}`)),
    { ...all(403), owner: 200, outsider: 404 },
  ],
  [
    'PATCH /v1/teams/{teamId}/members/{memberId} to viewer',
    async (f, _, as) =>
      status(
        call(f, as, 'PATCH', `/v1/teams/${f.team}/members/${(await f.newMember('member')).userId}`, {
          role: 'viewer',
        }),
      ),
    { ...all(403), owner: 200, admin: 200, outsider: 404 },
  ],
  [
    'PATCH /v1/teams/{teamId}/members/{memberId} to admin',
    async (f, _, as) =>
      status(
        call(f, as, 'PATCH', `/v1/teams/${f.team}/members/${(await f.newMember('member')).userId}`, {
          role: 'admin',
        }),
      ),
    { ...all(403), owner: 200, outsider: 404 },
  ],
  // Records: reads go through the one visibility rule.
  [
    'GET /v1/records/{table}/{id} (the shared contact)',
    (f, _, as) => status(call(f, as, 'GET', `/v1/records/contacts/${f.rows.shared}`)),
    { ...all(200), outsider: 404 },
  ],
  [
    'GET /v1/records/{table}/{id} (the owner-private contact)',
    (f, _, as) => status(call(f, as, 'GET', `/v1/records/contacts/${f.rows.ownerPrivate}`)),
    { ...all(404), owner: 200, admin: 200 },
  ],
  [
    'GET /v1/records/{table}/{id}/conflicts (the shared contact)',
    (f, _, as) => status(call(f, as, 'GET', `/v1/records/contacts/${f.rows.shared}/conflicts`)),
    { ...all(200), outsider: 404 },
  ],
  [
    'GET /v1/records/{table}/{id}/conflicts (the owner-private contact)',
    (f, _, as) => status(call(f, as, 'GET', `/v1/records/contacts/${f.rows.ownerPrivate}/conflicts`)),
    { ...all(404), owner: 200, admin: 200 },
  ],
  // Sync: pulls are filtered, pushes checked per mutation.
  [
    'GET /v1/sync/pull (which rows arrive)',
    (f, _, as) => (as ? pulled(f, as) : status(call(f, as, 'GET', '/v1/sync/pull'))),
    {
      owner: 'shared+ownerPrivate',
      admin: 'shared+ownerPrivate',
      member: 'shared',
      viewer: 'shared',
      outsider: 'none',
      revoked: 401,
      anonymous: 401,
    },
  ],
  [
    'POST /v1/sync/push: edit the shared record',
    (f, _, as) => (as ? push(as, f.rows.shared) : status(call(f, as, 'POST', '/v1/sync/push', {}))),
    { ...all('applied'), viewer: 'forbidden', outsider: 'forbidden' },
  ],
  [
    'POST /v1/sync/push: edit the owner-private record',
    (f, _, as) => (as ? push(as, f.rows.ownerPrivate) : status(call(f, as, 'POST', '/v1/sync/push', {}))),
    { ...all('forbidden'), owner: 'applied', admin: 'applied' },
  ],
  [
    'POST /v1/sync/push: create a record shared with the team',
    (f, _, as) => {
      const record = contact(as?.userId ?? 'x', f.team, 'team');
      return as ? push(as, record.id, record) : status(call(f, as, 'POST', '/v1/sync/push', {}));
    },
    { ...all('applied'), viewer: 'forbidden', outsider: 'forbidden' },
  ],
  [
    'POST /v1/sync/push: create an own private record',
    (f, _, as) => {
      const record = contact(as?.userId ?? 'x', null, 'private');
      return as ? push(as, record.id, record) : status(call(f, as, 'POST', '/v1/sync/push', {}));
    },
    all('applied'),
  ],
  [
    'POST /v1/sync/push: create a record owned by someone else',
    (f, _, as) => {
      const record = contact(
        f.callers.owner.userId === as?.userId ? f.callers.member.userId : f.callers.owner.userId,
        null,
        'private',
      );
      return as ? push(as, record.id, record) : status(call(f, as, 'POST', '/v1/sync/push', {}));
    },
    all('forbidden'),
  ],
  [
    'GET /v1/sync/live',
    async (f, _, as) => {
      const res = await call(f, as, 'GET', '/v1/sync/live');
      await res.body?.cancel();
      return res.status;
    },
    all(200),
  ],
];

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('permission matrix', backend), () => {
    let opened: OpenedStorage;
    const f = {} as Fixture;

    beforeAll(async () => {
      opened = await backend.open();
      await opened.storage.migrate();
      const { app } = testApp(opened.storage);
      const owner = await signUp(app);
      const team = await expectJson(owner.call('POST', '/v1/teams', { name: 'East' }), 201);
      const invite = async (role: TeamRole) =>
        (await expectJson(owner.call('POST', `/v1/teams/${team.id}/invites`, { role }), 201)).code as string;
      const newMember = async (role: TeamRole) => signUp(app, { inviteCode: await invite(role) });
      const outsider = await signUp(app);
      await expectJson(outsider.call('POST', '/v1/teams', { name: 'West' }), 201);
      const member = await newMember('member');
      const revoked = await signIn(app, member.email);
      await expectJson(revoked.call('POST', '/v1/auth/logout'), 200);
      // A fresh owner owns a team of their own: a second owner of the fixture's team would change the cases.
      const fresh = async (who: Who, as: Caller | null): Promise<Caller | null> => {
        if (who === 'revoked' || who === 'anonymous') return as;
        if (who !== 'owner' && who !== 'outsider') return newMember(who);
        const user = await signUp(app);
        if (who === 'owner') await expectJson(user.call('POST', '/v1/teams', { name: 'Elsewhere' }), 201);
        return user;
      };
      Object.assign(f, {
        fresh,
        app,
        team: team.id,
        callers: {
          owner,
          admin: await newMember('admin'),
          member,
          viewer: await newMember('viewer'),
          outsider,
          revoked,
        },
        invite,
        newMember,
      });
      const shared = contact(member.userId, team.id, 'team');
      const ownerPrivate = contact(owner.userId, team.id, 'private');
      expect(await push(member, shared.id, shared)).toBe('applied');
      expect(await push(owner, ownerPrivate.id, ownerPrivate)).toBe('applied');
      f.rows = { shared: shared.id, ownerPrivate: ownerPrivate.id };
    });
    afterAll(() => opened?.dispose());

    describe.each(CASES)('%s', (_, run, expected) => {
      test.each(WHO.filter((who) => expected[who] !== 'skip'))('as %s', async (who) => {
        const as = who === 'anonymous' ? null : f.callers[who];
        expect(await run(f, who, as)).toBe(expected[who]);
      });
    });

    test('every route of the app is in the matrix', () => {
      const canonical = (route: string) => route.replace(/\{\w+\}|:\w+/g, '{}');
      const covered = new Set(
        CASES.map(([name]) => canonical(name.split(' ').slice(0, 2).join(' ').replace(/:$/, ''))),
      );
      const routes = f.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1'))
        .map((r) => canonical(`${r.method} ${r.path}`));
      expect([...new Set(routes)].filter((route) => !covered.has(route))).toEqual([]);
    });
  });
}
