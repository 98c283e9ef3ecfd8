// Test-only: where the external corpora live (../shared/corpora beside the project root) and a
// way for corpus-driven suites to say plainly that they skipped when the corpora are absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPORA_DIR =
  process.env.KEEPCARD_CORPORA ?? resolve(import.meta.dirname, '../../../../shared/corpora');

/** The absolute path of a corpus file or folder. */
export const corpusPath = (...parts: string[]): string => join(CORPORA_DIR, ...parts);

/**
 * True when the corpus folder exists; otherwise prints why the suite is skipped.
 * Use as `describe.skipIf(!hasCorpus('cdnow'))(...)`.
 */
export function hasCorpus(sub: string): boolean {
  const ok = existsSync(corpusPath(sub));
  if (!ok) console.warn(`[skipped] corpus ${sub} not found at ${corpusPath(sub)} (set KEEPCARD_CORPORA)`);
  return ok;
}
