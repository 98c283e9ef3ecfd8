import { expect, test } from 'vitest';
import { ids, NOW, sampleRows } from '../schemas/sample-rows';
import { MemoryReplica } from './memory-replica';
import { rowKey } from './pulled-rows';

const DEVICE = '0192f3a4-5b6c-7d8e-9f00-00000000000a';
const key = rowKey('contacts', ids.record);

test('a local write, its push answer and a pulled page, as the engine must do them', () => {
  const replica = new MemoryReplica(DEVICE);
  const created = replica.write('contacts', ids.record, () => ({ ...sampleRows.contacts }), NOW)!;
  expect(created).toMatchObject({ deviceId: DEVICE, seq: 1, rowId: ids.record });
  expect(replica.write('contacts', ids.record, (r) => ({ ...r }), NOW + 1)).toBeNull(); // no change, no seq
  replica.write('contacts', ids.record, (r) => ({ ...r, title: 'CEO' }), NOW + 2);
  expect(replica.outbox.map((m) => m.seq)).toEqual([1, 2]);

  const request = replica.pushRequest()!;
  replica.applyPushResponse(
    request,
    {
      serverTime: NOW,
      results: [
        { status: 'applied', mutationId: request.mutations[0]!.mutationId, seq: 1, version: 7 },
        // The second answer was lost: the entry stays and is sent again.
      ],
    },
    NOW + 3,
  );
  expect(replica.outbox.map((m) => m.seq)).toEqual([2]);

  // The server's row (version 8, another device's title) under our still-pending title.
  const other = '1767225600000:0000:0192f3a4-5b6c-7d8e-9f00-00000000000b';
  const record = { ...replica.rows.get(key)!.record, title: 'CTO' };
  const clocks = Object.fromEntries(Object.keys(record).map((f) => [f, other]));
  replica.applyPullResponse(
    {
      changes: [{ kind: 'upsert', table: 'contacts', id: ids.record, version: 8, record, clocks }],
      cursor: 'db.8',
      hasMore: false,
    },
    NOW + 4,
  );
  expect(replica.cursor).toBe('db.8');
  // Our pending stamp (NOW + 2 = 2024) is older than the other device's (2026): the server will keep CTO.
  expect(replica.liveRecords().get(key)?.title).toBe('CTO');
  expect(replica.rows.get(key)?.version).toBe(8);
  // The clock moved past what was seen, so the next local edit wins.
  expect(replica.clock.ms).toBe(1_767_225_600_000);
});

test('a refetch drops rows the server no longer sends, but keeps rows with pending edits', () => {
  const replica = new MemoryReplica(DEVICE);
  const record = { ...sampleRows.contacts };
  const page = (rows: string[], cursor: string) => ({
    changes: rows.map((id, i) => ({
      kind: 'upsert' as const,
      table: 'contacts' as const,
      id,
      version: i + 1,
      record: { ...record, id },
      clocks: {},
    })),
    cursor,
    hasMore: false,
  });
  replica.applyPullResponse(page([ids.record, ids.contact], 'db.2'), NOW);
  replica.write('contacts', ids.company, () => ({ ...record }), NOW);
  replica.cursorExpired();
  expect(replica.pullQuery()).toEqual({});
  replica.applyPullResponse(page([ids.contact], 'db.9'), NOW);
  expect([...replica.rows.keys()].sort()).toEqual(
    [rowKey('contacts', ids.company), rowKey('contacts', ids.contact)].sort(),
  );
});
