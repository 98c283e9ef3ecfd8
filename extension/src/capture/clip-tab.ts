import { contactsFromLinkCandidates, type LinkCandidate } from '@keepcard/shared';
import { browser } from 'wxt/browser';
import { saveCapturedContact } from '../db/contacts-repo';
import { getDb } from '../db/db';
import { getLocalActor, getSettings } from '../db/settings-repo';
import { collectLinkCandidates } from './page-clipper';

/** The outcome of the last clip, kept in the meta table so the side panel can show it live. */
export interface ClipResult {
  at: number;
  pageUrl: string;
  created: number;
  updated: number;
  contactIds: string[];
  error?: string;
}

export const LAST_CLIP_KEY = 'lastClip';

/** Reads the page's mailto:/tel: links (needs activeTab or a host permission for the tab). */
async function readCandidates(tabId: number): Promise<LinkCandidate[]> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: collectLinkCandidates,
  });
  return (injection?.result as LinkCandidate[] | undefined) ?? [];
}

/**
 * Clips the contacts of a tab into the local database, without duplicates, and records the
 * outcome for the side panel. Never throws: a failure is part of the recorded result.
 */
export async function clipTab(tab: { id?: number; url?: string }): Promise<ClipResult> {
  const db = getDb();
  const now = Date.now();
  const pageUrl = tab.url ?? '';
  let result: ClipResult;
  try {
    if (tab.id === undefined) throw new Error('This tab cannot be clipped.');
    const [candidates, settings, actor] = await Promise.all([
      readCandidates(tab.id),
      getSettings(),
      getLocalActor(),
    ]);
    const contacts = contactsFromLinkCandidates(candidates, {
      pageUrl,
      defaultRegion: settings.defaultRegion,
      now,
    });
    result = { at: now, pageUrl, created: 0, updated: 0, contactIds: [] };
    for (const contact of contacts) {
      const saved = await saveCapturedContact(contact, { actor, now });
      result.contactIds.push(saved.contact.id);
      if (saved.created) result.created++;
      else result.updated++;
    }
  } catch (error) {
    result = { at: now, pageUrl, created: 0, updated: 0, contactIds: [], error: (error as Error).message };
  }
  await db.meta.put({ key: LAST_CLIP_KEY, value: result });
  return result;
}
