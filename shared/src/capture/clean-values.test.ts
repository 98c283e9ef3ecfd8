import { describe, expect, test } from 'vitest';
import { cleanText, emailsIn, phoneIn, resolveWebUrl } from './clean-values';
import { isRoleMailbox, looksLikeName, nameFromLabel } from './visible-names';

describe('clean values', () => {
  test.each([
    ['  Jane\n  Doe  ', 'Jane Doe'],
    ['evil\u202egnp.exe', 'evilgnp.exe'],
    ['zero\u200bwidth', 'zerowidth'],
    ['&lt;b&gt;', '&lt;b&gt;'],
    ['', undefined],
  ])('cleanText(%j) → %j', (text, clean) => expect(cleanText(text)).toBe(clean));

  test.each([
    ['/team/li', 'https://acme.cn/about', 'https://acme.cn/team/li'],
    ['javascript:alert(1)', undefined, undefined],
    [' JAVA\tSCRIPT:alert(1)', undefined, undefined],
    ['data:text/html,<b>', undefined, undefined],
    ['ftp://x.org/a', undefined, undefined],
    ['relative/only', undefined, undefined],
    [`https://x.org/${'a'.repeat(3000)}`, undefined, undefined],
  ])('resolveWebUrl(%j, %j) → %j', (raw, base, url) => expect(resolveWebUrl(raw, base)).toBe(url));

  test.each([
    ['mailto:Jane@Example.com?subject=x', ['jane@example.com']],
    ['a@b.co, c@d.org', ['a@b.co', 'c@d.org']],
    ['not an email', []],
  ])('emailsIn(%j)', (value, emails) => expect(emailsIn(value)).toEqual(emails));

  test.each([
    ['tel:+86-10-6552-9988;ext=12', 'CN', '+861065529988', '+86-10-6552-9988 ext. 12'],
    ['tel:+33-1-23-45-67-89', 'US', '+33123456789', '+33-1-23-45-67-89'],
    ['010-6552 9988 转 8001', 'CN', '+861065529988', '010-6552 9988 转 8001'],
    ['(425) 123-4567', 'US', '(425) 123-4567', '(425) 123-4567'],
  ])('phoneIn(%j, %s)', (value, region, number, raw) =>
    expect(phoneIn(value, region)).toEqual({ number, raw, label: 'work' }),
  );

  test.each([['123'], ['call me before noon 12345'], ['1'.repeat(25)]])('phoneIn(%j) is no phone', (value) =>
    expect(phoneIn(value, 'US')).toBeUndefined(),
  );
});

describe('visible names', () => {
  test.each([
    ['Jane Doe', true],
    ['王小明', true],
    ['欧阳娜娜', true],
    ['Ludwig van Beethoven', true],
    ['Team Twilio', true],
    ['Email us', false],
    ['联系我们', false],
    ['jane@acme.com', false],
    ['+1 415 555 0123', false],
    ['Nov 17', false],
    ['Google Account password changed', false],
    ['Questions? Call us', false],
    ['<img src=x onerror=alert(1)>', false],
    ['https://acme.com', false],
  ])('looksLikeName(%j) → %s', (text, expected) => expect(looksLikeName(text)).toBe(expected));

  test.each([
    ['Email Jane Doe', 'Jane Doe'],
    ['Download Li Wei', 'Li Wei'],
    ['  王 小明 ', '王 小明'],
    ['Contact', undefined],
  ])('nameFromLabel(%j) → %j', (label, name) => expect(nameFromLabel(label)).toBe(name));

  test.each([
    ['sales@acme.cn', true],
    ['kefu@acme.cn', true],
    ['li.wei@acme.cn', false],
  ])('isRoleMailbox(%j) → %s', (email, role) => expect(isRoleMailbox(email)).toBe(role));
});
