import { expect, test } from '../support/extension';
import { loadDemo } from './support/panel';

// The real scoring Web Worker, not the stand-in other specs use: the panel refits when no model
// exists, and every write is rescored at once (see extension/src/scoring/use-scoring.ts).
test('the scoring worker scores the book on open and rescores a customer after a purchase and after marking lost', async ({
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await loadDemo(panel);
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill('王芳');
  await panel.getByTestId('customer-row').first().click();
  const card = panel.getByTestId('contact-card');
  const ltv = card.getByTestId('ltv');
  await expect(ltv).toContainText('CN¥', { timeout: 30_000 });
  const badges = card.getByTestId('score-badges');
  await expect(badges.getByRole('button', { name: /Value tier/ })).toBeVisible();
  const ltvBefore = await ltv.textContent();

  await card.getByRole('button', { name: 'Add purchase' }).click();
  const form = card.getByTestId('action-form');
  await form.getByLabel('Product').fill('大红袍 礼盒 ×100');
  await form.getByLabel('Amount').fill('880,000');
  await form.getByLabel('Currency').selectOption('CNY');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Purchase added.')).toBeVisible();
  // Rescored by the worker: the lifetime value moves with the new purchase.
  await expect(ltv).not.toHaveText(ltvBefore ?? '', { timeout: 10_000 });
  await panel.screenshot({ path: test.info().outputPath('rescored-after-purchase.png') });

  await card.getByRole('button', { name: 'Mark as lost' }).click();
  await card.getByLabel('Why was the customer lost?').fill('价格太高');
  await card.getByTestId('action-form').getByRole('button', { name: 'Mark as lost' }).click();
  await expect(badges.getByRole('button', { name: /Lost/ })).toBeVisible({ timeout: 10_000 });
});
