import { describe, expect, test } from 'vitest';
import { CapturedContact } from '../captured-contact';
import { parseVCards } from './parse-vcards';
import { decodeQuotedPrintable } from './quoted-printable';
import { toVCard } from './to-vcard';

const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');
const parse = (text: string) => parseVCards(text, { defaultRegion: 'CN', fileName: 'contacts.vcf' });
const brief = (c: CapturedContact) => ({
  name: c.name,
  familyName: c.familyName,
  givenName: c.givenName,
  emails: c.emails.map((e) => `${e.label}:${e.address}`),
  phones: c.phones.map((p) => `${p.label}:${p.number}`),
});

describe('parseVCards: versions and encodings', () => {
  test.each([
    [
      '2.1 with quoted-printable UTF-8, bare TYPE parameters and a soft line break',
      card(
        'VERSION:2.1',
        'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E5=B0=8F=E6=98=8E;;;',
        'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E5=B0=8F=E6=98=8E',
        'TEL;CELL;PREF:+86 138 0013 8000',
        'TEL;WORK;FAX:010-6552 9988',
        'EMAIL;INTERNET;HOME:Wang@Example.cn',
        'NOTE;ENCODING=QUOTED-PRINTABLE:line one, with a comma=0D=0Aline =',
        'two',
      ),
      {
        name: '王小明',
        familyName: '王',
        givenName: '小明',
        emails: ['home:wang@example.cn'],
        phones: ['mobile:+8613800138000', 'fax:+861065529988'],
      },
    ],
    [
      '2.1 quoted-printable in GB2312, as old Chinese phones wrote it',
      card(
        'VERSION:2.1',
        'FN;CHARSET=GB2312;ENCODING=QUOTED-PRINTABLE:=CD=F5=D0=A1=C3=F7',
        'TEL:13800138000',
      ),
      { name: '王小明', familyName: '王', givenName: '小明', emails: [], phones: ['work:+8613800138000'] },
    ],
    [
      '3.0 with folding, escaped commas and several typed TEL and EMAIL',
      card(
        'VERSION:3.0',
        'FN:Doe\\, Jane',
        'N:Doe;Jane;;;',
        'EMAIL;TYPE=INTERNET,WORK:jane@acme.com',
        'EMAIL;TYPE=HOME:jane@ho',
        ' me.org',
        'TEL;TYPE=CELL:+1 415 555 0123',
        'TEL;TYPE=HOME,VOICE:+1 415 555 0199',
      ),
      {
        name: 'Doe, Jane',
        familyName: 'Doe',
        givenName: 'Jane',
        emails: ['work:jane@acme.com', 'home:jane@home.org'],
        phones: ['mobile:+14155550123', 'home:+14155550199'],
      },
    ],
    [
      '4.0 with tel: uris and PREF',
      card(
        'VERSION:4.0',
        'FN:Simon Perreault',
        'TEL;VALUE=uri;TYPE="voice,work":tel:+1-418-656-9254;ext=102',
        'TEL;VALUE=uri;PREF=1;TYPE="cell":tel:+1-418-262-6501',
        'EMAIL;TYPE=work:simon@viagenie.ca',
      ),
      {
        name: 'Simon Perreault',
        familyName: 'Perreault',
        givenName: 'Simon',
        emails: ['work:simon@viagenie.ca'],
        phones: ['mobile:+14182626501', 'work:+14186569254'],
      },
    ],
  ])('%s', (_, text, expected) => {
    const { contacts, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(contacts.map(brief)).toEqual([expected]);
    expect(contacts[0]!.source).toEqual({ file: 'contacts.vcf' });
    expect(CapturedContact.safeParse(contacts[0]).success).toBe(true);
  });

  test('base64 PHOTO (3.0 ENCODING=b, 2.1 BASE64 with indented lines) becomes an embedded photo', () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const three = parse(
      card('VERSION:3.0', 'FN:A', `PHOTO;ENCODING=b;TYPE=PNG:${png.slice(0, 40)}`, ` ${png.slice(40)}`),
    );
    const two = parse(
      card('VERSION:2.1', 'FN:B', 'PHOTO;BASE64;PNG:', `  ${png.slice(0, 40)}`, `  ${png.slice(40)}`, ''),
    );
    expect(three.contacts[0]!.photo).toEqual({ mediaType: 'image/png', base64: png });
    expect(two.contacts[0]!.photo).toEqual({ mediaType: 'image/png', base64: png });
  });

  test('organisation cards: KIND:org, or ORG without a person name', () => {
    const { contacts } = parse(
      card(
        'VERSION:4.0',
        'KIND:org',
        'FN:ABC Marketing',
        'ORG:ABC\\, Inc.;North American Division;Marketing',
      ) + card('VERSION:3.0', 'ORG:Acme Ltd', 'TEL:+44 20 7946 0958'),
    );
    expect(contacts.map((c) => [c.kind, c.name, c.organization, c.department])).toEqual([
      ['organization', 'ABC Marketing', 'ABC, Inc.', 'North American Division, Marketing'],
      ['organization', 'Acme Ltd', undefined, undefined],
    ]);
  });

  test('an FN that only repeats the email is no name', () => {
    expect(
      parse(card('VERSION:4.0', 'FN:jane@acme.com', 'EMAIL:jane@acme.com')).contacts[0]!.name,
    ).toBeUndefined();
  });

  test.each([
    ['=E7=8E=8B', undefined, '王'],
    ['caf=C3=A9', 'utf-8', 'café'],
    ['caf=E9', 'iso-8859-1', 'café'],
    ['=ZZ broken =4', undefined, '=ZZ broken =4'],
    ['=CD=F5', 'no-such-charset', '\ufffd\ufffd'],
  ])('decodeQuotedPrintable(%j, %s)', (value, charset, text) => {
    const decoded = decodeQuotedPrintable(value, charset);
    if (charset === 'no-such-charset') expect(decoded).not.toContain('=');
    else expect(decoded).toBe(text);
  });
});

