// The shape of a list link's hash (`#/list?filter=…`), apart from its parsing (list-link.ts), which
// loads the filter schema: the App routes on it at start-up, before any schema is needed.

export const LIST_LINK_PREFIX = '#/list?';

/** True for a hash that is a list link (valid or not). */
export const isListLinkHash = (hash: string): boolean => hash.startsWith(LIST_LINK_PREFIX);
