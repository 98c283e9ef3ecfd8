import { draftFromSelection, newId } from '@keepcard/shared';
import { type Browser, browser } from 'wxt/browser';
import { getSettings } from '../db/settings-repo';
import { localeFor, translator } from '../i18n';
import { webmailTranslator } from '../i18n/webmail-text';
import { clipReviewRequest, MAX_SELECTION_CHARS, noteRequest } from './clip-requests';
import { clipTab } from './clip-tab';
import { readSelectionText } from './page-reader';

const MENU_CLIP_PAGE = 'keepcard-clip-page';
const MENU_CLIP_SELECTION = 'keepcard-clip-selection';
const MENU_NOTE_SELECTION = 'keepcard-note-selection';

type Tab = Pick<Browser.tabs.Tab, 'id' | 'url'>;

/**
 * The selected text of the tab, with its line breaks, read in the page (the menu click granted
 * activeTab); the menu's own `selectionText` (one line) when the page cannot be read.
 */
async function selectionOf(tab: Tab, fallback: string | undefined): Promise<string> {
  if (tab.id !== undefined) {
    try {
      const [injection] = await browser.scripting.executeScript({
        target: { tabId: tab.id },
        func: readSelectionText,
        args: [MAX_SELECTION_CHARS],
      });
      const text = injection?.result;
      if (typeof text === 'string' && text.trim()) return text;
    } catch {
      // a page the extension may not script (the browser's own pages): use the menu's copy
    }
  }
  return (fallback ?? '').slice(0, MAX_SELECTION_CHARS);
}

/**
 * "Clip selection as contact": reads the selection as a signature (`parseSignature`) and hands the
 * contact to the side panel's review, where the rep edits it before saving.
 */
export async function clipSelection(tab: Tab, selectionText?: string): Promise<void> {
  const now = Date.now();
  const pageUrl = tab.url ?? '';
  const text = await selectionOf(tab, selectionText);
  const { defaultRegion } = await getSettings();
  const { draft, problem } = draftFromSelection(text, { defaultRegion, now, pageUrl });
  await clipReviewRequest.setValue({
    id: newId(),
    at: now,
    pageUrl,
    origin: 'selection',
    drafts: draft ? [draft] : [],
    problem,
  });
}

/** "Save selection as note to…": hands the selection to the side panel, where the rep picks the customer. */
export async function noteSelection(tab: Tab, selectionText?: string): Promise<void> {
  const text = await selectionOf(tab, selectionText);
  await noteRequest.setValue({ id: newId(), at: Date.now(), pageUrl: tab.url ?? '', text });
}

/**
 * The toolbar button and the page context menu both clip the current tab; two selection menu items
 * clip the selected text as a contact or save it as a note. All are user gestures, which grant
 * `activeTab` for that tab: no host permission is needed. The side panel is opened first, while the
 * gesture is still fresh (Chrome requires that for sidePanel.open).
 */
export function registerClipTriggers(): void {
  browser.runtime.onInstalled.addListener(() => {
    const locale = localeFor(globalThis.navigator?.language);
    const w = webmailTranslator(locale);
    browser.contextMenus.create({
      id: MENU_CLIP_PAGE,
      title: translator(locale)('menu.clipPage'),
      contexts: ['page', 'link'],
    });
    browser.contextMenus.create({
      id: MENU_CLIP_SELECTION,
      title: w('menu.clipSelection'),
      contexts: ['selection'],
    });
    browser.contextMenus.create({
      id: MENU_NOTE_SELECTION,
      title: w('menu.noteSelection'),
      contexts: ['selection'],
    });
  });

  const openPanel = (tab: Browser.tabs.Tab) => {
    if (tab.id !== undefined) void browser.sidePanel.open({ tabId: tab.id }).catch(() => undefined);
  };
  const clip = (tab: Browser.tabs.Tab | undefined) => {
    if (!tab) return;
    openPanel(tab);
    void clipTab(tab);
  };
  browser.action.onClicked.addListener((tab) => clip(tab));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (!tab) return;
    if (info.menuItemId === MENU_CLIP_PAGE) clip(tab);
    else if (info.menuItemId === MENU_CLIP_SELECTION) {
      openPanel(tab);
      void clipSelection(tab, info.selectionText);
    } else if (info.menuItemId === MENU_NOTE_SELECTION) {
      openPanel(tab);
      void noteSelection(tab, info.selectionText);
    }
  });

  // Exposed for end-to-end tests, which cannot press the toolbar button or a menu item: they call
  // the same paths.
  Object.assign(globalThis, {
    keepcardClipTab: clipTab,
    keepcardClipSelection: clipSelection,
    keepcardNoteSelection: noteSelection,
  });
}
