import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger';

/** The one error shape every failure answers with. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Stable, machine-readable codes; clients branch on these, people read the message. */
const CODES: Partial<Record<ContentfulStatusCode, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'cursor_expired',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/**
 * An expected failure with its own code (426 schema_too_old, 429 with Retry-After, ...) where the
 * status's usual code would not tell a client what to do.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }
}

function errorResponse(c: Context, status: ContentfulStatusCode, message: string, code?: string) {
  const body = {
    error: { code: code ?? CODES[status] ?? (status >= 500 ? 'internal' : 'invalid_request'), message },
  };
  return c.json(body satisfies ErrorBody, status);
}

/**
 * Expected failures are thrown as HTTPException and answered with their status and message.
 * Anything else is a bug: logged in full here, answered without detail so no stack or SQL leaks.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    const where = { method: c.req.method, path: c.req.path };
    if (err instanceof HTTPException) {
      if (err.status >= 500) logger.error(err.message, { ...where, cause: String(err.cause) });
      if (err instanceof ApiError) {
        for (const [name, value] of Object.entries(err.headers)) c.header(name, value);
        return errorResponse(c, err.status, err.message, err.code);
      }
      return errorResponse(c, err.status, err.message);
    }
    logger.error('unhandled error', { ...where, error: err.stack ?? String(err) });
    return errorResponse(c, 500, 'Something went wrong on the server; the details are in its log.');
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  errorResponse(c, 404, `There is no ${c.req.method} ${c.req.path} on this server`);
