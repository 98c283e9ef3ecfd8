import type { Actor } from '@keepcard/shared';
import { newId } from '@keepcard/shared';
import { getDb, type KeepcardDB } from './db';

export interface Settings {
  /** Region for phone numbers written without a country code (ISO 3166-1 alpha-2). */
  defaultRegion: string;
}

/** The region of the browser's language (zh-CN → CN), or US when the language names none. */
export function regionFromLanguage(language: string | undefined): string {
  const region = language?.split(/[-_]/)[1];
  return region && /^[A-Za-z]{2}$/.test(region) ? region.toUpperCase() : 'US';
}

export async function getSettings(db: KeepcardDB = getDb()): Promise<Settings> {
  const row = await db.meta.get('settings');
  const stored = (row?.value ?? {}) as Partial<Settings>;
  return { defaultRegion: stored.defaultRegion ?? regionFromLanguage(globalThis.navigator?.language) };
}

export async function saveSettings(patch: Partial<Settings>, db: KeepcardDB = getDb()): Promise<Settings> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await getSettings(db)), ...patch };
    if (!/^[A-Z]{2}$/.test(next.defaultRegion)) {
      throw new Error('Default region must be a two-letter country code such as CN or US');
    }
    await db.meta.put({ key: 'settings', value: next });
    return next;
  });
}

/**
 * The author of local writes. Before the rep signs in to a server (a later issue), this is a
 * profile id created once and kept, so records made offline have a stable owner.
 */
export async function getLocalActor(db: KeepcardDB = getDb()): Promise<Actor> {
  return db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get('actor');
    if (row) return row.value as Actor;
    const actor: Actor = { userId: `local:${newId()}`, teamId: null };
    await db.meta.put({ key: 'actor', value: actor });
    return actor;
  });
}
