import { describe, expect, test } from 'vitest';
import { checkContactDraft } from './contact-draft-check';
import { draftFromSelection, signatureFields } from './signature-draft';

interface Expected {
  displayName: string;
  title?: string;
  organization?: string;
  emails: string[];
  phones: string[];
}

describe('draftFromSelection', () => {
  test.each<[string, string, string, Expected]>([
    [
      'an English signature',
      'Anna Müller\nHead of Purchasing\nAcme Industrie GmbH\nTel: +49 30 1234567\nanna.mueller@acme-industrie.de',
      'DE',
      {
        displayName: 'Anna Müller',
        title: 'Head of Purchasing',
        organization: 'Acme Industrie GmbH',
        emails: ['anna.mueller@acme-industrie.de'],
        phones: ['+49301234567'],
      },
    ],
    [
      'a Chinese business card typed out',
      '张伟\n销售经理\n北京某某科技有限公司\n手机：138 0013 8000\n传真：010-6552 9989',
      'CN',
      {
        displayName: '张伟',
        title: '销售经理',
        organization: '北京某某科技有限公司',
        emails: [],
        phones: ['+8613800138000'],
      },
    ],
    [
      'only an address: the address is the name',
      'write to sales@acme.de',
      'DE',
      { displayName: 'sales@acme.de', emails: ['sales@acme.de'], phones: [] },
    ],
  ])('%s', (_name, text, region, expected) => {
    const { draft, problem } = draftFromSelection(text, {
      defaultRegion: region,
      now: 5,
      pageUrl: 'https://acme.de/team',
    });
    expect(problem).toBeNull();
    expect(draft).toMatchObject({
      displayName: expected.displayName,
      ...(expected.title && { title: expected.title }),
      ...(expected.organization && { organization: expected.organization }),
      source: { kind: 'page', url: 'https://acme.de/team', capturedAt: 5 },
    });
    expect(draft!.emails.map((e) => e.address)).toEqual(expected.emails);
    expect(draft!.phones.map((p) => p.number)).toEqual(expected.phones);
    expect(checkContactDraft(draft!)).toEqual([]);
  });

  test.each([
    ['   ', 'empty-selection'],
    ['We ship worldwide and love tea.', 'nothing-found'],
  ])('%j → %s', (text, problem) => {
    expect(draftFromSelection(text, { defaultRegion: 'US', now: 0 })).toEqual({ draft: null, problem });
  });

  test('a javascript: page url is not kept as the source', () => {
    const { draft } = draftFromSelection('sales@acme.de', {
      defaultRegion: 'US',
      now: 0,
      pageUrl: 'javascript:alert(1)',
    });
    expect(draft?.source).toEqual({ kind: 'page', capturedAt: 0 });
  });
});

describe('signatureFields', () => {
  test('web addresses without a scheme become https urls; other schemes are dropped', () => {
    const fields = signatureFields(
      { emails: [], phones: [], urls: ['www.acme.cn', 'http://acme.de/team', 'javascript:alert(1)'] },
      'CN',
    );
    expect(fields.urls).toEqual(['https://www.acme.cn/', 'http://acme.de/team']);
  });

  test('invalid emails are left out; phones are de-duplicated', () => {
    const fields = signatureFields(
      { emails: ['anna@acme.de', 'not an email'], phones: ['+49 30 1234567', '+49301234567'], urls: [] },
      'DE',
    );
    expect(fields.emails).toEqual([{ address: 'anna@acme.de', label: 'work' }]);
    expect(fields.phones).toHaveLength(1);
  });
});
