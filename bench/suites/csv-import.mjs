// Issue 7: a 10,000-row contacts CSV imported in headless Chromium into the real Dexie database,
// through the Import screen's own code path (extension/src/transfer/file-import.ts). Budget: < 5 s.
import { loadavg } from 'node:os';
import { median, round1, withBenchPage } from '../support.mjs';

export default async function csvImport() {
  const opts = { rows: 10_000, rounds: 5 };
  const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  const { totalMs, writeMs, summary, chromium } = await withBenchPage(async (page, chromiumVersion) => ({
    ...(await page.evaluate((o) => globalThis.keepcardBench.csvImport(o), opts)),
    chromium: chromiumVersion,
  }));
  const loadAfter = loadavg().map((x) => Math.round(x * 100) / 100);
  const budgetMs = 5000;
  return {
    description:
      'Import a generated 10,000-row contacts CSV (UTF-8 with BOM, Chinese headers, local phone numbers) into a fresh Keepcard database in headless Chromium: decode, parse (Papa Parse), guess the column mapping, check every row, then dedupe and write through the repository batch path in one transaction. Each run is the whole import; writeMs is its repository part.',
    environment: { chromium, loadavg1_5_15: { before: loadBefore, after: loadAfter } },
    parameters: opts,
    summary,
    runsMs: { total: totalMs.map(round1), write: writeMs.map(round1) },
    medianMs: { total: round1(median(totalMs)), write: round1(median(writeMs)) },
    budget: { totalMsBelow: budgetMs },
    pass: median(totalMs) < budgetMs,
  };
}
