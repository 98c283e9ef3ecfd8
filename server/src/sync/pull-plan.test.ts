// The pull page's query plan: it must walk the version index from the cursor (each row of a whole pull
// visited once), not gather every readable row after the cursor and sort it for every page. PGlite
// never has statistics, so the planner's choice is tested on a book of realistic size.
import { encodeHlc, newId, parseRecord } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { upsertRecords } from '../storage/record-queries';
import { takeVersions } from '../storage/sync-state';
import { contactOf, signUp, useTestApp } from '../testing/test-app';
import { backendTitle, testBackends } from '../testing/test-storage';
import { selectPullPage } from './pull';

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(backendTitle('pull plan', backend), () => {
    const t = useTestApp(backend);

    test('a page walks the version index from the cursor and stops at the limit', async () => {
      const owner = await signUp(t.app);
      const count = 3000;
      await t.storage.transaction(async (tx) => {
        const first = await takeVersions(tx, count);
        await upsertRecords(
          tx,
          Array.from({ length: count }, (_, i) => {
            const record = parseRecord('contacts', { ...contactOf(owner), id: newId() });
            const stamp = encodeHlc({ ms: t.clock.now, counter: i, node: owner.deviceId });
            const clocks = Object.fromEntries(Object.keys(record).map((field) => [field, stamp]));
            return { table: 'contacts' as const, record, clocks, version: first + i };
          }),
        );
      });
      // The query as pullChanges runs it, with its settings.
      const plan = await t.storage.transaction(async (tx) => {
        const rows = await selectPullPage<{ 'QUERY PLAN': string }>(
          tx,
          [0, [`u:${owner.userId}`], 1001],
          'EXPLAIN ',
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/Index Scan using records_version on records/);
      expect(plan).not.toMatch(/Bitmap|Sort/);
    });
  });
}
