import { clipPage, expect, test } from '../support/extension';
import { goTo, loadDemo, scoreBook } from './support/panel';

test('search as you type: Chinese substring, phone with any spacing, email, company, tag', async ({
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  const search = panel.getByRole('searchbox', { name: 'Search customers' });
  const count = panel.getByTestId('result-count');

  await search.fill('志强');
  await expect(count).toHaveText('1 customer');
  await expect(panel.getByTestId('customer-row')).toHaveText(/陈志强/);

  // The demo's fifth customer has +86 138 1003 1676: typed with spaces, or as the national number.
  await search.fill('138 1003 1676');
  await expect(count).toHaveText('1 customer');
  await search.fill('13810031676');
  await expect(count).toHaveText('1 customer');

  await search.fill('harbortea.example');
  await expect(panel.getByTestId('customer-row').first()).toBeVisible();
  const harbor = await panel.getByTestId('customer-row').count();
  await search.fill('Harbor Tea');
  await expect(count).toHaveText(harbor === 1 ? '1 customer' : `${harbor} customers`);

  await search.fill('vip');
  await expect(panel.getByTestId('customer-row').first()).toBeVisible();
  await search.fill('no such customer');
  await expect(panel.getByTestId('list-no-match')).toContainText('No customer matches “no such customer”.');
  await panel.screenshot({ path: test.info().outputPath('no-match.png') });

  // Keyboard: ArrowDown from search into the list, Enter opens the card, Escape returns.
  await search.fill('陈');
  await search.press('ArrowDown');
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('contact-card')).toBeVisible();
  await panel.keyboard.press('Escape');
  await expect(panel.getByTestId('customer-list')).toBeFocused();
  await expect(search).toHaveValue('陈');
});

