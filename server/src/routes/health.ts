import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Storage } from '../storage/storage';

/** Liveness for load balancers and `pnpm start` checks: answers ok only if storage answers a query. */
export function healthRoutes(storage: Storage) {
  return new Hono().get('/', async (c) => {
    try {
      await storage.ping();
    } catch (cause) {
      throw new HTTPException(503, { message: `Storage (${storage.kind}) is not answering`, cause });
    }
    return c.json({ status: 'ok' as const, storage: storage.kind });
  });
}
