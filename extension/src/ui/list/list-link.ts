import { SegmentFilter } from '@keepcard/shared';
import { LIST_LINK_PREFIX as PREFIX } from './list-link-hash';

// A link to the customer list with a filter in the hash: `#/list?filter=<JSON>&label=<text>`. The
// dashboard opens the list behind a chart this way (a tier bar, a lifecycle stage, the detractors of a
// month). The filter is checked against the SegmentFilter schema like a saved segment; a link that
// does not parse is reported with the field and the reason, never applied half-way.

/** Longest label kept: it is a caption ("Tier A", "Detractors, 2026-03"), shown as text. */
const MAX_LABEL = 200;

export type ListLink =
  | { ok: true; filter: SegmentFilter; label?: string }
  | { ok: false; problem: { field?: string; reason: string } };

/** The hash of the list with a filter, and a caption saying where it came from. */
export function listLinkHash(filter: SegmentFilter, label?: string): string {
  const params = new URLSearchParams({ filter: JSON.stringify(filter) });
  if (label) params.set('label', label.slice(0, MAX_LABEL));
  return `${PREFIX}${params.toString()}`;
}

export { isListLinkHash } from './list-link-hash';

/**
 * Reads a list link. `reason` is one of the shared schemas' English reasons (the UI translates the
 * known ones), or 'not-json' / 'missing' for a filter that is no JSON object at all.
 * @example parseListLink('#/list?filter=%7B%22tiers%22%3A%5B%22A%22%5D%7D') // { ok: true, filter: { tiers: ['A'] } }
 */
export function parseListLink(hash: string): ListLink {
  const params = new URLSearchParams(hash.slice(PREFIX.length));
  const raw = params.get('filter');
  if (raw === null) return { ok: false, problem: { field: 'filter', reason: 'missing' } };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problem: { field: 'filter', reason: 'not-json' } };
  }
  const parsed = SegmentFilter.strict().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    return { ok: false, problem: { ...(field ? { field } : {}), reason: issue.message } };
  }
  const label = params.get('label')?.slice(0, MAX_LABEL).trim();
  return { ok: true, filter: parsed.data, ...(label ? { label } : {}) };
}
