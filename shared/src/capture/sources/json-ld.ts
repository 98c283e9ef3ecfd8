import { CAPTURE_LIMITS } from '../capture-limits';
import type { Finding } from '../finding';
import { findingsFromSchema } from '../schema-org/findings-from-schema';
import { addProp, type SchemaNode, schemaNode } from '../schema-org/schema-node';
import { shortTypeName } from '../schema-org/schema-org-types';
import type { CaptureSource } from './capture-source';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses a JSON-LD script the way sites write it: strict JSON first; then with the HTML comment
 * or CDATA wrapper some CMSs add, raw control characters and trailing commas removed.
 */
export function parseJsonLd(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    const repaired = text
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: raw newlines in strings are the usual breakage
      .replace(/[\u0000-\u001f]+/g, ' ')
      .replace(/,\s*([}\]])/g, '$1');
    try {
      return JSON.parse(repaired) as Json;
    } catch {
      return undefined;
    }
  }
}

/** Turns JSON-LD into schema items: @graph and arrays flattened, @id references followed once. */
export function schemaNodesFromJsonLd(data: Json): SchemaNode[] {
  // Index every described node by @id, so { "@id": "#org" } finds the organisation in the graph.
  const byId = new Map<string, JsonObject>();
  const pending: Json[] = [data];
  let visited = 0;
  while (pending.length && visited++ < CAPTURE_LIMITS.maxSchemaNodes * 4) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isObject(value)) {
      const id = value['@id'];
      if (typeof id === 'string' && Object.keys(value).length > 1 && !byId.has(id)) byId.set(id, value);
      for (const child of Object.values(value))
        if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }

  const converted = new Map<JsonObject, SchemaNode>();
  const inProgress = new Set<JsonObject>();
  let budget = CAPTURE_LIMITS.maxSchemaNodes;

  const convert = (raw: JsonObject, depth: number): SchemaNode | undefined => {
    const done = converted.get(raw);
    if (done) return done;
    // A cycle (a person whose employer lists the person) or runaway nesting stops here.
    if (inProgress.has(raw) || depth > CAPTURE_LIMITS.maxSchemaDepth || budget-- <= 0) return undefined;
    inProgress.add(raw);
    const typeValue = raw['@type'];
    const types = (Array.isArray(typeValue) ? typeValue : [typeValue])
      .filter((t): t is string => typeof t === 'string')
      .map(shortTypeName);
    const node = schemaNode(types);
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('@')) continue;
      const prop = shortTypeName(key);
      for (const item of Array.isArray(value) ? value : [value]) {
        const converted = convertValue(item, depth);
        if (converted !== undefined) addProp(node, prop, converted);
      }
    }
    inProgress.delete(raw);
    converted.set(raw, node);
    return node;
  };

  const convertValue = (value: Json, depth: number): string | SchemaNode | undefined => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (!isObject(value)) return undefined;
    if ('@value' in value) {
      const literal = value['@value'];
      return typeof literal === 'string' || typeof literal === 'number' ? String(literal) : undefined;
    }
    const id = value['@id'];
    if (typeof id === 'string' && Object.keys(value).length === 1) {
      const target = byId.get(id);
      return target ? convert(target, depth + 1) : id;
    }
    return convert(value, depth + 1);
  };

  const roots: SchemaNode[] = [];
  const top = Array.isArray(data) ? data : [data];
  for (const item of top) {
    if (!isObject(item)) continue;
    const graph = item['@graph'];
    for (const member of Array.isArray(graph) ? graph : [item]) {
      if (!isObject(member)) continue;
      const node = convert(member, 0);
      if (node) roots.push(node);
    }
  }
  return roots;
}

/** schema.org Person, Organization (and subtypes) and ContactPoint in `<script type="application/ld+json">`. */
export const jsonLdSource: CaptureSource = {
  id: 'json-ld',
  extract(scan, ctx) {
    const findings: Finding[] = [];
    for (const script of scan.jsonLd) {
      const data = parseJsonLd(script.text);
      if (data === undefined) {
        ctx.notes.push({
          code: 'json-ld-unreadable',
          message: 'A JSON-LD block is not valid JSON and was skipped.',
        });
        continue;
      }
      const schemaCtx = { defaultRegion: ctx.defaultRegion, ...(scan.baseUrl && { baseUrl: scan.baseUrl }) };
      for (const finding of findingsFromSchema(schemaNodesFromJsonLd(data), 'json-ld', schemaCtx)) {
        finding.at = script.start;
        findings.push(finding);
      }
    }
    return findings;
  },
};
