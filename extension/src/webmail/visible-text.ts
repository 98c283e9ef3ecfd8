// Text of an element with its line breaks, read without layout: `innerText` would force a layout
// of the whole page on every read, and the watcher reads on every change of a webmail page.

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'SVG',
  'IMG',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
]);

/** Elements a site hides (`hidden`, `display:none` inline): their text is not what the rep sees. */
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /display\s*:\s*none/i.test(style);
}

const PARAGRAPH = new Set([
  'P',
  'BLOCKQUOTE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TABLE',
  'UL',
  'OL',
  'PRE',
  'HR',
]);

/**
 * The text of `root` as lines, the way a browser's `innerText` lays it out: a block boundary
 * starts a new line (never an empty one by itself), a paragraph leaves a blank line, `<br>` is a
 * line break (so `<div><br></div>` is the blank line mail editors write); scripts and hidden
 * elements are skipped, runs of spaces collapse. Bounded: stops after `maxChars` characters or
 * 50,000 nodes.
 */
export function visibleText(root: Element, maxChars = 100_000): string {
  let out = '';
  let pending = 0;
  let nodes = 0;
  const endsWithBreaks = () => out.length - out.replace(/\n+$/, '').length;
  const flush = () => {
    if (out && pending > endsWithBreaks()) out += '\n'.repeat(pending - endsWithBreaks());
    pending = 0;
  };
  const stack: (Node | { end: Element })[] = [root];
  while (stack.length > 0 && out.length < maxChars && nodes < 50_000) {
    const item = stack.pop()!;
    if ('end' in item) {
      pending = Math.max(pending, PARAGRAPH.has(item.end.tagName.toUpperCase()) ? 2 : 1);
      continue;
    }
    nodes++;
    const node = item;
    if (node.nodeType === 3) {
      const raw = node.nodeValue ?? '';
      // "<div>&nbsp;</div>" is how Outlook and Word write an empty line: keep it as one.
      if (raw.includes('\u00a0') && raw.trim() === '') {
        flush();
        out += '\u00a0';
        continue;
      }
      const text = raw.replace(/[ \t\r\n\u00a0]+/g, ' ');
      if (!text || (text === ' ' && (!out || out.endsWith('\n') || pending > 0))) continue;
      flush();
      out += text;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      flush();
      out += '\n';
      continue;
    }
    if (SKIP.has(tag) || isHidden(el)) continue;
    if (BLOCK.has(tag)) {
      pending = Math.max(pending, PARAGRAPH.has(tag) ? 2 : 1);
      stack.push({ end: el });
    }
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, maxChars);
}

/** The text of an element on one line, whitespace collapsed (for names, subjects, dates). */
export function lineText(el: Element | null | undefined, maxChars = 500): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, maxChars);
}
