// Issue 5: the side panel with a large book (100,000 contacts, 1,000,000 purchases, 200,000 notes and
// a stored score per contact) in the e2e build of the extension, in headless Chromium:
//  - panel opened → a known contact's card rendered (every section loaded), p95 < 100 ms
//  - a keystroke in search → results rendered, p95 < 50 ms
//  - a filter or sort switch → first screen rendered, p95 < 100 ms
//  - the longest main-thread task while scrolling the list < 50 ms (PerformanceObserver 'longtask')
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, panelSeedScript, percentile, round1 } from '../support.mjs';

const root = join(import.meta.dirname, '..', '..');

const OPTIONS = {
  contacts: Number(process.env.PANEL_CONTACTS ?? 100_000),
  purchases: Number(process.env.PANEL_PURCHASES ?? 1_000_000),
  notes: Number(process.env.PANEL_NOTES ?? 200_000),
  companies: 2_000,
};

/** Waits (inside the page) until `test` holds, then one more frame: the DOM is committed and painted next. */
const settle = (page, fnSource, arg) =>
  page.evaluate(
    ([src, a]) =>
      new Promise((resolve) => {
        // biome-ignore lint/security/noGlobalEval: the benchmark's own predicate, evaluated in its page.
        const test = globalThis.eval(src);
        const check = () => {
          if (test(a)) requestAnimationFrame(() => resolve(performance.now()));
          else setTimeout(check, 1);
        };
        check();
      }),
    [fnSource, arg],
  );

const resultsKey = () =>
  document.querySelector('[data-testid="result-count"]')?.getAttribute('data-results-key') ?? '';

