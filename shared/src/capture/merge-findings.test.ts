// Merging across sources: one contact per person or organisation, never a value dropped.
import { describe, expect, test } from 'vitest';
import { extractContactsFromHtml } from './extract-contacts-from-html';
import { emptyFinding, type Finding } from './finding';
import { mergeFindings } from './merge-findings';

const ORDER = [
  'json-ld',
  'microdata',
  'rdfa',
  'microformats',
  'contact-links',
  'vcf-links',
  'text-emails',
  'page-metadata',
] as const;
const finding = (f: Partial<Finding> & Pick<Finding, 'source'>): Finding => ({
  ...emptyFinding(f.source),
  ...f,
});
const email = (address: string) => ({ address, label: 'work' as const });
const phone = (number: string) => ({ number, raw: number, label: 'work' as const });
const merge = (...findings: Finding[]) =>
  mergeFindings(findings, { sourceOrder: ORDER, pageUrl: 'https://acme.com/team' });

describe('mergeFindings', () => {
  test.each([
    [
      'a shared email joins, even under differing names',
      [
        finding({ source: 'json-ld', kind: 'person', name: 'Jane Doe', emails: [email('jane@acme.com')] }),
        finding({ source: 'contact-links', name: 'J. Doe', emails: [email('jane@acme.com')] }),
      ],
      1,
    ],
    [
      'a shared phone joins when the names agree',
      [
        finding({ source: 'json-ld', kind: 'person', name: 'Jane Doe', phones: [phone('+14155550123')] }),
        finding({ source: 'contact-links', phones: [phone('+14155550123')] }),
      ],
      1,
    ],
    [
      'a shared phone under different names is a switchboard: no join',
      [
        finding({ source: 'microdata', kind: 'person', name: 'Jane Doe', phones: [phone('+14155550100')] }),
        finding({ source: 'microdata', kind: 'person', name: 'Bo Chen', phones: [phone('+14155550100')] }),
      ],
      2,
    ],
    [
      'the same name joins when the organisations agree',
      [
        finding({ source: 'microformats', kind: 'person', name: '王小明', organization: '阿里巴巴' }),
        finding({
          source: 'json-ld',
          kind: 'person',
          name: '王 小明',
          organization: '阿里巴巴集团',
          emails: [email('wang@acme.cn')],
        }),
      ],
      1,
    ],
    [
      'the same name at different organisations: two people',
      [
        finding({ source: 'json-ld', kind: 'person', name: 'Li Wei', organization: 'Acme' }),
        finding({ source: 'json-ld', kind: 'person', name: 'Li Wei', organization: 'Globex' }),
      ],
      2,
    ],
    [
      'a person and an organisation never join',
      [
        finding({ source: 'json-ld', kind: 'person', name: 'Acme', emails: [email('a@acme.com')] }),
        finding({ source: 'json-ld', kind: 'organization', name: 'Acme', emails: [email('a@acme.com')] }),
      ],
      2,
    ],
    [
      'joins are transitive: email links one pair, phone the next',
      [
        finding({ source: 'json-ld', kind: 'person', name: 'Ann Lee', emails: [email('ann@acme.com')] }),
        finding({
          source: 'contact-links',
          name: 'Ann Lee',
          emails: [email('ann@acme.com')],
          phones: [phone('+14155550123')],
        }),
        finding({ source: 'contact-links', phones: [phone('+14155550123')] }),
      ],
      1,
    ],
  ])('%s', (_, findings, count) => expect(merge(...findings)).toHaveLength(count));

  test('nothing is dropped: the trusted source’s value shows, the others are alternates, all emails and phones are kept', () => {
    const [c] = merge(
      finding({
        source: 'contact-links',
        name: 'J. Doe',
        emails: [email('jane@acme.com')],
        phones: [phone('+14155550123')],
      }),
      finding({
        source: 'json-ld',
        kind: 'person',
        name: 'Jane Doe',
        title: 'CTO',
        emails: [email('jane@acme.com'), email('jd@acme.com')],
      }),
      finding({
        source: 'microformats',
        kind: 'person',
        name: 'Jane Doe',
        title: 'Chief Technology Officer',
        emails: [email('jane@acme.com')],
      }),
    );
    expect(c).toMatchObject({
      name: 'Jane Doe',
      givenName: 'Jane',
      familyName: 'Doe',
      title: 'CTO',
      emails: [email('jane@acme.com'), email('jd@acme.com')],
      phones: [phone('+14155550123')],
      alternates: { name: ['J. Doe'], title: ['Chief Technology Officer'] },
      fieldSources: {
        name: ['json-ld', 'microformats', 'contact-links'],
        title: ['json-ld', 'microformats'],
        emails: ['json-ld', 'microformats', 'contact-links'],
        phones: ['contact-links'],
      },
      source: { url: 'https://acme.com/team' },
    });
  });

  test('an unnamed shared mailbox without a site organisation is an organisation contact; a personal one a person', () => {
    expect(
      merge(
        finding({ source: 'text-emails', emails: [email('sales@acme.com')] }),
        finding({ source: 'text-emails', emails: [email('li.wei@acme.com')] }),
      ).map((c) => c.kind),
    ).toEqual(['organization', 'person']);
  });
});

