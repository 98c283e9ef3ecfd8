// Builders for the insight tests: list entries with just the scores a statistic reads.
import type { ListScores } from '../segments/list-entry';
import { listScores } from '../test-support/list-scores';
import type { InsightCustomer } from './insight-customer';

/** A customer with test scores (overridden by `scores`), or unscored with `null`. */
export function customer(id: string, scores: Partial<ListScores> | null = {}): InsightCustomer {
  return scores === null
    ? { id, displayName: `Customer ${id}` }
    : { id, displayName: `Customer ${id}`, scores: listScores(scores) };
}
