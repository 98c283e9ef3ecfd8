import { Parser } from 'htmlparser2';

// Test-only: the plain text a mail client shows for talon's HTML reply fixtures, so findSignature
// (which takes plain text, as the webmail adapters pass it) can be measured on them. Block
// elements end lines and <blockquote> content is prefixed "> ", as clients do when they turn an
// HTML reply into text.

const BLOCK = new Set([
  'address',
  'blockquote',
  'br',
  'div',
  'dd',
  'dl',
  'dt',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'table',
  'tr',
  'ul',
]);
const SKIP = new Set(['head', 'script', 'style', 'title', 'xml']);

/** Plain text of an HTML mail body, quoted parts marked with "> ". */
export function htmlReplyText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let quoteDepth = 0;
  let skipDepth = 0;
  const endLine = () => {
    const text = current.replace(/[\s\u00a0]+/g, ' ').trim();
    lines.push(`${'> '.repeat(quoteDepth)}${text}`.trimEnd());
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        if (BLOCK.has(name) && (current.trim() || name === 'br')) endLine();
        if (name === 'blockquote') quoteDepth++;
      },
      ontext(text) {
        if (skipDepth === 0) current += text;
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (BLOCK.has(name) && name !== 'br' && current.trim()) endLine();
        if (name === 'blockquote') quoteDepth = Math.max(0, quoteDepth - 1);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  if (current.trim()) endLine();
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}
