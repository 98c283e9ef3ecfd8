// Hostile and broken input: nothing throws, nothing hangs, text stays text, unsafe urls are dropped.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CAPTURE_LIMITS } from './capture-limits';
import { CapturedContact } from './captured-contact';
import { extractContactsFromHtml, extractPageContacts } from './extract-contacts-from-html';
import { parseVCards } from './vcard/parse-vcards';

const PAGE = 'https://acme.com/team';

function expectSafe(contacts: CapturedContact[]) {
  for (const c of contacts) {
    const parsed = CapturedContact.safeParse(c);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    for (const url of [...c.urls, ...c.vcardUrls, c.photoUrl ?? 'https://x/'])
      expect(url).toMatch(/^https?:\/\//);
  }
}

const timed = <T>(fn: () => T): [T, number] => {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
};

describe('bad HTML', () => {
  test.each([
    ['unclosed and stray tags', '<div><p><a href="mailto:a@acme.com">Ann Lee</div></p></a></span><li><li>'],
    ['unquoted and broken attributes', '<a href=mailto:a@acme.com title=Ann Lee>x</a><div class="h-card>'],
    ['a comment that never ends', '<a href="mailto:a@acme.com">Ann</a><!-- <a href="mailto:b@acme.com">'],
    ['an unterminated script', '<script type="application/ld+json">{"@type":"Person","name":"A"'],
    [
      'CDATA, doctype and processing instructions',
      '<!DOCTYPE x><?xml x?><![CDATA[<a href="mailto:z@z.com">]]>',
    ],
    ['NUL and control characters', 'A\u0000<a href="mailto:a@acme.com">A\u0001nn\u202e Lee</a>\uffff'],
    ['lone surrogates', '<a href="mailto:a@acme.com">\ud800Ann\udc00</a>'],
    ['an empty string', ''],
  ])('%s: no throw, valid contacts', (_, html) => {
    expectSafe(extractContactsFromHtml(html, PAGE));
  });

  test('not a string, or a page url that is not a url: no throw', () => {
    expect(extractContactsFromHtml(undefined as unknown as string, 'not a url')).toEqual([]);
    expect(extractContactsFromHtml('<a href="/x.vcf">Ann Lee</a>', 'about:blank')).toEqual([]);
  });

  test('100,000 nested divs around an h-card and a mailto link: read to the depth limit, no overflow', () => {
    const deep = `${'<div>'.repeat(100_000)}<div class="h-card"><span class="p-name">Ann Lee</span></div><a href="mailto:ann@acme.com">Ann Lee</a>${'</div>'.repeat(100_000)}`;
    const [{ contacts, notes }, ms] = timed(() => extractPageContacts(deep, PAGE));
    expect(notes.map((n) => n.code)).toContain('depth-limited');
    expect(contacts.map((c) => c.emails[0]?.address)).toEqual(['ann@acme.com']);
    expect(ms).toBeLessThan(5_000);
  });

  test('20,000 nested h-card elements: the parser’s recursion is contained', () => {
    const deep = `${'<div class="h-card">'.repeat(20_000)}<span class="p-name">Ann</span>${'</div>'.repeat(20_000)}<a href="mailto:b@acme.com">Bo Chen</a>`;
    const { contacts } = extractPageContacts(deep, PAGE);
    expect(contacts.some((c) => c.emails[0]?.address === 'b@acme.com')).toBe(true);
    expectSafe(contacts);
  });

  test('a 5 MB page is read whole within bounds; a larger one is cut with a note', () => {
    const prose =
      '<div class="post"><p>Lorem ipsum <em>dolor</em> sit amet, <a href="/p">consectetur</a> adipiscing elit.</p></div>\n';
    const person = (i: number) =>
      `<li><b>Person ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}</b> <a href="mailto:p${i}@acme.com">mail</a></li>`;
    const block = prose.repeat(200);
    const big = Array.from(
      { length: Math.ceil(5_000_000 / block.length) },
      (_, i) => `${block}<ul>${person(i)}</ul>`,
    ).join('');
    const [{ contacts, notes }, ms] = timed(() => extractPageContacts(big, PAGE));
    expect(big.length).toBeGreaterThan(5_000_000);
    expect(contacts).toHaveLength(Math.ceil(5_000_000 / block.length));
    expect(notes).toEqual([]);
    expect(ms).toBeLessThan(10_000);
    const huge = `${' '.repeat(CAPTURE_LIMITS.maxHtmlChars)}<a href="mailto:late@acme.com">Late</a>`;
    const cut = extractPageContacts(huge, PAGE);
    expect([cut.contacts, cut.notes.map((n) => n.code)]).toEqual([[], ['truncated', 'nothing-found']]);
  });

  test('more links than the limit are cut with a note', () => {
    const html = Array.from(
      { length: CAPTURE_LIMITS.maxLinks + 10 },
      (_, i) => `<p><a href="mailto:p${i}@acme.com">x</a></p>`,
    ).join('');
    const { contacts, notes } = extractPageContacts(html, PAGE);
    expect(contacts).toHaveLength(CAPTURE_LIMITS.maxContacts);
    expect(notes.map((n) => n.code)).toEqual(['too-many-links', 'too-many-contacts']);
  });
});

describe('script-like strings stay plain text', () => {
  test.each([
    [
      'a JSON-LD name',
      `<script type="application/ld+json">{"@type":"Person","name":"<img src=x onerror=alert(1)>","email":"a@acme.com"}</script>`,
      '<img src=x onerror=alert(1)>',
    ],
    [
      'an h-card name with escaped markup',
      '<div class="h-card"><span class="p-name">&lt;script&gt;alert(1)&lt;/script&gt;</span></div>',
      '<script>alert(1)</script>',
    ],
    [
      'a double-escaped name, decoded once only',
      '<div class="h-card"><span class="p-name">&amp;lt;b&amp;gt;Ann</span></div>',
      '&lt;b&gt;Ann',
    ],
  ])('%s', (_, html, name) => {
    const contacts = extractContactsFromHtml(html, PAGE);
    expect(contacts[0]!.name).toBe(name);
    expectSafe(contacts);
  });

  test('javascript:, data: and vbscript: urls are dropped everywhere', () => {
    const html = `<div class="h-card"><a class="p-name u-url" href="javascript:alert(1)">Ann Lee</a><img class="u-photo" src="data:image/svg+xml,<svg onload=alert(1)>">
      <a class="u-url" href=" java&#10;script:alert(2)">x</a><a class="u-url" href="vbscript:x">y</a></div>
      <script type="application/ld+json">{"@type":"Person","name":"Bo","url":"JaVaScRiPt:alert(3)","image":"data:text/html,<b>"}</script>`;
    const contacts = extractContactsFromHtml(html, PAGE);
    expect(JSON.stringify(contacts)).not.toMatch(/javascript|data:|vbscript/i);
    expect(contacts.map((c) => c.name).sort()).toEqual(['Ann Lee', 'Bo']);
  });
});

describe('random input (property-based)', () => {
  const fragments = fc.constantFrom(
    '<div>',
    '</div>',
    '<a href="mailto:a@b.co">',
    '</a>',
    '<a href="tel:+14155550123">',
    '<span class="h-card">',
    '<div itemscope itemtype="http://schema.org/Person">',
    '<span itemprop="name">',
    '<div typeof="Person">',
    '<span property="email">',
    '<script type="application/ld+json">',
    '</script>',
    '{"@type":"Person","name":"',
    '"}',
    '<b>',
    'Ann Lee',
    '王小明',
    'x@y.com',
    '&amp;',
    '&lt;',
    '<!--',
    '-->',
    '<base href="/x/">',
    '<a href="/c.vcf">',
  );
  test('any mix of markup fragments and text: no throw, schema-valid contacts, only http(s) urls', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fragments, fc.string()), { maxLength: 60 }), (parts) => {
        expectSafe(extractContactsFromHtml(parts.join(''), PAGE));
      }),
      { numRuns: 300 },
    );
  });
  test('any text as a vCard file: no throw, errors carry line numbers', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              'BEGIN:VCARD',
              'END:VCARD',
              'VERSION:2.1',
              'VERSION:4.0',
              'FN:Ann',
              'TEL;CELL:555 0100 123',
              'EMAIL;QUOTED-PRINTABLE:a=40b.co',
              ' folded',
              'N:=E7',
              'PHOTO;BASE64:',
              '',
            ),
            fc.string(),
          ),
          { maxLength: 40 },
        ),
        (lines) => {
          const { contacts, errors } = parseVCards(lines.join('\r\n'));
          for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1);
          expectSafe(contacts);
        },
      ),
      { numRuns: 300 },
    );
  });
});
