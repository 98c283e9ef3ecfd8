import { describe, expect, test } from 'vitest';
import { checkContactDraft } from './contact-draft-check';
import { captureFromOpenMessage, emailMessageKey } from './message-capture';
import type { OpenMessage } from './open-message';

const NOW = Date.UTC(2026, 10, 22, 9, 0);
const SENT = Date.UTC(2025, 2, 3, 10, 14);
const REP = 'li.wei@keepcard-demo.cn';
const ANNA = 'anna.mueller@acme-industrie.de';

const ANNA_BODY = `Hello Li Wei,

thank you for the samples. We would like to order 200 kg of Longjing.

Best regards,
Anna Müller
Head of Purchasing
Acme Industrie GmbH
Tel: +49 30 1234567
Fax: +49 30 1234568
anna.mueller@acme-industrie.de
www.acme-industrie.de

On Mon, Mar 3, 2025 at 9:00 AM Li Wei <li.wei@keepcard-demo.cn> wrote:
> Dear Anna, please find attached our price list.
> Li Wei, Keepcard Tea Trading, Tel +86 571 8502 2088
`;

const REP_BODY = `Dear Anna,

please find attached our price list.

Best regards,
Li Wei
Sales Manager
Keepcard Tea Trading Co., Ltd.
Tel: +86 571 8502 2088
`;

const ZHANG_BODY = `王总您好，

附件是我们最新的报价单，请查收。

此致
敬礼
张伟
销售经理
北京某某科技有限公司
手机：138 0013 8000
电话：010-6552 9988
`;

const message = (over: Partial<OpenMessage> = {}): OpenMessage => ({
  site: 'gmail',
  path: 'attributes',
  sender: { name: 'Anna Müller', address: ANNA },
  recipients: [{ name: 'Li Wei', address: REP }],
  subject: 'Order of Longjing tea',
  date: SENT,
  messageId: 'gmail:18d5b1c2e3f4a5b6',
  bodyText: ANNA_BODY,
  accountEmail: REP,
  pageUrl: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbx',
  ...over,
});

const opts = { defaultRegion: 'CN', now: NOW };

