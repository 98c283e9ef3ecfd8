import type { ContactRow } from '../../db/db';
import { FeedbackSection } from './FeedbackSection';
import { LoyaltySection } from './LoyaltySection';
import { ReferralSection } from './ReferralSection';

/** The card's relationship-upkeep sections: feedback, loyalty points, referrals (one lazy chunk). */
export function UpkeepSections({ contact }: { contact: ContactRow }) {
  return (
    <>
      <FeedbackSection contactId={contact.id} />
      <LoyaltySection contactId={contact.id} />
      <ReferralSection contact={contact} />
    </>
  );
}
