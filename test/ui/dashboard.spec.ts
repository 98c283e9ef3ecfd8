import type { BrowserContext, Page } from '@playwright/test';
import { Feedback, type FeedbackInput, newId, SCHEMA_VERSION } from '../../shared/src/index';
import { expect, test } from '../support/extension';
import { goTo, loadDemo, readStores, storedListScores } from './support/panel';

// The dashboard page with the built extension: the demo book scored by the real scoring worker, plus
// feedback of this test's own (the demo's feedback may change), then the charts' numbers compared with
// the stored data, and the links from a chart to the customer list checked end to end.

type Tier = 'A' | 'B' | 'C' | 'prospect';
/** A feedback row's own fields; replaceFeedback adds the record fields. */
type OwnFeedback = Pick<FeedbackInput, 'contactId' | 'kind' | 'occurredAt' | 'scale' | 'score' | 'category'>;

/**
 * Waits until the panel's scoring worker has scored every live contact; with `refit`, until the refit
 * the panel started on opening has finished too (its mark; a refit leaves unchanged rows as they were).
 */
async function waitForScores(panel: Page, refit = false) {
  if (refit)
    await expect
      .poll(() => panel.evaluate(() => performance.getEntriesByName('keepcard:scores-refit').length), {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
  await expect
    .poll(
      async () => {
        const t = await readStores(panel, ['contacts']);
        const live = new Set(t.contacts!.filter((c) => c.deletedAt === null).map((c) => c.id));
        const stored = await storedListScores(panel);
        const scored = [...live].filter((id) => stored.has(id));
        return live.size > 0 && scored.length === live.size;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Name and list scores of every live contact, as stored (unscored → prospect, as the list counts them). */
async function storedScores(page: Page) {
  const t = await readStores(page, ['contacts']);
  const listOf = await storedListScores(page);
  return t
    .contacts!.filter((c) => c.deletedAt === null)
    .map((c) => {
      const list = listOf.get(c.id);
      return {
        id: c.id,
        name: c.displayName as string,
        tier: (list?.tier ?? 'prospect') as Tier,
        lifecycle: list?.lifecycle ?? 'prospect',
        churnLevel: list?.churnLevel,
        churnRisk: list?.churnRisk ?? 0,
        revenueInWindowMinor: list?.revenueInWindowMinor ?? 0,
      };
    });
}

/** Removes the stored scoring model, so the panel refits everyone when it next opens. */
async function dropScoringModel(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').delete('scoringModel');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/**
 * Replaces the feedback store's rows with this test's own, validated with the shared schema. Written
 * with plain IndexedDB, before the dashboard reads them (no repository is reachable from a test; the
 * rows are the same shape the repository stores).
 */
async function replaceFeedback(page: Page, rows: OwnFeedback[]) {
  const now = Date.now();
  const records = rows.map((r) =>
    Feedback.parse({
      id: newId(),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      ownerId: 'local:e2e',
      teamId: null,
      visibility: 'private',
      schemaVersion: SCHEMA_VERSION,
      ...r,
    }),
  );
  await page.evaluate(
    (values) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onsuccess = () => {
          const tx = open.result.transaction('feedback', 'readwrite');
          const store = tx.objectStore('feedback');
          store.clear();
          for (const v of values) store.put(v);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    JSON.parse(JSON.stringify(records)),
  );
}

/** The names the list shows, once its count reads `count`. */
async function listedNames(list: Page, count: number) {
  await expect(list.getByTestId('result-count')).toHaveText(
    count === 1 ? '1 customer' : `${count} customers`,
    { timeout: 15_000 },
  );
  const rows = list.getByTestId('customer-row');
  // The list is virtualised: a long one renders only the rows in view.
  if (count > 10) return [];
  await expect(rows).toHaveCount(count);
  return (await rows.allTextContents()).map((t) => t.trim());
}

async function nextTab(context: BrowserContext, click: () => Promise<void>) {
  const [tab] = await Promise.all([context.waitForEvent('page'), click()]);
  await tab.setViewportSize({ width: 400, height: 900 });
  await tab.waitForLoadState();
  return tab;
}

const monthStart = (now: number, back: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 15, 12);
};
const monthLabel = (ms: number) =>
  new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(ms);

test('the dashboard shows the stored numbers, and a chart opens the list behind it', async ({
  context,
  extensionId,
  openSidePanel,
}) => {
  test.setTimeout(180_000);
  const panel = await openSidePanel();
  await loadDemo(panel);
  await waitForScores(panel);
  const customers = [...(await storedScores(panel))].sort((a, b) => a.name.localeCompare(b.name));

  // Feedback of our own: NPS two months ago (10, 9, 8, 3, 0 → 0), none last month (a gap), this month
  // (10, 9, 6 → 33); complaints: two "Delivery" two months ago, one "Quality" this month, and three
  // open "Service" complaints and a CSAT of 1 each for the two buyers of highest churn risk (churn
  // warnings the scoring adds: with the demo's medium risks, that makes them high, so at risk).
  const now = Date.now();
  const [old, thisMonth] = [monthStart(now, 2), now - 60_000];
  const c = customers.map((x) => x.id);
  const nps = (i: number, score: number, at: number): OwnFeedback => ({
    contactId: c[i]!,
    kind: 'survey',
    scale: 'nps',
    score,
    occurredAt: at,
  });
  const risky = customers
    .filter((x) => x.tier !== 'prospect' && x.lifecycle !== 'churned' && x.lifecycle !== 'lost')
    .sort((a, b) => b.churnRisk - a.churnRisk)
    .slice(0, 2);
  const service = (contactId: string, k: number): OwnFeedback => ({
    contactId,
    kind: 'complaint',
    category: 'Service',
    occurredAt: thisMonth - k * 60_000,
  });
  await replaceFeedback(panel, [
    nps(0, 10, old),
    nps(1, 9, old),
    nps(2, 8, old),
    nps(3, 3, old),
    nps(4, 0, old),
    nps(0, 10, thisMonth),
    nps(1, 9, thisMonth),
    nps(5, 6, thisMonth),
    { contactId: c[6]!, kind: 'complaint', category: 'Delivery', occurredAt: old },
    { contactId: c[7]!, kind: 'complaint', category: 'Delivery', occurredAt: old + 3_600_000 },
    { contactId: c[8]!, kind: 'complaint', category: 'Quality', occurredAt: thisMonth },
    ...risky.flatMap((x): OwnFeedback[] => [
      service(x.id, 1),
      service(x.id, 2),
      service(x.id, 3),
      // A low CSAT answer (not NPS: the NPS chart does not count it), a second churn warning.
      { contactId: x.id, kind: 'survey', scale: 'csat', score: 1, occurredAt: thisMonth + 30_000 },
    ]),
  ]);
  // The scoring worker refits on the next open when there is no model: everyone is rescored with
  // this feedback.
  await dropScoringModel(panel);
  await panel.reload();
  await waitForScores(panel, true);
  const scored = await storedScores(panel);
  await panel.close(); // nothing rescores while the dashboard is read

  const dash = await context.newPage();
  await dash.setViewportSize({ width: 1280, height: 1000 });
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dash.getByRole('heading', { name: 'Keepcard dashboard', level: 1 })).toBeVisible();
  await expect(dash.getByTestId('dashboard-subtitle')).toContainText(`${customers.length} customers`);

  // Tier distribution: each row and bar label equals the stored tiers.
  const tiers = scored;
  const count = (tier: Tier) => tiers.filter((x) => x.tier === tier).length;
  const tierCard = dash.getByTestId('chart-tiers');
  await tierCard.getByText('Show the data as a table').click();
  for (const tier of ['A', 'B', 'C', 'prospect'] as const)
    await expect(tierCard.getByTestId(`tier-row-${tier}`).locator('td').nth(1)).toHaveText(
      String(count(tier)),
    );
  await expect(tierCard.locator('.recharts-bar-rectangle')).toHaveCount(
    (['A', 'B', 'C', 'prospect'] as const).filter((t) => count(t) > 0).length,
  );
  await expect(tierCard.locator('.recharts-label-list')).toContainText(String(count('A')));

  // Pareto: the core line is tier A.
  const buyers = tiers.filter((x) => x.tier !== 'prospect').length;
  expect(count('A')).toBeGreaterThan(0);
  await expect(dash.getByTestId('chart-pareto').getByTestId('chart-summary')).toContainText(
    `(${count('A')} customer${count('A') === 1 ? '' : 's'}, tier A)`,
  );
  expect(buyers).toBeGreaterThan(count('A'));

  // NPS: 0 two months ago, a gap last month, 33 now.
  const npsCard = dash.getByTestId('chart-nps');
  await npsCard.getByText('Show the data as a table').click();
  const key = (ms: number) => new Date(ms).toISOString().slice(0, 7);
  const gap = monthStart(now, 1);
  await expect(npsCard.getByTestId(`nps-row-${key(old)}`)).toContainText(`${monthLabel(old)}05`);
  await expect(
    npsCard
      .getByTestId(`nps-row-${key(old)}`)
      .locator('td')
      .first(),
  ).toHaveText('0');
  await expect(
    npsCard
      .getByTestId(`nps-row-${key(gap)}`)
      .locator('td')
      .first(),
  ).toHaveText('no answers');
  await expect(
    npsCard
      .getByTestId(`nps-row-${key(thisMonth)}`)
      .locator('td')
      .first(),
  ).toHaveText('+33');
  await expect(npsCard.getByTestId('chart-summary')).toContainText('Latest NPS +33');
  // The line has a gap: two separate points are drawn, the missing month has none.
  await expect(npsCard.locator('.recharts-line-dot')).toHaveCount(2);

  // Complaints: 2 Delivery two months ago, 1 Quality now.
  const complaints = dash.getByTestId('chart-complaints');
  await expect(complaints.getByTestId('chart-summary')).toContainText('9 complaints');
  await expect(complaints.getByTestId('chart-summary')).toContainText('most in Service (6)');

  // Churn risk: the at-risk customers of the stored scores, revenue at risk = risk × window revenue.
  const atRisk = scored
    .filter(
      (x) =>
        x.lifecycle !== 'lost' &&
        x.lifecycle !== 'churned' &&
        (x.churnLevel === 'high' || x.lifecycle === 'at-risk'),
    )
    .map((x) => ({ ...x, atRisk: Math.round(x.churnRisk * Math.max(0, x.revenueInWindowMinor)) }))
    .sort((a, b) => b.atRisk - a.atRisk || b.churnRisk - a.churnRisk);
  expect(atRisk.length).toBeGreaterThan(0);
  const money = (minor: number) =>
    new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(minor / 100);
  const churn = dash.getByTestId('chart-churn');
  await expect(churn.getByTestId('chart-summary')).toContainText(
    `${atRisk.length} customer${atRisk.length === 1 ? ' is' : 's are'} at risk, with ${money(atRisk.reduce((sum, x) => sum + x.atRisk, 0))}`,
  );
  await expect(churn.getByTestId('churn-row')).toHaveCount(Math.min(atRisk.length, 15));
  await expect(churn.getByTestId('churn-row').first()).toContainText(atRisk[0]!.name);
  await expect(churn.getByTestId('churn-row').first()).toContainText(money(atRisk[0]!.atRisk));

  // Screenshots, light and dark.
  await dash.screenshot({ path: test.info().outputPath('dashboard-en-light.png'), fullPage: true });
  await dash.emulateMedia({ colorScheme: 'dark' });
  await dash.screenshot({ path: test.info().outputPath('dashboard-en-dark.png'), fullPage: true });
  await dash.emulateMedia({ colorScheme: 'light' });

  // A click on the tier A bar opens the list filtered to tier A: exactly the tier-A customers.
  const listA = await nextTab(context, () => tierCard.locator('.recharts-bar-rectangle').first().click());
  expect(listA.url()).toContain('sidepanel.html#/list?filter=');
  await expect(listA.getByTestId('list-link-notice')).toContainText('Tier A');
  const namesA = await listedNames(listA, count('A'));
  const expectedA = tiers.filter((x) => x.tier === 'A').map((x) => x.name);
  for (const name of expectedA) expect(namesA.some((row) => row.includes(name))).toBe(true);
  await listA.screenshot({ path: test.info().outputPath('list-tier-a.png') });
  await listA.close();

  // The NPS detractors of two months ago (scores 3 and 0): exactly those two customers.
  const detractors = await nextTab(context, () =>
    npsCard
      .getByTestId(`nps-row-${key(old)}`)
      .getByRole('link', { name: 'Open the 2 detractors' })
      .click(),
  );
  const namesD = await listedNames(detractors, 2);
  for (const i of [3, 4]) expect(namesD.some((row) => row.includes(customers[i]!.name))).toBe(true);
  await detractors.close();

  // The same from the chart: a click in the NPS chart on that month opens its detractors.
  const fromChart = await nextTab(context, () => npsCard.locator('.recharts-bar-rectangle').first().click());
  expect(await listedNames(fromChart, 2)).toEqual(namesD);
  await fromChart.close();

  // A lifecycle stage opens that stage: the loyal customers.
  const loyal = scored.filter((x) => x.lifecycle === 'loyal').length;
  const lifecycleCard = dash.getByTestId('chart-lifecycle');
  await lifecycleCard.getByText('Show the data as a table').click();
  const loyalTab = await nextTab(context, () =>
    lifecycleCard.getByTestId('stage-row-loyal').getByRole('link', { name: 'Loyal' }).click(),
  );
  await listedNames(loyalTab, loyal);
  await loyalTab.close();

  // A complaint category's cell opens the customers who complained then.
  await complaints.getByText('Show the data as a table').click();
  const delivery = await nextTab(context, () =>
    complaints.getByRole('link', { name: new RegExp(`^2 \\(Delivery, ${monthLabel(old)}\\)`) }).click(),
  );
  const namesC = await listedNames(delivery, 2);
  for (const i of [6, 7]) expect(namesC.some((row) => row.includes(customers[i]!.name))).toBe(true);
  await delivery.close();

  // A bad filter in a link says so and shows everyone, not a blank list.
  const bad = await context.newPage();
  await bad.setViewportSize({ width: 400, height: 700 });
  await bad.goto(
    `chrome-extension://${extensionId}/sidepanel.html#/list?filter=${encodeURIComponent('{"tiers":["Z"]}')}`,
  );
  await expect(bad.getByTestId('list-link-invalid')).toContainText('not valid');
  await expect(bad.getByTestId('result-count')).toHaveText(`${customers.length} customers`);
  await bad.screenshot({ path: test.info().outputPath('list-bad-link.png') });

  // The side panel's "Dashboard" entry opens the dashboard in a tab; in Chinese, light and dark.
  await goTo(bad, 'Settings');
  await bad.getByLabel('简体中文').check();
  await expect(bad.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const zh = await nextTab(context, () =>
    bad.getByRole('navigation').getByRole('button', { name: '仪表盘' }).click(),
  );
  expect(zh.url()).toBe(`chrome-extension://${extensionId}/dashboard.html`);
  await zh.setViewportSize({ width: 1280, height: 1000 });
  await expect(zh.getByRole('heading', { name: 'Keepcard 仪表盘', level: 1 })).toBeVisible();
  await expect(zh.getByTestId('chart-tiers').getByTestId('chart-summary')).toContainText(
    `A 类 ${count('A')} 位`,
  );
  await zh.getByRole('button', { name: '按季度' }).click();
  await expect(zh.getByTestId('chart-nps')).toContainText('季度');
  await zh.screenshot({ path: test.info().outputPath('dashboard-zh-light.png'), fullPage: true });
  await zh.emulateMedia({ colorScheme: 'dark' });
  await zh.screenshot({ path: test.info().outputPath('dashboard-zh-dark.png'), fullPage: true });
});

test('an empty book: the dashboard says how to get data', async ({ context, extensionId }) => {
  const dash = await context.newPage();
  await dash.setViewportSize({ width: 1280, height: 800 });
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dash.getByTestId('dashboard-empty')).toContainText('Load demo data');
  const settings = await nextTab(context, () =>
    dash.getByRole('button', { name: 'Open Settings to load demo data' }).click(),
  );
  await expect(settings.getByRole('button', { name: 'Load demo data', exact: true })).toBeVisible();
  await dash.screenshot({ path: test.info().outputPath('dashboard-empty.png') });
});
