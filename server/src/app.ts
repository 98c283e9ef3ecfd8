import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { errorHandler, notFoundHandler } from './http/errors';
import { requestLog } from './http/request-log';
import { createJsonLogger, type Logger } from './logger';
import { healthRoutes } from './routes/health';
import { infoRoutes } from './routes/info';
import { recordRoutes } from './routes/records';
import type { Storage } from './storage/storage';

/** 500 records of rich contact cards fit well within this. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface AppDeps {
  storage: Storage;
  version?: string;
  logger?: Logger;
}

export function createApp({ storage, version = 'dev', logger = createJsonLogger() }: AppDeps) {
  const v1 = new Hono().route('/info', infoRoutes({ storage, version })).route('/records', recordRoutes());

  return new Hono()
    .onError(errorHandler(logger))
    .notFound(notFoundHandler)
    .use(requestLog(logger))
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new HTTPException(413, {
            message: `Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; send fewer records per request`,
          });
        },
      }),
    )
    .route('/health', healthRoutes(storage))
    .route('/v1', v1);
}

/** For a typed client: `hc<AppType>(serverUrl)` from hono/client. */
export type AppType = ReturnType<typeof createApp>;
