import { normalizePhone } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { findContactByEmail, findContactByPhone, saveCapturedContact, searchContacts } from './contacts-repo';
import { createRecord, deleteRecord } from './records-repo';
import { freshDb } from './test-db';

const page = { kind: 'page' as const, url: 'https://example.cn/team' };

describe('saveCapturedContact', () => {
  test('creates a new contact when nobody matches', async () => {
    const { db, ctx } = freshDb();
    const { created, contact } = await saveCapturedContact(
      { displayName: '王小明', emails: [{ address: 'wang@example.cn' }], source: page },
      ctx,
    );
    expect(created).toBe(true);
    expect(await findContactByEmail('WANG@example.cn ', db)).toEqual(contact);
  });

  test('matches by email, then phone, and adds new values without dropping any', async () => {
    const { db, ctx } = freshDb();
    const mobile = normalizePhone('+86 138 0013 8000', 'CN', 'mobile');
    const first = await saveCapturedContact(
      { displayName: '王小明', emails: [{ address: 'wang@example.cn' }], phones: [mobile], source: page },
      ctx,
    );
    // Same email, a new phone: merged into the same contact.
    const office = normalizePhone('010 6552 9988', 'CN');
    const second = await saveCapturedContact(
      {
        displayName: 'Xiaoming Wang',
        emails: [{ address: 'Wang@Example.cn' }],
        phones: [office],
        source: page,
      },
      ctx,
    );
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(second.contact.phones.map((p) => p.number)).toEqual(['+8613800138000', '+861065529988']);
    expect(second.contact.displayName).toBe('王小明'); // a differing name is not overwritten silently
    // Only a phone, written differently: still the same contact, new email added.
    const third = await saveCapturedContact(
      {
        displayName: 'X. Wang',
        emails: [{ address: 'xw@home.cn' }],
        phones: [normalizePhone('13800138000', 'CN')],
        source: page,
      },
      ctx,
    );
    expect(third.contact.id).toBe(first.contact.id);
    expect(third.contact.emailKeys).toEqual(['wang@example.cn', 'xw@home.cn']);
    expect(await db.contacts.count()).toBe(1);
    expect((await findContactByPhone('+861065529988', db))?.id).toBe(first.contact.id);
  });

  test('a deleted contact is not matched: the capture creates a new one', async () => {
    const { db, ctx } = freshDb();
    const first = await saveCapturedContact(
      { displayName: 'A', emails: [{ address: 'a@x.com' }], source: page },
      ctx,
    );
    await deleteRecord('contacts', first.contact.id, ctx);
    const again = await saveCapturedContact(
      { displayName: 'A', emails: [{ address: 'a@x.com' }], source: page },
      ctx,
    );
    expect(again.created).toBe(true);
    expect(await db.contacts.count()).toBe(2);
  });
});

describe('searchContacts', () => {
  test.each([
    ['小明', ['王小明']],
    ['SCHMIDT', ['Anna Schmidt']],
    ['example.de', ['Anna Schmidt']],
    ['138 0013', ['王小明']],
    ['vip', ['王小明']],
    ['', ['Anna Schmidt', 'Gone', '王小明'].filter((n) => n !== 'Gone')],
    ['nobody', []],
  ])('query %j finds %j', async (query, names) => {
    const { db, ctx } = freshDb();
    await createRecord(
      'contacts',
      { displayName: '王小明', phones: [normalizePhone('138 0013 8000', 'CN')], tags: ['VIP'], source: page },
      ctx,
    );
    await createRecord(
      'contacts',
      { displayName: 'Anna Schmidt', emails: [{ address: 'anna@example.de' }], source: page },
      ctx,
    );
    const gone = await createRecord('contacts', { displayName: 'Gone', source: page }, ctx);
    await deleteRecord('contacts', gone.id, ctx);
    expect((await searchContacts(query, 50, db)).map((c) => c.displayName)).toEqual(names);
  });
});
