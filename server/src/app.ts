import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { authenticate } from './auth/authenticate';
import { defaultConfig, type ServerConfig } from './config';
import { corsPolicy } from './http/cors';
import { errorHandler, notFoundHandler } from './http/errors';
import { newRouter } from './http/openapi';
import { FailureWindows, TokenBuckets } from './http/rate-limit';
import { requestLog } from './http/request-log';
import { requireJsonBodies } from './http/validate';
import { createJsonLogger, type Logger } from './logger';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { infoRoutes } from './routes/info';
import { meRoutes } from './routes/me';
import { recordRoutes } from './routes/records';
import type { RouteDeps } from './routes/route-deps';
import { syncRoutes } from './routes/sync';
import { teamRoutes } from './routes/teams';
import type { Storage } from './storage/storage';
import { LiveHub } from './sync/live-hub';

export interface AppDeps {
  storage: Storage;
  version?: string;
  logger?: Logger;
  /** Limits and settings; unset ones keep their defaults (config.ts). */
  config?: Partial<ServerConfig>;
  /** The server clock; tests move it. */
  now?: () => number;
  /** Live notifications; main.ts passes its own to close it on shutdown. */
  hub?: LiveHub;
}

export function createApp({
  storage,
  version = 'dev',
  logger = createJsonLogger(),
  config: overrides = {},
  now = Date.now,
  hub,
}: AppDeps) {
  const config = { ...defaultConfig, ...overrides };
  const deps: RouteDeps = {
    storage,
    config,
    now,
    logger,
    hub: hub ?? new LiveHub(storage, logger, config.keepAliveMs),
    auth: authenticate(storage, new TokenBuckets(config.tokenRate, now)),
    logins: new FailureWindows(config.loginFailures, now),
  };

  const v1 = newRouter()
    .route('/info', infoRoutes({ storage, version }))
    .route('/auth', authRoutes(deps))
    .route('/me', meRoutes(deps))
    .route('/teams', teamRoutes(deps))
    .route('/sync', syncRoutes(deps))
    .route('/records', recordRoutes(deps));
  v1.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A device token from /v1/auth/signup or /v1/auth/login',
  });
  v1.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'Keepcard server', version, description: 'Sync protocol: docs/sync-protocol.md' },
    servers: [{ url: '/v1' }],
  });

  return new Hono()
    .onError(errorHandler(logger))
    .notFound(notFoundHandler)
    .use(requestLog(logger))
    .use(corsPolicy(config))
    .use(
      bodyLimit({
        maxSize: config.maxBodyBytes,
        onError: () => {
          throw new HTTPException(413, {
            message: `Request body is larger than ${config.maxBodyBytes / 1024 / 1024} MB; send fewer records per request`,
          });
        },
      }),
    )
    .use(requireJsonBodies)
    .route('/health', healthRoutes(storage))
    .route('/v1', v1);
}

/** For a typed client: `hc<AppType>(serverUrl)` from hono/client (see client.ts). */
export type AppType = ReturnType<typeof createApp>;
