// mailto:/tel: links with their visible names, emails in the text, .vcf links, and page metadata.
import { describe, expect, test } from 'vitest';
import { extractContactsFromHtml, extractPageContacts } from '../extract-contacts-from-html';

const extract = (html: string, page = 'https://acme.com/people/') =>
  extractContactsFromHtml(html, page, { defaultRegion: 'US' });
const named = (html: string, page?: string) =>
  extract(html, page).map((c) => [
    c.name ?? null,
    c.emails.map((e) => e.address).concat(c.phones.map((p) => p.number)),
  ]);

describe('contact links: the visible name', () => {
  test.each([
    ['the link text', '<a href="mailto:li@acme.com">Li Wei</a>', [['Li Wei', ['li@acme.com']]]],
    [
      'a CJK link text, never split on spaces',
      '<a href="mailto:wang@acme.com">王 小明</a>',
      [['王 小明', ['wang@acme.com']]],
    ],
    [
      '"Email Jane Doe" without the verb',
      '<a href="mailto:jane@acme.com">Email Jane Doe</a>',
      [['Jane Doe', ['jane@acme.com']]],
    ],
    [
      'the title when the text is an action',
      '<a href="mailto:jane@acme.com" title="Jane Doe">Email</a>',
      [['Jane Doe', ['jane@acme.com']]],
    ],
    [
      'the card’s heading',
      '<div><h3>Jane Doe</h3><p>CTO</p><p><a href="mailto:jane@acme.com">Email</a> <a href="tel:+14155550123">Call</a></p></div>',
      [['Jane Doe', ['jane@acme.com', '+14155550123']]],
    ],
    [
      'no name when the text is the address',
      '<a href="mailto:jane@acme.com">jane@acme.com</a>',
      [[null, ['jane@acme.com']]],
    ],
    [
      'each card of a list its own heading, not a neighbour’s',
      '<ul><li><b>Ann Lee</b> <a href="mailto:ann@acme.com">mail</a></li><li><b>Bo Chen</b> <a href="mailto:bo@acme.com">mail</a></li></ul>',
      [
        ['Ann Lee', ['ann@acme.com']],
        ['Bo Chen', ['bo@acme.com']],
      ],
    ],
    [
      'no name from a list container that shows several people',
      '<div><h2>Our team</h2><h3>Ann Lee</h3><h3>Bo Chen</h3><a href="mailto:team@acme.com">Write to the team</a></div>',
      [[null, ['team@acme.com']]],
    ],
    [
      'a subject line is no name',
      '<div><b>Your password was changed</b> <a href="mailto:li@acme.com">li@acme.com</a></div>',
      [[null, ['li@acme.com']]],
    ],
  ])('%s', (_, html, expected) => expect(named(html)).toEqual(expected));

  test.each([
    ['tel: with visual separators', '<a href="tel:+1-415-555-0123">Call</a>', '+14155550123'],
    ['tel: with an extension', '<a href="tel:+1-415-555-0123;ext=12">Call</a>', '+14155550123'],
    [
      'tel: without a country code uses the region',
      '<a href="tel:(415)%20555-0123">Call</a>',
      '+14155550123',
    ],
  ])('%s', (_, html, number) => expect(extract(html)[0]!.phones[0]!.number).toBe(number));

  test('a mailto and a tel of one person, on two separate lines of the page, join by the shown name', () => {
    const html =
      '<p><strong>Ann Lee</strong> <a href="mailto:ann@acme.com">mail</a></p><p><strong>Ann Lee</strong> <a href="tel:+14155550123">call</a></p>';
    expect(named(html)).toEqual([['Ann Lee', ['ann@acme.com', '+14155550123']]]);
  });
});

describe('text emails', () => {
  test.each([
    [
      'an address in the text, named by its card',
      '<div><h4>Bo Chen</h4><p>Mail: bo.chen@acme.com</p></div>',
      [['Bo Chen', ['bo.chen@acme.com']]],
    ],
    ['an address split by an entity', '<p>li&#64;acme.com</p>', [[null, ['li@acme.com']]]],
    ['not in scripts or styles', '<script>var a = "x@y.com"</script><style>/* a@b.com */</style>', []],
  ])('%s', (_, html, expected) => expect(named(html, 'https://blog.example/post')).toEqual(expected));
});

