// A real app over a test database, and signed-in devices that call it through app.request().
import {
  type ContactInput,
  MemoryReplica,
  newId,
  type PushResponse,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type Session,
} from '@keepcard/shared';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../app';
import type { ServerConfig } from '../config';
import { silentLogger } from '../logger';
import { sampleContact } from '../records/sample-records';
import type { Storage } from '../storage/storage';
import type { OpenedStorage, TestBackend } from './test-storage';

export interface TestClock {
  now: number;
}

export function testApp(storage: Storage, config: Partial<ServerConfig> = {}) {
  const clock: TestClock = { now: 1_767_225_600_000 };
  // Generous limits: tests that want the limits set their own.
  const app = createApp({
    storage,
    logger: silentLogger,
    now: () => clock.now,
    config: { tokenRate: { perMinute: 1e6, burst: 1e6 }, ...config },
  });
  return { app, clock };
}

export type TestApp = ReturnType<typeof testApp>['app'];

/** Where requests go: the app in-process (app.request) or a spawned server (overHttp). */
export interface Transport {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

/** A transport to a server listening at `baseUrl`. */
export const overHttp = (baseUrl: string): Transport => ({
  request: (path, init) => fetch(`${baseUrl}${path}`, init),
});

export interface Caller {
  userId: string;
  deviceId: string;
  token: string;
  email: string;
  /** A JSON request with this device's token and the schema version header. */
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

/** Sends JSON with the headers a client sends. */
export async function request(app: Transport, method: string, path: string, body?: unknown, token?: string) {
  return app.request(path, {
    method,
    headers: {
      [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

export const asCaller = (app: Transport, session: Session): Caller => ({
  userId: session.user.id,
  deviceId: session.deviceId,
  token: session.token,
  email: session.user.email,
  call: (method, path, body) => request(app, method, path, body, session.token),
});

/** The same device talking to another server (a restarted or a second process). */
export const callerOn = (device: Caller, transport: Transport): Caller => ({
  ...device,
  call: (method, path, body) => request(transport, method, path, body, device.token),
});

let accounts = 0;

/** Signs up a new user (unique email) on a new device. */
export async function signUp(
  app: Transport,
  options: { email?: string; inviteCode?: string } = {},
): Promise<Caller> {
  accounts += 1;
  const res = await request(app, 'POST', '/v1/auth/signup', {
    email: options.email ?? `rep${accounts}-${newId().slice(-6)}@example.com`,
    password: 'correct horse battery',
    deviceId: newId(),
    deviceName: `device ${accounts}`,
    ...(options.inviteCode && { inviteCode: options.inviteCode }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  return asCaller(app, (await res.json()) as Session);
}

/** Signs an existing user in on another (new) device. */
export async function signIn(app: Transport, email: string, deviceId = newId()): Promise<Caller> {
  const res = await request(app, 'POST', '/v1/auth/login', {
    email,
    password: 'correct horse battery',
    deviceId,
    deviceName: 'another device',
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return asCaller(app, (await res.json()) as Session);
}

/** A JSON body, failing the test with the body's text when the status is not the expected one. */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes; they assert on them right away.
export async function expectJson<T = any>(res: Response | Promise<Response>, status: number): Promise<T> {
  const r = await res;
  const text = await r.text();
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${text}`);
  return text ? JSON.parse(text) : (undefined as T);
}

/**
 * For a describe() block: a migrated database of `backend` and an app over it, opened before the
 * block's tests and disposed after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useTestApp(backend: TestBackend, config: Partial<ServerConfig> = {}) {
  const context = {} as { opened: OpenedStorage; storage: Storage; app: TestApp; clock: TestClock };
  beforeAll(async () => {
    context.opened = await backend.open();
    context.storage = context.opened.storage;
    await context.storage.migrate();
    Object.assign(context, testApp(context.storage, config));
  });
  afterAll(() => context.opened?.dispose());
  return context;
}

/** A contact owned by `owner`, private and without a team unless `overrides` say otherwise. */
export const contactOf = (owner: { userId: string }, overrides: Partial<ContactInput> = {}) =>
  sampleContact({ ownerId: owner.userId, teamId: null, visibility: 'private', ...overrides });

/** Pushes one new contact from `device` (a fresh replica, a random seq) and returns its id. */
export async function pushNewContact(device: Caller, overrides: Partial<ContactInput> = {}): Promise<string> {
  const replica = new MemoryReplica(device.deviceId);
  replica.seq = Math.floor(Math.random() * 1e9);
  const id = newId();
  replica.write('contacts', id, () => contactOf(device, overrides), Date.now());
  const response = await expectJson<PushResponse>(
    device.call('POST', '/v1/sync/push', replica.pushRequest()),
    200,
  );
  if (response.results[0]?.status !== 'applied')
    throw new Error(`push not applied: ${JSON.stringify(response)}`);
  return id;
}
