// The extension's engine against the real server app, in process (PGlite in memory), through a fetch
// shim: what the engine writes is what the Dexie repository stores, what it sends is what the server checks.
import { newId, type PullResponse, retryDelayMs } from '@keepcard/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPgliteStorage } from '../../../server/src/storage/pglite-storage';
import type { Storage } from '../../../server/src/storage/storage';
import {
  asCaller,
  expectJson,
  signUp,
  type TestApp,
  type TestClock,
  testApp,
} from '../../../server/src/testing/test-app';
import { assignContacts } from '../db/bulk-repo';
import type { KeepcardDB } from '../db/db';
import { createRecord, createRecords, updateRecord, type WriteContext } from '../db/records-repo';
import { getLocalActor } from '../db/settings-repo';
import { pendingCount, readDevice, readPullPosition } from '../db/sync-repo';
import { readSession, readStatus } from '../db/sync-settings-repo';
import { freshDb } from '../db/test-db';
import { LiveStream } from './live-stream';
import { setServerUrl, signIn, signOut, teammates } from './sync-account';
import { SyncEngine } from './sync-engine';

const SERVER = 'https://keepcard.test';
const PASSWORD = 'correct horse battery';

let storage: Storage;
let app: TestApp;
let clock: TestClock;

beforeAll(async () => {
  storage = await openPgliteStorage();
  await storage.migrate();
  ({ app, clock } = testApp(storage));
});
afterAll(() => storage?.close());

/** How a device reaches the server; tests swap it to fail, cut or rewrite answers. */
type Shim = (request: Request, next: () => Promise<Response>) => Promise<Response>;

interface Device {
  db: KeepcardDB;
  engine: SyncEngine;
  online: boolean;
  shim: Shim | null;
  fetch: typeof fetch;
  wakes: number[];
  /** A write context as the rep's actor (the local profile before sign-in, the user after). */
  ctx(): Promise<WriteContext>;
}

function device(options: { pullLimit?: number } = {}): Device {
  const { db } = freshDb();
  const d = {
    db,
    online: true,
    shim: null as Shim | null,
    wakes: [] as number[],
  } as Device;
  d.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!d.online) throw new TypeError('Failed to fetch');
    const request = new Request(input, init);
    const next = () => Promise.resolve(app.request(request));
    return d.shim ? d.shim(request, next) : next();
  }) as typeof fetch;
  d.engine = new SyncEngine({
    db,
    fetch: d.fetch,
    now: () => clock.now,
    random: () => 0.5,
    isOnline: () => d.online,
    wakeAt: (at) => d.wakes.push(at),
    pullLimit: options.pullLimit ?? 1000,
  });
  d.ctx = async () => ({ actor: await getLocalActor(db), now: clock.now, db });
  return d;
}

let emails = 0;
async function signedIn(d: Device, mode: 'sign-in' | 'sign-up', email: string) {
  expect(await setServerUrl(SERVER, { db: d.db })).toEqual({ ok: true });
  const result = await signIn(
    { mode, email, password: PASSWORD, deviceName: 'Test browser' },
    { db: d.db, fetch: d.fetch, now: () => clock.now },
  );
  expect(result).toEqual({ ok: true });
}

async function pair(options: { pullLimit?: number } = {}) {
  const email = `rep${++emails}-${newId().slice(-6)}@example.com`;
  const a = device(options);
  const b = device(options);
  await signedIn(a, 'sign-up', email);
  await signedIn(b, 'sign-in', email);
  return { a, b, email };
}

const names = async (db: KeepcardDB) =>
  (await db.contacts.toArray())
    .filter((c) => c.deletedAt === null)
    .map((c) => c.displayName)
    .sort();

const live = async (db: KeepcardDB) =>
  (await db.contacts.toArray())
    .filter((c) => c.deletedAt === null)
    .map(({ localRev: _l, syncMeta: _s, ...record }) => record)
    .sort((x, y) => x.id.localeCompare(y.id));

