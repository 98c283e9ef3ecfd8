import { describe, expect, test } from 'vitest';
import { normalizePhone } from '../phone';
import {
  type ContactDraft,
  type ContactIdentity,
  matchContact,
  nameKey,
  organizationKey,
} from './contact-identity';

const stored = (over: Partial<ContactIdentity>): ContactIdentity => ({
  id: 'c1',
  displayName: '王小明',
  emails: [{ address: 'wang@example.cn', label: 'work' }],
  phones: [normalizePhone('138 0013 8000', 'CN')],
  urls: [],
  tags: [],
  organization: '杭州茶叶贸易有限公司',
  ...over,
});
const draft = (over: Partial<ContactDraft>): ContactDraft => ({
  displayName: 'Someone',
  emails: [],
  phones: [],
  urls: [],
  ...over,
});

describe('matchContact', () => {
  test.each<[string, ContactDraft, 'email' | 'phone' | 'name-organization' | null]>([
    [
      'same email, other case and spaces',
      draft({ emails: [{ address: ' WANG@Example.CN ', label: 'work' }] }),
      'email',
    ],
    [
      'same phone written the local way',
      draft({ phones: [normalizePhone('+86 138-0013-8000', 'US')] }),
      'phone',
    ],
    [
      'same CJK name (spacing differs) at the same company (legal form differs)',
      draft({ displayName: '王 小明', organization: '杭州茶叶贸易' }),
      'name-organization',
    ],
    ['same name, no organisation given', draft({ displayName: '王小明' }), null],
    ['same name, other organisation', draft({ displayName: '王小明', organization: '上海丝绸' }), null],
    ['nothing in common', draft({ emails: [{ address: 'other@example.cn', label: 'work' }] }), null],
  ])('%s → %s', (_, d, by) => {
    expect(matchContact(d, [stored({})])?.by ?? null).toBe(by);
  });

  test('email beats phone beats name: the candidate matched by the strongest key wins', () => {
    const byPhone = stored({ id: 'p', emails: [] });
    const byEmail = stored({ id: 'e', phones: [] });
    const d = draft({
      emails: [{ address: 'wang@example.cn', label: 'work' }],
      phones: [normalizePhone('13800138000', 'CN')],
    });
    expect(matchContact(d, [byPhone, byEmail])).toEqual({ contact: byEmail, by: 'email' });
  });

  test('short unparseable phone fragments never match', () => {
    const d = draft({ phones: [{ number: '12', raw: '12', label: 'work' }] });
    expect(matchContact(d, [stored({ phones: [{ number: '12', raw: '12', label: 'work' }] })])).toBeNull();
  });
});

describe('keys', () => {
  test.each([
    ['王 小明', '王小明'],
    ['  Anna   SCHMIDT ', 'anna schmidt'],
    ['Ｗａｎｇ', 'wang'],
  ])('nameKey(%j) = %j', (name, key) => expect(nameKey(name)).toBe(key));

  test.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Ltd', 'acme'],
    ['Müller GmbH', 'müller'],
    ['杭州茶叶贸易有限公司', '杭州茶叶贸易'],
    ['阿里巴巴集团', '阿里巴巴'],
  ])('organizationKey(%j) = %j', (name, key) => expect(organizationKey(name)).toBe(key));
});
