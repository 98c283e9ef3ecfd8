import { expect, test } from '../support/extension';
import { loadDemo } from './support/panel';

// Issue 5's card-open budget: a panel opened on a card loads only what the card shows. Validation
// (zod, the shared schemas), phone metadata, the list, the webmail helpers and the dashboard's charts
// load in their own chunks, later or never; a static import that pulls one of them back into the
// card's first load fails here.
const NOT_ON_CARD_PATH =
  /validation-|list-loader-|ListScreen-|webmail-[^e]|clip-|DraftEditor-|recharts|dashboard/i;

test('a panel opened on a card loads none of the chunks the card does not need', async ({
  openSidePanel,
  extensionId,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  await panel.getByTestId('customer-row').first().click();
  await expect(panel.getByTestId('contact-card')).toBeVisible();
  const hash = new URL(panel.url()).hash;
  expect(hash).toMatch(/^#\/c\/[\w-]+$/);

  // A fresh load of the panel on that card, as when the side panel opens on it; every script it
  // requests is recorded with its wall-clock time (resource timing does not list extension files).
  await panel.goto('about:blank');
  const cdp = await panel.context().newCDPSession(panel);
  const requested: { name: string; at: number }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.endsWith('.js'))
      requested.push({ name: new URL(e.request.url).pathname, at: e.wallTime * 1000 });
  });
  await cdp.send('Network.enable');
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html${hash}`);
  const renderedAt = await panel.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const check = () => {
          const mark = performance.getEntriesByName('keepcard:card-rendered')[0];
          if (mark) resolve(performance.timeOrigin + mark.startTime);
          else setTimeout(check, 5);
        };
        check();
      }),
  );
  // Whatever loads after the card painted (the list, scoring, the helpers) is allowed.
  await expect.poll(() => requested.some((r) => r.name.includes('list-loader-'))).toBe(true);
  const before = requested.filter((r) => r.at <= renderedAt).map((r) => r.name);
  await expect(panel.getByTestId('contact-card')).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('card-fresh-load.png') });
  expect(before.length).toBeGreaterThan(0);
  expect(before.filter((name) => NOT_ON_CARD_PATH.test(name))).toEqual([]);

  // The card painted from the snapshot read straight from IndexedDB; the card's live query (Dexie)
  // started only after that paint, and it keeps the card current: a note added now shows.
  const marks = await panel.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  expect(marks['keepcard:card-primed-failed']).toBeUndefined();
  expect(marks['keepcard:card-primed']).toBeLessThan(marks['keepcard:card-rendered']!);
  await expect
    .poll(() => panel.evaluate(() => performance.getEntriesByName('keepcard:card-query-end').length))
    .toBeGreaterThanOrEqual(1);
  const queryStart = await panel.evaluate(
    () => performance.getEntriesByName('keepcard:card-query-start')[0]!.startTime,
  );
  expect(queryStart).toBeGreaterThan(marks['keepcard:card-rendered']!);
  const card = panel.getByTestId('contact-card');
  await card.getByRole('button', { name: 'Add note' }).click();
  const form = card.getByTestId('action-form');
  await form.getByLabel('Note').fill('Asked for the autumn catalogue');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Note added.')).toBeVisible();
  await expect(card.getByText('Asked for the autumn catalogue')).toBeVisible();
});
