import { describe, expect, test } from 'vitest';
import { countryCode, newId, recordId, tagList, timestamp, webUrl } from './common';

const messagesOf = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message);

describe('webUrl', () => {
  test.each([
    ['https://example.com', 'https://example.com'],
    ['http://example.com/path?q=1#x', 'http://example.com/path?q=1#x'],
    ['  https://www.linkedin.com/in/wangxm  ', 'https://www.linkedin.com/in/wangxm'],
    ['HTTPS://EXAMPLE.COM', 'HTTPS://EXAMPLE.COM'], // kept as written; the scheme is compared case-insensitively
    ['https://阿里巴巴.中国/关于', 'https://阿里巴巴.中国/关于'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('accepts %j', (url, expected) => {
    expect(webUrl.parse(url)).toBe(expected);
  });

  test.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com',
    'mailto:wang@example.com',
    'weixin://dl/chat',
    'www.example.com',
    '/relative/path',
    '',
  ])('refuses %j', (url) => {
    expect(messagesOf(webUrl.safeParse(url))).toEqual(['must be an http:// or https:// url']);
  });

  test('refuses more than 2048 characters', () => {
    const url = `https://example.com/${'a'.repeat(2030)}`;
    expect(messagesOf(webUrl.safeParse(url))).toContain('must be at most 2048 characters');
  });
});

describe('tagList', () => {
  test.each<[string[], string[]]>([
    [[], []],
    [['VIP'], ['vip']],
    [[' vip ', 'VIP', 'Vip'], ['vip']],
    [
      ['华东', 'b2b', '华东', 'B2B'],
      ['华东', 'b2b'],
    ],
    [
      ['z', 'a', 'Z'],
      ['z', 'a'],
    ], // first occurrence keeps its place
  ])('%j → %j', (tags, expected) => {
    expect(tagList.parse(tags)).toEqual(expected);
  });

  test.each<[unknown, string]>([
    [['ok', ''], 'must not be empty'],
    [['   '], 'must not be empty'],
    [['x'.repeat(51)], 'must be at most 50 characters'],
    [Array.from({ length: 101 }, (_, i) => `t${i}`), 'must have at most 100 tags'],
    ['vip', 'must be a list of tags'],
  ])('refuses %j', (tags, message) => {
    expect(messagesOf(tagList.safeParse(tags))).toEqual([message]);
  });
});

describe('countryCode', () => {
  test.each([
    ['CN', 'CN'],
    ['cn', 'CN'],
    [' us ', 'US'],
    ['Hk', 'HK'],
  ])('%j → %j', (code, expected) => {
    expect(countryCode.parse(code)).toBe(expected);
  });

  test.each(['CHN', 'C', '', 'China', '中国', 'C1'])('refuses %j', (code) => {
    expect(messagesOf(countryCode.safeParse(code))).toEqual([
      'must be a two-letter ISO country code such as CN or US',
    ]);
  });
});

describe('timestamp', () => {
  test.each<[unknown, string | null]>([
    [0, null],
    [1_717_200_000_000, null],
    [-1, 'must not be before 1970'],
    [1.5, 'must be a whole number of milliseconds'],
    ['1717200000000', 'must be a time in epoch milliseconds'],
    [null, 'must be a time in epoch milliseconds'],
    [Number.NaN, 'must be a time in epoch milliseconds'],
  ])('%j → %j', (value, message) => {
    const result = timestamp.safeParse(value);
    if (message === null) expect(result.success).toBe(true);
    else expect(messagesOf(result)).toEqual([message]);
  });
});

describe('recordId and newId', () => {
  test.each<[string, boolean]>([
    ['018fd1a0-0000-7000-8000-000000000001', true],
    ['018FD1A0-0000-7000-8000-000000000001', true],
    ['3b241101-e2bb-4255-8caf-4136c566a962', false], // v4
    ['018fd1a0-0000-1000-8000-000000000001', false], // v1 layout
    ['018fd1a0-0000-7000-c000-000000000001', false], // wrong variant
    ['018fd1a000007000800000000000001', false],
    ['', false],
  ])('%j accepted: %s', (id, ok) => {
    const result = recordId.safeParse(id);
    expect(result.success).toBe(ok);
    if (!ok) expect(messagesOf(result)).toEqual(['must be a UUIDv7 id']);
  });

  test('newId makes distinct UUIDv7 ids that sort by creation', () => {
    const made = Array.from({ length: 50 }, () => newId());
    for (const id of made) expect(recordId.safeParse(id).success).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });
});
