import { describe, expect, test } from 'vitest';
import type { CapturedContact } from '../captured-contact';
import { extractContactsFromHtml } from '../extract-contacts-from-html';
import { parseJsonLd } from './json-ld';

const PAGE = 'https://acme.com/blog/post';
const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const extract = (html: string) => extractContactsFromHtml(html, PAGE, { defaultRegion: 'US' });
const project = (c: CapturedContact) => ({
  kind: c.kind,
  name: c.name,
  title: c.title,
  organization: c.organization,
  emails: c.emails.map((e) => e.address),
  phones: c.phones.map((p) => p.number),
});

describe('JSON-LD source', () => {
  test.each([
    [
      'a Person with job title, employer, email (mailto:) and phone',
      ld({
        '@context': 'https://schema.org',
        '@type': 'Person',
        name: 'Jane Doe',
        jobTitle: 'CTO',
        worksFor: { '@type': 'Organization', name: 'Acme' },
        email: 'mailto:Jane@Acme.com',
        telephone: '(415) 555-0123',
      }),
      [
        {
          kind: 'person',
          name: 'Jane Doe',
          title: 'CTO',
          organization: 'Acme',
          emails: ['jane@acme.com'],
          phones: ['+14155550123'],
        },
        { kind: 'organization', name: 'Acme', emails: [], phones: [] },
      ],
    ],
    [
      'an @graph with an @id reference to the publisher',
      ld({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Article', author: { '@id': '#li' }, publisher: { '@id': '#org' } },
          { '@id': '#li', '@type': 'Person', name: '李伟', worksFor: { '@id': '#org' } },
          { '@id': '#org', '@type': 'Corporation', name: '阿里巴巴', telephone: '+86 571 8502 2088' },
        ],
      }),
      [
        { kind: 'person', name: '李伟', organization: '阿里巴巴', emails: [], phones: [] },
        { kind: 'organization', name: '阿里巴巴', emails: [], phones: ['+8657185022088'] },
      ],
    ],
    [
      'a top-level array; a LocalBusiness subtype with a ContactPoint and a fax',
      ld([
        {
          '@type': 'Dentist',
          name: 'Bright Smile',
          faxNumber: '+1 212 555 0100',
          contactPoint: [
            { '@type': 'ContactPoint', email: 'desk@brightsmile.com', telephone: '+1 212 555 0199' },
          ],
        },
      ]),
      [
        {
          kind: 'organization',
          name: 'Bright Smile',
          emails: ['desk@brightsmile.com'],
          phones: ['+12125550100', '+12125550199'],
        },
      ],
    ],
    [
      'schema: prefixed and http:// typed names',
      ld({
        '@type': 'http://schema.org/Person',
        'schema:name': 'Ann Lee',
        'http://schema.org/email': 'ann@lee.org',
      }),
      [{ kind: 'person', name: 'Ann Lee', emails: ['ann@lee.org'], phones: [] }],
    ],
  ])('%s', (_, html, expected) => {
    expect(extract(html).map(project)).toEqual(
      expected.map((e) => ({ title: undefined, organization: undefined, ...e })),
    );
  });

  test('a fax number is kept with the fax label, and provenance names json-ld', () => {
    const [c] = extract(ld({ '@type': 'Organization', name: 'Acme', faxNumber: '+1 212 555 0100' }));
    expect(c!.phones).toEqual([{ number: '+12125550100', raw: '+1 212 555 0100', label: 'fax' }]);
    expect(c!.fieldSources.phones).toEqual(['json-ld']);
  });

  test('relative image and url resolve against the page; javascript: and data: urls are dropped', () => {
    const [c] = extract(
      ld({
        '@type': 'Person',
        name: 'Ann',
        image: '/img/ann.jpg',
        url: 'javascript:alert(1)',
        sameAs: ['data:text/html,x', 'https://x.com/ann'],
      }),
    );
    expect(c!.photoUrl).toBe('https://acme.com/img/ann.jpg');
    expect(c!.urls).toEqual(['https://x.com/ann']);
  });

  test('a reference cycle and deep nesting end without overflow', () => {
    // Written as text: JSON.stringify itself overflows on such nesting.
    const deep = `<script type="application/ld+json">{"@type":"Person","name":"Deep","knows":${'{"@type":"Thing","knows":'.repeat(30_000)}{}${'}'.repeat(30_001)}</script>`;
    const cycle = ld({
      '@graph': [
        { '@id': '#a', '@type': 'Person', name: 'A', knows: { '@id': '#b' } },
        { '@id': '#b', '@type': 'Person', name: 'B', knows: { '@id': '#a' } },
      ],
    });
    expect(
      extract(cycle)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['A', 'B']);
    expect(extract(deep).map((c) => c.name)).toEqual(['Deep']);
  });

  test.each([
    ['strict JSON', '{"a":1}', { a: 1 }],
    ['a trailing comma', '{"a":[1,2,],}', { a: [1, 2] }],
    ['an HTML comment wrapper', '<!-- {"a":1} -->', { a: 1 }],
    ['a raw newline inside a string', '{"a":"x\ny"}', { a: 'x y' }],
    ['garbage', '{a:', undefined],
  ])('parseJsonLd repairs %s', (_, text, expected) => expect(parseJsonLd(text)).toEqual(expected));
});
