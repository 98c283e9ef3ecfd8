import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { expect, test } from 'vitest';
import type { Logger } from '../logger';
import { errorHandler } from './errors';

function appThrowing(error: Error) {
  const logged: unknown[] = [];
  const logger: Logger = { info: () => {}, error: (msg, fields) => logged.push({ msg, ...fields }) };
  const app = new Hono().onError(errorHandler(logger)).get('/', () => {
    throw error;
  });
  return { app, logged };
}

test('an unexpected error answers 500 without its message or stack, and is logged in full', async () => {
  const { app, logged } = appThrowing(new Error('password authentication failed for user "kc"'));
  const res = await app.request('/');
  expect(res.status).toBe(500);
  const body = await res.text();
  expect(JSON.parse(body)).toEqual({
    error: { code: 'internal', message: 'Something went wrong on the server; the details are in its log.' },
  });
  expect(body).not.toMatch(/password|at .*\.ts/);
  expect(logged).toEqual([
    expect.objectContaining({ msg: 'unhandled error', error: expect.stringContaining('password') }),
  ]);
});

test.each([
  [401, 'unauthorized'],
  [409, 'conflict'],
  [422, 'invalid_request'],
  [502, 'internal'],
] as const)('an HTTPException %i answers code %s with its message', async (status, code) => {
  const { app } = appThrowing(new HTTPException(status, { message: 'Named thing; how to fix it' }));
  const res = await app.request('/');
  expect(res.status).toBe(status);
  expect(await res.json()).toEqual({ error: { code, message: 'Named thing; how to fix it' } });
});
