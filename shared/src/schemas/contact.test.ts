import { describe, expect, test } from 'vitest';
import { normalizePhone } from '../phone';
import { Birthday } from './contact';
import { ids, rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const contact = (changes: Record<string, unknown>) => parseRecord('contacts', rowOf('contacts', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    contact(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the contact to be refused');
}

describe('Contact: valid records', () => {
  test('fills the defaults of a minimal card', () => {
    expect(contact({})).toEqual({
      ...rowOf('contacts'),
      companyId: null,
      referredById: null,
      emails: [],
      phones: [],
      socials: [],
      urls: [],
      tags: [],
      preferences: { text: '', tags: [] },
      assigneeId: null,
      lost: null,
    });
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'lost without a reason',
      { lost: { at: 1, reason: ' ' } },
      'Invalid contacts: lost.reason must not be empty',
    ],
    ['an empty assignee', { assigneeId: '  ' }, 'Invalid contacts: assigneeId must name a user'],
    [
      'a photo that is not a web url',
      { photoUrl: 'data:image/png;base64,AAAA' },
      'Invalid contacts: photoUrl must be an http:// or https:// url',
    ],
  ])('refuses %s', (_, over, message) => {
    expect(() => contact(over)).toThrow(message);
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    [
      'a Chinese name with its parts',
      { displayName: '王小明', familyName: '王', givenName: '小明' },
      { displayName: '王小明', familyName: '王', givenName: '小明' },
    ],
    [
      'a compound surname',
      { displayName: '欧阳娜娜', familyName: '欧阳', givenName: '娜娜' },
      { familyName: '欧阳', givenName: '娜娜' },
    ],
    ['a trimmed display name', { displayName: '  Mary Ann Smith \n' }, { displayName: 'Mary Ann Smith' }],
    [
      'a CN mobile and a Beijing landline',
      {
        phones: [normalizePhone('138 0013 8000', 'CN', 'mobile'), normalizePhone('+86 10 6552 9988', 'CN')],
      },
      {
        phones: [
          { number: '+8613800138000', raw: '138 0013 8000', label: 'mobile' },
          { number: '+861065529988', raw: '+86 10 6552 9988', label: 'work' },
        ],
      },
    ],
    [
      'a US number',
      { phones: [normalizePhone('(415) 555-2671', 'US')] },
      { phones: [{ number: '+14155552671', raw: '(415) 555-2671', label: 'work' }] },
    ],
    [
      'an unparseable phone kept as raw text',
      { phones: [normalizePhone('前台转王经理', 'CN')] },
      { phones: [{ number: '前台转王经理', raw: '前台转王经理', label: 'work' }] },
    ],
    [
      'an email trimmed and lower-cased, label defaulted',
      { emails: [{ address: '  Wang.XiaoMing@Example.COM ' }] },
      { emails: [{ address: 'wang.xiaoming@example.com', label: 'work' }] },
    ],
    [
      'an email label kept',
      { emails: [{ address: 'xm@qq.com', label: 'home' }] },
      { emails: [{ address: 'xm@qq.com', label: 'home' }] },
    ],
    [
      'tags trimmed, lower-cased and de-duplicated in order',
      { tags: [' VIP ', 'vip', '华东', 'Beijing', 'BEIJING', '华东'] },
      { tags: ['vip', '华东', 'beijing'] },
    ],
    [
      'preference tags normalised like tags',
      { preferences: { text: ' 喜欢喝茶 ', tags: ['Tea', 'tea', '绿茶'] } },
      { preferences: { text: '喜欢喝茶', tags: ['tea', '绿茶'] } },
    ],
    [
      'an address with the country code upper-cased',
      {
        address: {
          country: ' cn ',
          region: '北京市',
          city: '北京',
          street: '朝阳区建国路88号',
          postalCode: '100022',
        },
      },
      {
        address: {
          country: 'CN',
          region: '北京市',
          city: '北京',
          street: '朝阳区建国路88号',
          postalCode: '100022',
        },
      },
    ],
    ['a full-date birthday', { birthday: '1990-05-17' }, { birthday: '1990-05-17' }],
    ['a birthday without a year', { birthday: '--02-29' }, { birthday: '--02-29' }],
    ['a company', { companyId: ids.company }, { companyId: ids.company }],
    ['a referrer', { referredById: ids.contact }, { referredById: ids.contact }],
    ['an older row without a referrer field', { referredById: undefined }, { referredById: null }],
    [
      'urls and a social profile',
      {
        urls: ['https://www.linkedin.com/in/wangxm', ' http://example.cn/about '],
        socials: [
          { network: 'WeChat', handle: 'wangxm88' },
          { network: 'Weibo', url: 'https://weibo.com/u/123' },
        ],
      },
      {
        urls: ['https://www.linkedin.com/in/wangxm', 'http://example.cn/about'],
        socials: [
          { network: 'WeChat', handle: 'wangxm88' },
          { network: 'Weibo', url: 'https://weibo.com/u/123' },
        ],
      },
    ],
    [
      'a page source',
      { source: { kind: 'page', url: 'https://www.linkedin.com/in/wangxm', capturedAt: 1_717_200_000_000 } },
      { source: { kind: 'page', url: 'https://www.linkedin.com/in/wangxm', capturedAt: 1_717_200_000_000 } },
    ],
    ['gender', { gender: 'female' }, { gender: 'female' }],
  ])('%s', (_, changes, expected) => {
    expect(contact(changes)).toMatchObject(expected);
  });
});

describe('Contact: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a missing display name', { displayName: undefined }, 'displayName is required'],
    ['a blank display name', { displayName: '   ' }, 'displayName must not be empty'],
    ['a display name that is not text', { displayName: 42 }, 'displayName must be text'],
    ['a null display name', { displayName: null }, 'displayName must be text'],
    [
      'a display name too long',
      { displayName: '王'.repeat(201) },
      'displayName must be at most 200 characters',
    ],
    ['a missing source', { source: undefined }, 'source is required'],
    [
      'an unknown source kind',
      { source: { kind: 'scrape' } },
      "source.kind must be one of 'manual', 'page', 'email', 'import', 'demo'",
    ],
    [
      'a bad email',
      { emails: [{ address: 'wang.xiaoming' }] },
      'emails[0].address must be a valid email address',
    ],
    [
      'an email with a space',
      { emails: [{ address: 'wang xm@example.com' }] },
      'emails[0].address must be a valid email address',
    ],
    ['an empty email', { emails: [{ address: '' }] }, 'emails[0].address must be a valid email address'],
    ['an email without its address', { emails: [{ label: 'work' }] }, 'emails[0].address is required'],
    [
      'the second email bad',
      { emails: [{ address: 'ok@example.com' }, { address: '@example.com' }] },
      'emails[1].address must be a valid email address',
    ],
    [
      'an unknown email label',
      { emails: [{ address: 'a@b.cn', label: 'wechat' }] },
      "emails[0].label must be one of 'work', 'home', 'other'",
    ],
    ['emails not a list', { emails: 'wang@example.com' }, 'emails must be a list'],
    [
      'more than 50 emails',
      { emails: Array.from({ length: 51 }, (_, i) => ({ address: `a${i}@example.com` })) },
      'emails must have at most 50 emails',
    ],
    [
      'an empty phone (what normalizePhone returns for blank input)',
      { phones: [normalizePhone('  ', 'CN')] },
      'phones[0].number must not be empty; phones[0].raw must not be empty',
    ],
    [
      'an unknown phone label',
      { phones: [{ number: '+8613800138000', raw: '138 0013 8000', label: 'wechat' }] },
      "phones[0].label must be one of 'work', 'home', 'mobile', 'fax', 'other'",
    ],
    ['a javascript: url', { urls: ['javascript:alert(1)'] }, 'urls[0] must be an http:// or https:// url'],
    [
      'a JavaScript: url in mixed case',
      { urls: ['JavaScript:alert(1)'] },
      'urls[0] must be an http:// or https:// url',
    ],
    [
      'a data: url',
      { urls: ['data:text/html,<script>alert(1)</script>'] },
      'urls[0] must be an http:// or https:// url',
    ],
    ['an ftp: url', { urls: ['ftp://files.example.com'] }, 'urls[0] must be an http:// or https:// url'],
    ['a url without a scheme', { urls: ['www.example.com'] }, 'urls[0] must be an http:// or https:// url'],
    [
      'a javascript: url on a social profile',
      { socials: [{ network: 'Weibo', url: 'javascript:alert(1)' }] },
      'socials[0].url must be an http:// or https:// url',
    ],
    [
      'a data: url as the capture source',
      { source: { kind: 'page', url: 'data:text/html,hi' } },
      'source.url must be an http:// or https:// url',
    ],
    [
      'birthday 2023-02-29 (not a leap year)',
      { birthday: '2023-02-29' },
      'birthday must be a real calendar date',
    ],
    ['a malformed birthday', { birthday: '1990/05/17' }, 'birthday must be YYYY-MM-DD or --MM-DD'],
    ['a v4 company id', { companyId: ids.v4 }, 'companyId must be a UUIDv7 id'],
    ['a referrer that is not an id', { referredById: '王芳' }, 'referredById must be a UUIDv7 id'],
    ['an unknown gender', { gender: 'x' }, "gender must be one of 'female', 'male', 'other', 'unspecified'"],
    ['an empty tag', { tags: ['vip', ' '] }, 'tags[1] must not be empty'],
    ['a tag too long', { tags: ['t'.repeat(51)] }, 'tags[0] must be at most 50 characters'],
    [
      'more than 100 tags',
      { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) },
      'tags must have at most 100 tags',
    ],
    ['tags not a list', { tags: 'vip' }, 'tags must be a list of tags'],
    [
      'a three-letter country',
      { address: { country: 'CHN' } },
      'address.country must be a two-letter ISO country code such as CN or US',
    ],
    [
      'a country name',
      { address: { country: '中国' } },
      'address.country must be a two-letter ISO country code such as CN or US',
    ],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid contacts: ${reason}`);
  });
});

describe('Birthday', () => {
  test.each([
    ['1990-05-17', true],
    ['2024-02-29', true], // leap year
    ['2000-02-29', true], // divisible by 400
    ['--02-29', true], // year unknown: 29 February is possible
    ['--12-31', true],
    ['2023-02-29', false],
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['--02-30', false],
    ['--13-01', false],
  ])('%s accepted: %s', (birthday, ok) => {
    const result = Birthday.safeParse(birthday);
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.issues.map((i) => i.message)).toEqual(['must be a real calendar date']);
  });

  // A malformed string gets one message, not also "must be a real calendar date".
  test.each([
    '',
    '1990-5-17',
    '17/05/1990',
    '19900517',
    '1990年5月17日',
    '02-29',
    '---02-29',
    '1990-05-17T00:00',
  ])('%j is not in the birthday format', (birthday) => {
    const result = Birthday.safeParse(birthday);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['must be YYYY-MM-DD or --MM-DD']);
  });
});
