import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

// Manifest and build settings. Permissions are the least the product needs:
// activeTab + scripting for on-demand clipping (no <all_urls> content script),
// sidePanel for the card, contextMenus for "Clip contacts from this page",
// unlimitedStorage so a large book of customers is not evicted.
//
// KEEPCARD_E2E=1 builds a test variant into .output/e2e/: the same code plus a host permission for
// http://127.0.0.1, because a test cannot press the toolbar button that grants activeTab.
const e2e = process.env.KEEPCARD_E2E === '1';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: e2e ? '.output/e2e' : '.output',
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: {
    name: 'Keepcard',
    description: 'Keep your customers: clip contacts, see the customer card, never miss a follow-up.',
    permissions: ['activeTab', 'scripting', 'sidePanel', 'contextMenus', 'storage', 'unlimitedStorage'],
    action: { default_title: 'Clip contacts from this page' },
    ...(e2e ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
  },
});
