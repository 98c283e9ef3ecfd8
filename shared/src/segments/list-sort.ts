import type { ListEntry, TierName } from './list-entry';

export const SORT_KEYS = [
  'name',
  'tier',
  'churnRisk',
  'lifetimeValue',
  'revenue',
  'lastPurchase',
  'lastContact',
  'nextFollowUp',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

const TIER_RANK: Record<TierName, number> = { A: 0, B: 1, C: 2, prospect: 3 };

/**
 * The value an entry sorts by; `null` (no data) always sorts last, whatever the direction.
 * Amounts compare as minor units: a workspace uses one scoring currency.
 */
export function sortValue(e: ListEntry, key: SortKey): string | number | null {
  const s = e.scores;
  switch (key) {
    case 'name':
      return e.nameKey;
    case 'tier':
      return TIER_RANK[s?.tier ?? 'prospect'];
    case 'churnRisk':
      return s?.churnRisk ?? null;
    case 'lifetimeValue':
      return s?.lifetimeValueMinor ?? null;
    case 'revenue':
      return s?.revenueInWindowMinor ?? null;
    case 'lastPurchase':
      return s?.lastPurchaseAt ?? null;
    case 'lastContact':
      return s?.lastContactAt ?? null;
    case 'nextFollowUp':
      return s?.nextFollowUpAt ?? null;
  }
}

/** The direction a sort key starts in when picked: the most useful end first. */
export const DEFAULT_DIRECTION: Record<SortKey, SortDirection> = {
  name: 'asc',
  tier: 'asc',
  churnRisk: 'desc',
  lifetimeValue: 'desc',
  revenue: 'desc',
  lastPurchase: 'desc',
  lastContact: 'desc',
  nextFollowUp: 'asc',
};

const collator = new Intl.Collator(['zh-Hans-CN', 'en'], { numeric: true });

/**
 * A comparator for entries by `key` and `direction`; ties broken by name, then id, so the order is
 * total and stable across runs.
 */
export function compareEntries(
  key: SortKey,
  direction: SortDirection,
): (a: ListEntry, b: ListEntry) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      const c = typeof va === 'string' ? collator.compare(va, vb as string) : va - (vb as number);
      if (c !== 0) return sign * c;
    }
    if (key !== 'name') {
      const byName = collator.compare(a.nameKey, b.nameKey);
      if (byName !== 0) return byName;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
