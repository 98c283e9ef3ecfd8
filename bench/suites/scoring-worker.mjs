// Issue 4: score 100,000 customers with 1,000,000 purchases from the local database in headless
// Chromium, in the scoring Web Worker: < 5 s, with the side panel staying responsive (no main-thread
// task over 50 ms). The book is seeded without scores or model (bench/browser/panel-seed.ts), so the
// side panel's own scoring hook asks the worker for a full refit when it opens, as on a first install
// with a large imported book. The refit's figures come from the worker itself (mark
// 'keepcard:scores-refit'); long tasks are observed on the panel page for the whole refit.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EXTENSION_DIR,
  launchWithExtension,
  median,
  panelSeedScript,
  percentile,
  round1,
} from '../support.mjs';

const root = join(import.meta.dirname, '..', '..');
const OPTIONS = {
  contacts: Number(process.env.SCORING_CONTACTS ?? 100_000),
  purchases: Number(process.env.SCORING_PURCHASES ?? 1_000_000),
  notes: 0,
  companies: 2_000,
  scores: false,
};
const RUNS = Number(process.env.SCORING_RUNS ?? 3);

/** Removes the stored model and score pages (plain IndexedDB, in the page), so the next open refits. */
const forgetScores = () =>
  new Promise((resolve, reject) => {
    const req = indexedDB.open('keepcard');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['scorePages', 'meta'], 'readwrite');
      tx.objectStore('scorePages').clear();
      tx.objectStore('meta').delete('scoringModel');
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });

