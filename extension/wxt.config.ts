import tailwindcss from '@tailwindcss/vite';
import type { Plugin } from 'vite';
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

/**
 * Record validation (zod, the shared schemas) and phone parsing (libphonenumber-js metadata) in a
 * chunk of their own. Every shared module is reachable from the side panel through the package's
 * barrel, so without this rule the bundler places them in the panel's first chunk, and every panel
 * opened on a card would evaluate ~220 kB it does not use: only writes, the list's filters, capture
 * and webmail need them, and those load their chunks on demand. Only for ES-module builds (the
 * pages); the background and content scripts are single-file bundles. The dashboard's charts
 * (recharts) must stay out of the side panel's static imports the same way.
 */
const validationChunk: Plugin = {
  name: 'keepcard-validation-chunk',
  outputOptions(options) {
    if (options.format !== 'es') return null;
    return {
      ...options,
      codeSplitting: {
        includeDependenciesRecursively: false,
        groups: [
          // The repository's writer (records-repo) has a chunk of its own too: the dashboard page
          // imports it statically (through scoring), and without this rule the bundler places it in
          // the chunk both pages share, whose import of validation then loads with every card.
          { name: 'writes', test: /[\\/]extension[\\/]src[\\/]db[\\/]records-repo\.ts$/ },
          {
            name: 'validation',
            test: /[\\/]node_modules[\\/](zod|libphonenumber-js)[\\/]|[\\/]shared[\\/]src[\\/](schemas[\\/](?!validation-error\.ts)|phone\.ts|identity[\\/]contact-identity\.ts|scoring[\\/]scoring-settings\.ts)/,
          },
        ],
      },
    };
  },
};
const E2E_ONLY_ENTRYPOINTS = new Set(['webmail-e2e']);

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: e2e ? '.output/e2e' : '.output',
  vite: () => ({
    plugins: [tailwindcss(), validationChunk],
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
