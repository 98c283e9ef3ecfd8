import { mutedClass } from '../common/ui-kit';
import { MessageCard } from './MessageCard';
import { useOpenMessage } from './use-open-message';
import { useWebmailText } from './webmail-text-context';

/**
 * The card that follows the open webmail message, ready to mount in the side panel: nothing while
 * it looks, a one-line hint when no message is open (or nothing at all with `hint={false}`), else
 * the `MessageCard`. `onOpenContact` lets the panel open the full customer card.
 */
export function OpenMessageCard({
  onOpenContact,
  hint = true,
}: {
  onOpenContact?: (contactId: string) => void;
  hint?: boolean;
}) {
  const { w } = useWebmailText();
  const { status, report } = useOpenMessage();
  if (status === 'loading') return null;
  if (status === 'none' || !report) {
    return hint ? (
      <p data-testid="open-message-none" className={`text-sm ${mutedClass}`}>
        {w('webmail.none')}
      </p>
    ) : null;
  }
  return <MessageCard report={report} onOpenContact={onOpenContact} />;
}
