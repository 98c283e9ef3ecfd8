// @vitest-environment happy-dom
import { captureFromOpenMessage } from '@keepcard/shared';
import { describe, expect, test } from 'vitest';
import { outlookAdapter, readOutlookMessage } from './outlook-adapter';
import { fixture, parsePage } from './webmail-fixtures.test-support';

const ITEM_URL = 'https://outlook.office.com/mail/inbox/id/AAQkADkeepcard%2Bdemo%3D';
const INBOX_URL = 'https://outlook.office.com/mail/inbox';

describe('Outlook adapter (test/fixtures/webmail/outlook-message.html)', () => {
  test('reads sender, recipients, subject, date, item id, body and account through ids, roles and labels', () => {
    const message = readOutlookMessage(fixture('outlook-message.html'), ITEM_URL);
    expect(message).toMatchObject({
      site: 'outlook',
      path: 'attributes',
      sender: { name: 'Bob Chen', address: 'bob.chen@globex-trading.example' },
      recipients: [
        { name: 'Li Wei', address: 'li.wei@keepcard-demo.cn' },
        { name: 'Keepcard Sales', address: 'sales@keepcard-demo.cn' },
        { name: 'Dana Wu', address: 'dana.wu@globex-trading.example' },
      ],
      subject: 'Re: Sample shipment to Shenzhen',
      date: new Date(2025, 2, 4, 16, 5).getTime(),
      messageId: 'outlook:AAQkADkeepcard+demo=',
      accountEmail: 'li.wei@keepcard-demo.cn',
    });
    expect(message?.bodyText).toContain('Kind regards,\nBob Chen\nProcurement Manager | Globex Trading Ltd.');
    // Outlook's empty lines (<div>&nbsp;</div>) stay empty lines.
    expect(message?.bodyText).toContain('Hi Li Wei,\n\nthe samples');
  });

  test('the card it gives: title, company and both phones from the signature, not the quoted header', () => {
    const message = readOutlookMessage(fixture('outlook-message.html'), ITEM_URL)!;
    const capture = captureFromOpenMessage(message, { defaultRegion: 'CN', now: 0 });
    expect(capture.direction).toBe('inbound');
    expect(capture.draft).toMatchObject({
      displayName: 'Bob Chen',
      title: 'Procurement Manager',
      organization: 'Globex Trading Ltd.',
      emails: [{ address: 'bob.chen@globex-trading.example' }],
    });
    expect(capture.draft?.phones.map((p) => p.number)).toEqual(['+8613800138000', '+8675588886666']);
  });

  test('a sender inside the organisation shows a name only: the address comes from the selected list row', () => {
    const doc = fixture('outlook-message.html');
    doc.querySelector('[aria-label="From: Bob Chen"] span')!.textContent = 'Bob Chen';
    const message = readOutlookMessage(doc, ITEM_URL);
    expect(message?.sender).toEqual({ name: 'Bob Chen', address: 'bob.chen@globex-trading.example' });
    expect(message?.path).toBe('attributes');
  });

  test('without an item id in the route, the conversation id and the date name the message', () => {
    const message = readOutlookMessage(fixture('outlook-message.html'), INBOX_URL);
    expect(message?.messageId).toBe(
      `outlook:conv:AAQkADkeepcardconv01:${new Date(2025, 2, 4, 16, 5).getTime()}`,
    );
  });

  test('Chinese labels and dates', () => {
    const doc = fixture('outlook-message.html');
    doc.documentElement.setAttribute('lang', 'zh-CN');
    doc.querySelector('[aria-label^="From:"]')!.setAttribute('aria-label', '发件人: Bob Chen');
    doc.querySelector('[aria-label^="To:"]')!.setAttribute('aria-label', '收件人: Li Wei; Keepcard Sales');
    doc.querySelector('[data-testid="SentReceivedSavedTime"]')!.setAttribute('title', '2025/3/4 周二 16:05');
    const message = readOutlookMessage(doc, ITEM_URL);
    expect(message).toMatchObject({
      path: 'attributes',
      sender: { address: 'bob.chen@globex-trading.example' },
      date: new Date(2025, 2, 4, 16, 5).getTime(),
    });
    expect(message?.recipients.map((r) => r.address)).toContain('li.wei@keepcard-demo.cn');
  });

  test('when the header labels are gone: generic extraction of the message, marked fallback', () => {
    const doc = fixture('outlook-message.html');
    for (const el of Array.from(
      doc.querySelectorAll('[aria-label^="From:"], [aria-label^="To:"], [aria-label^="Cc:"]'),
    )) {
      el.removeAttribute('aria-label');
    }
    doc.querySelector('[data-convid][aria-selected="true"]')!.setAttribute('aria-selected', 'false');
    const message = readOutlookMessage(doc, ITEM_URL);
    expect(message).toMatchObject({
      path: 'fallback',
      sender: { address: 'bob.chen@globex-trading.example' },
      messageId: 'outlook:AAQkADkeepcard+demo=',
    });
    expect(message?.recipients.map((r) => r.address)).toContain('li.wei@keepcard-demo.cn');
  });

  test.each([
    ['no reading pane', '<div role="listbox"></div>', ITEM_URL],
    [
      'a reading pane with nothing open',
      '<div id="ReadingPaneContainerId"><p>Select an item to read</p></div>',
      INBOX_URL,
    ],
    [
      'a compose window (an editable body) only',
      '<div id="ReadingPaneContainerId"><div role="document" contenteditable="true">Dear anna@acme.de</div></div>',
      INBOX_URL,
    ],
  ])('%s: no message', (_name, html, url) => {
    expect(readOutlookMessage(parsePage(html), url)).toBeNull();
  });

  test('the fingerprint changes with the open message', () => {
    const doc = fixture('outlook-message.html');
    const before = outlookAdapter.fingerprint(doc, ITEM_URL);
    expect(outlookAdapter.fingerprint(doc, ITEM_URL)).toBe(before);
    expect(outlookAdapter.fingerprint(doc, `${ITEM_URL}x`)).not.toBe(before);
  });
});
