import { normalizePhone, ValidationError } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import {
  BatchValidationError,
  createRecord,
  createRecords,
  deleteRecord,
  updateRecord,
} from './records-repo';
import { freshDb } from './test-db';

describe('createRecord', () => {
  test('fills the common fields, normalises and stores a contact with its index keys', async () => {
    const { db, ctx } = freshDb();
    const row = await createRecord(
      'contacts',
      {
        displayName: ' 王小明 ',
        emails: [{ address: ' Wang@Example.CN ' }],
        phones: [normalizePhone('138 0013 8000', 'CN', 'mobile')],
        tags: ['VIP', 'vip', 'tea'],
        source: { kind: 'manual' },
      },
      ctx,
    );
    expect(row).toMatchObject({
      displayName: '王小明',
      ownerId: 'user-1',
      teamId: null,
      visibility: 'private',
      createdAt: ctx.now,
      updatedAt: ctx.now,
      deletedAt: null,
      schemaVersion: 1,
      emails: [{ address: 'wang@example.cn', label: 'work' }],
      tags: ['vip', 'tea'],
      emailKeys: ['wang@example.cn'],
      phoneKeys: ['+8613800138000'],
      nameKey: '王小明',
    });
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(await db.contacts.get(row.id)).toEqual(row);
    expect(await db.contacts.where('phoneKeys').equals('+8613800138000').count()).toBe(1);
  });

  test('refuses an invalid record with a message naming the field, and stores nothing', async () => {
    const { db, ctx } = freshDb();
    const attempt = createRecord(
      'contacts',
      { displayName: 'Anna', emails: [{ address: 'not-an-email' }], source: { kind: 'manual' } },
      ctx,
    );
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(
      'Invalid contacts: emails[0].address must be a valid email address',
    );
    expect(await db.contacts.count()).toBe(0);
  });

  test('validates every table, e.g. a purchase amount must be whole minor units', async () => {
    const { ctx } = freshDb();
    const contact = await createRecord(
      'contacts',
      { displayName: 'Li Wei', source: { kind: 'manual' } },
      ctx,
    );
    await expect(
      createRecord(
        'purchases',
        { contactId: contact.id, occurredAt: ctx.now, product: 'Tea', amountMinor: 12.5, currency: 'cny' },
        ctx,
      ),
    ).rejects.toThrow('amountMinor must be a whole number of minor currency units (cents, fen)');
    const ok = await createRecord(
      'purchases',
      { contactId: contact.id, occurredAt: ctx.now, product: 'Tea', amountMinor: 1250, currency: 'cny' },
      ctx,
    );
    expect(ok.currency).toBe('CNY');
  });
});

describe('createRecords (batch)', () => {
  test('writes all rows in one go', async () => {
    const { db, ctx } = freshDb();
    const rows = await createRecords(
      'contacts',
      Array.from({ length: 50 }, (_, i) => ({
        displayName: `Customer ${i}`,
        source: { kind: 'import' as const },
      })),
      ctx,
    );
    expect(rows).toHaveLength(50);
    expect(await db.contacts.count()).toBe(50);
  });

  test('a batch with a bad row is refused whole: every bad row listed, nothing written', async () => {
    const { db, ctx } = freshDb();
    const inputs = [
      { displayName: 'Good', source: { kind: 'import' as const } },
      { displayName: '', source: { kind: 'import' as const } },
      { displayName: 'Also good', source: { kind: 'import' as const } },
      { displayName: 'Bad url', urls: ['javascript:alert(1)'], source: { kind: 'import' as const } },
    ];
    const error = await createRecords('contacts', inputs, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchValidationError);
    const batch = error as BatchValidationError;
    expect(batch.failures.map((f) => f.index)).toEqual([1, 3]);
    expect(batch.message).toBe(
      '2 row(s) refused, nothing saved. Row 2: Invalid contacts: displayName must not be empty (and 1 more)',
    );
    expect(batch.failures[1]!.error.issues).toEqual([
      { field: 'urls[0]', reason: 'must be an http:// or https:// url' },
    ]);
    expect(await db.contacts.count()).toBe(0);
  });

  test('a quota failure mid-batch says what happened and leaves nothing half-written', async () => {
    const { db, ctx } = freshDb();
    // The browser refuses the write once the batch has started: a DBCore middleware (registered
    // before the database opens, as Dexie requires) throws the QuotaExceededError that IndexedDB
    // raises when the disk quota is reached.
    let full = false;
    db.use({
      stack: 'dbcore',
      name: 'quota-after-first-write',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return {
            ...table,
            mutate: async (req) => {
              if (full && name === 'contacts' && req.type === 'add') {
                await table.mutate({ ...req, values: req.values.slice(0, 1) });
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              }
              return table.mutate(req);
            },
          };
        },
      }),
    });
    await createRecords('contacts', [{ displayName: 'Existing', source: { kind: 'manual' } }], ctx);
    full = true;
    const rows = ['New A', 'New B', 'New C'].map((displayName) => ({
      displayName,
      source: { kind: 'manual' as const },
    }));
    const error = await createRecords('contacts', rows, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', code: 'quota' });
    expect((error as Error).message).toMatch(
      /^The browser refused to store more data \(storage quota exceeded\)\. Nothing was saved/,
    );
    expect((await db.contacts.toArray()).map((c) => c.displayName)).toEqual(['Existing']);
  });
});

describe('updateRecord and deleteRecord', () => {
  test('update validates the merged record and refreshes index keys; time never goes backwards', async () => {
    const { db, ctx } = freshDb();
    const row = await createRecord('contacts', { displayName: 'Anna', source: { kind: 'manual' } }, ctx);
    const updated = await updateRecord(
      'contacts',
      row.id,
      { displayName: 'Anna Schmidt', emails: [{ address: 'ANNA@x.de' }] },
      { ...ctx, now: ctx.now - 1000 },
    );
    expect(updated).toMatchObject({ nameKey: 'anna schmidt', emailKeys: ['anna@x.de'], updatedAt: ctx.now });
    await expect(updateRecord('contacts', row.id, { displayName: '  ' }, ctx)).rejects.toThrow(
      'Invalid contacts: displayName must not be empty',
    );
    expect((await db.contacts.get(row.id))?.displayName).toBe('Anna Schmidt');
  });

  test('delete leaves a tombstone; a deleted record cannot be updated', async () => {
    const { db, ctx } = freshDb();
    const row = await createRecord('contacts', { displayName: 'Gone', source: { kind: 'manual' } }, ctx);
    await deleteRecord('contacts', row.id, { ...ctx, now: ctx.now + 5 });
    expect(await db.contacts.get(row.id)).toMatchObject({ deletedAt: ctx.now + 5, updatedAt: ctx.now + 5 });
    await expect(updateRecord('contacts', row.id, { displayName: 'Back' }, ctx)).rejects.toThrow(
      `No contacts record with id ${row.id}`,
    );
  });
});
