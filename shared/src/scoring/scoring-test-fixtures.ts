// Test fixtures for the scoring suites: customers described by "days ago", against a fixed now.
import type { CustomerRecords, FeedbackFacts, PurchaseFacts } from './customer-facts';
import { DAY_MS } from './summarize-purchases';

/** A fixed "now": 2025-06-30 12:00 UTC. */
export const NOW = Date.UTC(2025, 5, 30, 12);
export const daysAgo = (d: number): number => NOW - d * DAY_MS;

/** Purchases on the given days ago (one each), of `amountMinor` CNY unless an amount list is given. */
export function purchasesOn(
  days: readonly number[],
  amountMinor: number | readonly number[] = 10_000,
): PurchaseFacts[] {
  return days.map((d, i) => ({
    occurredAt: daysAgo(d),
    amountMinor: typeof amountMinor === 'number' ? amountMinor : amountMinor[i]!,
    currency: 'CNY',
  }));
}

export function customer(
  contactId: string,
  purchaseDaysAgo: readonly number[],
  more: Partial<CustomerRecords> = {},
): CustomerRecords {
  return { contactId, purchases: purchasesOn(purchaseDaysAgo), ...more };
}

export const complaint = (d: number, status: 'open' | 'resolved' = 'open'): FeedbackFacts => ({
  kind: 'complaint',
  occurredAt: daysAgo(d),
  status,
});

export const survey = (d: number, scale: 'csat' | 'nps', score: number): FeedbackFacts => ({
  kind: 'survey',
  occurredAt: daysAgo(d),
  status: 'resolved',
  scale,
  score,
});

/** Every `every` days from `from` days ago down to `to` days ago (inclusive). */
export function every(every: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d >= to; d -= every) out.push(d);
  return out;
}
