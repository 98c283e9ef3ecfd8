/**
 * A schema.org item as JSON-LD, microdata and RDFa all describe it: its types (short names such as
 * "Person") and its properties (short names such as "telephone"), each with text or nested items.
 * The three syntaxes are read into this one shape so one mapping turns them into findings.
 */
export interface SchemaNode {
  types: string[];
  props: Map<string, SchemaValue[]>;
  /** Where the item's markup sits in the page (microdata and RDFa only). */
  span?: { start: number; end: number };
}
export type SchemaValue = string | SchemaNode;

/** A new item of the given types. */
export function schemaNode(types: string[], span?: SchemaNode['span']): SchemaNode {
  return { types, props: new Map(), ...(span && { span }) };
}

/** Adds a value to a property, keeping document order. */
export function addProp(node: SchemaNode, prop: string, value: SchemaValue): void {
  const list = node.props.get(prop);
  if (list) list.push(value);
  else node.props.set(prop, [value]);
}

/** The values of the first of `props` that the item has. */
export function values(node: SchemaNode, ...props: string[]): SchemaValue[] {
  for (const prop of props) {
    const list = node.props.get(prop);
    if (list?.length) return list;
  }
  return [];
}

/** The text values of `props` (a nested item counts as its `name`, `url` or `@value`). */
export function texts(node: SchemaNode, ...props: string[]): string[] {
  const out: string[] = [];
  for (const prop of props) {
    for (const value of node.props.get(prop) ?? []) {
      const text = typeof value === 'string' ? value : firstText(value, 'name', 'url', 'contentUrl');
      if (text) out.push(text);
    }
  }
  return out;
}

/** The first text value of the first of `props` the item has. */
export function firstText(node: SchemaNode, ...props: string[]): string | undefined {
  for (const prop of props) {
    for (const value of node.props.get(prop) ?? []) {
      if (typeof value === 'string') {
        if (value.trim()) return value;
      } else {
        const text = firstText(value, 'name', 'url', 'contentUrl');
        if (text) return text;
      }
    }
  }
  return undefined;
}
