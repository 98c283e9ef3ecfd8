import { describe, expect, test } from 'vitest';
import { createRecord } from '../db/records-repo';
import { freshDb } from '../db/test-db';
import { demoBook } from './demo-book';
import { demoManifest, loadDemoData, removeDemoData } from './demo-data';

const NOW = Date.UTC(2026, 10, 22, 8);

describe('demo data', () => {
  test('the generator is deterministic: same seed and time, same book', () => {
    expect(demoBook(NOW)).toEqual(demoBook(NOW));
    expect(demoBook(NOW, 1)).not.toEqual(demoBook(NOW, 2));
  });

  test('a realistic book: Chinese and Western customers, two years of CNY, USD and EUR purchases, complaints, tasks', () => {
    const book = demoBook(NOW);
    const names = book.contacts.map((c) => c.input.displayName);
    expect(names.some((n) => /^[\u4e00-\u9fff]+$/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Z][a-zé]+ [A-ZÜ]/.test(n))).toBe(true);
    expect(new Set(book.purchases.map((p) => p.input.currency))).toEqual(new Set(['CNY', 'USD', 'EUR']));
    const oldest = Math.min(...book.purchases.map((p) => p.input.occurredAt));
    expect(NOW - oldest).toBeGreaterThan(600 * 86_400_000);
    expect(book.feedback.some((f) => f.input.kind === 'complaint')).toBe(true);
    expect(book.tasks.some((t) => t.input.dueAt < NOW)).toBe(true);
    expect(book.contacts.every((c) => c.input.source.kind === 'demo')).toBe(true);
  });

  test('remove deletes exactly the demo records: the rep’s own customer and note stay', async () => {
    const { db, ctx } = freshDb(NOW);
    const own = await createRecord(
      'contacts',
      { displayName: '自己的客户', source: { kind: 'manual' } },
      ctx,
    );
    const manifest = await loadDemoData(ctx);
    const loaded = Object.values(manifest.ids).reduce((n, ids) => n + (ids?.length ?? 0), 0);
    expect(await db.contacts.count()).toBe(1 + manifest.ids.contacts!.length);
    await expect(loadDemoData(ctx)).rejects.toThrow('already loaded');
    // The rep adds a note to a demo customer: it is theirs, not demo data.
    const note = await createRecord('notes', { contactId: manifest.ids.contacts![0]!, text: 'mine' }, ctx);

    expect(await removeDemoData(ctx)).toBe(loaded);
    expect(await demoManifest(db)).toBeNull();
    const liveContacts = (await db.contacts.toArray()).filter((c) => c.deletedAt === null);
    expect(liveContacts.map((c) => c.id)).toEqual([own.id]);
    expect((await db.notes.get(note.id))?.deletedAt).toBeNull();
    for (const table of ['purchases', 'interactions', 'feedback', 'tasks', 'companies'] as const) {
      expect(
        (await db.table(table).toArray()).every((r: { deletedAt: number | null }) => r.deletedAt !== null),
        table,
      ).toBe(true);
    }
  });
});
