import type { SegmentFilter } from '@keepcard/shared';
import { browser } from 'wxt/browser';
import { listLinkHash } from '../list/list-link';

// Where a chart's click goes. The list behind a chart opens as the side panel's page in a new tab
// (sidepanel.html#/list?filter=…), not in the side panel itself: chrome.sidePanel.open() needs the
// window and a user gesture, and the panel opens on its manifest path, so carrying a route there means
// changing the panel's path for every tab (sidePanel.setOptions) or messaging a panel that may or may not
// be open yet. A tab gets the route in its URL, works whether or not a panel is open, leaves the
// dashboard where it was, and can be bookmarked or opened again. tabs.create needs no permission.

/** The side panel page's URL with a hash route (`#/list?…`, `#/c/<id>`, `#/settings`). */
export const panelUrl = (hash: string): string => `${browser.runtime.getURL('/sidepanel.html')}${hash}`;

/** The URL of the list with a filter, captioned with where it came from. */
export const listUrl = (filter: SegmentFilter, label: string): string =>
  panelUrl(listLinkHash(filter, label));

export { openTab } from '../open-tab';
