import { createRoute } from '@hono/zod-openapi';
import {
  checkSchemaVersion,
  MIN_CLIENT_SCHEMA_VERSION,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
} from '@keepcard/shared';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { type Principal, tokensOf } from '../auth/access';
import { ApiError } from '../http/errors';
import { bearer, errors, json, jsonBody, newRouter } from '../http/openapi';
import type { LiveHub } from '../sync/live-hub';
import { pullChanges } from '../sync/pull';
import { applyPush } from '../sync/push';
import type { RouteDeps } from './route-deps';

/** Every sync request names the data schema it speaks; a mismatch reads and writes nothing (§9). */
export const requireSchemaVersion: MiddlewareHandler = async (c, next) => {
  const raw = c.req.header(SCHEMA_VERSION_HEADER);
  const version = Number(raw);
  if (raw === undefined || !Number.isInteger(version)) {
    throw new HTTPException(400, {
      message: `Send the header Keepcard-Schema-Version with the client's data schema version (this server speaks ${MIN_CLIENT_SCHEMA_VERSION} to ${SCHEMA_VERSION})`,
    });
  }
  const verdict = checkSchemaVersion(version, { min: MIN_CLIENT_SCHEMA_VERSION, max: SCHEMA_VERSION });
  if (!verdict.ok) throw new ApiError(426, verdict.code, verdict.message);
  await next();
};

const SYNC_ERRORS = [400, 401, 426, 429] as const;

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
const encoded = (text: string) => new TextEncoder().encode(text);
const READY = encoded('event: ready\ndata: {}\n\n');
const PULL = encoded('event: pull\ndata: {}\n\n');
const KEEP_ALIVE = encoded(': keep-alive\n\n');

/**
 * The event stream of one live connection (§7): `ready` once the hub has it, so no change committed
 * after `ready` goes unannounced, then `pull` hints and keep-alive comments. One ReadableStream of
 * constant chunks: Hono's streamSSE adds a TransformStream, a second ReadableStream, an encoder and
 * the request context to every connection. Live heap per stream after a full GC, 1,000 streams:
 * 34 KB with streamSSE, 19 KB with this (bench/suites/sync-live.mjs).
 */
function liveStream(hub: LiveHub, principal: Principal): ReadableStream<Uint8Array> {
  let remove: (() => void) | null = null;
  let closed = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const enqueue = (chunk: Uint8Array) => {
        if (!closed) controller.enqueue(chunk);
      };
      remove = await hub.add({
        deviceId: principal.deviceId,
        userId: principal.userId,
        tokens: new Set(tokensOf(principal)),
        send: () => enqueue(PULL),
        keepAlive: () => enqueue(KEEP_ALIVE),
        close: () => {
          if (closed) return;
          closed = true;
          remove?.();
          controller.close();
        },
      });
      if (closed) remove();
      else controller.enqueue(READY);
    },
    cancel() {
      closed = true;
      remove?.();
    },
  });
}

export function syncRoutes({ storage, now, hub, auth }: RouteDeps) {
  const router = newRouter();
  router.use('*', requireSchemaVersion, auth);
  return router
    .openapi(
      createRoute({
        method: 'post',
        path: '/push',
        summary: "Apply a batch of this device's outbox entries (docs/sync-protocol.md §4)",
        description: 'Send the header Keepcard-Schema-Version. One database transaction per batch.',
        security: bearer,
        request: { body: jsonBody(PushRequest) },
        responses: {
          200: json(PushResponse, 'One result per mutation, in request order'),
          ...errors(...SYNC_ERRORS, 403),
        },
      }),
      async (c) => {
        const principal = c.get('principal');
        const { mutations } = c.req.valid('json');
        const foreign = mutations.find((m) => m.deviceId !== principal.deviceId);
        if (foreign) {
          throw new HTTPException(403, {
            message: `Mutation ${foreign.mutationId} is from device ${foreign.deviceId}; a device pushes only its own mutations`,
          });
        }
        return c.json(await applyPush(storage, principal, mutations, now()), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/pull',
        summary: 'Changes after a cursor that you may read, in version order (docs/sync-protocol.md §6)',
        description:
          'Send the header Keepcard-Schema-Version. 410 cursor_expired means: pull again without a cursor.',
        security: bearer,
        request: { query: PullQuery },
        responses: {
          200: json(PullResponse, 'A page of changes and the next cursor'),
          ...errors(...SYNC_ERRORS, 410),
        },
      }),
      async (c) => {
        // The page is JSON text already (pullChanges splices the stored records in); typed as the
        // PullResponse it is, for the client's types.
        const body = await pullChanges(storage, c.get('principal'), c.req.valid('query'));
        return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as ReturnType<
          typeof c.json<PullResponse, 200>
        >;
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/live',
        summary: 'Server-Sent Events: `ready` on connect, `pull` when something you may read changed',
        description: 'Data-free hints (docs/sync-protocol.md §7); `: keep-alive` comments every 25 s.',
        security: bearer,
        responses: {
          200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
          ...errors(...SYNC_ERRORS),
        },
      }),
      async (c) => {
        const principal = c.get('principal');
        hub.checkRoom(principal.deviceId);
        return c.body(liveStream(hub, principal), 200, SSE_HEADERS);
      },
    );
}
