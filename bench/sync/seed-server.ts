// Fills an embedded server database (PGlite in a folder) with one user and `count` contacts, as if one
// device had pushed them: each record with every field stamped by that device, versions 1..count.
// Writes straight through the server's storage (a push of 100,000 creates would time the server,
// not the first sync). Prints `{ email, password, userId }` as JSON.
// Usage: tsx bench/sync/seed-server.ts <data dir> <count>

import { createApp } from '../../server/src/app';
import { silentLogger } from '../../server/src/logger';
import { openPgliteStorage } from '../../server/src/storage/pglite-storage';
import { upsertRecords } from '../../server/src/storage/record-queries';
import { takeVersions } from '../../server/src/storage/sync-state';
import { encodeHlc, newId, newRecordBase, parseRecord } from '../../shared/src/index';
import { generateContacts } from '../browser/generate-contacts';

const [dataDir, countText] = process.argv.slice(2);
if (!dataDir || !countText) throw new Error('usage: tsx bench/sync/seed-server.ts <data dir> <count>');
const count = Number(countText);

const storage = await openPgliteStorage(dataDir);
await storage.migrate();
const app = createApp({ storage, logger: silentLogger });
const email = `bench-${newId().slice(-8)}@example.com`;
const password = 'correct horse battery';
const res = await app.request('/v1/auth/signup', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email, password, deviceId: newId(), deviceName: 'seed device' }),
});
if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
const { user, deviceId } = (await res.json()) as { user: { id: string }; deviceId: string };

const now = Date.now();
const inputs = generateContacts(count, 7);
const BATCH = 5000;
for (let start = 0; start < count; start += BATCH) {
  const part = inputs.slice(start, start + BATCH);
  await storage.transaction(async (tx) => {
    const first = await takeVersions(tx, part.length);
    await upsertRecords(
      tx,
      part.map((input, i) => {
        const record = parseRecord('contacts', {
          ...newRecordBase({ userId: user.id, teamId: null }, now),
          ...input,
        });
        const stamp = encodeHlc({ ms: now, counter: (start + i) % 0x10000, node: deviceId });
        const clocks = Object.fromEntries(Object.keys(record).map((field) => [field, stamp]));
        return { table: 'contacts' as const, record, clocks, version: first + i };
      }),
    );
  });
}
await storage.close();
process.stdout.write(`${JSON.stringify({ email, password, userId: user.id })}\n`);