describe('parseVCards: bad cards are reported by line, good ones still come through', () => {
  test.each([
    [
      'a line that is no property',
      card('VERSION:3.0', 'FN:Ann', 'this is not a property', 'EMAIL:ann@acme.com'),
      [[4, 'bad-line']],
      ['Ann'],
    ],
    [
      'binary garbage inside a card',
      card('VERSION:3.0', 'FN:Ann', '\u0000\u0001\u00ff\ufffd:;\u0007', 'EMAIL:ann@acme.com'),
      [[4, 'bad-line']],
      ['Ann'],
    ],
    [
      'text outside any card',
      `junk\r\n${card('VERSION:3.0', 'FN:Ann')}more junk\r\n`,
      [
        [1, 'outside-card'],
        [6, 'outside-card'],
      ],
      ['Ann'],
    ],
    [
      'a card without END:VCARD before the next',
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n${card('VERSION:3.0', 'FN:Bo')}`,
      [[1, 'missing-end']],
      ['Ann', 'Bo'],
    ],
    [
      'a card with nothing readable',
      card('VERSION:3.0', 'X-FOO:bar') + card('VERSION:3.0', 'FN:Bo'),
      [[1, 'empty-card']],
      ['Bo'],
    ],
    [
      'a parameter ical.js refuses: only that line is lost',
      card('VERSION:4.0', 'FN:Ann', 'TEL;=x:123 4567', 'EMAIL:ann@acme.com'),
      [[4, 'bad-property']],
      ['Ann'],
    ],
  ])('%s', (_, text, errors, names) => {
    const result = parse(text);
    expect(result.errors.map((e) => [e.line, e.code])).toEqual(errors);
    expect(result.contacts.map((c) => c.name)).toEqual(names);
    for (const e of result.errors) expect(e.message).toMatch(/line \d+/i);
  });

  test('when ical.js refuses one line, the card’s other lines still count', () => {
    const { contacts } = parse(card('VERSION:4.0', 'FN:Ann', 'TEL;=x:123 4567', 'EMAIL:ann@acme.com'));
    expect(contacts[0]!.emails.map((e) => e.address)).toEqual(['ann@acme.com']);
  });

  test('a huge photo is left out with an error; the card stays', () => {
    const { contacts, errors } = parse(
      card('VERSION:3.0', 'FN:Ann', `PHOTO;ENCODING=b;TYPE=JPEG:${'A'.repeat(1_600_000)}`),
    );
    expect([contacts[0]!.name, contacts[0]!.photo, errors.map((e) => e.code)]).toEqual([
      'Ann',
      undefined,
      ['photo-too-large'],
    ]);
  });

  test('several cards per file, in order', () => {
    const text = Array.from({ length: 50 }, (_, i) =>
      card('VERSION:3.0', `FN:Person ${i}`, `EMAIL:p${i}@acme.com`),
    ).join('');
    expect(parse(text).contacts.map((c) => c.emails[0]!.address)).toEqual(
      Array.from({ length: 50 }, (_, i) => `p${i}@acme.com`),
    );
  });
});

describe('toVCard', () => {
  test('writes 4.0 that parses back to the same fields', () => {
    const [original] = parse(
      card(
        'VERSION:3.0',
        'FN:王小明',
        'N:王;小明;;;',
        'ORG:阿里巴巴;销售部',
        'TITLE:经理, 华东区',
        'EMAIL;TYPE=WORK:wang@acme.cn',
        'TEL;TYPE=CELL:138 0013 8000',
        'TEL;TYPE=WORK:ask reception',
        'ADR;TYPE=WORK:;;文一西路969号;杭州;浙江;311121;中国',
        'URL:https://acme.cn/wang',
        'NOTE:Met at the fair\\; likes tea',
      ),
    ).contacts;
    const text = toVCard([original!]);
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text).toContain('TEL;TYPE=cell:tel:+8613800138000');
    const [again] = parse(text).contacts;
    const { source: _a, fieldSources: _b, ...kept } = original!;
    const { source: _c, fieldSources: _d, ...back } = again!;
    // "ask reception" is no phone number and was never read; everything read survives.
    expect(back).toEqual({ ...kept, phones: kept.phones.map((p) => ({ ...p, raw: p.number })) });
  });

  test('a contact without a name gets its email as FN, which parses back as no name', () => {
    const [c] = parse(card('VERSION:4.0', 'EMAIL:ann@acme.com')).contacts;
    expect(toVCard([c!])).toContain('FN:ann@acme.com');
    expect(parse(toVCard([c!])).contacts[0]!.name).toBeUndefined();
  });
});
