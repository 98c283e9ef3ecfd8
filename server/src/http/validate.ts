import { zValidator } from '@hono/zod-validator';
import { ValidationError } from '@keepcard/shared';
import type { ValidationTargets } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

const TARGET_NAMES: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'request body',
  param: 'path',
  query: 'query string',
};

/**
 * zValidator that throws instead of answering, so app.onError gives validation failures the same
 * `{ error: { code, message } }` shape as everything else, with the shared field-and-reason text.
 * @param status 400 by default; 404 where the value names something that does not exist.
 */
export const validate = <Schema extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: Schema,
  status: ContentfulStatusCode = 400,
) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) {
      // zValidator reads no body without a JSON content type; saying so beats "records is required".
      if (target === 'json' && !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
        throw new HTTPException(415, {
          message: 'Send the request body as JSON, with the header Content-Type: application/json',
        });
      }
      // zValidator types the error as zod's core $ZodError; fromZod wants the classic one.
      const error = new z.ZodError(result.error.issues);
      const { message } = ValidationError.fromZod(TARGET_NAMES[target] ?? target, error);
      throw new HTTPException(status, { message, cause: error });
    }
  });
