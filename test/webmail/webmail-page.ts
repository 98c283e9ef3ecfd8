// Page objects and helpers for the webmail end-to-end specs: the fixture pages served under the
// real webmail hosts (so the declared content scripts run, offline), the test page that mounts the
// webmail card, and a look into the extension's database.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'webmail');

export const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbxLmNqRsTuVwXy';
export const OUTLOOK_URL = 'https://outlook.office.com/mail/inbox/id/AAQkADkeepcard%2Bdemo%3D';
/** An ordinary page for the selection menu items (the e2e build may script http://127.0.0.1). */
export const SELECTION_URL = 'http://127.0.0.1:8123/kontakt.html';

async function serve(context: BrowserContext, pattern: string, file: string) {
  const body = await readFile(join(FIXTURES, file), 'utf8');
  await context.route(pattern, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
      : route.fulfill({ status: 204, body: '' }),
  );
}

/** Serves the fixture pages at Gmail's, Outlook's and a company's address. */
export async function serveWebmailFixtures(context: BrowserContext) {
  await serve(context, 'https://mail.google.com/**', 'gmail-message.html');
  await serve(context, 'https://outlook.office.com/**', 'outlook-message.html');
  await serve(context, 'http://127.0.0.1:8123/**', 'selection-page.html');
}

/** The e2e-only page that mounts OpenMessageCard, ClipReview and SelectionNoteForm. */
export async function openWebmailPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 400, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/webmail-e2e.html`);
  return page;
}

/** Rows of the extension's database (read in an extension page, where the database lives). */
export async function dbRows(page: Page, store: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('keepcard');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      return await new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, store);
}

/** Selects the text of the element matching `selector` in the page, as a rep would with the mouse. */
export async function selectText(page: Page, selector: string) {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, selector);
}

/** Calls a menu item's handler in the background, as the click would (tests cannot click menus). */
export async function runMenu(
  worker: Worker,
  fn: 'keepcardClipSelection' | 'keepcardNoteSelection',
  url: string,
) {
  await worker.evaluate(
    async ({ fn, url }) => {
      const [tab] = await chrome.tabs.query({ url });
      const run = (globalThis as unknown as Record<string, (tab: unknown) => Promise<void>>)[fn]!;
      await run(tab);
    },
    { fn, url },
  );
}
