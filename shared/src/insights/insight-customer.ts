import type { ListEntry } from '../segments/list-entry';

/**
 * What the dashboard statistics read of a customer: the list's own entry (id, name and the stored
 * scores), so every count matches what the list shows when the same filter is applied. A customer
 * without scores yet counts as a prospect, as the list's filters do.
 */
export type InsightCustomer = Pick<ListEntry, 'id' | 'displayName' | 'scores'>;

/**
 * The currency most scored customers carry: the workspace currency of the last refit. Scores in
 * another currency (rows written before the workspace currency changed, until they are rescored)
 * cannot be added to it and are counted as skipped by the money statistics.
 */
export function scoreCurrency(customers: readonly InsightCustomer[]): string | null {
  const counts = new Map<string, number>();
  for (const c of customers)
    if (c.scores) counts.set(c.scores.currency, (counts.get(c.scores.currency) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [currency, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (n > bestCount) [best, bestCount] = [currency, n];
  return best;
}