export default async function scoringWorker() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    execSync('pnpm --filter @keepcard/extension build', { cwd: root, stdio: 'inherit' });
  const script = await panelSeedScript();
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-bench-scoring-'));
  const context = await launchWithExtension(dir, { viewport: { width: 400, height: 800 } });
  const loadBefore = loadavg()[0];
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const panelUrl = `chrome-extension://${id}/sidepanel.html`;
    const page = await context.newPage();
    // Seeded from a page that is not the panel, so no scoring hook refits a half-written book.
    await page.goto(`chrome-extension://${id}/webmail-e2e.html`).catch(() => page.goto(panelUrl));
    await page.evaluate(script);
    const seed = await page.evaluate((o) => globalThis.keepcardPanelSeed({ ...o, now: Date.now() }), OPTIONS);
    console.log(`  seeded in ${Math.round(seed.ms / 1000)} s`, seed.counts);

    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto('about:blank');
      await page.goto(`chrome-extension://${id}/webmail-e2e.html`).catch(() => {});
      await page.evaluate(forgetScores);
      await page.goto('about:blank');
      await page.goto(panelUrl);
      await page.evaluate(() => {
        globalThis.__kcLongTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries())
            globalThis.__kcLongTasks.push({ at: e.startTime, ms: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      const refit = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const check = () => {
              const mark = performance.getEntriesByName('keepcard:scores-refit')[0];
              if (mark) resolve({ at: mark.startTime, detail: mark.detail });
              else setTimeout(check, 200);
            };
            check();
          }),
      );
      const longTasks = await page.evaluate(() => globalThis.__kcLongTasks);
      const stored = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const req = indexedDB.open('keepcard');
            req.onsuccess = () => {
              // Contacts with stored scores, over every score page.
              const all = req.result.transaction('scorePages').objectStore('scorePages').getAll();
              all.onsuccess = () => {
                req.result.close();
                resolve(all.result.reduce((n, page) => n + Object.keys(page.scores).length, 0));
              };
            };
          }),
      );
      // The panel loads its list while the worker refits; the ten longest tasks with their start
      // (ms from panel open) tell the two apart. The refit started about `total` before its mark.
      const refitStartedAt = refit.at - refit.detail.ms.total;
      const run = {
        workerMs: refit.detail.ms,
        contacts: refit.detail.contacts,
        written: refit.detail.written,
        pagesWritten: refit.detail.pagesWritten,
        storedScores: stored,
        panelOpenToScoredMs: round1(refit.at),
        refitStartedAtMs: round1(refitStartedAt),
        longestMainThreadTaskMs: longTasks.reduce((m, t) => Math.max(m, t.ms), 0),
        longTasks: longTasks.length,
        longestTasks: [...longTasks]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 10)
          .map((t) => ({ atMs: round1(t.at), ms: round1(t.ms) })),
      };
      console.log('  run', JSON.stringify(run));
      runs.push(run);
    }
    // Incremental: one contact rescored against the stored model, as after a new purchase, complaint
    // or interaction of theirs (read their records through indexes, score, rewrite their score page).
    // Timed by the worker itself and as a round trip from the page, on a worker of the build's own
    // scoring script, after the refits above (the book's model and every score page stored).
    // As a rep adds a purchase: with the panel's list shown and done with the refit's scores.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-results-key'),
      null,
      { timeout: 120_000, polling: 100 },
    );
    await page.waitForTimeout(8000);
    const workerFile = (await readdir(join(EXTENSION_DIR, 'assets'))).find((f) =>
      f.startsWith('scoring.worker'),
    );
    const rescores = await page.evaluate(
      async ({ url, ids, spaced }) => {
        const worker = new Worker(url, { type: 'module' });
        const ask = (message) =>
          new Promise((resolve, reject) => {
            worker.onmessage = (event) =>
              event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.error));
            worker.postMessage(message);
          });
        const rescoreOne = async (i, contactId) => {
          const started = performance.now();
          const result = await ask({ id: i + 1, kind: 'rescore', contactIds: [contactId] });
          return {
            worker: result.ms.total,
            roundTrip: performance.now() - started,
            contacts: result.contacts,
            ms: result.ms,
          };
        };
        const out = { backToBack: [], spaced: [] };
        for (let i = 0; i < ids.length; i++) out.backToBack.push(await rescoreOne(i, ids[i]));
        // As a rep meets it: rescores apart, each after the panel has had time to take in the one
        // before (back to back, a rescore can meet the panel's reaction to the previous one).
        for (let i = 0; i < spaced; i++) {
          await new Promise((resolve) => setTimeout(resolve, 400));
          out.spaced.push(await rescoreOne(ids.length + i, ids[i % ids.length]));
        }
        worker.terminate();
        return out;
      },
      {
        url: `chrome-extension://${id}/assets/${workerFile}`,
        ids: Array.from({ length: 40 }, (_, i) => seed.knownContactIds[i % seed.knownContactIds.length]),
        spaced: 20,
      },
    );
    // The first few warm the worker up (module load, model read); the budget is on the rest.
    const timed = rescores.backToBack.slice(5);
    if ([...timed, ...rescores.spaced].some((r) => r.contacts !== 1))
      throw new Error('a rescore did not score its one contact');
    const spacedMs = rescores.spaced.map((r) => r.worker);
    const rescoreSpacedMs = {
      p50: round1(median(spacedMs)),
      p95: round1(percentile(spacedMs, 95)),
      roundTripP50: round1(median(rescores.spaced.map((r) => r.roundTrip))),
      stepsP50: Object.fromEntries(
        ['read', 'score', 'write'].map((k) => [k, round1(median(rescores.spaced.map((r) => r.ms[k])))]),
      ),
    };
    const rescoreMs = {
      p50: round1(median(timed.map((r) => r.worker))),
      p95: round1(
        percentile(
          timed.map((r) => r.worker),
          95,
        ),
      ),
      roundTripP50: round1(median(timed.map((r) => r.roundTrip))),
      roundTripP95: round1(
        percentile(
          timed.map((r) => r.roundTrip),
          95,
        ),
      ),
      firstMs: rescores.backToBack.slice(0, 5).map((r) => round1(r.worker)),
      // Median of each step: read (stored model, settings, the contact's records), score, write.
      stepsP50: Object.fromEntries(
        ['read', 'score', 'write'].map((k) => [k, round1(median(timed.map((r) => r.ms[k])))]),
      ),
    };
    console.log('  rescore of one contact', JSON.stringify(rescoreMs));
    console.log('  rescore of one contact, 400 ms apart', JSON.stringify(rescoreSpacedMs));
    const totals = runs.map((r) => r.workerMs.total);
    const longest = Math.max(...runs.map((r) => r.longestMainThreadTaskMs));
    const medianOf = (k) => round1(median(runs.map((r) => r.workerMs[k])));
    return {
      description:
        'Full refit in the extension scoring Web Worker (e2e build, headless Chromium) over 100,000 contacts and 1,000,000 purchases read from IndexedDB: read, fit BG/NBD + Gamma-Gamma, score and store every customer; longest main-thread task of the open side panel meanwhile. Then, the list shown and settled, 35 rescores of one contact against the stored model back to back (after 5 to warm the worker), timed in the worker and as a round trip from the page (the budget is on these), and 20 more 400 ms apart, as a rep meets them (rescoreOneContactSpacedMs).',
      parameters: { ...OPTIONS, runs: RUNS },
      seededInS: Math.round(seed.ms / 1000),
      medianMs: {
        total: medianOf('total'),
        read: medianOf('read'),
        fit: medianOf('fit'),
        score: medianOf('score'),
        write: medianOf('write'),
      },
      maxTotalMs: round1(Math.max(...totals)),
      rescoreOneContactMs: rescoreMs,
      rescoreOneContactSpacedMs: rescoreSpacedMs,
      longestMainThreadTaskMs: round1(longest),
      runs,
      budget: { totalMs: 5000, longestMainThreadTaskMs: 50, rescoreOneContactMs: 5 },
      environment: {
        chromium: context.browser()?.version() ?? null,
        loadAverage1mBefore: round1(loadBefore),
        loadAverage1mAfter: round1(loadavg()[0]),
      },
      pass: median(totals) < 5000 && longest <= 50 && rescoreMs.p95 < 5,
    };
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}
