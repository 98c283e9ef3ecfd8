import {
  contactsFromLinkCandidates,
  draftFromCapturedContact,
  extractPageContacts,
  type LinkCandidate,
  mergeDraftLists,
  newId,
  type SourcedDraft,
} from '@keepcard/shared';
import { browser } from 'wxt/browser';
import { saveCapturedContact } from '../db/contacts-repo';
import { getDb } from '../db/db';
import { getLocalActor, getSettings } from '../db/settings-repo';
import { clipReviewRequest } from './clip-requests';
import { type ClipResult, LAST_CLIP_KEY } from './clip-result';
import { collectLinkCandidates } from './page-clipper';
import { readPageHtml } from './page-reader';

export { type ClipResult, LAST_CLIP_KEY } from './clip-result';

/** Characters of a page's markup read for the extractor: pages worth clipping fit well inside. */
export const MAX_PAGE_HTML_CHARS = 3_000_000;

/** Reads the page's mailto:/tel: links (needs activeTab or a host permission for the tab). */
async function readCandidates(tabId: number): Promise<LinkCandidate[]> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: collectLinkCandidates,
  });
  return (injection?.result as LinkCandidate[] | undefined) ?? [];
}

/** Reads the page's markup, cut at MAX_PAGE_HTML_CHARS. */
async function readHtml(tabId: number): Promise<string> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: readPageHtml,
    args: [MAX_PAGE_HTML_CHARS],
  });
  return typeof injection?.result === 'string' ? injection.result : '';
}

/**
 * The contacts of a page: the in-page link reader's (which groups each mailto:/tel: link with the
 * name of its card on the rendered page) joined with the pure extractor's (microformats,
 * schema.org, vCard links, page metadata, addresses in text). Where both find a person, the link
 * reader's values stay and the extractor only adds what they lack.
 */
export async function readPageDrafts(
  tabId: number,
  pageUrl: string,
  defaultRegion: string,
  now: number,
): Promise<SourcedDraft[]> {
  const [candidates, html] = await Promise.all([readCandidates(tabId), readHtml(tabId).catch(() => '')]);
  const fromLinks = contactsFromLinkCandidates(candidates, { pageUrl, defaultRegion, now });
  if (!html || !/^https?:/i.test(pageUrl)) return fromLinks;
  const extracted = extractPageContacts(html, pageUrl, { defaultRegion })
    .contacts.map((c) => draftFromCapturedContact(c, { now, pageUrl }))
    .filter((d): d is SourcedDraft => d !== null);
  return mergeDraftLists(fromLinks, extracted);
}

/**
 * Clips the contacts of a tab into the local database, without duplicates, and records the
 * outcome for the side panel. Never throws: a failure is part of the recorded result.
 * With `review`, nothing is saved: the contacts found go to the side panel's `ClipReview` for the
 * rep to pick and edit first.
 */
export async function clipTab(
  tab: { id?: number; url?: string },
  opts: { review?: boolean } = {},
): Promise<ClipResult> {
  const db = getDb();
  const now = Date.now();
  const pageUrl = tab.url ?? '';
  let result: ClipResult;
  try {
    if (tab.id === undefined) throw new Error('This tab cannot be clipped.');
    const [settings, actor] = await Promise.all([getSettings(), getLocalActor()]);
    const contacts = await readPageDrafts(tab.id, pageUrl, settings.defaultRegion, now);
    result = { at: now, pageUrl, created: 0, updated: 0, contactIds: [] };
    if (opts.review) {
      await clipReviewRequest.setValue({
        id: newId(),
        at: now,
        pageUrl,
        origin: 'page',
        drafts: contacts,
        problem: null,
      });
      return result;
    }
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