test('filters combine, a combination saves as a segment with its size and revenue', async ({
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  await scoreBook(panel);
  const count = panel.getByTestId('result-count');
  await expect(count).toHaveText('38 customers');

  await panel.getByRole('button', { name: 'Filters' }).click();
  const filters = panel.getByTestId('filter-panel');
  await filters.getByRole('group', { name: 'Country' }).getByText('CN', { exact: true }).click();
  await expect(count).toHaveText('24 customers');
  await filters.getByRole('group', { name: 'Gender' }).getByText('Female', { exact: true }).click();
  const women = Number((await count.textContent())?.match(/\d+/)?.[0]);
  expect(women).toBeGreaterThan(0);
  expect(women).toBeLessThan(24);
  await panel.screenshot({ path: test.info().outputPath('filters.png') });

  await panel.getByRole('button', { name: 'Segments' }).click();
  await panel.getByLabel('Save current filters as a segment').fill('中国女性客户');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  const segment = panel.getByTestId('segment').filter({ hasText: '中国女性客户' });
  await expect(segment).toContainText(`${women} customers · CN¥`);
  await panel.screenshot({ path: test.info().outputPath('segments.png') });

  // Clearing and applying the segment brings the same customers back.
  await panel.getByRole('button', { name: /^Filters/ }).click();
  await panel.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count).toHaveText('38 customers');
  await panel.getByRole('button', { name: 'Segments' }).click();
  await segment.getByRole('button', { name: /^中国女性客户/ }).click();
  await expect(count).toHaveText(`${women} customers`);

  // A morning view and a sort: core customers by lifetime value, largest first.
  await panel.getByRole('button', { name: /^Filters/ }).click();
  await panel.getByRole('button', { name: 'Clear filters' }).click();
  await panel.getByRole('button', { name: 'Core customers (A)' }).click();
  await expect(panel.getByRole('button', { name: 'Core customers (A)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await panel.getByLabel('Sort').selectOption('lifetimeValue');
  await expect(panel.getByTestId('customer-row').first()).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('core-customers.png') });
});

test('a card shows scores with reasons; adding a purchase updates timeline and totals', async ({
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  await scoreBook(panel);
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill('王芳');
  await panel.getByTestId('customer-row').first().click();
  const card = panel.getByTestId('contact-card');
  await expect(card.getByRole('heading', { name: '王芳' })).toBeVisible();

  // Badges open their reasons, rendered from reason codes.
  const badges = card.getByTestId('score-badges');
  await badges.getByRole('button', { name: /Value tier/ }).click();
  await expect(badges.getByTestId('score-reasons')).toBeVisible();
  await badges.getByRole('button', { name: /Churn risk/ }).click();
  await expect(badges.getByTestId('score-reasons').locator('li').first()).toBeVisible();
  await expect(card.getByTestId('ltv')).toContainText('CN¥');
  await panel.screenshot({ path: test.info().outputPath('card-scored.png') });
  // The browser's dark mode (prefers-color-scheme) switches the panel's colours.
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await card.evaluate((el) => getComputedStyle(el.closest('.h-screen')!).backgroundColor)).not.toBe(
    'rgb(255, 255, 255)',
  );
  await panel.screenshot({ path: test.info().outputPath('card-dark.png') });
  await panel.emulateMedia({ colorScheme: 'light' });

  const year = new Date().getFullYear();
  const totals = card.getByTestId('purchase-totals');
  const before = (await totals.getByRole('row', { name: new RegExp(`^${year}`) }).textContent()) ?? '';

  await card.getByRole('button', { name: 'Add purchase' }).click();
  const form = card.getByTestId('action-form');
  await form.getByLabel('Product').fill('明前龙井 礼盒');
  await form.getByLabel('Amount').fill('1,234.50');
  await form.getByLabel('Currency').selectOption('CNY');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Purchase added.')).toBeVisible();

  const first = card.getByTestId('timeline').locator('li').first();
  await expect(first).toContainText('Purchase CN¥1,234.50');
  await expect(first).toContainText('明前龙井 礼盒');
  await expect(totals.getByRole('row', { name: new RegExp(`^${year}`) })).not.toHaveText(before);
  await expect(card.getByTestId('purchase-list').locator('li').first()).toContainText('CN¥1,234.50');

  // A bad edit names the field; nothing is saved.
  await card.getByRole('button', { name: 'Edit' }).click();
  await card.getByLabel('Email addresses (one per line)').fill('not-an-email');
  await card.getByLabel('Country').fill('China');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByTestId('action-form').getByRole('alert')).toContainText(
    'Email 1: must be a valid email address',
  );
  await expect(card.getByTestId('action-form').getByRole('alert')).toContainText(
    'Country: must be a two-letter country code',
  );
  await expect(card.getByLabel('Email addresses (one per line)')).toHaveAttribute('aria-invalid', 'true');
  await panel.screenshot({ path: test.info().outputPath('edit-errors.png') });
  await card.getByRole('button', { name: 'Cancel' }).click();

  // Marking lost stores the reason on the contact (scoring reads it) and shows it.
  await card.getByRole('button', { name: 'Mark as lost' }).click();
  await card.getByLabel('Why was the customer lost?').fill('转向竞争对手');
  await card.getByTestId('action-form').getByRole('button', { name: 'Mark as lost' }).click();
  await expect(card.getByTestId('lost-banner')).toHaveText('Marked as lost: 转向竞争对手');
  await expect(card.getByTestId('field-history')).toContainText('Lost reason');

  // The worker's rescore (simulated) turns the lifecycle badge to "Lost" with the reason.
  await scoreBook(panel);
  await expect(panel.getByTestId('score-badges').getByRole('button', { name: /Lost/ })).toBeVisible();
});

test('Settings: remove demo data removes exactly the demo records', async ({
  context,
  worker,
  pages,
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  // Customers of the rep's own, clipped before the demo book is loaded.
  const page = await context.newPage();
  const url = pages.url('team.html');
  await page.goto(url);
  expect(await clipPage(worker, url)).toMatchObject({ created: 3 });
  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('3 customers');
  await goTo(panel, 'Settings');
  await panel.getByRole('button', { name: 'Load demo data', exact: true }).click();
  await expect(panel.getByTestId('demo-loaded')).toBeVisible({ timeout: 30_000 });
  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('41 customers');
  await goTo(panel, 'Settings');
  await panel.getByRole('button', { name: 'Remove demo data' }).click();
  await expect(panel.getByText(/^Removed \d+ demo records\.$/)).toBeVisible({ timeout: 30_000 });
  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('3 customers');
  await expect(panel.getByTestId('customer-row').filter({ hasText: '王小明' })).toBeVisible();
});
