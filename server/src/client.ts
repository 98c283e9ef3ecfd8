// The typed client the extension imports: `import { createKeepcardClient } from '@keepcard/server/client'`
// (or this path). Types come from the routes themselves (Hono RPC), so a renamed field is a
// compile error in the extension, not a runtime surprise.
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from '@keepcard/shared';
import { hc } from 'hono/client';
import type { AppType } from './app';

export type { AppType };

export interface ClientOptions {
  /** The device token; omit before sign-in. Read on every request, so a new token takes effect at once. */
  token?: () => string | undefined;
  /** A fetch to use instead of the global one (tests pass app.request). */
  fetch?: typeof fetch;
}

/**
 * A typed client of the Keepcard server that sends the token and the schema version header on
 * every request.
 * @example const api = createKeepcardClient('https://crm.example.com', { token: () => session.token })
 *          const res = await api.v1.sync.pull.$get({ query: { cursor } })
 */
export function createKeepcardClient(baseUrl: string, { token, fetch }: ClientOptions = {}) {
  return hc<AppType>(baseUrl, {
    ...(fetch && { fetch }),
    headers: (): Record<string, string> => {
      const current = token?.();
      return {
        [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
        ...(current && { authorization: `Bearer ${current}` }),
      };
    },
  });
}
