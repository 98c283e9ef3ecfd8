// Microdata, RDFa and microformats (h-card and classic hCard): the same person written three ways
// must give the same contact; and each syntax's own rules for values.
import { describe, expect, test } from 'vitest';
import type { CapturedContact } from '../captured-contact';
import { extractContactsFromHtml } from '../extract-contacts-from-html';

const PAGE = 'https://acme.cn/team/';
const extract = (html: string) => extractContactsFromHtml(html, PAGE, { defaultRegion: 'CN' });
const project = (c: CapturedContact) => ({
  kind: c.kind,
  name: c.name,
  familyName: c.familyName,
  givenName: c.givenName,
  title: c.title,
  organization: c.organization,
  emails: c.emails.map((e) => e.address),
  phones: c.phones.map((p) => p.number),
  urls: c.urls,
  address: c.address,
  photoUrl: c.photoUrl,
});

const WANG = {
  kind: 'person',
  name: '王小明',
  familyName: '王',
  givenName: '小明',
  title: '销售经理',
  organization: '阿里巴巴',
  emails: ['wang@acme.cn'],
  phones: ['+8613800138000'],
  urls: ['https://acme.cn/team/wang'],
  address: { street: '文一西路969号', city: '杭州', region: '浙江', postalCode: '311121', country: '中国' },
  photoUrl: 'https://acme.cn/img/wang.jpg',
};

describe('structured markup sources', () => {
  test.each([
    [
      'microdata',
      `<div itemscope itemtype="https://schema.org/Person">
        <img itemprop="image" src="/img/wang.jpg" alt="">
        <a itemprop="url" href="wang"><span itemprop="name">王小明</span></a>
        <span itemprop="jobTitle">销售经理</span>
        <div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">阿里巴巴</span></div>
        <a itemprop="email" href="mailto:wang@acme.cn">邮件</a>
        <span itemprop="telephone">138 0013 8000</span>
        <div itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="streetAddress">文一西路969号</span> <span itemprop="addressLocality">杭州</span>
          <span itemprop="addressRegion">浙江</span> <span itemprop="postalCode">311121</span>
          <meta itemprop="addressCountry" content="中国">
        </div>
      </div>`,
    ],
    [
      'RDFa',
      `<div vocab="https://schema.org/" typeof="Person">
        <img property="image" src="/img/wang.jpg" alt="">
        <a property="url" href="wang"></a><span property="name">王小明</span>
        <span property="jobTitle">销售经理</span>
        <div property="worksFor" typeof="Organization"><span property="name">阿里巴巴</span></div>
        <a property="email" href="mailto:wang@acme.cn">邮件</a>
        <span property="telephone" content="138 0013 8000">138-0013-8000</span>
        <div property="address" typeof="PostalAddress">
          <span property="streetAddress">文一西路969号</span> <span property="addressLocality">杭州</span>
          <span property="addressRegion">浙江</span> <span property="postalCode">311121</span>
          <span property="addressCountry">中国</span>
        </div>
      </div>`,
    ],
    [
      'microformats2 h-card',
      `<div class="h-card">
        <img class="u-photo" src="/img/wang.jpg" alt="">
        <a class="p-name u-url" href="wang">王小明</a>
        <span class="p-job-title">销售经理</span> <span class="p-org">阿里巴巴</span>
        <a class="u-email" href="mailto:wang@acme.cn">邮件</a> <span class="p-tel">138 0013 8000</span>
        <p class="p-adr h-adr"><span class="p-street-address">文一西路969号</span> <span class="p-locality">杭州</span>
          <span class="p-region">浙江</span> <span class="p-postal-code">311121</span> <span class="p-country-name">中国</span></p>
      </div>`,
    ],
    [
      'classic hCard',
      `<div class="vcard">
        <img class="photo" src="/img/wang.jpg" alt="">
        <a class="fn url" href="wang">王小明</a>
        <span class="title">销售经理</span> <span class="org">阿里巴巴</span>
        <a class="email" href="mailto:wang@acme.cn">邮件</a> <span class="tel">138 0013 8000</span>
        <p class="adr"><span class="street-address">文一西路969号</span> <span class="locality">杭州</span>
          <span class="region">浙江</span> <span class="postal-code">311121</span> <span class="country-name">中国</span></p>
      </div>`,
    ],
  ])('%s: a Chinese name is split family-first, phones become E.164, urls resolve', (source, html) => {
    const contacts = extract(html);
    const person = contacts.find((c) => c.kind === 'person');
    expect(project(person!)).toEqual(WANG);
    expect(person!.fieldSources.name).toEqual([
      {
        microdata: 'microdata',
        RDFa: 'rdfa',
        'microformats2 h-card': 'microformats',
        'classic hCard': 'microformats',
      }[source],
    ]);
  });

  test.each([
    ['meta content', '<meta itemprop="name" content="Ann Lee">', 'Ann Lee'],
    ['content on any element', '<span itemprop="name" content="Ann Lee">ignored</span>', 'Ann Lee'],
    ['text with block boundaries', '<div itemprop="name"><div>Ann</div><div>Lee</div></div>', 'Ann Lee'],
    ['an entity decoded once', '<span itemprop="name">Ann &amp;lt;Lee&amp;gt;</span>', 'Ann &lt;Lee&gt;'],
  ])('microdata value from %s', (_, inner, name) => {
    const [c] = extract(`<div itemscope itemtype="http://schema.org/Person">${inner}</div>`);
    expect(c!.name).toBe(name);
  });

  test('microdata: an itemscope inside another without itemprop is still read', () => {
    const html = `<div itemscope itemtype="https://schema.org/WebPage"><div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Lee</span></div></div>`;
    expect(extract(html).map((c) => c.name)).toEqual(['Ann Lee']);
  });

  test('RDFa: prefixed names, and href as the value of a property on a link', () => {
    const html = `<div prefix="s: http://schema.org/" typeof="s:Person"><span property="s:name">Ann Lee</span><a property="s:sameAs" href="https://x.com/ann">profile</a></div>`;
    const [c] = extract(html);
    expect([c!.name, c!.urls]).toEqual(['Ann Lee', ['https://x.com/ann']]);
  });

  test('microformats: a nested p-org h-card is the person’s organisation and an organisation of its own', () => {
    const html = `<div class="h-card"><a class="p-name u-url" href="https://li.example/">Li Wei</a> (<a class="p-org h-card" href="https://acme.cn/">Acme</a>)</div>`;
    expect(extract(html).map((c) => [c.kind, c.name, c.organization, c.urls])).toEqual([
      ['person', 'Li Wei', 'Acme', ['https://li.example/']],
      ['organization', 'Acme', undefined, ['https://acme.cn/']],
    ]);
  });

  test('classic hCard: "fn org" on one element is an organisation', () => {
    const [c] = extract(
      `<div class="vcard"><span class="fn org">Acme Ltd</span> <span class="tel">+44 20 7946 0958</span></div>`,
    );
    expect([c!.kind, c!.name, c!.phones[0]!.number]).toEqual(['organization', 'Acme Ltd', '+442079460958']);
  });
});