describe('sync engine against the real server', () => {
  test('a contact made before sign-in becomes the user’s, reaches the other browser, and offline edits converge', async () => {
    const a = device();
    const before = await createRecord(
      'contacts',
      { displayName: '王小明', emails: [{ address: 'wang@example.cn' }], source: { kind: 'manual' } },
      await a.ctx(),
    );
    expect(before.ownerId).toMatch(/^local:/);
    const email = `rep-first-${newId().slice(-6)}@example.com`;
    await signedIn(a, 'sign-up', email);
    const status = await a.engine.sync();
    expect(status).toMatchObject({ state: 'idle', lastSyncAt: clock.now, error: null });
    expect(await pendingCount(a.db)).toBe(0);
    const userId = (await readSession(a.db)).user!.id;
    expect((await a.db.contacts.get(before.id))?.ownerId).toBe(userId);

    const b = device();
    await signedIn(b, 'sign-in', email);
    await b.engine.sync();
    expect(await names(b.db)).toEqual(['王小明']);
    expect((await b.db.contacts.get(before.id))?.emailKeys).toEqual(['wang@example.cn']);

    // Both offline: each edits; B edits the same field later (last writer wins) and another field.
    a.online = false;
    b.online = false;
    expect(await a.engine.sync()).toMatchObject({ state: 'offline' });
    await updateRecord('contacts', before.id, { title: 'Buyer', tags: ['vip'] }, await a.ctx());
    clock.now += 1000;
    await updateRecord('contacts', before.id, { title: 'CEO' }, await b.ctx());
    await createRecord('contacts', { displayName: 'Anna', source: { kind: 'manual' } }, await b.ctx());
    a.online = true;
    b.online = true;
    await a.engine.sync({ force: true });
    await b.engine.sync({ force: true });
    await a.engine.sync({ force: true });
    expect(await live(a.db)).toEqual(await live(b.db));
    expect(await a.db.contacts.get(before.id)).toMatchObject({ title: 'CEO', tags: ['vip'] });
    expect(await names(a.db)).toEqual(['Anna', '王小明']);
  });

  test('offline in the middle of a pull: pages before the cut are whole, the cut page is not applied, the next sync completes', async () => {
    const { a, b } = await pair({ pullLimit: 5 });
    const ctx = await a.ctx();
    await createRecords(
      'contacts',
      Array.from({ length: 12 }, (_, i) => ({
        displayName: `Customer ${String(i).padStart(2, '0')}`,
        source: { kind: 'import' as const },
      })),
      ctx,
    );
    await a.engine.sync();
    // The second page's body stops half-way: the connection dropped.
    let pulls = 0;
    let firstCursor: string | null = null;
    b.shim = async (request, next) => {
      const res = await next();
      if (!request.url.includes('/v1/sync/pull')) return res;
      pulls += 1;
      const text = await res.text();
      if (pulls === 1) firstCursor = (JSON.parse(text) as PullResponse).cursor;
      if (pulls !== 2) return new Response(text, { status: res.status, headers: res.headers });
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(text.slice(0, text.length / 2)));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(body, { status: 200, headers: res.headers });
    };
    const status = await b.engine.sync();
    expect(status).toMatchObject({ state: 'error', error: { code: 'network' }, attempt: 1 });
    expect(status.nextRetryAt).toBe(clock.now + retryDelayMs(0, 0.5));
    expect(b.wakes).toEqual([status.nextRetryAt]);
    expect(await names(b.db)).toEqual([
      'Customer 00',
      'Customer 01',
      'Customer 02',
      'Customer 03',
      'Customer 04',
    ]);
    expect((await readPullPosition(b.db)).cursor).toBe(firstCursor);

    b.shim = null;
    // Before the backoff ends an automatic run does nothing; "Sync now" (force) goes at once.
    expect(await b.engine.sync()).toMatchObject({ state: 'error', attempt: 1 });
    expect(await b.engine.sync({ force: true })).toMatchObject({
      state: 'idle',
      attempt: 0,
      nextRetryAt: null,
    });
    expect(await names(b.db)).toHaveLength(12);
  });

  test('the worker is stopped after sending a push (its answer is lost): the next one sends it again, applied once', async () => {
    const { a, b } = await pair();
    await createRecord('contacts', { displayName: 'Once', source: { kind: 'manual' } }, await a.ctx());
    a.shim = async (request, next) => {
      const res = await next();
      // The server committed the batch; the worker died before reading the answer.
      if (request.url.includes('/v1/sync/push')) throw new TypeError('Failed to fetch');
      return res;
    };
    expect(await a.engine.sync()).toMatchObject({ state: 'error', error: { code: 'network' } });
    expect(await pendingCount(a.db)).toBe(1);
    a.shim = null;
    // A new service worker: a new engine over the same database, nothing carried over in memory.
    const restarted = new SyncEngine({ db: a.db, fetch: a.fetch, now: () => clock.now, random: () => 0.5 });
    expect(await restarted.sync()).toMatchObject({ state: 'error' }); // still in backoff
    clock.now += 60_000;
    expect(await restarted.sync()).toMatchObject({ state: 'idle', attempt: 0 });
    expect(await pendingCount(a.db)).toBe(0);
    const deviceId = (await readDevice(a.db)).deviceId;
    const logged = await storage.query<{ n: number | string }>(
      'SELECT count(*) AS n FROM sync_mutations WHERE device_id = $1',
      [deviceId],
    );
    expect(Number(logged[0]!.n)).toBe(1);
    await b.engine.sync();
    expect(await names(b.db)).toEqual(['Once']);
  });

  test('backs off exponentially with jitter on 5xx, honours Retry-After on 429, and recovers', async () => {
    const { a } = await pair();
    await createRecord('contacts', { displayName: 'Queued', source: { kind: 'manual' } }, await a.ctx());
    a.shim = async (request, next) =>
      request.url.includes('/v1/sync/push')
        ? Response.json({ error: { code: 'unavailable', message: 'Database down' } }, { status: 503 })
        : next();
    const first = await a.engine.sync();
    expect(first).toMatchObject({
      state: 'error',
      error: { code: 'unavailable', message: 'Database down' },
      attempt: 1,
    });
    expect(first.nextRetryAt! - clock.now).toBe(retryDelayMs(0, 0.5));
    clock.now = first.nextRetryAt!;
    const second = await a.engine.sync();
    expect(second).toMatchObject({ attempt: 2 });
    expect(second.nextRetryAt! - clock.now).toBe(retryDelayMs(1, 0.5));
    expect(await pendingCount(a.db)).toBe(1);

    a.shim = async (request, next) =>
      request.url.includes('/v1/sync/push')
        ? Response.json(
            { error: { code: 'rate_limited', message: 'Slow down' } },
            { status: 429, headers: { 'retry-after': '30' } },
          )
        : next();
    clock.now = second.nextRetryAt!;
    const third = await a.engine.sync();
    expect(third.nextRetryAt! - clock.now).toBe(30_000);

    a.shim = null;
    clock.now = third.nextRetryAt!;
    expect(await a.engine.sync()).toMatchObject({ state: 'idle', attempt: 0 });
    expect(await pendingCount(a.db)).toBe(0);
  });

  test('a server that needs another schema version stops sync with a clear message, reading and writing nothing', async () => {
    const { a } = await pair();
    await createRecord('contacts', { displayName: 'Waits', source: { kind: 'manual' } }, await a.ctx());
    a.shim = async (request, next) =>
      new URL(request.url).pathname === '/v1/info'
        ? Response.json({
            version: '9',
            schemaVersion: 3,
            minClientSchemaVersion: 2,
            tables: [],
            storage: 'pglite',
          })
        : next();
    const status = await a.engine.sync();
    expect(status).toMatchObject({ state: 'update-needed', error: { code: 'schema_too_old' } });
    expect(status.error!.message).toMatch(/update the extension/);
    expect(await pendingCount(a.db)).toBe(1);
    // It stays stopped until the rep asks again (or the extension updates).
    expect(await a.engine.sync()).toMatchObject({ state: 'update-needed' });
  });

  test('a revoked device is signed out, keeps its data and queued changes', async () => {
    const { a, b } = await pair();
    await createRecord('contacts', { displayName: 'Mine', source: { kind: 'manual' } }, await a.ctx());
    const token = (await readSession(a.db)).token;
    // The device is revoked elsewhere ("sign out everywhere" from the other browser).
    const res = await app.request('/v1/auth/logout-all', {
      method: 'POST',
      headers: { authorization: `Bearer ${(await readSession(b.db)).token}` },
    });
    expect(res.status).toBe(200);
    const status = await a.engine.sync();
    expect(status).toMatchObject({ state: 'signed-out', error: { code: 'unauthorized' } });
    expect((await readSession(a.db)).token).toBeNull();
    expect(token).not.toBeNull();
    expect(await names(a.db)).toEqual(['Mine']);
    expect(await pendingCount(a.db)).toBe(1);
  });

  test('410 cursor_expired: refetches from the start and drops rows the server no longer has', async () => {
    const { a, b } = await pair();
    await createRecord('contacts', { displayName: 'Kept', source: { kind: 'manual' } }, await a.ctx());
    await a.engine.sync();
    await b.engine.sync();
    // A row B believes came from the server, but the server does not have (e.g. purged, or restored backup).
    const ghost = await createRecord(
      'contacts',
      { displayName: 'Ghost', source: { kind: 'manual' } },
      { ...(await b.ctx()), localOnly: true },
    );
    await b.db.contacts.update(ghost.id, { syncMeta: { version: 1, base: null, fields: {} } });
    let expired = false;
    b.shim = async (request, next) => {
      const url = new URL(request.url);
      if (url.pathname === '/v1/sync/pull' && url.searchParams.has('cursor') && !expired) {
        expired = true;
        return Response.json(
          { error: { code: 'cursor_expired', message: 'Deletions after this cursor were purged' } },
          { status: 410 },
        );
      }
      return next();
    };
    expect(await b.engine.sync()).toMatchObject({ state: 'idle' });
    expect(expired).toBe(true);
    expect(await names(b.db)).toEqual(['Kept']);
    expect(await readPullPosition(b.db)).toMatchObject({ refetch: null });
  });

  test('a change the server refuses is dropped from the outbox, the row goes back to the server’s state, the rep sees why', async () => {
    const { a } = await pair();
    const row = await createRecord(
      'contacts',
      { displayName: 'Owned', source: { kind: 'manual' } },
      await a.ctx(),
    );
    await a.engine.sync();
    // A record without a team can be assigned only to its owner (docs/sync-protocol.md §8): the
    // assignment is accepted offline, refused by the server, and reverts here.
    await assignContacts([row.id], 'someone-else', await a.ctx());
    expect((await a.db.contacts.get(row.id))?.assigneeId).toBe('someone-else');
    const status = await a.engine.sync();
    expect(status.state).toBe('idle');
    expect(status.rejected[0]).toMatchObject({ rowId: row.id, code: 'forbidden' });
    expect(status.rejected[0]?.message).toContain('assigneeId');
    const stored = await a.db.contacts.get(row.id);
    expect(stored?.assigneeId).toBeNull();
    expect(stored?.ownerId).toBe((await readSession(a.db)).user!.id);
    expect(await pendingCount(a.db)).toBe(0);
  });

  test('signing out keeps the data; another user can take the browser only once its changes are pushed', async () => {
    const { a, email } = await pair();
    await createRecord('contacts', { displayName: 'Unsent', source: { kind: 'manual' } }, await a.ctx());
    expect(await signOut({ db: a.db, fetch: a.fetch })).toEqual({ ok: true });
    expect(await a.engine.sync()).toMatchObject({ state: 'signed-out' });
    const other = await signIn(
      {
        mode: 'sign-up',
        email: `other-${newId().slice(-6)}@example.com`,
        password: PASSWORD,
        deviceName: 'x',
      },
      { db: a.db, fetch: a.fetch },
    );
    expect(other).toMatchObject({ ok: false, code: 'pending_changes' });
    expect(other.ok ? '' : other.message).toContain(email);
    await signedIn(a, 'sign-in', email);
    expect(await a.engine.sync()).toMatchObject({ state: 'idle' });
    expect(await pendingCount(a.db)).toBe(0);
  });

  test('another user signing in on this browser never sees the previous user’s data', async () => {
    const { a, email } = await pair();
    const ctx = await a.ctx();
    const [first] = await createRecords(
      'contacts',
      [{ displayName: '私人客户', emails: [{ address: 'private@example.cn' }], source: { kind: 'manual' } }],
      ctx,
    );
    await updateRecord('contacts', first!.id, { title: 'Buyer' }, await a.ctx());
    await a.db.segments.put({ id: newId(), name: 'Mine', filter: {}, createdAt: clock.now });
    // A birthday reminder of theirs, snoozed, and how far this browser checked their reminders.
    await a.db.reminderLedger.put({
      key: `birthday:${first!.id}@${clock.now}`,
      reminderId: `birthday:${first!.id}`,
      dueAt: clock.now + 3_600_000,
      state: 'scheduled',
      reminder: {} as never,
      firedAt: null,
    });
    await a.db.meta.put({ key: 'reminders.checkedUntil', value: clock.now });
    await a.engine.sync();
    expect(await pendingCount(a.db)).toBe(0);
    expect(await a.db.history.count()).toBeGreaterThan(0);
    const before = (await readDevice(a.db)).deviceId;
    expect(await signOut({ db: a.db, fetch: a.fetch })).toEqual({ ok: true });

    // The other user has a record of their own on the server.
    const other = `other-${newId().slice(-6)}@example.com`;
    const home = device();
    await signedIn(home, 'sign-up', other);
    await createRecord(
      'contacts',
      { displayName: 'Their customer', source: { kind: 'manual' } },
      await home.ctx(),
    );
    await home.engine.sync();

    await signedIn(a, 'sign-in', other);
    // Nothing of the first user is left to read: no live row, no history of values, no segment.
    expect(await names(a.db)).toEqual([]);
    const stored = await a.db.contacts.get(first!.id);
    expect(stored).toMatchObject({ displayName: '', emails: [], deletedAt: expect.any(Number) });
    expect(JSON.stringify(await a.db.contacts.toArray())).not.toContain('private@example.cn');
    expect(await a.db.history.count()).toBe(0);
    expect(await a.db.segments.count()).toBe(0);
    expect(await a.db.reminderLedger.count()).toBe(0);
    expect(await a.db.meta.get('reminders.checkedUntil')).toBeUndefined();
    expect((await readDevice(a.db)).deviceId).not.toBe(before);
    expect(await readPullPosition(a.db)).toEqual({ cursor: null, refetch: null });
    expect((await getLocalActor(a.db)).userId).toBe((await readSession(a.db)).user!.id);

    expect(await a.engine.sync()).toMatchObject({ state: 'idle' });
    expect(await names(a.db)).toEqual(['Their customer']);
    const made = await createRecord(
      'contacts',
      { displayName: 'New', source: { kind: 'manual' } },
      await a.ctx(),
    );
    expect(made.ownerId).toBe((await readSession(a.db)).user!.id);
    await a.engine.sync();
    await home.engine.sync();
    expect(await names(home.db)).toEqual(['New', 'Their customer']);
    // The first user signs in again elsewhere and still has their record (it was on the server).
    const office = device();
    await signedIn(office, 'sign-in', email);
    await office.engine.sync();
    expect(await names(office.db)).toEqual(['私人客户']);
  });

  test('a write that lands while another user signs in keeps the previous user’s replica and device', async () => {
    const { a } = await pair();
    await createRecord('contacts', { displayName: 'Kept', source: { kind: 'manual' } }, await a.ctx());
    await a.engine.sync();
    expect(await signOut({ db: a.db, fetch: a.fetch })).toEqual({ ok: true });
    const before = (await readDevice(a.db)).deviceId;
    const other = `racer-${newId().slice(-6)}@example.com`;
    const home = device();
    await signedIn(home, 'sign-up', other);

    let newToken = '';
    a.shim = async (request, next) => {
      const response = await next();
      if (request.url.endsWith('/v1/auth/login')) {
        newToken = ((await response.clone().json()) as { token: string }).token;
        // The panel writes while the sign-in is on its way.
        await createRecord('contacts', { displayName: 'Racing', source: { kind: 'manual' } }, await a.ctx());
      }
      return response;
    };
    const result = await signIn(
      { mode: 'sign-in', email: other, password: PASSWORD, deviceName: 'x' },
      { db: a.db, fetch: a.fetch, now: () => clock.now },
    );
    a.shim = null;
    expect(result).toMatchObject({ ok: false, code: 'pending_changes' });
    expect(await names(a.db)).toEqual(['Kept', 'Racing']);
    expect((await readDevice(a.db)).deviceId).toBe(before);
    // The token the other user got for a moment was revoked again.
    const me = await app.request('/v1/me', { headers: { authorization: `Bearer ${newToken}` } });
    expect(me.status).toBe(401);
  });

  test('customers can be assigned to the user and their teammates (not viewers); the list is kept for offline', async () => {
    const lead = device();
    expect(await teammates({ db: lead.db, fetch: lead.fetch })).toEqual([]);
    const email = `lead-${newId().slice(-6)}@example.com`;
    await signedIn(lead, 'sign-up', email);
    const session = await readSession(lead.db);
    const me = asCaller(app, {
      token: session.token!,
      user: session.user!,
      deviceId: (await readDevice(lead.db)).deviceId,
    });
    const team = await expectJson(me.call('POST', '/v1/teams', { name: 'East' }), 201);
    const join = async (role: string) => {
      const invite = await expectJson(me.call('POST', `/v1/teams/${team.id}/invites`, { role }), 201);
      return signUp(app, { inviteCode: invite.code });
    };
    const mate = await join('member');
    await join('viewer');

    const people = await teammates({ db: lead.db, fetch: lead.fetch });
    expect(people.map((p) => p.email).sort()).toEqual([email, mate.email].sort());
    expect(people.find((p) => p.email === mate.email)?.userId).toBe(mate.userId);
    expect((await readSession(lead.db)).user?.teams.map((t) => t.teamId)).toEqual([team.id]);
    lead.online = false;
    expect(await teammates({ db: lead.db, fetch: lead.fetch })).toEqual(people);
  });

  test('refuses a plain-http server URL except on this computer, naming the field and the fix', async () => {
    const d = device();
    expect(await setServerUrl('http://crm.example.com', { db: d.db })).toEqual({
      ok: false,
      code: 'insecure_url',
      message: 'Server URL must start with https:// or http://localhost',
      field: 'serverUrl',
    });
    expect(await setServerUrl('http://localhost:8787/', { db: d.db })).toEqual({ ok: true });
    expect((await readSession(d.db)).serverUrl).toBe('http://localhost:8787');
  });

  test('the live stream says "pull" when another browser pushed, and the engine then has the change', async () => {
    const { a, b } = await pair();
    let pulls = 0;
    let resolvePull: () => void = () => {};
    const stream = new LiveStream({
      api: () => b.engine.api(),
      onPull: () => {
        pulls += 1;
        resolvePull();
      },
      onRefused: () => {},
    });
    const ready = new Promise<void>((resolve) => {
      resolvePull = resolve;
    });
    stream.start();
    await ready; // `ready` on connect
    const pulled = new Promise<void>((resolve) => {
      resolvePull = resolve;
    });
    await createRecord('contacts', { displayName: 'Live', source: { kind: 'manual' } }, await a.ctx());
    await a.engine.sync();
    await pulled;
    stream.stop();
    expect(pulls).toBe(2);
    await b.engine.sync();
    expect(await names(b.db)).toEqual(['Live']);
    expect((await readStatus(b.db)).state).toBe('idle');
  });
});
