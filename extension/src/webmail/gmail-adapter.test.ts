// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { captureFromOpenMessage } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { gmailAccountEmail, gmailAdapter, readGmailMessage, summarizeGmailPage } from './gmail-adapter';
import { GMAIL } from './gmail-selectors';
import { fixture, hasSavedGmailPage, parsePage, SAVED_GMAIL_PAGE } from './webmail-fixtures.test-support';

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbxLmNqRsTuVwXy';
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';

describe('Gmail adapter: an open message (test/fixtures/webmail/gmail-message.html)', () => {
  test('reads sender, recipients, subject, date, ids, body and account through attributes', () => {
    const message = readGmailMessage(fixture('gmail-message.html'), THREAD_URL);
    expect(message).toMatchObject({
      site: 'gmail',
      path: 'attributes',
      sender: { name: 'Anna Müller', address: 'anna.mueller@acme-industrie.de' },
      recipients: [
        { name: 'Li Wei', address: 'li.wei@keepcard-demo.cn' },
        { name: 'Keepcard Sales', address: 'sales@keepcard-demo.cn' },
      ],
      subject: 'Order of Longjing tea',
      // The open message is the expanded one, not the collapsed earlier one.
      messageId: 'gmail:18d5b2c7d1e2f3a4',
      date: new Date(2025, 2, 3, 10, 14).getTime(),
      accountEmail: 'li.wei@keepcard-demo.cn',
      pageUrl: THREAD_URL,
    });
    // Block elements become lines: the signature reads as the sender wrote it.
    expect(message?.bodyText).toContain(
      'Best regards,\nAnna Müller\nHead of Purchasing\nAcme Industrie GmbH',
    );
  });

  test('the card it gives: the sender, with title, company and phones from the signature (not the quoted reply)', () => {
    const message = readGmailMessage(fixture('gmail-message.html'), THREAD_URL)!;
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: 0 });
    expect(capture.direction).toBe('inbound');
    expect(capture.notes).toEqual([]);
    expect(capture.draft).toMatchObject({
      displayName: 'Anna Müller',
      title: 'Head of Purchasing',
      organization: 'Acme Industrie GmbH',
      emails: [{ address: 'anna.mueller@acme-industrie.de' }],
      urls: ['https://www.acme-industrie.de/'],
    });
    expect(capture.draft?.phones.map((p) => p.number)).toEqual(['+49301234567', '+491712345678']);
    expect(capture.interaction).toMatchObject({
      emailMessageId: 'gmail:18d5b2c7d1e2f3a4',
      subject: 'Order of Longjing tea',
    });
  });

  test('a sent message is outbound: the sender is the account', () => {
    const doc = fixture('gmail-message.html');
    const open = doc.querySelectorAll(GMAIL.message)[1]!;
    const sender = open.querySelector('h3 [email]')!;
    sender.setAttribute('email', 'li.wei@keepcard-demo.cn');
    sender.setAttribute('name', 'Li Wei');
    const message = readGmailMessage(doc, THREAD_URL)!;
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: 0 });
    expect(capture.direction).toBe('outbound');
    expect(capture.counterpart?.address).toBe('sales@keepcard-demo.cn');
  });

  test('without the body class, the body is read from the message element and the read says fallback', () => {
    const doc = fixture('gmail-message.html');
    for (const el of Array.from(doc.querySelectorAll('.a3s, .ii'))) el.removeAttribute('class');
    const message = readGmailMessage(doc, THREAD_URL);
    expect(message?.path).toBe('fallback');
    expect(message?.sender.address).toBe('anna.mueller@acme-industrie.de');
    expect(message?.bodyText).toContain('Head of Purchasing');
  });

  test('after a redesign without the attributes: generic extraction, marked fallback', () => {
    const doc = fixture('gmail-message-changed-markup.html');
    const message = readGmailMessage(doc, THREAD_URL);
    expect(message).toMatchObject({
      path: 'fallback',
      sender: { address: 'zhang.wei@mouke-tech.cn' },
      recipients: [{ address: 'li.wei@keepcard-demo.cn' }],
      subject: '报价单',
      date: new Date(2025, 2, 3, 15, 14).getTime(),
      messageId: 'gmail:thread:FMfcgzQXJWbxLmNqRsTuVwXy',
      accountEmail: null,
    });
    const capture = captureFromOpenMessage(message!, { defaultRegion: 'CN', now: 0 });
    expect(capture.notes).toEqual(['fallback-path', 'account-unknown']);
    expect(capture.draft).toMatchObject({
      displayName: '张伟',
      title: '销售经理',
      organization: '北京某某科技有限公司',
    });
  });

  test('no thread open and no message markup: no message, whatever the page shows', () => {
    expect(readGmailMessage(parsePage('<div role="main"><p>Inbox</p></div>'), INBOX_URL)).toBeNull();
    expect(readGmailMessage(parsePage(''), INBOX_URL)).toBeNull();
  });

  test('the fingerprint changes with the open message, not with unrelated changes', () => {
    const doc = fixture('gmail-message.html');
    const before = gmailAdapter.fingerprint(doc, THREAD_URL);
    doc.querySelector('header')!.append('unread: 3');
    expect(gmailAdapter.fingerprint(doc, THREAD_URL)).toBe(before);
    doc.querySelectorAll(GMAIL.message)[1]!.setAttribute('data-legacy-message-id', '18d5ffff');
    expect(gmailAdapter.fingerprint(doc, THREAD_URL)).not.toBe(before);
  });
});

describe.skipIf(!hasSavedGmailPage())(
  'Gmail adapter on the saved real Gmail page (InboxSDK fixture, a thread list of 2014)',
  () => {
    const html = () => readFileSync(SAVED_GMAIL_PAGE, 'utf8');

    test('can read: it is a thread list, whose account and listed people it names', () => {
      const doc = parsePage(html());
      const summary = summarizeGmailPage(doc, INBOX_URL);
      expect(summary.view).toBe('thread-list');
      // The rep's own messages are listed as name="me": that gives the account.
      expect(summary.accountEmail).toBe('streak.web.test.1@gmail.com');
      expect(gmailAccountEmail(doc)).toBe('streak.web.test.1@gmail.com');
      expect(summary.listPeople.map((p) => p.address).sort()).toEqual([
        'cowan@streak.com',
        'help@twilio.com',
        'news@twilio.com',
        'no-reply@accounts.google.com',
        'noreply-94292212@plus.google.com',
        'notifications@mailfoogae.appspotmail.com',
        'streak.web.test.1@gmail.com',
      ]);
      expect(summary.listPeople.find((p) => p.address === 'cowan@streak.com')?.name).toBe('Chris Cowan');
    });

    test('cannot read: no open message (no message ids, no body, no thread heading), and says so with null', () => {
      const doc = parsePage(html());
      const started = performance.now();
      expect(readGmailMessage(doc, INBOX_URL)).toBeNull();
      expect(doc.querySelector(GMAIL.message)).toBeNull();
      expect(doc.querySelector(GMAIL.subject)).toBeNull();
      expect(doc.querySelector(GMAIL.body)).toBeNull();
      // The page's VIEW_DATA script carries the same people as escaped HTML: scripts are never read.
      expect(performance.now() - started).toBeLessThan(500);
    });

    test('a route that names a thread over this list page still gives no made-up message', () => {
      const message = readGmailMessage(
        parsePage(html()),
        'https://mail.google.com/mail/u/0/#inbox/14a5f1c6f7aeeebc',
      );
      // The route changes before the page does: while the list is on screen, nothing is claimed
      // (generic extraction would otherwise take an address from a snippet for a sender).
      expect(message).toBeNull();
    });
  },
);