export default async function panelPerf() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json')))
    execSync('pnpm --filter @keepcard/extension build', { cwd: root, stdio: 'inherit' });
  const script = await panelSeedScript();
  // PANEL_PROFILE_DIR keeps the seeded profile between runs (seeding takes minutes): for working on the panel.
  const keep = process.env.PANEL_PROFILE_DIR;
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'keepcard-bench-panel-')));
  const seedFile = keep ? join(keep, 'keepcard-seed.json') : null;
  const launch = () => launchWithExtension(dir, { viewport: { width: 400, height: 800 } });
  let context = await launch();
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const panelUrl = `chrome-extension://${id}/sidepanel.html`;
    let page = await context.newPage();
    await page.goto(panelUrl);

    // Seed (or reuse a kept profile's book).
    let seed;
    if (seedFile && existsSync(seedFile)) seed = JSON.parse(await readFile(seedFile, 'utf8'));
    else {
      await page.getByText('No customers yet').waitFor();
      await page.evaluate(script);
      seed = await page.evaluate((o) => globalThis.keepcardPanelSeed({ ...o, now: Date.now() }), OPTIONS);
      if (seedFile) await writeFile(seedFile, JSON.stringify(seed));
      // The rep's browser holds the book already: start it again, so the opens below are not timed
      // while this browser is still busy with the 1.3 million rows it has just written.
      await context.close();
      context = await launch();
      if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker');
      page = await context.newPage();
    }
    console.log(`  seeded in ${Math.round(seed.ms / 1000)} s`, seed.counts);

    // 1. Panel opened → card rendered: a fresh load of the panel page on a card, every time. The first
    // opens after the extension was installed (or updated) compile its scripts; Chrome keeps their
    // compiled code (V8's code cache) from the second load on, so the rep's every later open runs
    // warm. Those first opens are reported apart (coldOpensMs), the budget is on the opens after.
    const COLD_OPENS = 3;
    const cardMs = [];
    const coldMs = [];
    for (let i = 0; i < (process.env.PANEL_SKIP_CARD ? 0 : 30 + COLD_OPENS); i++) {
      const contactId = seed.knownContactIds[i % seed.knownContactIds.length];
      await page.goto('about:blank');
      await page.goto(`${panelUrl}#/c/${contactId}`);
      const t = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const check = () => {
              const mark = performance.getEntriesByName('keepcard:card-rendered')[0];
              if (mark)
                resolve({
                  total: mark.startTime,
                  marks: Object.fromEntries(
                    performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
                  ),
                  nav: performance.getEntriesByType('navigation')[0]?.toJSON(),
                });
              else setTimeout(check, 5);
            };
            check();
          }),
      );
      (i < COLD_OPENS ? coldMs : cardMs).push(t.total);
      if (i === 10 || process.env.PANEL_DEBUG)
        console.log(
          '  card timing',
          JSON.stringify(t.marks),
          'domInteractive',
          Math.round(t.nav?.domInteractive ?? 0),
          'responseEnd',
          Math.round(t.nav?.responseEnd ?? 0),
        );
    }

    if (process.env.PANEL_ONLY_CARD) return { coldMs, cardMs };
    // 2. List: load, then keystrokes in search.
    await page.goto('about:blank');
    const openedAt = Date.now();
    await page.goto(panelUrl);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="result-count"]')?.getAttribute('data-results-key'),
      null,
      {
        timeout: 120_000,
        polling: 50,
      },
    );
    const listReadyMs = Date.now() - openedAt;
    // Let the background sorts finish (they run in slices after the list is ready).
    await page.waitForTimeout(8000);
    await page.evaluate(() => {
      globalThis.__kcT0 = 0;
      // The first input event of an action starts its clock (reset to 0 before each action).
      for (const type of ['keydown', 'beforeinput', 'input', 'mousedown', 'click', 'change'])
        document.addEventListener(
          type,
          (e) => {
            if (!globalThis.__kcT0) globalThis.__kcT0 = e.timeStamp;
          },
          true,
        );
      globalThis.__kcLongTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          globalThis.__kcLongTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });

    const search = page.getByRole('searchbox');
    const keystrokeMs = [];
    const queries = ['王小', 'anna', '138001', 'customer12', 'vip', '深圳', 'schmidt', '+49 30', 'example5'];
    for (const q of queries) {
      await search.focus();
      for (let i = 0; i < q.length; i++) {
        await page.evaluate(() => {
          globalThis.__kcT0 = 0;
        });
        await page.keyboard.type(q[i]);
        const expected = q.slice(0, i + 1);
        const t1 = await settle(
          page,
          '(e) => document.querySelector(\'[data-testid="result-count"]\')?.getAttribute("data-results-text") === e',
          expected,
        );
        keystrokeMs.push(t1 - (await page.evaluate(() => globalThis.__kcT0)));
      }
      // Clearing is a keystroke too (the widest result).
      await page.keyboard.press('Control+A');
      await page.evaluate(() => {
        globalThis.__kcT0 = 0;
      });
      await page.keyboard.press('Backspace');
      const t1 = await settle(
        page,
        '(e) => document.querySelector(\'[data-testid="result-count"]\')?.getAttribute("data-results-text") === e',
        '',
      );
      keystrokeMs.push(t1 - (await page.evaluate(() => globalThis.__kcT0)));
    }

    // 3. Filter and sort switches → first screen.
    const switchMs = [];
    const switched = async (action) => {
      const before = await page.evaluate(resultsKey);
      await page.evaluate(() => {
        globalThis.__kcT0 = 0;
      });
      await action();
      const t1 = await settle(page, `(b) => (${resultsKey.toString()})() !== b`, before);
      switchMs.push(t1 - (await page.evaluate(() => globalThis.__kcT0)));
    };
    const sortSelect = page.getByLabel('Sort');
    for (let round = 0; round < 2; round++) {
      for (const key of [
        'tier',
        'churnRisk',
        'lifetimeValue',
        'revenue',
        'lastPurchase',
        'nextFollowUp',
        'name',
      ]) {
        await switched(() => sortSelect.selectOption(key));
        await switched(() => page.getByRole('button', { name: /^(Ascending|Descending)/ }).click());
      }
      for (const view of [
        'At risk this week',
        'Follow-ups due',
        'Birthdays this month',
        'Core customers (A)',
        'All',
      ]) {
        await switched(() => page.getByRole('button', { name: view, exact: true }).click());
      }
      await page.getByRole('button', { name: /^Filters/ }).click();
      const panel = page.getByTestId('filter-panel');
      for (const [group, chip] of [
        ['Value tier', 'Tier A'],
        ['Churn risk', 'High'],
        ['Country', 'CN'],
        ['Gender', 'Female'],
        ['Country', 'CN'],
        ['Churn risk', 'High'],
        ['Value tier', 'Tier A'],
        ['Gender', 'Female'],
      ]) {
        await switched(() =>
          panel.getByRole('group', { name: group }).getByText(chip, { exact: true }).click(),
        );
      }
      await page.getByRole('button', { name: /^Filters/ }).click();
    }

    const queryMs = await page.evaluate(() =>
      performance.getEntriesByName('keepcard:list-query').map((m) => Math.round(m.duration)),
    );
    console.log('  list query durations (ms):', queryMs.join(' '));
    // 4. Scrolling: wheel and Page Down through the list, longest task while doing it.
    await sortSelect.selectOption('name');
    await page.waitForTimeout(500);
    const list = page.getByTestId('customer-list');
    const box = await list.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const scrollStart = await page.evaluate(() => performance.now());
    for (let i = 0; i < 150; i++) {
      await page.mouse.wheel(0, i % 10 === 9 ? 20_000 : 900);
      await page.waitForTimeout(16);
    }
    await list.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press(i % 2 ? 'PageDown' : 'End');
    await page.waitForTimeout(300);
    const scrollTasks = await page.evaluate(
      (from) => globalThis.__kcLongTasks.filter((t) => t.start >= from),
      scrollStart,
    );
    const longestScrollTask = scrollTasks.reduce((m, t) => Math.max(m, t.duration), 0);

    const p95 = (xs) => round1(percentile(xs, 95));
    const result = {
      description:
        'Side panel of the e2e extension build in headless Chromium with 100,000 contacts, 1,000,000 purchases, 200,000 notes and stored scores for every contact, the browser started again after seeding: panel opened on a card → every section rendered (30 opens after the first 3 after install, which are reported as coldOpensMs); keystroke → result rendered; filter/sort switch → first screen rendered; longest main-thread task while scrolling.',
      parameters: {
        ...OPTIONS,
        cardRuns: cardMs.length,
        keystrokes: keystrokeMs.length,
        switches: switchMs.length,
      },
      seededInS: Math.round(seed.ms / 1000),
      // The first opens after install, before Chrome cached the compiled scripts (not in the p95).
      coldOpensMs: coldMs.map(round1),
      listReadyMs,
      p95Ms: {
        cardRendered: cardMs.length ? p95(cardMs) : null,
        keystroke: p95(keystrokeMs),
        filterOrSortSwitch: p95(switchMs),
      },
      medianMs: {
        cardRendered: round1(percentile(cardMs, 50)),
        keystroke: round1(percentile(keystrokeMs, 50)),
        filterOrSortSwitch: round1(percentile(switchMs, 50)),
      },
      maxMs: {
        cardRendered: round1(Math.max(...cardMs)),
        keystroke: round1(Math.max(...keystrokeMs)),
        filterOrSortSwitch: round1(Math.max(...switchMs)),
      },
      listQueryMs: { median: round1(percentile(queryMs, 50)), p95: round1(percentile(queryMs, 95)) },
      scrolling: { longestTaskMs: round1(longestScrollTask), longTasks: scrollTasks.length },
      runsMs: {
        cardRendered: cardMs.map(round1),
        keystroke: keystrokeMs.map(round1),
        filterOrSortSwitch: switchMs.map(round1),
      },
      budget: { cardRenderedP95: 100, keystrokeP95: 50, switchP95: 100, longestScrollTask: 50 },
      environment: { chromium: context.browser()?.version() ?? 'unknown' },
    };
    result.pass =
      result.p95Ms.cardRendered < 100 &&
      result.p95Ms.keystroke < 50 &&
      result.p95Ms.filterOrSortSwitch < 100 &&
      result.scrolling.longestTaskMs < 50;
    return result;
  } finally {
    await context.close();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
