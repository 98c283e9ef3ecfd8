import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { silentLogger } from '../logger';
import { sampleContact } from '../records/sample-records';
import { loadMigrations } from './migrate';
import { openStorage } from './open-storage';

const dataDir = await mkdtemp(join(tmpdir(), 'keepcard-data-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

test('without DATABASE_URL, PGlite in KEEPCARD_DATA_DIR keeps records across restarts and migrates once', async () => {
  const contact = sampleContact();
  const first = await openStorage({ KEEPCARD_DATA_DIR: dataDir }, silentLogger);
  expect(first.kind).toBe('pglite');
  expect(await first.migrate()).toEqual((await loadMigrations()).map((m) => m.name));
  await first.putRecords('contacts', [contact]);
  await first.close();

  const second = await openStorage({ KEEPCARD_DATA_DIR: dataDir }, silentLogger);
  expect(await second.migrate()).toEqual([]);
  expect((await second.getRecord('contacts', contact.id))?.displayName).toBe(contact.displayName);
  await second.close();
});

test('DATABASE_URL picks PostgreSQL (the pool connects lazily, so no server is needed here)', async () => {
  const storage = await openStorage({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, silentLogger);
  expect(storage.kind).toBe('postgres');
  await storage.close();
});
