// 定期回访: when a customer's next follow-up is due, from their last touch and their tier's cadence.
import type { TierName } from '../segments/list-entry';
import type { ReminderSettings } from './reminder-settings';

const DAY_MS = 86_400_000;

/** The title of follow-ups Keepcard schedules itself; the UI shows it in the rep's language. */
export const AUTO_FOLLOW_UP_TITLE = 'Follow up';

/**
 * The next follow-up after a touch (a purchase, an interaction, a completed follow-up): the touch plus
 * the cadence of the customer's current tier.
 * @example nextFollowUpAt(Date.UTC(2026, 0, 1), 'A', DEFAULT_REMINDER_SETTINGS) // 2026-01-15
 */
export function nextFollowUpAt(
  touchedAt: number,
  tier: TierName,
  settings: Pick<ReminderSettings, 'cadenceDays'>,
): number {
  return touchedAt + settings.cadenceDays[tier] * DAY_MS;
}