describe('merging on a page', () => {
  test('an h-card, the JSON-LD and the mailto link of one person are one contact, in page order', () => {
    const html = `<script type="application/ld+json">{"@type":"Person","name":"Ann Lee","jobTitle":"CTO","email":"ann@acme.com"}</script>
      <div class="h-card"><span class="p-name">Ann Lee</span> <span class="p-tel">+1 415 555 0123</span> <a href="mailto:ann@acme.com">mail</a></div>
      <p><a href="mailto:bo@acme.com">Bo Chen</a></p>`;
    const contacts = extractContactsFromHtml(html, 'https://acme.com/team', { defaultRegion: 'US' });
    expect(
      contacts.map((c) => [c.name, c.title, c.emails.map((e) => e.address), c.phones.map((p) => p.number)]),
    ).toEqual([
      ['Ann Lee', 'CTO', ['ann@acme.com'], ['+14155550123']],
      ['Bo Chen', undefined, ['bo@acme.com'], []],
    ]);
    // The link's card shows the h-card's p-name, so the link names Ann Lee too.
    expect(contacts[0]!.fieldSources.name).toEqual(['json-ld', 'microformats', 'contact-links']);
  });

  test('two colleagues with one name stay two people; each card’s phone joins its own card', () => {
    const card = (email: string, tel: string) =>
      `<div class="card"><h3>王伟</h3><a href="mailto:${email}">Email</a> <a href="tel:${tel}">Call</a></div>`;
    const html = `${card('wang.wei@acme.cn', '+8613800138000')}<p>…</p>${card('w.wang@acme.cn', '+8613900139000')}`;
    const contacts = extractContactsFromHtml(html, 'https://acme.cn/team', { defaultRegion: 'CN' });
    expect(contacts.map((c) => [c.name, c.emails[0]!.address, c.phones[0]!.number])).toEqual([
      ['王伟', 'wang.wei@acme.cn', '+8613800138000'],
      ['王伟', 'w.wang@acme.cn', '+8613900139000'],
    ]);
  });

  test('an unnamed "Call" link inside a microdata person belongs to that person', () => {
    const html = `<div itemscope itemtype="https://schema.org/Person"><h3 itemprop="name">Ann Lee</h3><a href="tel:+14155550123">Call</a></div>`;
    const contacts = extractContactsFromHtml(html, 'https://acme.com/team', { defaultRegion: 'US' });
    expect(contacts.map((c) => [c.name, c.phones[0]?.number])).toEqual([['Ann Lee', '+14155550123']]);
  });
});