describe('entities in the values read from the page', () => {
  // The page is tokenized without decoding; what is read must still come out decoded, once.
  test.each([
    [
      'a link text, a heading and a mailto href',
      '<div><h3>Ren&eacute;e M&#252;ller</h3><a href="mailto:renee&#64;acme.com">E&#x2d;mail</a></div>',
      [['Renée Müller', ['renee@acme.com']]],
    ],
    [
      'a link’s title',
      '<a href="tel:+14155550123" title="Zo&euml; Kim">Call</a>',
      [['Zoë Kim', ['+14155550123']]],
    ],
    [
      'an address written with a named entity, named by its card',
      '<div><b>Bo Chen</b> bo.chen&commat;acme.com</div>',
      [['Bo Chen', ['bo.chen@acme.com']]],
    ],
    [
      'an h-card class written with an entity',
      '<div class="h&#45;card"><span class="p-name">Ann Lee</span><a class="u-email" href="mailto:ann@acme.com">mail</a></div>',
      [['Ann Lee', ['ann@acme.com']]],
    ],
    [
      'decoded once, not twice',
      '<a href="mailto:li@acme.com">Ann&amp;#32;Lee</a>',
      [[null, ['li@acme.com']]],
    ],
  ])('%s', (_, html, expected) => expect(named(html, 'https://blog.example/post')).toEqual(expected));

  test('the page title and metadata', () => {
    const { contacts } = extractPageContacts(
      '<title>Caf&eacute; &amp; Co | Acme</title><meta property="og:site_name" content="Caf&eacute; &amp; Co">',
      'https://acme.com/about',
    );
    expect(contacts[0]?.name).toBe('Café & Co');
  });
});

describe('.vcf links', () => {
  test.each([
    [
      'inside a person’s h-card it joins that card',
      '<div class="h-card"><span class="p-name">Ann Lee</span> <a href="/cards/ann.vcf">vCard</a></div>',
      [['Ann Lee', ['https://acme.com/cards/ann.vcf']]],
    ],
    [
      'elsewhere it is named by its text',
      '<a href="https://acme.com/d/li.vcf?x=1">Download Li Wei’s vCard</a>',
      [['Li Wei', ['https://acme.com/d/li.vcf?x=1']]],
    ],
    [
      'by type attribute',
      '<a type="text/vcard" href="/card?id=7">Bo Chen</a>',
      [['Bo Chen', ['https://acme.com/card?id=7']]],
    ],
    ['a javascript: href is dropped', '<a href="javascript:alert(1)//.vcf">Evil</a>', []],
  ])('%s', (_, html, expected) =>
    expect(extract(html).map((c) => [c.name ?? null, c.vcardUrls])).toEqual(expected),
  );
});

describe('page metadata', () => {
  const head = `<head><title>Contact us | Acme Robotics</title>
    <meta name="description" content="Industrial robots since 1990.">
    <link rel="canonical" href="https://www.acme-robotics.com/contact">
    <link rel="icon" href="/favicon.ico"><link rel="apple-touch-icon" sizes="180x180" href="/apple.png"></head>`;

  test('a company page gives the organisation: site name, description, home url, logo', () => {
    const [c] = extract(`${head}<body>Hello</body>`, 'https://www.acme-robotics.com/contact');
    expect(c).toMatchObject({
      kind: 'organization',
      name: 'Acme Robotics',
      note: 'Industrial robots since 1990.',
      urls: ['https://www.acme-robotics.com/'],
      photoUrl: 'https://www.acme-robotics.com/apple.png',
      fieldSources: { name: ['page-metadata'] },
    });
  });

  test.each([
    [
      'og:site_name wins over the title',
      '<meta property="og:site_name" content="阿里巴巴"><title>关于我们 - Alibaba</title>',
      '阿里巴巴',
    ],
    ['the title part that shares the host’s name', '<title>Acme Robotics — Home</title>', 'Acme Robotics'],
  ])('%s', (_, headHtml, name) => {
    expect(extract(`<head>${headHtml}</head>`, 'https://acme.com/')[0]!.name).toBe(name);
  });

  test('an article page gives no organisation, unless the site’s info@ joins it', () => {
    const article = 'https://www.acme-robotics.com/blog/robots-2024';
    expect(extract(`${head}<body><p>Great post</p></body>`, article)).toEqual([]);
    const [c] = extract(`${head}<body><p>Questions: info@acme-robotics.com</p></body>`, article);
    expect([c!.kind, c!.name, c!.emails[0]!.address]).toEqual([
      'organization',
      'Acme Robotics',
      'info@acme-robotics.com',
    ]);
  });

  test('nothing found says so', () => {
    expect(extractPageContacts('<p>Nothing</p>', 'https://x.example/a/b').notes.map((n) => n.code)).toEqual([
      'nothing-found',
    ]);
  });
});
