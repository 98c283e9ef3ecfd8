import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { type StaticServer, startStaticServer } from '../../scripts/static-server.mjs';

/** The end-to-end build: the product plus a host permission for 127.0.0.1 (see wxt.config.ts). */
export const EXTENSION_DIR = join(
  import.meta.dirname,
  '..',
  '..',
  'extension',
  '.output',
  'e2e',
  'chrome-mv3',
);

/** Launches system Chromium with the built extension in a fresh profile. */
export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('No Chromium found: run `node scripts/ensure-chromium.mjs` or set CHROMIUM_PATH.');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

interface Fixtures {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  pages: StaticServer;
  openSidePanel: () => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies destructured.
  context: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'keepcard-e2e-'));
    const context = await launchWithExtension(dir);
    await use(context);
    await context.close();
    await rm(dir, { recursive: true, force: true });
  },
  worker: async ({ context }, use) => use(await extensionWorker(context)),
  extensionId: async ({ worker }, use) => use(new URL(worker.url()).host),
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  pages: async ({}, use) => {
    const server = await startStaticServer(join(import.meta.dirname, '..', 'fixtures', 'pages'));
    await use(server);
    await server.close();
  },
  // The side panel's page, opened in a tab: Playwright cannot reach the real side panel surface.
  openSidePanel: async ({ context, extensionId }, use) =>
    use(async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 400, height: 720 }); // about a side panel's size
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      return page;
    }),
});

/**
 * Clips the tab showing `url` through the same function the toolbar button calls
 * (tests cannot press the toolbar button itself).
 */
export async function clipPage(worker: Worker, url: string) {
  return worker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    const clip = (globalThis as unknown as { keepcardClipTab: (tab: unknown) => Promise<unknown> })
      .keepcardClipTab;
    return clip(tab) as Promise<{ created: number; updated: number; contactIds: string[]; error?: string }>;
  }, url);
}

export { expect } from '@playwright/test';
