// A small subset of ICU MessageFormat: `{name}`, `{n, plural, =0 {…} one {# item} other {# items}}` and
// `{x, select, a {…} other {…}}`, nested. English needs plurals; a full MessageFormat library would
// be the first thing to reach for if a third locale needed more (ordinals, gender agreement).

type Params = Record<string, string | number> | undefined;

interface Argument {
  name: string;
  type: 'simple' | 'plural' | 'select';
  options: Map<string, string>;
  end: number;
}

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closing(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function parseArgument(pattern: string, open: number): Argument | null {
  const end = closing(pattern, open);
  if (end < 0) return null;
  const body = pattern.slice(open + 1, end);
  const head = /^\s*(\w+)\s*(?:,\s*(plural|select)\s*,)?/.exec(body);
  if (!head) return null;
  const name = head[1]!;
  if (!head[2]) return /^\s*\w+\s*$/.test(body) ? { name, type: 'simple', options: new Map(), end } : null;
  const options = new Map<string, string>();
  let i = head[0].length;
  while (i < body.length) {
    const selector = /^\s*(=?[\w-]+)\s*\{/.exec(body.slice(i));
    if (!selector) break;
    const open2 = i + selector[0].length - 1;
    const close2 = closing(body, open2);
    if (close2 < 0) return null;
    options.set(selector[1]!, body.slice(open2 + 1, close2));
    i = close2 + 1;
  }
  return { name, type: head[2] as 'plural' | 'select', options, end };
}

/** Fills a message pattern with params; an argument without a value stays visible as written. */
export function formatMessage(
  pattern: string,
  params: Params,
  plurals: Intl.PluralRules,
  numbers: Intl.NumberFormat,
  hash?: string,
): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '#' && hash !== undefined) {
      out += hash;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      continue;
    }
    const arg = parseArgument(pattern, i);
    if (!arg) {
      out += ch;
      continue;
    }
    const value = params?.[arg.name];
    if (value === undefined) {
      out += pattern.slice(i, arg.end + 1);
    } else if (arg.type === 'simple') {
      out += String(value);
    } else if (arg.type === 'plural') {
      const n = Number(value);
      const chosen =
        arg.options.get(`=${n}`) ?? arg.options.get(plurals.select(n)) ?? arg.options.get('other') ?? '';
      out += formatMessage(chosen, params, plurals, numbers, numbers.format(n));
    } else {
      const chosen = arg.options.get(String(value)) ?? arg.options.get('other') ?? '';
      out += formatMessage(chosen, params, plurals, numbers, hash);
    }
    i = arg.end;
  }
  return out;
}

/** The names of every argument a pattern uses, sorted (nested ones too): catalogs must agree on them. */
export function messageArguments(pattern: string): string[] {
  const names = new Set<string>();
  const walk = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '{') continue;
      const arg = parseArgument(text, i);
      if (!arg) continue;
      names.add(arg.name);
      for (const option of arg.options.values()) walk(option);
      i = arg.end;
    }
  };
  walk(pattern);
  return [...names].sort();
}