describe('captureFromOpenMessage', () => {
  test('a received message: the sender, filled from the signature, and an inbound email logged once by the site id', () => {
    const capture = captureFromOpenMessage(message(), opts);
    expect(capture.direction).toBe('inbound');
    expect(capture.counterpart).toEqual({ name: 'Anna Müller', address: ANNA });
    expect(capture.draft).toEqual({
      displayName: 'Anna Müller',
      givenName: 'Anna',
      familyName: 'Müller',
      title: 'Head of Purchasing',
      organization: 'Acme Industrie GmbH',
      emails: [{ address: ANNA, label: 'work' }],
      // The fax is not a phone; the quoted reply's number (the rep's own) is not read.
      phones: [{ number: '+49301234567', raw: '+49301234567', label: 'work' }],
      urls: ['https://www.acme-industrie.de/'],
      source: {
        kind: 'email',
        emailMessageId: 'gmail:18d5b1c2e3f4a5b6',
        capturedAt: NOW,
        url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbx',
      },
    });
    expect(capture.interaction).toEqual({
      kind: 'email',
      direction: 'inbound',
      occurredAt: SENT,
      subject: 'Order of Longjing tea',
      emailMessageId: 'gmail:18d5b1c2e3f4a5b6',
    });
    expect(capture.signature?.used).toBe(true);
    expect(capture.notes).toEqual([]);
    expect(checkContactDraft(capture.draft!)).toEqual([]);
  });

  test.each<[string, Partial<OpenMessage>, Record<string, unknown>, string[]]>([
    [
      'sent by the rep: the customer is the first other recipient; the signature is the rep’s own',
      {
        sender: { name: 'Li Wei', address: REP },
        recipients: [
          { name: 'Li Wei', address: REP },
          { name: 'Anna Müller', address: ANNA },
        ],
        bodyText: REP_BODY,
      },
      { direction: 'outbound', displayName: 'Anna Müller', title: undefined, phones: [] },
      ['own-signature-skipped'],
    ],
    [
      'the account address is unknown: taken as received, and said so',
      { accountEmail: null },
      { direction: 'inbound', displayName: 'Anna Müller' },
      ['account-unknown'],
    ],
    [
      'read by the fallback path: said so',
      { path: 'fallback' },
      { direction: 'inbound', displayName: 'Anna Müller' },
      ['fallback-path'],
    ],
    [
      'no date on the page: the time it was read stands in',
      { date: null },
      { occurredAt: NOW },
      ['date-unknown'],
    ],
    [
      'the site shows only an address: the signature gives the name',
      { sender: { address: ANNA } },
      { displayName: 'Anna Müller', familyName: 'Müller' },
      [],
    ],
    [
      'the site shows a short name: the signature’s fuller form of it wins',
      { sender: { name: 'Anna', address: ANNA } },
      { displayName: 'Anna Müller' },
      [],
    ],
    [
      'no signature and no name: the address is the name, not split',
      { sender: { address: 'buyer@acme-industrie.de' }, bodyText: 'Please call me.' },
      { displayName: 'buyer@acme-industrie.de', givenName: undefined, title: undefined },
      [],
    ],
    [
      'a signature that names someone else at another address is not used',
      {
        sender: { name: 'Bob Chen', address: 'bob.chen@acme-industrie.de' },
        bodyText: `FYI, see below.\n\nThanks,\nCarol Smith\nCFO\ncarol.smith@other.example\nTel: +1 415 555 0100`,
      },
      { displayName: 'Bob Chen', title: undefined, phones: [] },
      ['signature-of-someone-else'],
    ],
    [
      'a Chinese signature: title, company and phones with the default region',
      {
        sender: { name: '张伟', address: 'zhang.wei@mouke-tech.cn' },
        bodyText: ZHANG_BODY,
        subject: '报价单',
      },
      {
        displayName: '张伟',
        familyName: '张',
        givenName: '伟',
        title: '销售经理',
        organization: '北京某某科技有限公司',
        phoneNumbers: ['+8613800138000', '+861065529988'],
      },
      [],
    ],
  ])('%s', (_name, over, expected, notes) => {
    const capture = captureFromOpenMessage(message(over), opts);
    const { direction, occurredAt, phoneNumbers, ...fields } = expected;
    if (direction) expect(capture.direction).toBe(direction);
    if (direction) expect(capture.interaction.direction).toBe(direction);
    if (occurredAt) expect(capture.interaction.occurredAt).toBe(occurredAt);
    if (phoneNumbers) expect(capture.draft?.phones.map((p) => p.number)).toEqual(phoneNumbers);
    for (const [field, value] of Object.entries(fields)) {
      expect(capture.draft?.[field as keyof typeof capture.draft], field).toEqual(value);
    }
    expect(capture.notes).toEqual(notes);
    expect(checkContactDraft(capture.draft!)).toEqual([]);
  });

  test('a message the rep sent only to themselves has no customer on it', () => {
    const capture = captureFromOpenMessage(
      message({ sender: { address: REP }, recipients: [{ address: REP }], bodyText: 'note to self' }),
      opts,
    );
    expect(capture.draft).toBeNull();
    expect(capture.counterpart).toBeNull();
    expect(capture.notes).toContain('no-counterpart');
    expect(capture.interaction.direction).toBe('outbound');
  });

  test('the account address is matched case-insensitively', () => {
    const capture = captureFromOpenMessage(
      message({ sender: { address: REP }, accountEmail: 'Li.Wei@Keepcard-Demo.cn' }),
      opts,
    );
    expect(capture.direction).toBe('outbound');
  });
});

describe('emailMessageKey', () => {
  test('the site id when there is one', () => {
    expect(emailMessageKey(message())).toBe('gmail:18d5b1c2e3f4a5b6');
  });

  test('otherwise a key made from the content: the same message gives the same key, another one another key', () => {
    const a = emailMessageKey(message({ messageId: null }));
    expect(a).toMatch(/^gmail:content:[0-9a-f]{16}$/);
    expect(emailMessageKey(message({ messageId: null, bodyText: `${ANNA_BODY}\n` }))).toBe(a);
    expect(emailMessageKey(message({ messageId: null, subject: 'Re: Order' }))).not.toBe(a);
    expect(emailMessageKey(message({ messageId: null, date: SENT + 60_000 }))).not.toBe(a);
    expect(captureFromOpenMessage(message({ messageId: null }), opts).notes).toContain('message-id-made-up');
  });
});
