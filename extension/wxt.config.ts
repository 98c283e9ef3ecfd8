import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'wxt';

// Manifest and build settings. Permissions are the least the product needs:
// activeTab + scripting for on-demand clipping (no <all_urls> content script),
// sidePanel for the card, contextMenus for "Clip contacts from this page" and the selection items,
// unlimitedStorage so a large book of customers is not evicted, alarms so sync wakes the service
// worker to catch up (sync, and the reminder checks), notifications so follow-up, birthday and
// holiday reminders reach the rep when the side panel is closed (src/reminders/reminder-delivery.ts).
// The sync server's origin is an optional host permission, requested when the rep saves its URL (never a permanent <all_urls>); http only for this computer (src/sync/server-url.ts).
// The only content scripts are the webmail ones (entrypoints/gmail.content.ts, outlook.content.ts),
// declared for their hosts alone: Gmail and Outlook on the web, so the card can follow the open message.
//
// KEEPCARD_E2E=1 builds a test variant into .output/e2e/: the same code plus a host permission for
// http://127.0.0.1, because a test cannot press the toolbar button that grants activeTab, and a test
// page mounting the webmail card (entrypoints/webmail-e2e), which the product does not ship.
const e2e = process.env.KEEPCARD_E2E === '1';
const E2E_ONLY_ENTRYPOINTS = new Set(['webmail-e2e']);

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: e2e ? '.output/e2e' : '.output',
  vite: () => ({
    plugins: [tailwindcss()],
    // Read as `import.meta.env.KEEPCARD_E2E`: hooks only the end-to-end build exposes (reminder-delivery.ts).
    define: { 'import.meta.env.KEEPCARD_E2E': JSON.stringify(e2e) },
    // shared/ is pure by rule (no DOM, no I/O, no module-level effects): its modules may be dropped
    // when unused. Without this, importing one function through the package's barrel pulls every
    // parser (ical.js, microformats…) into each bundle; the webmail content scripts, which run in
    // every Gmail and Outlook tab, went from ~240 kB to what they use.
    build: {
      rolldownOptions: {
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
      },
    },
  }),
  hooks: {
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (e2e) return;
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        if (E2E_ONLY_ENTRYPOINTS.has(entrypoints[i]!.name)) entrypoints.splice(i, 1);
      }
    },
  },
  manifest: {
    name: 'Keepcard',
    description: 'Keep your customers: clip contacts, see the customer card, never miss a follow-up.',
    permissions: [
      'activeTab',
      'scripting',
      'sidePanel',
      'contextMenus',
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
    ],
    optional_host_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    action: { default_title: 'Clip contacts from this page' },
    ...(e2e ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
  },
});
