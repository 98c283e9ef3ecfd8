import type { Element } from 'domhandler';
import { CAPTURE_LIMITS } from '../capture-limits';
import type { Finding } from '../finding';
import { elementText, parseRegion, walkElements } from '../html/region-dom';
import { findingsFromSchema } from '../schema-org/findings-from-schema';
import { addProp, type SchemaNode, schemaNode } from '../schema-org/schema-node';
import { shortTypeName } from '../schema-org/schema-org-types';
import type { CaptureSource } from './capture-source';

/**
 * A property's literal or link value by RDFa 1.1's rules (https://www.w3.org/TR/rdfa-core/#s_sequence):
 * `content` first; then, unless a `datatype` asks for a literal, the link in `href`, `src` or
 * `resource`; time `datetime`; else the element's text.
 */
export function rdfaValue(el: Element): string {
  const { attribs } = el;
  if (attribs.content !== undefined) return attribs.content;
  if (attribs.datatype === undefined) {
    const link = attribs.href ?? attribs.src ?? attribs.resource;
    if (link !== undefined) return link;
  }
  if (el.name === 'time' && attribs.datetime !== undefined) return attribs.datetime;
  return elementText(el);
}

function readNode(el: Element, offset: number, depth: number, budget: { left: number }): SchemaNode {
  const types = (el.attribs.typeof ?? '').split(/\s+/).filter(Boolean).map(shortTypeName);
  const span =
    el.startIndex !== null && el.endIndex !== null
      ? { start: offset + el.startIndex, end: offset + el.endIndex + 1 }
      : undefined;
  const node = schemaNode(types, span);
  walkElements(el.children, (child) => {
    const names = child.attribs.property?.split(/\s+/).filter(Boolean);
    const isNode = 'typeof' in child.attribs;
    const nested =
      isNode && depth < CAPTURE_LIMITS.maxSchemaDepth && budget.left-- > 0
        ? readNode(child, offset, depth + 1, budget)
        : undefined;
    if (names?.length) {
      const value = nested ?? rdfaValue(child);
      for (const name of names) addProp(node, shortTypeName(name), value);
    } else if (nested) {
      // A typed element without a property still describes something; keep it as its own item.
      addProp(node, '@nested', nested);
    }
    return !isNode;
  });
  return node;
}

/** schema.org items in RDFa (Lite): vocab, typeof, property. Prefixed names ("schema:Person") are read by their local name. */
export const rdfaSource: CaptureSource = {
  id: 'rdfa',
  extract(scan, ctx) {
    const findings: Finding[] = [];
    const budget = { left: CAPTURE_LIMITS.maxSchemaNodes };
    const schemaCtx = { defaultRegion: ctx.defaultRegion, ...(scan.baseUrl && { baseUrl: scan.baseUrl }) };
    for (const region of scan.regions.rdfa) {
      const dom = parseRegion(scan, region);
      const items: SchemaNode[] = [];
      walkElements(dom.roots, (el) => {
        if (!('typeof' in el.attribs)) return true;
        if (budget.left-- > 0) items.push(readNode(el, dom.offset, 0, budget));
        return false;
      });
      findings.push(...findingsFromSchema(items, 'rdfa', schemaCtx));
    }
    return findings;
  },
};
