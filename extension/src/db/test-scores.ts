import type { ListScores } from '@keepcard/shared';
import { listScores } from '../../../shared/src/test-support/list-scores';
import { type ContactScores, detailWithList } from './score-pages';

/** List scores for tests: an unremarkable repeat customer of tier C, with the values given. */
export const testListScores = listScores;

/**
 * A contact's stored scores for tests of what reads them (list, follow-ups): the list part with the
 * values given, the card's detail saying the same, without reasons (as one scoring result gives both).
 */
export function testScores(
  contactId: string,
  scoredAt: number,
  values: Partial<ListScores> = {},
): ContactScores {
  const list = testListScores(values);
  const none = { tier: [], lifecycle: [], churn: [], moreChurn: [] };
  const rest = {
    windowDays: 365,
    horizonDays: 365,
    expectedPurchases: 0,
    nextPurchaseAt: null,
    reasons: none,
  };
  return {
    contactId,
    scoredAt,
    list,
    detail: detailWithList(list, { ...rest, valueMinor: list.lifetimeValueMinor }),
  };
}
