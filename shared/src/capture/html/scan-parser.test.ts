// The page scan's parser keeps only the attributes it reads, in fixed fields: they must be
// exactly those htmlparser2's own Parser would give for each element.
import { Parser } from 'htmlparser2';
import { describe, expect, test } from 'vitest';
import { ScanAttributes, ScanParser } from './scan-parser';

const READ = Object.keys(new ScanAttributes()) as (keyof ScanAttributes)[];
const fieldOf = (name: string) => (name === 'aria-label' ? 'ariaLabel' : name);

/** Each element's tag and read attributes, as the scan parser gives them. */
function scanned(html: string, maxDepth = 256): string[] {
  const out: string[] = [];
  let depth = 0;
  const parser: ScanParser = new ScanParser(
    {
      onopentag(name, isImplied) {
        depth++;
        const read = READ.filter((k) => !isImplied && parser.attributes[k] !== undefined);
        out.push(`${name} ${JSON.stringify(Object.fromEntries(read.map((k) => [k, parser.attributes[k]])))}`);
      },
      ontext() {},
      onclosetag: () => depth--,
    },
    { html, depth: () => depth, maxDepth, onDrop() {} },
  );
  parser.end(html);
  return out;
}

/** The same from htmlparser2's own Parser, its attributes narrowed to those read. */
function reference(html: string): string[] {
  const out: string[] = [];
  new Parser(
    {
      onopentag(name, attribs) {
        const read = Object.entries(attribs)
          .map(([k, v]) => [fieldOf(k), v] as const)
          .filter(([k]) => (READ as string[]).includes(k));
        read.sort(
          (a, b) => READ.indexOf(a[0] as keyof ScanAttributes) - READ.indexOf(b[0] as keyof ScanAttributes),
        );
        out.push(`${name} ${JSON.stringify(Object.fromEntries(read))}`);
      },
    },
    { decodeEntities: false },
  ).end(html);
  return out;
}

describe('ScanParser', () => {
  test.each([
    [
      'read and unread attributes',
      '<div id="x" class="h-card" data-long-name="y" itemscope><a HREF="mailto:a@b.c" Title=T>x</a></div>',
    ],
    [
      'the first of repeated attributes',
      '<a href="mailto:first@acme.com" href="mailto:second@acme.com" class=a class=b>x</a>',
    ],
    ['values left raw', '<a href="mailto:li&#64;acme.cn" aria-label="Li &amp; Co" alt=\'q"uote\'>x</a>'],
    ['empty and valueless attributes', '<div itemscope typeof="" vocab><img alt="" src=x></div>'],
    [
      'every read attribute',
      `<meta ${READ.map((k, i) => `${k === 'ariaLabel' ? 'aria-label' : k}="v${i}"`).join(' ')}>`,
    ],
    ['elements the parser implies', '<p class="x">one</p></p><div class="y"></br></div>'],
    ['a second form, ignored', '<form class="a"><form class="b" title="t"><input name="q"></form>'],
    [
      'names in any case',
      '<DIV ItemScope CLASS="h-card" ARIA-LABEL="x" Aria-Labelx="y" hReF=z TypeOf></DIV>',
    ],
    ['names that only start like read ones', '<a hrefs="x" clas="y" titles="z" alt-text="w" type-of=v>x</a>'],
  ])('%s', (_, html) => expect(scanned(html)).toEqual(reference(html)));

  test('an element kept from the tree past the depth limit lends its attributes to no other', () => {
    const html = '<div><div><div><span class="deep" itemscope title="t">x</span></div><b class="kept">y</b>';
    expect(scanned(html, 3)).toEqual(['div {}', 'div {}', 'div {}', 'b {"class":"kept"}']);
  });
});
