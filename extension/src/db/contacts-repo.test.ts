import { type ContactDraft, normalizePhone, type RecordSource } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { findContactByEmail, findContactByPhone, saveCapturedContact, searchContacts } from './contacts-repo';
import { createRecord, deleteRecord, historyOf, updateRecord } from './records-repo';
import { freshDb } from './test-db';

const source: RecordSource = { kind: 'page', url: 'https://example.cn/team' };
const draft = (over: Partial<ContactDraft>): ContactDraft & { source: RecordSource } => ({
  displayName: '王小明',
  emails: [],
  phones: [],
  urls: [],
  source,
  ...over,
});
const email = (address: string) => ({ address, label: 'work' as const });

describe('saveCapturedContact', () => {
  test('creates a new contact, and its company by name, when nobody matches', async () => {
    const { db, ctx } = freshDb();
    const saved = await saveCapturedContact(
      draft({ emails: [email('wang@example.cn')], organization: '杭州茶叶贸易有限公司' }),
      ctx,
    );
    expect(saved).toMatchObject({ created: true, matchedBy: null, conflicts: [] });
    expect(await findContactByEmail('WANG@example.cn ', db)).toEqual(saved.contact);
    const company = await db.companies.get(saved.contact.companyId!);
    expect(company).toMatchObject({ name: '杭州茶叶贸易有限公司', orgKey: '杭州茶叶贸易' });
  });

  test('matches by email, then phone, and adds new values without dropping any', async () => {
    const { db, ctx } = freshDb();
    const mobile = normalizePhone('+86 138 0013 8000', 'CN', 'mobile');
    const first = await saveCapturedContact(
      draft({ emails: [email('wang@example.cn')], phones: [mobile] }),
      ctx,
    );
    const office = normalizePhone('010 6552 9988', 'CN');
    const second = await saveCapturedContact(
      draft({ displayName: 'Xiaoming Wang', emails: [email('Wang@Example.cn')], phones: [office] }),
      ctx,
    );
    expect(second).toMatchObject({ created: false, matchedBy: 'email' });
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.contact.phones.map((p) => p.number)).toEqual(['+8613800138000', '+861065529988']);
    // A differing name is not overwritten: it comes back as a conflict for the rep.
    expect(second.contact.displayName).toBe('王小明');
    expect(second.conflicts).toEqual([
      { field: 'displayName', current: '王小明', incoming: 'Xiaoming Wang' },
    ]);
    const third = await saveCapturedContact(
      draft({ emails: [email('xw@home.cn')], phones: [normalizePhone('13800138000', 'CN')] }),
      ctx,
    );
    expect(third).toMatchObject({ matchedBy: 'phone' });
    expect(third.contact.emailKeys).toEqual(['wang@example.cn', 'xw@home.cn']);
    expect(await db.contacts.count()).toBe(1);
    expect((await findContactByPhone('+861065529988', db))?.id).toBe(first.contact.id);
  });

  test('matches by name + organisation when no email or phone is shared', async () => {
    const { db, ctx } = freshDb();
    await saveCapturedContact(
      draft({ emails: [email('a@tea.cn')], organization: '杭州茶叶贸易有限公司' }),
      ctx,
    );
    const again = await saveCapturedContact(
      draft({ displayName: '王 小明', organization: '杭州茶叶贸易' }),
      ctx,
    );
    expect(again).toMatchObject({ created: false, matchedBy: 'name-organization' });
    expect(await db.contacts.count()).toBe(1);
    expect(await db.companies.count()).toBe(1);
  });

  test('a capture with nothing new writes nothing', async () => {
    const { db, ctx } = freshDb();
    const first = await saveCapturedContact(draft({ emails: [email('a@x.cn')] }), ctx);
    const again = await saveCapturedContact(draft({ emails: [email('a@x.cn')] }), {
      ...ctx,
      now: ctx.now + 1000,
    });
    expect(again.contact).toEqual(first.contact);
    expect(await historyOf('contacts', first.contact.id, db)).toEqual([]);
  });

  test('a deleted contact is not matched: the capture creates a new one', async () => {
    const { db, ctx } = freshDb();
    const first = await saveCapturedContact(draft({ emails: [email('a@x.com')] }), ctx);
    await deleteRecord('contacts', first.contact.id, ctx);
    const again = await saveCapturedContact(draft({ emails: [email('a@x.com')] }), ctx);
    expect(again.created).toBe(true);
    expect(await db.contacts.count()).toBe(2);
  });
});

describe('history and change counters', () => {
  test('every replaced value is kept, newest first, with its cause', async () => {
    const { db, ctx } = freshDb();
    const row = await createRecord('contacts', { displayName: 'Anna', title: 'Buyer', source }, ctx);
    await updateRecord('contacts', row.id, { title: 'CEO' }, { ...ctx, now: ctx.now + 1 });
    await updateRecord(
      'contacts',
      row.id,
      { displayName: 'Anna Schmidt' },
      { ...ctx, now: ctx.now + 2, cause: 'capture' },
    );
    expect(await historyOf('contacts', row.id, db)).toMatchObject([
      {
        field: 'displayName',
        oldValue: '"Anna"',
        newValue: '"Anna Schmidt"',
        cause: 'capture',
        at: ctx.now + 2,
      },
      { field: 'title', oldValue: '"Buyer"', newValue: '"CEO"', cause: 'edit', at: ctx.now + 1 },
    ]);
  });

  test('each write takes a new, increasing change counter across tables', async () => {
    const { db, ctx } = freshDb();
    const a = await createRecord('contacts', { displayName: 'A', source }, ctx);
    const company = await createRecord('companies', { name: 'Acme' }, ctx);
    const a2 = await updateRecord('contacts', a.id, { title: 'CEO' }, ctx);
    await deleteRecord('contacts', a.id, ctx);
    const revs = [a.localRev, company.localRev, a2.localRev, (await db.contacts.get(a.id))!.localRev];
    expect(revs).toEqual([1, 2, 3, 4]);
    expect(await db.contacts.where('localRev').above(2).count()).toBe(1);
  });
});

describe('searchContacts', () => {
  test.each([
    ['小明', ['王小明']],
    ['SCHMIDT', ['Anna Schmidt']],
    ['example.de', ['Anna Schmidt']],
    ['138 0013', ['王小明']],
    ['vip', ['王小明']],
    ['', ['Anna Schmidt', '王小明']],
    ['nobody', []],
  ])('query %j finds %j', async (query, names) => {
    const { db, ctx } = freshDb();
    await createRecord(
      'contacts',
      { displayName: '王小明', phones: [normalizePhone('138 0013 8000', 'CN')], tags: ['VIP'], source },
      ctx,
    );
    await createRecord(
      'contacts',
      { displayName: 'Anna Schmidt', emails: [email('anna@example.de')], source },
      ctx,
    );
    const gone = await createRecord('contacts', { displayName: 'Gone', source }, ctx);
    await deleteRecord('contacts', gone.id, ctx);
    expect((await searchContacts(query, 50, db)).map((c) => c.displayName)).toEqual(names);
  });
});
