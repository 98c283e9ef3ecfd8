import { ValidationError } from '@keepcard/shared';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const TARGET_NAMES: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'request body',
  param: 'path',
  query: 'query string',
  header: 'headers',
};

/**
 * The validation hook of every route (OpenAPIHono's defaultHook): throws instead of answering, so
 * app.onError gives validation failures the same `{ error: { code, message } }` shape as everything
 * else, with the shared field-and-reason text. A bad path value names something that does not
 * exist (an unknown table), hence 404; anything else is 400.
 */
export function throwOnInvalid(
  result: { target: keyof ValidationTargets } & (
    | { success: true }
    | { success: false; error: { issues: z.core.$ZodIssue[] } }
  ),
): void {
  if (result.success) return;
  // The hook types the error as zod's core $ZodError; fromZod wants the classic one.
  const error = new z.ZodError(result.error.issues);
  const { message } = ValidationError.fromZod(TARGET_NAMES[result.target] ?? result.target, error);
  throw new HTTPException(result.target === 'param' ? 404 : 400, { message, cause: error });
}

/**
 * Every body this API takes is JSON. Checked before any route, so a missing Content-Type gets this
 * message rather than "records is required" or a bare "Unsupported Media Type".
 */
export const requireJsonBodies: MiddlewareHandler = async (c, next) => {
  const empty = c.req.raw.body === null || c.req.header('content-length') === '0';
  if (!empty && !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HTTPException(415, {
      message: 'Send the request body as JSON, with the header Content-Type: application/json',
    });
  }
  await next();
};
