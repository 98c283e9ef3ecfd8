// `pnpm bench [name...]`: runs every suite in bench/suites (or the named ones) and writes each
// result to bench/results/<name>.json. A suite's default export returns its figures, with `pass`
// false when a budget is missed.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';

const here = import.meta.dirname;
const resultsDir = join(here, 'results');
const only = process.argv.slice(2);
const suites = (await readdir(join(here, 'suites'))).filter((f) => f.endsWith('.mjs')).sort();

await mkdir(resultsDir, { recursive: true });
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
const failed = [];
for (const file of suites) {
  const name = basename(file, '.mjs');
  if (only.length && !only.includes(name)) continue;
  console.log(`bench ${name}...`);
  const { default: run } = await import(join(here, 'suites', file));
  const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
  const loadavgBefore = load();
  const result = { name, ...(await run()) };
  // Other work on the machine skews timings: the 1, 5 and 15 minute load averages before and after.
  const loadavgs = { loadavgBefore, loadavgAfter: load() };
  result.environment = { ...environment, ...loadavgs, ...result.environment };
  await writeFile(join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const { description: _d, runsMs: _r, environment: _e, ...summary } = result;
  console.log(JSON.stringify(summary));
  if (result.pass === false) failed.push(name);
}
if (failed.length) {
  console.error(`Over budget: ${failed.join(', ')} (see bench/results).`);
  process.exitCode = 1;
}
