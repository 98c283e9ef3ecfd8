import type { WriteContext } from '../../db/records-repo';
import { getLocalActor } from '../../db/settings-repo';

/** The author and time of a write the rep makes now. */
export async function writeContext(): Promise<WriteContext> {
  return { actor: await getLocalActor(), now: Date.now() };
}
