// Building blocks of the routers: every route is declared with createRoute, so validation, the
// OpenAPI document (/v1/openapi.json) and the typed client (hc<AppType>) come from one definition.
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Principal } from '../auth/access';
import { throwOnInvalid } from './validate';

export type AppEnv = { Variables: { principal: Principal } };

export const newRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: throwOnInvalid });

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed or a field fails its schema (invalid_request)',
  401: 'No valid token (unauthorized)',
  403: 'Not allowed for this caller (forbidden)',
  404: 'No such thing for this caller (not_found)',
  409: 'Conflicts with the current state (conflict)',
  410: 'Pull from the start again (cursor_expired)',
  426: 'Data schema versions do not match (schema_too_old, schema_too_new)',
  429: 'Too many requests; see Retry-After (rate_limited)',
};

/** The error responses a route can give, in the one error shape. */
export const errors = (...statuses: (keyof typeof ERROR_TEXT)[]) =>
  Object.fromEntries(statuses.map((status) => [status, json(ErrorBody, ERROR_TEXT[status]!)]));

/** OpenAPI security requirement of routes that need a device token. */
export const bearer = [{ bearer: [] }];
