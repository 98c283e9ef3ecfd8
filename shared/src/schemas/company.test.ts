import { describe, expect, test } from 'vitest';
import { Domain } from './company';
import { rowOf } from './sample-rows';
import { parseRecord, ValidationError } from './validation';

const company = (changes: Record<string, unknown>) => parseRecord('companies', rowOf('companies', changes));

function messageOf(changes: Record<string, unknown>): string {
  try {
    company(changes);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected the company to be refused');
}

describe('Company: valid records', () => {
  test('defaults tags to an empty list', () => {
    expect(company({})).toEqual({ ...rowOf('companies'), tags: [] });
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a Chinese name, trimmed', { name: ' 阿里巴巴集团 ' }, { name: '阿里巴巴集团' }],
    ['a domain lower-cased and trimmed', { domain: ' Example.COM ' }, { domain: 'example.com' }],
    ['a second-level country domain', { domain: 'bytedance.com.cn' }, { domain: 'bytedance.com.cn' }],
    ['a Chinese domain', { domain: '阿里巴巴.中国' }, { domain: '阿里巴巴.中国' }],
    // What new URL('https://阿里巴巴.中国').hostname returns.
    [
      'the same domain in punycode',
      { domain: 'xn--tsta8290bfzd.xn--fiqs8s' },
      { domain: 'xn--tsta8290bfzd.xn--fiqs8s' },
    ],
    ['a size band', { size: '51-200' }, { size: '51-200' }],
    ['an industry', { industry: '互联网' }, { industry: '互联网' }],
    [
      'an address, country upper-cased',
      { address: { country: 'cn', city: '杭州', street: '文一西路969号' } },
      { address: { country: 'CN', city: '杭州', street: '文一西路969号' } },
    ],
    ['tags normalised', { tags: ['SaaS', 'saas', ' 大客户 '] }, { tags: ['saas', '大客户'] }],
  ])('%s', (_, changes, expected) => {
    expect(company(changes)).toMatchObject(expected);
  });
});

describe('Company: refused records', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['a missing name', { name: undefined }, 'name is required'],
    ['a blank name', { name: '  ' }, 'name must not be empty'],
    ['a name too long', { name: 'x'.repeat(201) }, 'name must be at most 200 characters'],
    [
      'a url for a domain',
      { domain: 'https://example.com' },
      'domain must be a domain name such as example.com',
    ],
    [
      'a domain with a path',
      { domain: 'example.com/about' },
      'domain must be a domain name such as example.com',
    ],
    ['a single label', { domain: 'localhost' }, 'domain must be a domain name such as example.com'],
    ['a domain with a space', { domain: 'exa mple.com' }, 'domain must be a domain name such as example.com'],
    ['a leading hyphen', { domain: '-example.com' }, 'domain must be a domain name such as example.com'],
    [
      'an e-mail address',
      { domain: 'sales@example.com' },
      'domain must be a domain name such as example.com',
    ],
    [
      'an unknown size band',
      { size: '10-20' },
      "size must be one of '1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'",
    ],
    [
      'a country name',
      { address: { country: 'China' } },
      'address.country must be a two-letter ISO country code such as CN or US',
    ],
    ['an empty tag', { tags: [''] }, 'tags[0] must not be empty'],
  ])('%s', (_, changes, reason) => {
    expect(messageOf(changes)).toBe(`Invalid companies: ${reason}`);
  });
});

describe('Domain', () => {
  test.each([
    ['example.com', true],
    ['sub.example.co.uk', true],
    ['xn--fiqs8s.xn--fiqs8s', true],
    ['例子.公司', true],
    ['123.com', true],
    ['example.c', false], // top-level label of one letter
    ['example.123', false],
    ['example-.com', false],
    ['example..com', false],
    [`${'a'.repeat(64)}.com`, false], // label longer than 63
    ['', false],
  ])('%j accepted: %s', (domain, ok) => {
    expect(Domain.safeParse(domain).success).toBe(ok);
  });
});
