// Accounts, tokens and transport: sign-up and sign-in rules, the login limit, revocation, CORS,
// the OpenAPI document and the typed client.
import { newId, SCHEMA_VERSION } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { createKeepcardClient } from '../client';
import { expectJson, request, signIn, signUp, testApp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('accounts and transport', backend), () => {
    const t = useTestApp(backend);

    const login = (email: string, password: string, deviceId = newId(), on = t.app) =>
      request(on, 'POST', '/v1/auth/login', { email, password, deviceId, deviceName: 'Chrome at home' });

    test('sign-up validates with the shared schemas and refuses a taken email', async () => {
      const bad = await expectJson(
        request(t.app, 'POST', '/v1/auth/signup', {
          email: 'x',
          password: 'short',
          deviceId: 'nope',
          deviceName: '',
        }),
        400,
      );
      expect(bad.error.message).toBe(
        'Invalid request body: email must be a valid email address; password must be at least 10 characters; deviceId must be a device id: a lower-case UUID; deviceName must not be empty',
      );
      const user = await signUp(t.app);
      const again = await request(t.app, 'POST', '/v1/auth/signup', {
        email: user.email.toUpperCase(),
        password: 'correct horse battery',
        deviceId: newId(),
        deviceName: 'x',
      });
      expect((await expectJson(again, 409)).error.message).toMatch(/exists already; sign in instead/);
    });

    test('tokens are stored hashed; a second sign-in on the same device replaces its token', async () => {
      const user = await signUp(t.app);
      const [row] = await t.storage.query<{ token_hash: string }>(
        'SELECT token_hash FROM devices WHERE id = $1',
        [user.deviceId],
      );
      expect(row!.token_hash).not.toContain(user.token.slice(3, 20));
      const again = await signIn(t.app, user.email, user.deviceId);
      expect((await user.call('GET', '/v1/me')).status).toBe(401);
      expect((await again.call('GET', '/v1/me')).status).toBe(200);
    });

    test("a device id of another user's device is refused", async () => {
      const first = await signUp(t.app);
      const second = await signUp(t.app);
      const res = await login(second.email, 'correct horse battery', first.deviceId);
      expect((await expectJson(res, 409)).error.message).toMatch(/belongs to another account/);
    });

    test('login failures are limited, with Retry-After; the right password is refused too then', async () => {
      // An t.app of its own: the limit also counts per client address, which t.app.request() does not have.
      const guarded = testApp(t.storage, { loginFailures: { max: 3, windowMs: 60_000 } }).app;
      const user = await signUp(guarded);
      for (let i = 0; i < 3; i += 1)
        expect((await login(user.email, 'wrong password!', newId(), guarded)).status).toBe(401);
      const limited = await login(user.email, 'correct horse battery', newId(), guarded);
      expect(limited.headers.get('retry-after')).toBe('60');
      expect((await expectJson(limited, 429)).error.code).toBe('rate_limited');
    });

    test('sign out everywhere revokes every device of the user and no one else’s', async () => {
      const user = await signUp(t.app);
      const laptop = await signIn(t.app, user.email);
      const stranger = await signUp(t.app);
      const { revoked } = await expectJson(laptop.call('POST', '/v1/auth/logout-all'), 200);
      expect(revoked.sort()).toEqual([user.deviceId, laptop.deviceId].sort());
      for (const device of [user, laptop]) {
        expect((await expectJson(device.call('GET', '/v1/me'), 401)).error.message).toBe(
          'This token is unknown or was revoked; sign in again on this device',
        );
      }
      expect((await stranger.call('GET', '/v1/me')).status).toBe(200);
    });

    test('the per-token rate limit answers 429', async () => {
      const limited = testApp(t.storage, { tokenRate: { perMinute: 60, burst: 2 } }).app;
      const user = await signUp(limited);
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await user.call('GET', '/v1/me')).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
    });

    test('the typed client signs requests and reads typed answers', async () => {
      const user = await signUp(t.app);
      const client = createKeepcardClient('http://localhost', {
        token: () => user.token,
        fetch: async (input, init) => t.app.request(input instanceof Request ? input : String(input), init),
      });
      const me = await client.v1.me.$get();
      expect(me.status).toBe(200);
      if (me.status === 200) expect((await me.json()).email).toBe(user.email);
      const pull = await client.v1.sync.pull.$get({ query: {} });
      expect(pull.status).toBe(200);
      if (pull.status === 200) expect((await pull.json()).changes).toEqual([]);
    });
  });
}

describe('transport, sign-up policy and the API description', () => {
  const t = useTestApp(testBackends[0]!, { webOrigins: ['https://crm.example.com'], signup: 'invite' });

  test.each([
    [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
    ],
    ['https://crm.example.com', 'https://crm.example.com'],
    ['https://evil.example.com', null],
    ['chrome-extension://not-an-id', null],
  ])('CORS for %s', async (origin, allowed) => {
    const res = await t.app.request('/v1/info', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  test('with invite-only sign-up, a sign-up without a code is refused', async () => {
    const res = await request(t.app, 'POST', '/v1/auth/signup', {
      email: 'new@example.com',
      password: 'correct horse battery',
      deviceId: newId(),
      deviceName: 'x',
    });
    expect((await expectJson(res, 403)).error.message).toBe(
      'This server admits invited people only: ask a team admin for an invite code',
    );
  });

  test('the OpenAPI document lists every route, with bearer security on the protected ones', async () => {
    const doc = await expectJson(t.app.request('/v1/openapi.json'), 200);
    expect(doc.info.version).toBe('dev');
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/auth/login',
        '/auth/logout',
        '/auth/logout-all',
        '/auth/signup',
        '/info',
        '/me',
        '/me/devices',
        '/me/devices/{deviceId}',
        '/records/{table}/validate',
        '/records/{table}/{id}',
        '/records/{table}/{id}/conflicts',
        '/sync/live',
        '/sync/pull',
        '/sync/push',
        '/teams',
        '/teams/join',
        '/teams/{teamId}',
        '/teams/{teamId}/invites',
        '/teams/{teamId}/leave',
        '/teams/{teamId}/members/{userId}',
      ].sort(),
    );
    expect(doc.paths['/sync/push'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/auth/login'].post.security).toBeUndefined();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(SCHEMA_VERSION).toBe(1);
  });
});
