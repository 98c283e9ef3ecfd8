import { type Browser, browser } from 'wxt/browser';
import { localeFor, translator } from '../i18n';
import { clipTab } from './clip-tab';

const MENU_CLIP_PAGE = 'keepcard-clip-page';

/**
 * The toolbar button and the page context menu both clip the current tab. Both are user gestures,
 * which grant `activeTab` for that tab: no host permission is needed. The side panel is opened first,
 * while the gesture is still fresh (Chrome requires that for sidePanel.open).
 */
export function registerClipTriggers(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_CLIP_PAGE,
      title: translator(localeFor(globalThis.navigator?.language))('menu.clipPage'),
      contexts: ['page', 'link'],
    });
  });

  const clip = (tab: Browser.tabs.Tab | undefined) => {
    if (!tab) return;
    if (tab.id !== undefined) void browser.sidePanel.open({ tabId: tab.id }).catch(() => undefined);
    void clipTab(tab);
  };
  browser.action.onClicked.addListener((tab) => clip(tab));
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_CLIP_PAGE) clip(tab);
  });

  // Exposed for end-to-end tests, which cannot press the toolbar button: they call the same path.
  (globalThis as { keepcardClipTab?: typeof clipTab }).keepcardClipTab = clipTab;
}
