// Every corpus-driven suite must skip, saying why, when the corpora are absent (a fresh clone
// without ../shared/corpora, or CI without them), never fail. Vitest runs a skipped suite's body
// while collecting it, so a suite that reads the corpus there fails; this runs each such suite in
// a child Vitest with KEEPCARD_CORPORA pointing nowhere and checks the outcome.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHARED_SRC = resolve(import.meta.dirname, '..');

/** Test files under shared/src that read the corpora through test-support/corpora. */
function corpusSuites(): string[] {
  return readdirSync(SHARED_SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('corpora-absent.test.ts'))
    .filter((f) => readFileSync(join(SHARED_SRC, f), 'utf8').includes('test-support/corpora'))
    .map((f) => relative(ROOT, join(SHARED_SRC, f)));
}

interface JsonReport {
  numFailedTestSuites: number;
  numFailedTests: number;
  numPassedTests: number;
  testResults: { name: string; status: string; message: string }[];
}

test('every corpus suite skips with its message, and nothing fails, when the corpora are absent', () => {
  const suites = corpusSuites();
  expect(suites.length).toBeGreaterThanOrEqual(6);
  const out = mkdtempSync(join(tmpdir(), 'keepcard-corpora-absent-'));
  const reportFile = join(out, 'report.json');
  const run = spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
      ...suites,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, KEEPCARD_CORPORA: '/nonexistent-keepcard-corpora' },
      timeout: 120_000,
    },
  );
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  rmSync(out, { recursive: true, force: true });
  const failed = report.testResults.filter((r) => r.status === 'failed');
  expect(failed.map((r) => `${relative(ROOT, r.name)}: ${r.message.slice(0, 200)}`)).toEqual([]);
  expect(report.numFailedTestSuites).toBe(0);
  expect(report.numFailedTests).toBe(0);
  expect(report.numPassedTests).toBe(0);
  expect(report.testResults.map((r) => relative(ROOT, r.name)).sort()).toEqual([...suites].sort());
  // Each suite says which corpus it skipped and where it looked.
  const warnings = run.stderr.match(/\[skipped\] corpus \S+ not found at \/nonexistent-keepcard-corpora/g);
  expect(warnings?.length ?? 0).toBeGreaterThanOrEqual(suites.length);
  expect(run.status).toBe(0);
});
