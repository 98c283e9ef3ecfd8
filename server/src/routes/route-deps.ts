import type { MiddlewareHandler } from 'hono';
import type { ServerConfig } from '../config';
import type { AppEnv } from '../http/openapi';
import type { FailureWindows } from '../http/rate-limit';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import type { LiveHub } from '../sync/live-hub';

/** What the routers share; built once in createApp. */
export interface RouteDeps {
  storage: Storage;
  config: ServerConfig;
  /** The server clock (tests set it). */
  now: () => number;
  hub: LiveHub;
  /** The authenticate middleware (auth/authenticate.ts). */
  auth: MiddlewareHandler<AppEnv>;
  logins: FailureWindows;
  logger: Logger;
}
