import { testClient } from 'hono/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from './app';
import { defaultConfig } from './config';
import { type LogFields, silentLogger } from './logger';
import { sampleContact } from './records/sample-records';
import { openPgliteStorage } from './storage/pglite-storage';
import type { Storage } from './storage/storage';

let storage: Storage;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  storage = await openPgliteStorage();
  await storage.migrate();
  app = createApp({ storage, version: '1.2.3', logger: silentLogger });
});
afterAll(() => storage.close());

const postJson = (path: string, body: unknown) =>
  app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('GET /health', () => {
  test('answers ok after querying storage', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'pglite' });
  });

  test('answers 503 in the error shape when storage fails', async () => {
    const broken = {
      ...storage,
      ping: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')),
    };
    const res = await createApp({ storage: broken, logger: silentLogger }).request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error: { code: 'unavailable', message: 'Storage (pglite) is not answering' },
    });
  });
});

test('GET /v1/info describes the server, through the typed client', async () => {
  const res = await testClient(app).v1.info.$get();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({
    version: '1.2.3',
    schemaVersion: 1,
    minClientSchemaVersion: 1,
    tables: ['contacts', 'companies', 'notes', 'interactions', 'purchases', 'feedback', 'tasks', 'loyalty'],
    storage: 'pglite',
  });
});

describe('POST /v1/records/:table/validate', () => {
  test('counts a good batch as valid, through the typed client', async () => {
    const res = await testClient(app).v1.records[':table'].validate.$post({
      param: { table: 'contacts' },
      json: { records: [sampleContact(), sampleContact()] },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ valid: 2, errors: [] });
  });

  test('reports each bad row by index, field and reason, and still counts the good ones', async () => {
    const records = [
      sampleContact(),
      sampleContact({ displayName: '  ', emails: [{ address: 'not-an-email' }] }),
      'not a record',
      { ...sampleContact(), id: 'abc' },
    ];
    const res = await postJson('/v1/records/contacts/validate', { records });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      valid: 1,
      errors: [
        { index: 1, field: 'displayName', reason: 'must not be empty' },
        { index: 1, field: 'emails[0].address', reason: 'must be a valid email address' },
        { index: 2, field: '', reason: 'must be an object' },
        { index: 3, field: 'id', reason: 'must be a UUIDv7 id' },
      ],
    });
  });

  test('answers 404 for an unknown table, naming the known ones', async () => {
    const res = await postJson('/v1/records/customers/validate', { records: [] });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: 'not_found',
        message:
          'Invalid path: table "customers" is unknown; tables are contacts, companies, notes, interactions, purchases, feedback, tasks, loyalty',
      },
    });
  });

  test.each([
    ['no records', {}, 'Invalid request body: records must be a list of records'],
    ['records not a list', { records: 'x' }, 'Invalid request body: records must be a list of records'],
    ['a list', [], 'Invalid request body: must be a JSON object like {"records": [...]}'],
    [
      '501 records',
      { records: Array.from({ length: 501 }, () => ({})) },
      'Invalid request body: records must hold at most 500 records; split the batch',
    ],
    ['malformed JSON', '{"records": [', 'Malformed JSON in request body'],
  ])('answers 400 invalid_request for %s', async (_, body, message) => {
    const res = await postJson('/v1/records/contacts/validate', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid_request', message } });
  });

  test('answers 415 when the body is not sent as JSON', async () => {
    const res = await app.request('/v1/records/contacts/validate', {
      method: 'POST',
      body: '{"records":[]}',
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'Send the request body as JSON, with the header Content-Type: application/json',
      },
    });
  });

  test('answers 413 in the error shape for a body over the limit', async () => {
    const res = await postJson('/v1/records/contacts/validate', 'x'.repeat(defaultConfig.maxBodyBytes + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: 'payload_too_large',
        message: 'Request body is larger than 5 MB; send fewer records per request',
      },
    });
  });
});

test('an unknown route answers 404 in the error shape', async () => {
  const res = await app.request('/v2/anything');
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({
    error: { code: 'not_found', message: 'There is no GET /v2/anything on this server' },
  });
});

test('logs one structured line per request', async () => {
  const lines: [string, LogFields | undefined][] = [];
  const logger = { info: (msg: string, fields?: LogFields) => lines.push([msg, fields]), error: () => {} };
  await createApp({ storage, logger }).request('/v1/nowhere');
  expect(lines).toEqual([
    ['request', { method: 'GET', path: '/v1/nowhere', status: 404, ms: expect.any(Number) }],
  ]);
});
