// Runs Keepcard's benchmarks and writes machine-readable results to bench/results/<name>.json.
// Browser benchmarks run in real headless Chromium (Debian's, see scripts/ensure-chromium.mjs)
// against pages built from the product's own modules.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';

const here = import.meta.dirname;
const resultsDir = join(here, 'results');
const only = process.argv.slice(2);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;

async function withBenchPage(fn) {
  const outDir = join(here, '.build');
  await build({ root: join(here, 'browser'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await startStaticServer(outDir);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url('index.html'));
    await page.waitForFunction(() => 'keepcardBench' in globalThis);
    return await fn(page, browser.version());
  } finally {
    await browser.close();
    await server.close();
  }
}

const benchmarks = {
  /** Issue 2: bulk insert of 100,000 contacts through the repository vs a raw IndexedDB put loop. */
  async 'contacts-insert'() {
    const opts = { rows: 100_000, batch: 10_000, rounds: 3 };
    const {
      repository,
      raw,
      chromium: version,
    } = await withBenchPage(async (page, chromiumVersion) => ({
      ...(await page.evaluate((o) => globalThis.keepcardBench.contactsInsert(o), opts)),
      chromium: chromiumVersion,
    }));
    const ratio = median(repository) / median(raw);
    return {
      description:
        'Insert 100,000 generated contacts through the repository layer (build + zod validation + Dexie bulkAdd, one transaction per batch) vs a raw IndexedDB put loop of the same built rows into a store with the same indexes.',
      environment: { chromium: version },
      parameters: opts,
      runsMs: { repository: repository.map(round1), raw: raw.map(round1) },
      medianMs: { repository: round1(median(repository)), raw: round1(median(raw)) },
      ratio: Math.round(ratio * 1000) / 1000,
      budget: { ratioAtMost: 1.3 },
      pass: ratio <= 1.3,
    };
  },
};

await mkdir(resultsDir, { recursive: true });
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
let failed = false;
for (const [name, run] of Object.entries(benchmarks)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`bench ${name}...`);
  const result = { name, ...(await run()) };
  result.environment = { ...environment, ...result.environment };
  await writeFile(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ name, medianMs: result.medianMs, ratio: result.ratio, pass: result.pass }));
  failed ||= result.pass === false;
}
if (failed) {
  console.error('A benchmark is over its budget (see bench/results).');
  process.exitCode = 1;
}
