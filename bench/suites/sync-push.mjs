// Issue 6: push throughput (changed fields per second) through the real app on PGlite and on
// PostgreSQL (DATABASE_URL), each next to a raw batched INSERT of the same rows into the same
// database in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { round1 } from '../support.mjs';

register();
const { MemoryReplica, newId } = await import('../../shared/src/index.ts');
const { openPgliteStorage } = await import('../../server/src/storage/pglite-storage.ts');
const { testBackends } = await import('../../server/src/testing/test-storage.ts');
const { expectJson, signUp } = await import('../../server/src/testing/test-app.ts');
const { createApp } = await import('../../server/src/app.ts');
const { silentLogger } = await import('../../server/src/logger.ts');

const CONTACTS = 10_000;
const BATCH = 500;
const BUDGET = { pglite: 2000, postgres: 5000 };

function contact(ownerId, i) {
  return () => ({
    createdAt: 1_767_225_600_000,
    updatedAt: 1_767_225_600_000,
    deletedAt: null,
    ownerId,
    teamId: null,
    visibility: 'private',
    schemaVersion: 1,
    displayName: `客户 ${i}`,
    givenName: 'Wei',
    familyName: 'Wang',
    title: 'Purchasing manager',
    emails: [{ address: `customer${i}@example.com`, label: 'work' }],
    phones: [{ number: `+86138${String(i).padStart(8, '0')}`, raw: `138 ${i}`, label: 'mobile' }],
    tags: ['tea', 'wholesale'],
    preferences: { text: '喜欢乌龙茶', tags: ['oolong'] },
    source: { kind: 'import', importFile: 'customers.csv' },
  });
}

/** Pushes every batch of the replica's outbox; returns the fields changed and the milliseconds taken. */
async function pushAll(device, replica) {
  let fields = 0;
  const started = performance.now();
  for (let body = replica.pushRequest(); body; body = replica.pushRequest()) {
    const response = await expectJson(device.call('POST', '/v1/sync/push', body), 200);
    if (response.results.some((r) => r.status !== 'applied'))
      throw new Error('a bench mutation was not applied');
    replica.applyPushResponse(body, response, Date.now());
    fields += body.mutations.reduce((n, m) => n + Object.keys(m.fields).length, 0);
  }
  return { fields, ms: performance.now() - started };
}

async function measure(storage) {
  await storage.migrate();
  // The real clock (testApp's fixed one would clamp every stamp) and no per-token limit.
  const app = createApp({
    storage,
    logger: silentLogger,
    config: { tokenRate: { perMinute: 1e9, burst: 1e9 } },
  });
  const device = await signUp(app);
  const replica = new MemoryReplica(device.deviceId);
  const ids = Array.from({ length: CONTACTS }, () => newId());
  for (const [i, id] of ids.entries()) replica.write('contacts', id, contact(device.userId, i), Date.now());
  const creates = await pushAll(device, replica);
  // Edits of existing rows: the everyday push (read, merge per field, conflict check, write).
  for (const [i, id] of ids.entries()) {
    replica.write(
      'contacts',
      id,
      (r) => ({ ...r, title: `Buyer ${i}`, tags: ['tea'], updatedAt: Date.now() }),
      Date.now(),
    );
  }
  const updates = await pushAll(device, replica);

  // The same rows (as stored) inserted raw, in batches, into a table shaped and indexed like records.
  const columns = `table_name, id, owner_id, team_id, visibility, created_at, updated_at, deleted_at, schema_version,
                   data, version, clocks, audience, past_audience`;
  const rows = await storage.query(
    `SELECT ${columns} FROM records WHERE table_name = 'contacts' ORDER BY version`,
  );
  await storage.exec('CREATE TABLE bench_raw (LIKE records INCLUDING ALL)');
  const started = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    await storage.query(
      `INSERT INTO bench_raw (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::bench_raw, $1::jsonb)`,
      [JSON.stringify(rows.slice(i, i + BATCH))],
    );
  }
  const rawMs = performance.now() - started;
  await storage.exec('DROP TABLE bench_raw');

  const perSecond = (x) => Math.round(x.fields / (x.ms / 1000));
  return {
    createFieldsPerSecond: perSecond(creates),
    updateFieldsPerSecond: perSecond(updates),
    pushMs: { creates: round1(creates.ms), updates: round1(updates.ms) },
    fields: { creates: creates.fields, updates: updates.fields },
    rawInsertMs: round1(rawMs),
    ratioCreatesToRaw: Math.round((creates.ms / rawMs) * 100) / 100,
  };
}

export default async function syncPush() {
  const results = {};
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-bench-'));
  const pglite = await openPgliteStorage(dir);
  try {
    results.pglite = await measure(pglite);
  } finally {
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  }
  const postgres = testBackends.find((b) => b.name === 'postgres');
  if (postgres.skip) {
    results.postgres = { skipped: postgres.skip };
  } else {
    const opened = await postgres.open();
    try {
      results.postgres = await measure(opened.storage);
    } finally {
      await opened.dispose();
    }
  }
  const passed = (name) =>
    results[name].skipped !== undefined ||
    Math.min(results[name].createFieldsPerSecond, results[name].updateFieldsPerSecond) >= BUDGET[name];
  return {
    description: `Push ${CONTACTS.toLocaleString('en')} new contacts (about 18 fields each), then an edit of 3 fields of each, from one device through the real app (HTTP layer in-process, zod, per-field merge, conflict log, one transaction per batch of ${BATCH}); next to a raw batched INSERT of the same stored rows into a table like records (same indexes), same database, same run. PGlite on a data directory; PostgreSQL needs DATABASE_URL.`,
    parameters: { contacts: CONTACTS, batch: BATCH },
    ...results,
    budget: { changedFieldsPerSecondAtLeast: BUDGET },
    pass: passed('pglite') && passed('postgres'),
  };
}
