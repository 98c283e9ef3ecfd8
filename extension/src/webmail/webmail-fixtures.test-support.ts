// Test-only: the webmail fixture pages (test/fixtures/webmail) and the saved real Gmail page of the
// corpora, parsed into documents the adapters read.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../test/fixtures/webmail');
export const CORPORA_DIR =
  process.env.KEEPCARD_CORPORA ?? resolve(import.meta.dirname, '../../../../shared/corpora');
export const SAVED_GMAIL_PAGE = join(
  CORPORA_DIR,
  'gmail',
  'inboxsdk-gmail-fixtures',
  '__tests__',
  'injected-thread-identifier.html',
);

export function parsePage(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function fixture(name: string): Document {
  return parsePage(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
}

export const hasSavedGmailPage = (): boolean => {
  const ok = existsSync(SAVED_GMAIL_PAGE);
  if (!ok) console.warn(`[skipped] saved Gmail page not found at ${SAVED_GMAIL_PAGE} (set KEEPCARD_CORPORA)`);
  return ok;
};
