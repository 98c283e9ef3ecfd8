import type { Element } from 'domhandler';
import { CAPTURE_LIMITS } from '../capture-limits';
import type { Finding } from '../finding';
import { elementText, parseRegion, walkElements } from '../html/region-dom';
import { findingsFromSchema } from '../schema-org/findings-from-schema';
import { addProp, type SchemaNode, schemaNode } from '../schema-org/schema-node';
import { shortTypeName } from '../schema-org/schema-org-types';
import type { CaptureSource } from './capture-source';

const URL_PROPERTY_ELEMENTS: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  img: 'src',
  audio: 'src',
  video: 'src',
  source: 'src',
  embed: 'src',
  iframe: 'src',
  track: 'src',
  object: 'data',
};

/**
 * A property's value as the microdata spec reads it (https://html.spec.whatwg.org/#values): meta
 * `content`, a link's `href`, a media `src`, time `datetime`, data/meter `value`, else the text.
 * A `content` attribute on any other element wins too: schema.org's own examples and many sites
 * write it, and search engines honour it.
 */
export function propertyValue(el: Element): string {
  const { attribs } = el;
  if (attribs.content !== undefined) return attribs.content;
  const urlAttribute = URL_PROPERTY_ELEMENTS[el.name];
  if (urlAttribute) return attribs[urlAttribute] ?? '';
  if (el.name === 'time' && attribs.datetime !== undefined) return attribs.datetime;
  if ((el.name === 'data' || el.name === 'meter') && attribs.value !== undefined) return attribs.value;
  return elementText(el);
}

/** Reads one item and, through its properties, the items nested in it. */
function readItem(el: Element, offset: number, depth: number, budget: { left: number }): SchemaNode {
  const types = (el.attribs.itemtype ?? '').split(/\s+/).filter(Boolean).map(shortTypeName);
  const span =
    el.startIndex !== null && el.endIndex !== null
      ? { start: offset + el.startIndex, end: offset + el.endIndex + 1 }
      : undefined;
  const node = schemaNode(types, span);
  walkElements(el.children, (child) => {
    const names = child.attribs.itemprop?.split(/\s+/).filter(Boolean);
    const isItem = 'itemscope' in child.attribs;
    if (names?.length) {
      const value =
        isItem && depth < CAPTURE_LIMITS.maxSchemaDepth && budget.left-- > 0
          ? readItem(child, offset, depth + 1, budget)
          : propertyValue(child);
      for (const name of names) addProp(node, shortTypeName(name), value);
    } else if (isItem && depth < CAPTURE_LIMITS.maxSchemaDepth && budget.left-- > 0) {
      // An item inside an item without itemprop is a separate item; keep it so it is not lost.
      addProp(node, '@nested', readItem(child, offset, depth + 1, budget));
    }
    // A nested item's properties are its own, not this item's.
    return !isItem;
  });
  return node;
}

/** schema.org (and data-vocabulary.org) items in microdata: itemscope, itemtype, itemprop. */
export const microdataSource: CaptureSource = {
  id: 'microdata',
  extract(scan, ctx) {
    const findings: Finding[] = [];
    const budget = { left: CAPTURE_LIMITS.maxSchemaNodes };
    const schemaCtx = { defaultRegion: ctx.defaultRegion, ...(scan.baseUrl && { baseUrl: scan.baseUrl }) };
    for (const region of scan.regions.microdata) {
      const dom = parseRegion(scan, region);
      const items: SchemaNode[] = [];
      // The region's outermost itemscope elements are its top-level items.
      walkElements(dom.roots, (el) => {
        if (!('itemscope' in el.attribs)) return true;
        if (budget.left-- > 0) items.push(readItem(el, dom.offset, 0, budget));
        return false;
      });
      findings.push(...findingsFromSchema(items, 'microdata', schemaCtx));
    }
    return findings;
  },
};
