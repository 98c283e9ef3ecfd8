/**
 * One customer as the list sees it: a flat, compact projection of the contact, its company and its
 * stored scores. Filters, segments and sorts work on these, in memory.
 */
export interface ListEntry {
  id: string;
  displayName: string;
  /** Shared `nameKey` of the display name: the sort key for names. */
  nameKey: string;
  /** Everything search matches against, folded: name, emails, phones (digits too), company, title, tags. */
  searchText: string;
  title?: string;
  companyName?: string;
  primaryEmail?: string;
  primaryPhone?: string;
  tags: string[];
  ownerId: string;
  /** The contact's `assigneeId` when set: who is responsible instead of the owner. */
  assigneeId?: string;
  country?: string;
  region?: string;
  city?: string;
  gender?: 'female' | 'male' | 'other' | 'unspecified';
  /** YYYY-MM-DD or --MM-DD. */
  birthday?: string;
  scores?: ListScores;
}

export type TierName = 'A' | 'B' | 'C' | 'prospect';
export type LifecycleStageName = 'prospect' | 'new' | 'repeat' | 'loyal' | 'at-risk' | 'churned' | 'lost';
export type ChurnLevelName = 'low' | 'medium' | 'high';

/** The scores a list needs, copied from the stored customer scores. Amounts are minor units of `currency`. */
export interface ListScores {
  tier: TierName;
  lifecycle: LifecycleStageName;
  churnLevel: ChurnLevelName;
  /** Probability the customer is lost, 0..1. */
  churnRisk: number;
  lifetimeValueMinor: number;
  revenueInWindowMinor: number;
  currency: string;
  rfm: { r: number; f: number; m: number };
  frequency: 'high' | 'low';
  revenueClass: 'high' | 'mid' | 'low';
  potential: 'high' | 'mid' | 'low';
  closeness: 'close' | 'loose';
  lastPurchaseAt: number | null;
  lastContactAt: number | null;
  nextFollowUpAt: number | null;
}

/**
 * Who is responsible for the customer: the assignee when there is one, else the record's owner. The
 * list's owner filter and facet, and bulk "assign", work on this, never on access control.
 */
export const responsibleId = (e: Pick<ListEntry, 'ownerId' | 'assigneeId'>): string =>
  e.assigneeId ?? e.ownerId;
