import { captureFromOpenMessage, type OpenMessage } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { saveCapturedContact } from '../db/contacts-repo';
import { openFollowUps } from '../db/follow-up-repo';
import { historyOf } from '../db/records-repo';
import { freshDb } from '../db/test-db';
import {
  findContactForDraft,
  findLoggedEmail,
  interactionSummary,
  saveEmailCapture,
} from './email-capture-store';

const message: OpenMessage = {
  site: 'gmail',
  path: 'attributes',
  sender: { name: 'Anna Müller', address: 'anna.mueller@acme-industrie.de' },
  recipients: [{ name: 'Li Wei', address: 'li.wei@keepcard-demo.cn' }],
  subject: 'Order of Longjing tea',
  date: Date.UTC(2025, 2, 3, 9, 14),
  messageId: 'gmail:18d5b2c7d1e2f3a4',
  bodyText:
    'Thanks!\n\nBest regards,\nAnna Müller\nHead of Purchasing\nAcme Industrie GmbH\nTel: +49 30 1234567',
  accountEmail: 'li.wei@keepcard-demo.cn',
};

describe('saveEmailCapture', () => {
  test('an unknown sender: creates the contact and logs the email; saving again adds nothing', async () => {
    const { db, ctx } = freshDb();
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: ctx.now });
    expect(await findContactForDraft(capture.draft!, db)).toBeNull();

    const first = await saveEmailCapture(capture.draft!, capture.interaction, {}, ctx);
    expect(first).toMatchObject({ created: true, logged: true, conflicts: [] });
    expect(first.interaction).toMatchObject({
      contactId: first.contact.id,
      kind: 'email',
      direction: 'inbound',
      occurredAt: message.date,
      subject: 'Order of Longjing tea',
      emailMessageId: 'gmail:18d5b2c7d1e2f3a4',
    });
    expect((await findContactForDraft(capture.draft!, db))?.contact.id).toBe(first.contact.id);

    const second = await saveEmailCapture(
      capture.draft!,
      capture.interaction,
      {},
      { ...ctx, now: ctx.now + 1000 },
    );
    expect(second).toMatchObject({ created: false, matchedBy: 'email', logged: false });
    expect(second.contact.id).toBe(first.contact.id);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.interactions.count()).toBe(1);
    expect(await interactionSummary(first.contact.id, db)).toMatchObject({ count: 1 });
    // The logged email moved the next follow-up (a new contact is a prospect: 30 days), once; an
    // email older than that gives a follow-up due at the time of saving, never one in the past.
    const followUps = await openFollowUps(first.contact.id, db);
    expect(followUps.map((t) => t.dueAt)).toEqual([
      Math.max(first.interaction.occurredAt + 30 * 86_400_000, ctx.now),
    ]);
  });

  test('another message of a known sender is logged on the same card', async () => {
    const { db, ctx } = freshDb();
    const a = captureFromOpenMessage(message, { defaultRegion: 'CN', now: ctx.now });
    await saveEmailCapture(a.draft!, a.interaction, {}, ctx);
    const b = captureFromOpenMessage(
      { ...message, messageId: 'gmail:18d5ffff', subject: 'Re: Order' },
      { defaultRegion: 'CN', now: ctx.now },
    );
    const saved = await saveEmailCapture(b.draft!, b.interaction, {}, ctx);
    expect(saved.logged).toBe(true);
    expect(await db.contacts.count()).toBe(1);
    expect((await interactionSummary(saved.contact.id, db)).count).toBe(2);
    expect(await findLoggedEmail(saved.contact.id, 'gmail:18d5ffff', db)).toBeDefined();
  });

  test('differing stored values: kept unless the rep chooses the message’s; a replaced value goes to history', async () => {
    const { db, ctx } = freshDb();
    await saveCapturedContact(
      {
        displayName: 'Anna Mueller',
        title: 'Buyer',
        organization: 'Acme GmbH',
        emails: [{ address: 'anna.mueller@acme-industrie.de', label: 'work' }],
        phones: [],
        urls: [],
        source: { kind: 'manual' },
      },
      ctx,
    );
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: ctx.now });
    const saved = await saveEmailCapture(
      capture.draft!,
      capture.interaction,
      { displayName: 'incoming', title: 'current' },
      { ...ctx, now: ctx.now + 1 },
    );
    expect(saved.contact.displayName).toBe('Anna Müller');
    expect(saved.contact.title).toBe('Buyer');
    // The company conflict was not chosen: it stays, and is returned for the rep.
    expect(saved.conflicts.map((c) => c.field).sort()).toEqual(['organization', 'title']);
    expect(saved.replaced).toEqual([
      { field: 'displayName', oldValue: 'Anna Mueller', newValue: 'Anna Müller' },
    ]);
    // The new phone from the signature was added without asking.
    expect(saved.contact.phones.map((p) => p.number)).toEqual(['+49301234567']);
    const history = await historyOf('contacts', saved.contact.id, db);
    expect(history.find((h) => h.field === 'displayName')).toMatchObject({
      oldValue: '"Anna Mueller"',
      newValue: '"Anna Müller"',
      cause: 'capture',
    });
    expect(await db.contacts.count()).toBe(1);
  });

  test('choosing the message’s company links the contact to that company (created once)', async () => {
    const { db, ctx } = freshDb();
    await saveCapturedContact(
      {
        displayName: 'Anna Müller',
        organization: 'Acme GmbH',
        emails: [{ address: 'anna.mueller@acme-industrie.de', label: 'work' }],
        phones: [],
        urls: [],
        source: { kind: 'manual' },
      },
      ctx,
    );
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: ctx.now });
    const saved = await saveEmailCapture(
      capture.draft!,
      capture.interaction,
      { organization: 'incoming' },
      ctx,
    );
    const company = await db.companies.get(saved.contact.companyId!);
    expect(company?.name).toBe('Acme Industrie GmbH');
  });
});
