import {
  contactRowsFromTable,
  guessMapping,
  normalizePhone,
  parseCsvTable,
  purchaseRowsFromTable,
  type SourcedDraft,
} from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { saveCapturedContact, saveCapturedContacts } from './contacts-repo';
import { importContacts, importPurchases } from './import-repo';
import { BatchValidationError } from './records-repo';
import { freshDb } from './test-db';

const now = Date.UTC(2026, 10, 22);
const contactsOf = (csv: string) => {
  const table = parseCsvTable(csv);
  return contactRowsFromTable(table, guessMapping(table.headers, 'contacts'), {
    defaultRegion: 'CN',
    fileName: 'crm.csv',
    now,
  });
};
const draft = (over: Partial<SourcedDraft>): SourcedDraft => ({
  displayName: '王小明',
  emails: [],
  phones: [],
  urls: [],
  source: { kind: 'page', url: 'https://example.cn/' },
  ...over,
});

describe('importContacts', () => {
  test('deduplicates within the file and against stored contacts, by the capture rules', async () => {
    const { db, ctx } = freshDb(now);
    const stored = await saveCapturedContact(
      draft({ emails: [{ address: 'wang@example.cn', label: 'work' }], title: '采购经理' }),
      ctx,
    );
    const { items, errors } = contactsOf(
      '姓名,邮箱,手机,公司,职位,性别\n' +
        '王小明,WANG@example.cn,138 0013 8000,杭州茶叶贸易有限公司,总经理,男\n' + // stored, by email
        'Anna Schmidt,anna@example.de,,Acme GmbH,,\n' + // new
        'Anna S.,,,,,\n' + // new (a different name, no shared key)
        'Anna Schmidt,,+49 30 1234567,Acme,,\n' + // same as row 3, by name + organisation
        '李雷,li@example.cn,,,,\n' +
        'Lei Li,LI@example.cn,139 0000 0000,,,\n', // same as row 6, by email
    );
    expect(errors).toEqual([]);
    const summary = await importContacts(items, { ...ctx, now: now + 1000 });
    expect(summary).toMatchObject({ created: 3, merged: 1, unchanged: 0, sameAsEarlierRow: 2 });
    // Values that differ from the stored contact, or from an earlier row of the same person, are kept
    // as they were and reported with the file's row.
    expect(summary.conflicts).toEqual([
      { row: 2, field: 'title', current: '采购经理', incoming: '总经理' },
      { row: 5, field: 'organization', current: 'Acme GmbH', incoming: 'Acme' },
      { row: 7, field: 'displayName', current: '李雷', incoming: 'Lei Li' },
      { row: 7, field: 'givenName', current: '雷', incoming: 'Lei' },
      { row: 7, field: 'familyName', current: '李', incoming: 'Li' },
    ]);
    expect(await db.contacts.count()).toBe(4);
    const wang = await db.contacts.get(stored.contact.id);
    expect(wang).toMatchObject({ title: '采购经理', gender: 'male', phoneKeys: ['+8613800138000'] });
    const anna = (await db.contacts.where('emailKeys').equals('anna@example.de').toArray())[0]!;
    expect(anna.phoneKeys).toEqual(['+49301234567']);
    const li = (await db.contacts.where('emailKeys').equals('li@example.cn').toArray())[0]!;
    expect(li.displayName).toBe('李雷');
    expect(li.phoneKeys).toEqual(['+8613900000000']);
    // Acme GmbH and Acme are one company (organisation key), created once.
    expect((await db.companies.toArray()).map((c) => c.name).sort()).toEqual([
      'Acme GmbH',
      '杭州茶叶贸易有限公司',
    ]);
    expect(anna.source).toEqual({ kind: 'import', importFile: 'crm.csv', capturedAt: now });
    // The merge is in the history, caused by the import.
    const history = await db.history.where('[table+rowId]').equals(['contacts', stored.contact.id]).toArray();
    expect(history.map((h) => [h.field, h.cause])).toContainEqual(['gender', 'import']);
  });

  test('importing the same file twice adds nothing the second time', async () => {
    const { db, ctx } = freshDb(now);
    const { items } = contactsOf('Name,Email,Phone\nAnna,anna@x.com,+49 30 1234567\nBen,ben@x.com,\n');
    await importContacts(items, ctx);
    const again = await importContacts(items, ctx);
    expect(again).toMatchObject({ created: 0, merged: 0, unchanged: 2 });
    expect(await db.contacts.count()).toBe(2);
  });

  test('all or nothing: one refused row leaves no contact, company or outbox entry behind', async () => {
    const { db, ctx } = freshDb(now);
    const good = { draft: draft({ organization: 'Acme', emails: [{ address: 'a@x.com', label: 'work' }] }) };
    const bad = { draft: draft({ displayName: 'x'.repeat(201) }) };
    await expect(saveCapturedContacts([good, bad], ctx)).rejects.toBeInstanceOf(BatchValidationError);
    expect(await db.contacts.count()).toBe(0);
    expect(await db.companies.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  test('a batch writes the same contact the one-at-a-time capture path writes', async () => {
    const one = freshDb(now);
    const batch = freshDb(now);
    const d = draft({
      organization: 'Acme',
      emails: [{ address: 'a@x.com', label: 'work' }],
      phones: [normalizePhone('138 0013 8000', 'CN', 'mobile')],
      tags: ['vip'],
    });
    const single = await saveCapturedContact(d, one.ctx);
    const [many] = await saveCapturedContacts([{ draft: d }], batch.ctx);
    const a = await one.db.contacts.get(single.contact.id);
    const b = await batch.db.contacts.get(many!.contactId);
    const strip = ({ id: _i, companyId: _c, ...rest }: Record<string, unknown>) => rest;
    expect(strip(b as never)).toEqual(strip(a as never));
  });
});

describe('importPurchases', () => {
  test('two orders of the same item on the same day stay two; the same order line again is skipped', async () => {
    const { db, ctx } = freshDb(now);
    await saveCapturedContact(draft({ emails: [{ address: 'wang@example.cn', label: 'work' }] }), ctx);
    const csv =
      '订单号,邮箱,商品,金额,日期\n' +
      'A-1,wang@example.cn,龙井,¥88,2026/3/5\n' +
      'A-2,wang@example.cn,龙井,¥88,2026/3/5\n' +
      'A-1,wang@example.cn,龙井,¥88,2026/3/5\n';
    const { items, errors } = purchasesOf(csv);
    expect(errors).toEqual([]);
    const summary = await importPurchases(items, ctx);
    expect(summary.imported).toBe(2);
    expect(summary.duplicates).toEqual([4]);
    expect((await db.purchases.toArray()).map((p) => p.orderId).sort()).toEqual(['A-1', 'A-2']);
    expect((await importPurchases(purchasesOf(csv).items, ctx)).imported).toBe(0);
  });

  const purchasesOf = (csv: string) => {
    const table = parseCsvTable(csv);
    return purchaseRowsFromTable(table, guessMapping(table.headers, 'purchases'), {
      defaultRegion: 'CN',
      defaultCurrency: 'CNY',
      utcOffsetMinutes: 480,
    });
  };

  test('matches customers by email, phone or name; unknown and ambiguous customers are bad rows', async () => {
    const { db, ctx } = freshDb(now);
    const wang = await saveCapturedContact(
      draft({ phones: [normalizePhone('138 0013 8000', 'CN', 'mobile')] }),
      ctx,
    );
    const anna = await saveCapturedContact(
      draft({ displayName: 'Anna', emails: [{ address: 'anna@x.com', label: 'work' }] }),
      ctx,
    );
    await saveCapturedContact(draft({ displayName: 'Li Lei', organization: 'A' }), ctx);
    await saveCapturedContact(draft({ displayName: 'Li Lei', organization: 'B' }), ctx);
    const { items, errors } = purchasesOf(
      '订单号,客户,邮箱,手机,商品,金额,日期\n' +
        '1,,,13800138000,龙井,¥88,2026/3/5\n' +
        '2,,ANNA@x.com,,Tea set,$12,2026-03-06\n' +
        '3,王小明,,,白茶,¥10,2026/3/7\n' +
        '4,Nobody,,,Cup,¥1,2026/3/7\n' +
        '5,Li Lei,,,Cup,¥1,2026/3/7\n' +
        '6,Anna,,,Refund,-$12,2026-03-08\n',
    );
    expect(errors).toEqual([]);
    const summary = await importPurchases(items, ctx);
    expect(summary.imported).toBe(4);
    expect(summary.errors.map((e) => [e.row, e.code, e.value])).toEqual([
      [5, 'no-customer', 'Nobody'],
      [6, 'ambiguous-customer', 'Li Lei'],
    ]);
    const byContact = async (id: string) =>
      (await db.purchases.toArray())
        .filter((p) => p.contactId === id)
        .map((p) => [p.product, p.amountMinor, p.currency]);
    expect(await byContact(wang.contact.id)).toEqual([
      ['龙井', 8800, 'CNY'],
      ['白茶', 1000, 'CNY'],
    ]);
    expect(await byContact(anna.contact.id)).toEqual([
      ['Tea set', 1200, 'USD'],
      ['Refund', -1200, 'USD'],
    ]);
    // Imported purchases move each customer's next follow-up: their latest purchase plus the cadence
    // of their tier (not scored yet: a prospect, every 30 days), never before the import itself:
    // March plus 30 days has passed, so both are due now.
    const followUps = async (id: string) =>
      (await db.tasks.toArray())
        .filter((t) => t.contactId === id && t.kind === 'follow-up' && t.doneAt === null)
        .map((t) => new Date(t.dueAt).toISOString().slice(0, 10));
    expect(await followUps(wang.contact.id)).toEqual(['2026-11-22']);
    expect(await followUps(anna.contact.id)).toEqual(['2026-11-22']);
    // The same file again: every line is already stored.
    const again = await importPurchases(items, ctx);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toEqual([2, 3, 4, 7]);
    expect(await db.purchases.count()).toBe(4);
  });
});
