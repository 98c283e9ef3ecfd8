// The guarded parser must read a document exactly as htmlparser2's own does when no tag is past
// the depth limit: it sits in the Parser's tokenizer callbacks, replaces the tokenizer's
// character search (fastForwardTo) with String#indexOf and returns common tag names as constants
// (readTagName), and reads tag and attribute names in one step, which this checks event by event.
import { type Handler, Parser, type ParserOptions } from 'htmlparser2';
import { describe, expect, test } from 'vitest';
import { GuardedParser } from './depth-guard';

function events(html: string, options: ParserOptions, guarded: boolean): string[] {
  const out: string[] = [];
  let depth = 0;
  let parser: Parser | undefined;
  const at = () => `${parser?.startIndex}-${parser?.endIndex}`;
  const handler: Partial<Handler> = {
    onopentag(name, attribs) {
      depth++;
      out.push(`<${name} ${JSON.stringify(attribs)} ${at()}`);
    },
    onclosetag(name) {
      depth--;
      out.push(`</${name} ${at()}`);
    },
    ontext: (text) => out.push(`"${text}" ${at()}`),
    oncomment: (text) => out.push(`<!--${text}--> ${at()}`),
    oncdatastart: () => out.push(`cdata ${at()}`),
    onprocessinginstruction: (name, data) => out.push(`<?${name} ${data} ${at()}`),
  };
  parser = guarded
    ? new GuardedParser(handler, { html, depth: () => depth, maxDepth: 10_000, onDrop() {} }, options)
    : new Parser(handler, options);
  parser.end(html);
  return out;
}

const DOCUMENTS = [
  '<!doctype html><html><head><title>A &amp; B</title></head><body><p>One<p>Two</body></html>',
  '<div class="h-card" title=\'single\' data-x=unquoted>Li&#64;acme.cn &copy; <a href="mailto:li@acme.cn?subject=a&amp;b">Li</a></div>',
  '<!-- a comment with <tags> and -- dashes ---><![CDATA[ x ]]><?php echo 1 ?><p>after</p>',
  '<script type="application/ld+json">{"a":"</scrip","b":"<div>"}</script><style>a>b{}</style><textarea>&lt;x&gt;</textarea>',
  '<svg><foreignObject><p>in</p></foreignObject><path d="M0 0"/></svg><math><mi>x</mi></math>',
  '<ul><li>one<li>two</ul><table><tr><td>a<td>b</table><br/></br></p>',
  'text only, no tags at all & an ampersand',
  '<a href="x" unterminated',
  '<p title="unterminated quote>text',
  '<!-- unterminated comment',
  '<DIV Class="x">div</DIV><Span>a</Span><sectionx>section</sectionx><h7>h1</h7><a>p</a>',
  '<svg><clipPath id=c><image href=x /></clipPath><a><title>t</title></a></svg><image src=y><IMG/>',
  '<math><annotation-xml><svg><foreignObject><div>x</div></foreignObject></svg></annotation-xml></math>',
  '<div\tclass=a\nid = "b"/><p\fdata-x=1>text</p\r><br/ ><img src=x alt/>',
  '<div class="a" data-long-attribute-name',
  '<section id=s></secti',
  '<custom-element-name-longer-than-ten>x</custom-element-name-longer-than-ten>',
  'a &amp b &#64; c&lt;d <p>e &notanentity; f&</p> g &amp;&amp;<b>h</b>&',
  '<p>no entity here</p><p>one &amp; here</p><p>none again</p>&copy',
];

describe('the depth-guarded parser', () => {
  test.each(DOCUMENTS)('reads %s as htmlparser2 does', (html) => {
    for (const decodeEntities of [false, true]) {
      expect(events(html, { decodeEntities }, true)).toEqual(events(html, { decodeEntities }, false));
    }
  });
});
