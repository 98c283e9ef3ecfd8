import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loadPrincipal } from '../accounts/accounts';
import { ApiError } from '../http/errors';
import type { AppEnv } from '../http/openapi';
import type { TokenBuckets } from '../http/rate-limit';
import type { Storage } from '../storage/storage';

const BEARER = /^Bearer\s+(\S+)$/i;

/** 429 with Retry-After in whole seconds. */
export const rateLimited = (waitMs: number, message: string) =>
  new ApiError(429, 'rate_limited', message, {
    'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))),
  });

/**
 * The door of every route that needs a signed-in device: resolves the bearer token to a Principal
 * (a revoked or unknown token is 401 at once: nothing is cached) and spends the token's rate budget.
 */
export function authenticate(storage: Storage, buckets: TokenBuckets): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = BEARER.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token)
      throw new HTTPException(401, {
        message: 'Sign in first: send the header Authorization: Bearer <token>',
      });
    const principal = await loadPrincipal(storage, token);
    if (!principal) {
      throw new HTTPException(401, {
        message: 'This token is unknown or was revoked; sign in again on this device',
      });
    }
    const wait = buckets.take(principal.deviceId);
    if (wait > 0) throw rateLimited(wait, 'This device sends too many requests; slow down and retry later');
    c.set('principal', principal);
    await next();
  };
}
