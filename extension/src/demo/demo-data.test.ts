import { ledgerLines, referralIssue } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { awardPoints } from '../db/loyalty-repo';
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

  test('relationship upkeep: complaints by category and severity over two years, open and resolved; NPS and CSAT over two years; loyalty; referrals', () => {
    const book = demoBook(NOW);
    const DAY = 86_400_000;
    const complaints = book.feedback.filter((f) => f.input.kind === 'complaint');
    const categories = new Set(complaints.map((f) => f.input.category));
    for (const c of ['物流', '质量', '价格', '服务', 'delivery', 'quality', 'price', 'service'])
      expect(categories, c).toContain(c);
    expect(new Set(complaints.map((f) => f.input.severity).filter(Boolean))).toEqual(
      new Set(['low', 'medium', 'high', 'critical']),
    );
    const ages = complaints.map((f) => (NOW - f.input.occurredAt) / DAY);
    expect(Math.max(...ages)).toBeGreaterThan(500);
    expect(Math.min(...ages)).toBeLessThan(60);
    expect(complaints.some((f) => f.input.status === 'open')).toBe(true);
    const resolved = complaints.filter((f) => f.input.resolvedAt);
    expect(resolved.length).toBeGreaterThan(5);
    expect(resolved.every((f) => f.input.resolution && f.input.resolvedAt! >= f.input.occurredAt)).toBe(true);
    expect(book.feedback.some((f) => f.input.kind === 'praise')).toBe(true);
    expect(book.feedback.some((f) => f.input.kind === 'suggestion')).toBe(true);
    for (const scale of ['nps', 'csat'] as const) {
      const answers = book.feedback.filter((f) => f.input.scale === scale);
      const months = new Set(answers.map((f) => Math.floor((NOW - f.input.occurredAt) / (30 * DAY))));
      expect(months.size, scale).toBeGreaterThan(scale === 'nps' ? 15 : 8);
    }
    // Every customer's points ledger stays at or above zero at every step.
    const byContact = new Map<number, { id: string; occurredAt: number; points: number }[]>();
    book.loyalty.forEach((e, i) => {
      const list = byContact.get(e.contact) ?? [];
      list.push({ id: String(i).padStart(6, '0'), occurredAt: e.input.occurredAt, points: e.input.points });
      byContact.set(e.contact, list);
    });
    expect(byContact.size).toBeGreaterThan(3);
    expect(book.loyalty.some((e) => e.input.points < 0)).toBe(true);
    for (const entries of byContact.values())
      expect(ledgerLines(entries).every((l) => l.balanceAfter >= 0)).toBe(true);
    // A few referrals, none a cycle.
    expect(book.referrals.length).toBeGreaterThanOrEqual(2);
    const referrerOf = new Map(book.referrals.map((r) => [String(r.contact), String(r.referrer)]));
    for (const r of book.referrals)
      expect(referralIssue(String(r.contact), String(r.referrer), (id) => referrerOf.get(id))).toBeNull();
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
    // … and awards points to their own customer: not demo data either.
    const points = await awardPoints(own.id, { points: 50, reason: 'mine' }, ctx);
    expect(manifest.ids.loyalty!.length).toBeGreaterThan(0);
    expect((await db.contacts.toArray()).filter((c) => c.referredById).length).toBeGreaterThanOrEqual(2);

    expect(await removeDemoData(ctx)).toBe(loaded);
    expect(await demoManifest(db)).toBeNull();
    const liveContacts = (await db.contacts.toArray()).filter((c) => c.deletedAt === null);
    expect(liveContacts.map((c) => c.id)).toEqual([own.id]);
    expect((await db.notes.get(note.id))?.deletedAt).toBeNull();
    expect((await db.loyalty.get(points.id))?.deletedAt).toBeNull();
    const demoLoyalty = (await db.loyalty.toArray()).filter((e) => e.id !== points.id);
    expect(demoLoyalty.length).toBe(manifest.ids.loyalty!.length);
    expect(demoLoyalty.every((e) => e.deletedAt !== null)).toBe(true);
    for (const table of ['purchases', 'interactions', 'feedback', 'tasks', 'companies'] as const) {
      expect(
        (await db.table(table).toArray()).every((r: { deletedAt: number | null }) => r.deletedAt !== null),
        table,
      ).toBe(true);
    }
  });
});
