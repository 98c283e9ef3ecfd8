import { describe, expect, test } from 'vitest';
import { contactsFromLinkCandidates, emailsFromMailto, phoneFromTel } from './link-candidates';

const opts = { pageUrl: 'https://example.cn/team', defaultRegion: 'CN', now: 1_700_000_000_000 };

describe('emailsFromMailto', () => {
  test.each([
    ['mailto:Li.Wei@Example.cn', ['li.wei@example.cn']],
    ['MAILTO:a@x.com?subject=Hi&body=x', ['a@x.com']],
    ['mailto:a@x.com,%20b@y.org', ['a@x.com', 'b@y.org']],
    ['mailto:%E7%8E%8B@example.cn', ['王@example.cn']],
    ['mailto:%E0%A4%A', []],
    ['mailto:not an address', []],
    ['mailto:', []],
  ])('%s → %j', (href, emails) => expect(emailsFromMailto(href)).toEqual(emails));
});

describe('phoneFromTel', () => {
  test.each([
    ['tel:+86-138-0013-8000', '+86-138-0013-8000'],
    ['tel:+86%20138%200013%208000', '+86 138 0013 8000'],
    ['tel:010-6552-9988;ext=12', '010-6552-9988'],
    ['tel:', null],
    ['tel:call-us', null],
  ])('%s → %j', (href, phone) => expect(phoneFromTel(href)).toBe(phone));
});

describe('contactsFromLinkCandidates', () => {
  test('one contact per person, CJK name not split on spaces, E.164 phones, source recorded', () => {
    const contacts = contactsFromLinkCandidates(
      [
        { name: '王 小明', mailtos: ['mailto:Wang@Example.cn'], tels: ['tel:138%200013%208000'] },
        { name: 'Anna Schmidt', mailtos: ['mailto:anna@example.de'], tels: [] },
      ],
      opts,
    );
    expect(contacts).toEqual([
      {
        displayName: '王 小明',
        familyName: '王',
        givenName: '小明',
        emails: [{ address: 'wang@example.cn', label: 'work' }],
        phones: [{ number: '+8613800138000', raw: '138 0013 8000', label: 'work' }],
        urls: [],
        source: { kind: 'page', url: 'https://example.cn/team', capturedAt: opts.now },
      },
      {
        displayName: 'Anna Schmidt',
        givenName: 'Anna',
        familyName: 'Schmidt',
        emails: [{ address: 'anna@example.de', label: 'work' }],
        phones: [],
        urls: [],
        source: { kind: 'page', url: 'https://example.cn/team', capturedAt: opts.now },
      },
    ]);
  });

  test('candidates sharing an email or phone are one person; values are merged, none dropped', () => {
    const contacts = contactsFromLinkCandidates(
      [
        { name: 'Li Wei', mailtos: ['mailto:li@x.cn'], tels: [] },
        { name: null, mailtos: ['mailto:LI@x.cn', 'mailto:wei@home.cn'], tels: ['tel:13800138000'] },
        { name: null, mailtos: [], tels: ['tel:+8613800138000'] },
      ],
      opts,
    );
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.emails.map((e) => e.address)).toEqual(['li@x.cn', 'wei@home.cn']);
    expect(contacts[0]!.phones.map((p) => p.number)).toEqual(['+8613800138000']);
  });

  test.each([
    ['an address as name', 'a@x.com', 'a@x.com'],
    ['a number as name', '+86 138 0013 8000', 'a@x.com'],
    ['no name', null, 'a@x.com'],
    ['a script-like name is kept as text', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('%s', (_, name, displayName) => {
    const [contact] = contactsFromLinkCandidates([{ name, mailtos: ['mailto:a@x.com'], tels: [] }], opts);
    expect(contact!.displayName).toBe(displayName);
  });

  test('no usable link → no contact; non-web page urls are not recorded as sources', () => {
    expect(
      contactsFromLinkCandidates([{ name: 'X', mailtos: ['mailto:nope'], tels: ['tel:abc'] }], opts),
    ).toEqual([]);
    const [contact] = contactsFromLinkCandidates([{ name: 'X', mailtos: ['mailto:x@y.com'], tels: [] }], {
      ...opts,
      pageUrl: 'javascript:alert(1)',
    });
    expect(contact!.source).toEqual({ kind: 'page', capturedAt: opts.now });
  });
});
