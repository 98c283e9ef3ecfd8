import { useEffect, useState } from 'react';
import { type Browser, browser } from 'wxt/browser';
import { parseExtensionMessage, parseWebmailReport, sendToTab, type WebmailReport } from '../../messages';

export interface OpenMessageState {
  /** `loading` until the first answer; `none` when no webmail tab shows a message. */
  status: 'loading' | 'none' | 'message';
  report: WebmailReport | null;
  /** The tab the report came from. */
  tabId: number | null;
}

/** Tabs asked at most when the panel is shown in a tab of its own (it then has no window of its own to follow). */
const MAX_TABS_ASKED = 20;

/**
 * The message open in the webmail tab the panel is about. In the side panel: the active tab of the
 * panel's window, asked when the panel opens and when the rep switches tabs, then followed as its
 * content script reports changes. Shown in a tab of its own (a pinned tab, the end-to-end tests),
 * the panel follows the webmail tab that reported last, and when it opens asks the most recently
 * used tabs.
 */
export function useOpenMessage(): OpenMessageState {
  const [state, setState] = useState<OpenMessageState>({ status: 'loading', report: null, tabId: null });

  useEffect(() => {
    let disposed = false;
    let selfTabId: number | undefined;
    let windowId: number | undefined;
    let currentTab: number | null = null;
    // A report pushed by a tab is newer than the answers of a question asked before it arrived.
    let pushes = 0;
    const show = (report: WebmailReport | null, tabId: number | null) => {
      if (disposed) return;
      currentTab = tabId;
      setState({ status: report?.message ? 'message' : 'none', report, tabId });
    };

    async function tabsToAsk(): Promise<Browser.tabs.Tab[]> {
      if (selfTabId === undefined) return browser.tabs.query({ active: true, windowId });
      const tabs = await browser.tabs.query({});
      return tabs
        .filter((t) => t.id !== undefined && t.id !== selfTabId)
        .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
        .slice(0, MAX_TABS_ASKED);
    }

    async function ask() {
      const pushesBefore = pushes;
      const tabs = await tabsToAsk();
      const answers = await Promise.all(
        tabs.map(async (t) => ({
          tabId: t.id!,
          report: parseWebmailReport(await sendToTab(t.id!, { type: 'webmail:get' })),
        })),
      );
      const answered = answers.find((a) => a.report?.message) ?? answers.find((a) => a.report);
      if (pushes === pushesBefore) show(answered?.report ?? null, answered?.tabId ?? null);
    }

    const onMessage = (raw: unknown, sender: Browser.runtime.MessageSender) => {
      const message = parseExtensionMessage(raw);
      if (message?.type !== 'webmail:changed' || sender.tab?.id === undefined) return undefined;
      // In the side panel, only the active tab of the panel's window counts.
      if (selfTabId === undefined && (sender.tab.windowId !== windowId || !sender.tab.active))
        return undefined;
      // Shown in a tab, a webmail tab that has just closed its message does not hide another's.
      if (selfTabId !== undefined && !message.report.message && currentTab !== sender.tab.id)
        return undefined;
      pushes++;
      show(message.report, sender.tab.id);
      return undefined;
    };
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (selfTabId === undefined && info.windowId === windowId) void ask();
    };
    const onRemoved = (tabId: number) => {
      if (tabId === currentTab) void ask();
    };
    // The tab left webmail for another site: its content script is gone and will not say so.
    const onUpdated = (tabId: number, change: { status?: string }) => {
      if (tabId === currentTab && change.status === 'complete') void ask();
    };

    browser.runtime.onMessage.addListener(onMessage);
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onRemoved.addListener(onRemoved);
    browser.tabs.onUpdated.addListener(onUpdated);
    void (async () => {
      selfTabId = (await browser.tabs.getCurrent())?.id;
      if (selfTabId === undefined) windowId = (await browser.windows.getCurrent()).id;
      await ask();
    })();
    return () => {
      disposed = true;
      browser.runtime.onMessage.removeListener(onMessage);
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  return state;
}
