import { type ChildNode, DomHandler, type Element, isTag, isText } from 'domhandler';
import { CAPTURE_LIMITS } from '../capture-limits';
import { GuardedParser } from './depth-guard';
import type { PageScan, Region } from './page-scan';

/** A structured region parsed on its own, with the offset of its first character in the page. */
export interface RegionDom {
  roots: ChildNode[];
  offset: number;
}

/**
 * Parses one region of the page (an itemscope or typeof element) into a small DOM. Only regions
 * get a DOM: a whole page's costs more than the capture budget.
 */
export function parseRegion(scan: PageScan, region: Region): RegionDom {
  const html = scan.html.slice(region.start, region.end);
  let depth = 0;
  const handler = new DomHandler(undefined, { withStartIndices: true, withEndIndices: true });
  // Depth as DomHandler sees it, for the guard that keeps the parse shallow.
  const onopentag = handler.onopentag.bind(handler);
  const onclosetag = handler.onclosetag.bind(handler);
  handler.onopentag = (name, attribs) => {
    depth++;
    onopentag(name, attribs);
  };
  handler.onclosetag = () => {
    depth--;
    onclosetag();
  };
  new GuardedParser(handler, {
    html,
    depth: () => depth,
    maxDepth: CAPTURE_LIMITS.maxDepth,
    onDrop() {},
  }).end(html);
  return { roots: handler.root.children, offset: region.start };
}

const SKIPPED_TEXT = new Set(['script', 'style', 'template', 'noscript']);
// Elements that start a new line on screen: their text must not run into the previous word.
const BLOCK = new Set(
  'address article aside blockquote dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 header li main nav ol p pre section table td th tr ul'.split(
    ' ',
  ),
);

/**
 * Calls `visit` for each element below `roots` in document order, depth-first and without
 * recursion (regions can be deeply nested); `visit` returning `false` skips that element's
 * children. Elements deeper than the capture depth limit are not visited.
 */
export function walkElements(roots: readonly ChildNode[], visit: (el: Element) => boolean | undefined): void {
  const stack: { node: ChildNode; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, depth: 0 });
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!isTag(node)) continue;
    if (visit(node) === false || depth >= CAPTURE_LIMITS.maxDepth) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
  }
}

/**
 * The visible text of an element, up to `max` characters: text nodes in order, `<br>` and block
 * boundaries as spaces, script and style left out, images as their alt text. Entities were decoded
 * once by the parser and are not decoded again.
 */
export function elementText(el: Element, max = 1000): string {
  let out = '';
  const stack: { node: ChildNode; depth: number }[] = [{ node: el, depth: 0 }];
  while (stack.length && out.length < max) {
    const { node, depth } = stack.pop()!;
    if (isText(node)) {
      out += node.data;
    } else if (isTag(node)) {
      if (SKIPPED_TEXT.has(node.name)) continue;
      if (node.name === 'img' && node.attribs.alt) out += ` ${node.attribs.alt} `;
      if (node.name === 'br' || BLOCK.has(node.name)) out += ' ';
      if (depth >= CAPTURE_LIMITS.maxDepth) continue;
      for (let i = node.children.length - 1; i >= 0; i--)
        stack.push({ node: node.children[i]!, depth: depth + 1 });
    }
  }
  return out.slice(0, max);
}
