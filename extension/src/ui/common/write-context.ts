import type { WriteContext } from '../../db/records-repo';

/**
 * The author and time of a write the rep makes now. The settings module (and the schemas it loads)
 * is imported on the first write, not with the card that offers it.
 */
export async function writeContext(): Promise<WriteContext> {
  const { getLocalActor } = await import('../../db/settings-repo');
  return { actor: await getLocalActor(), now: Date.now() };
}
