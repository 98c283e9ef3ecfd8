import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute } from '@hono/zod-openapi';
import { Session, SignInRequest, SignUpRequest } from '@keepcard/shared';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import {
  createUser,
  findUserByEmail,
  registerDevice,
  revokeDevices,
  userSummary,
} from '../accounts/accounts';
import { rateLimited } from '../auth/authenticate';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords';
import { bearer, errors, json, jsonBody, newRouter } from '../http/openapi';
import type { Queryable } from '../storage/storage';
import { redeemInvite } from '../teams/teams';
import type { RouteDeps } from './route-deps';

const Revoked = z.object({ revoked: z.array(z.string()) });

/** The client's address for the login limit: the socket's, or the proxy's X-Forwarded-For when trusted. */
function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (trustProxy && forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}

export function authRoutes({ storage, config, now, auth, logins }: RouteDeps) {
  /** One transaction: the user (new or found), an invite if any, and the device's new token. */
  const signIn = (
    userOf: (tx: Queryable) => Promise<string>,
    deviceId: string,
    deviceName: string,
    inviteCode?: string,
  ) =>
    storage.transaction(async (tx) => {
      const userId = await userOf(tx);
      if (inviteCode) await redeemInvite(tx, userId, inviteCode, now());
      const token = await registerDevice(tx, userId, deviceId, deviceName);
      return { token, user: await userSummary(tx, userId), deviceId };
    });

  return newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/signup',
        summary: 'Create an account and sign this device in',
        request: { body: jsonBody(SignUpRequest) },
        responses: { 201: json(Session, 'Signed up; keep the token'), ...errors(400, 403, 409) },
      }),
      async (c) => {
        const { email, password, deviceId, deviceName, inviteCode } = c.req.valid('json');
        if (config.signup === 'invite' && !inviteCode) {
          throw new HTTPException(403, {
            message: 'This server admits invited people only: ask a team admin for an invite code',
          });
        }
        const passwordHash = await hashPassword(password);
        return c.json(
          await signIn((tx) => createUser(tx, email, passwordHash), deviceId, deviceName, inviteCode),
          201,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/login',
        summary: 'Sign this device in (rate-limited per email and per address)',
        request: { body: jsonBody(SignInRequest) },
        responses: { 200: json(Session, 'Signed in; keep the token'), ...errors(400, 401, 409, 429) },
      }),
      async (c) => {
        const { email, password, deviceId, deviceName } = c.req.valid('json');
        const keys = [`email:${email}`, `address:${clientAddress(c, config.trustProxy)}`];
        const wait = Math.max(...keys.map((key) => logins.blockedFor(key)));
        if (wait > 0) throw rateLimited(wait, 'Too many failed sign-ins; wait a while before trying again');
        const user = await findUserByEmail(storage, email);
        // Unknown emails cost a scrypt too, so response times do not reveal which emails have accounts.
        const valid = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash));
        if (!user || !valid) {
          for (const key of keys) logins.fail(key);
          throw new HTTPException(401, { message: 'Wrong email or password' });
        }
        logins.reset(keys[0]!);
        return c.json(await signIn(async () => user.id, deviceId, deviceName), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/logout',
        summary: 'Sign this device out (revokes its token)',
        middleware: auth,
        security: bearer,
        responses: { 200: json(Revoked, 'The device revoked'), ...errors(401) },
      }),
      async (c) => {
        const { userId, deviceId } = c.get('principal');
        const revoked = await storage.transaction((tx) => revokeDevices(tx, userId, [deviceId]));
        return c.json({ revoked }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/logout-all',
        summary: 'Sign out everywhere: revokes every device of this user, this one included',
        middleware: auth,
        security: bearer,
        responses: { 200: json(Revoked, 'The devices revoked'), ...errors(401) },
      }),
      async (c) => {
        const revoked = await storage.transaction((tx) => revokeDevices(tx, c.get('principal').userId));
        return c.json({ revoked }, 200);
      },
    );
}
