import { browser } from 'wxt/browser';

// The side panel's "Dashboard" entry, apart from the chart links (open-pages.ts), which need the
// list's filter schema: the panel's first load takes only this.

/** Opens a URL of the extension in a new tab next to this one. */
export function openTab(url: string): void {
  browser.tabs.create({ url }).catch(() => window.open(url, '_blank', 'noopener'));
}

/** Opens the dashboard page in a new tab (the side panel's "Dashboard" entry). */
export function openDashboard(): void {
  openTab(browser.runtime.getURL('/dashboard.html'));
}
