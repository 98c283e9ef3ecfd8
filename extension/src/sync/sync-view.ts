import type { KeepcardDB } from '../db/db';
import { pendingCount } from '../db/sync-repo';
import { readSession, readStatus } from '../db/sync-settings-repo';
import type { SyncView } from './sync-messages';

/** What the settings page shows, from what the engine stored. */
export async function readSyncView(db: KeepcardDB, live = false): Promise<SyncView> {
  const [session, status, pending] = await Promise.all([readSession(db), readStatus(db), pendingCount(db)]);
  const signedIn = session.token !== null && session.serverUrl !== null;
  return {
    serverUrl: session.serverUrl,
    signedIn,
    email: session.user?.email ?? session.lastEmail,
    teams: session.user?.teams ?? [],
    deviceName: session.deviceName,
    state: signedIn ? status.state : 'signed-out',
    lastSyncAt: status.lastSyncAt,
    pending,
    error: status.error,
    nextRetryAt: status.nextRetryAt,
    rejected: status.rejected,
    live: signedIn && live,
  };
}
