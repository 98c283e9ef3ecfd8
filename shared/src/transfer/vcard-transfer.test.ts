import { describe, expect, test } from 'vitest';
import { normalizePhone } from '../phone';
import { contactsToVCard, vcardImportDrafts } from './vcard-transfer';

const now = Date.UTC(2026, 10, 22);

describe('vCard import and export', () => {
  test('contacts written as .vcf read back as the same drafts', () => {
    const contacts = [
      {
        displayName: '王小明',
        familyName: '王',
        givenName: '小明',
        title: '采购经理',
        organization: '杭州茶叶贸易有限公司',
        emails: [{ address: 'wang@example.cn', label: 'work' as const }],
        phones: [
          normalizePhone('138 0013 8000', 'CN', 'mobile'),
          normalizePhone('0571 8502 2088', 'CN', 'work'),
        ],
        urls: ['https://tea.example.cn/'],
        address: {
          country: 'CN',
          region: '浙江',
          city: '杭州',
          street: '西湖区龙井路1号',
          postalCode: '310000',
        },
      },
      {
        displayName: 'Anna Schmidt, "The Buyer"; Berlin',
        emails: [{ address: 'anna@example.de', label: 'home' as const }],
        phones: [],
        urls: [],
      },
    ];
    const vcf = contactsToVCard(contacts);
    expect(vcf.match(/BEGIN:VCARD/g)).toHaveLength(2);
    const { drafts, errors } = vcardImportDrafts(vcf, { defaultRegion: 'CN', fileName: 'book.vcf', now });
    expect(errors).toEqual([]);
    expect(drafts).toHaveLength(2);
    expect(drafts[0]).toMatchObject({
      displayName: '王小明',
      familyName: '王',
      givenName: '小明',
      title: '采购经理',
      organization: '杭州茶叶贸易有限公司',
      emails: [{ address: 'wang@example.cn', label: 'work' }],
      urls: ['https://tea.example.cn/'],
      address: contacts[0]!.address,
      source: { kind: 'import', importFile: 'book.vcf', capturedAt: now },
    });
    expect(drafts[0]!.phones.map((p) => [p.number, p.label])).toEqual([
      ['+8613800138000', 'mobile'],
      ['+8657185022088', 'work'],
    ]);
    expect(drafts[1]).toMatchObject({
      displayName: 'Anna Schmidt, "The Buyer"; Berlin',
      emails: [{ address: 'anna@example.de', label: 'home' }],
    });
  });

  test('bad lines are listed by line number; the good cards still come through', () => {
    const vcf =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nthis is not a property\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Second\r\n';
    const { drafts, errors } = vcardImportDrafts(vcf, { defaultRegion: 'CN', fileName: 'x.vcf', now });
    expect(drafts.map((d) => d.displayName)).toContain('Good');
    expect(errors.map((e) => [e.line, e.code])).toContainEqual([4, 'bad-line']);
    expect(errors.some((e) => e.code === 'missing-end')).toBe(true);
  });
});
