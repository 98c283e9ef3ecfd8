import { liveQuery } from 'dexie';
import type { KeepcardDB } from '../db/db';
import { sendToExtension } from '../messages';

/**
 * For extension pages (the side panel): after a local write reaches the outbox, tells the background
 * to sync, which wakes its service worker if the browser stopped it. Returns the function that stops.
 * @example useEffect(() => startSyncNudges(getDb()), [])
 */
export function startSyncNudges(db: KeepcardDB): () => void {
  let last: unknown;
  let first = true;
  const subscription = liveQuery(() => db.outbox.orderBy('seq').lastKey()).subscribe({
    next: (key) => {
      if (!first && key !== undefined && key !== last) void sendToExtension({ type: 'sync:nudge' });
      first = false;
      last = key;
    },
    error: () => {},
  });
  return () => subscription.unsubscribe();
}
