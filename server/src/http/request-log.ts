import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger';

/** One line per request. Runs outermost, so it sees the status app.onError chose. */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
