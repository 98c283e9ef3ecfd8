// Relationship upkeep on the card, in real Chromium with the built extension: a complaint recorded and
// resolved, loyalty points awarded and redeemed (a redemption above the balance refused), a referrer
// set by name and the referred revenue on the referrer's card; the same card in Chinese.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension';
import { goTo, loadDemo } from './support/panel';

async function openCustomer(panel: Page, query: string) {
  await goTo(panel, 'Customers');
  await panel.getByRole('searchbox', { name: 'Search customers' }).fill(query);
  await expect(panel.getByTestId('result-count')).toHaveText('1 customer');
  await panel.getByTestId('customer-row').first().click();
  await expect(panel.getByTestId('contact-card')).toBeVisible();
}

/** A number shown with thousands separators ("1,234 points") as a number. */
const numberIn = async (panel: Page, testId: string) =>
  Number(((await panel.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));

/** The net CNY purchases of a customer, formatted as the English card formats money. */
async function purchasesOf(panel: Page, displayName: string): Promise<string> {
  return panel.evaluate(
    (name) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['contacts', 'purchases']);
          const contacts = tx.objectStore('contacts').getAll();
          const purchases = tx.objectStore('purchases').getAll();
          tx.oncomplete = () => {
            const id = contacts.result.find((c: { displayName: string }) => c.displayName === name).id;
            const minor = purchases.result
              .filter(
                (p: { contactId: string; deletedAt: number | null }) =>
                  p.contactId === id && p.deletedAt === null,
              )
              .reduce((sum: number, p: { amountMinor: number; currency: string }) => {
                if (p.currency !== 'CNY') throw new Error('expected CNY purchases only');
                return sum + p.amountMinor;
              }, 0);
            open.result.close();
            resolve(new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(minor / 100));
          };
        };
      }),
    displayName,
  );
}

test('complaint resolved, points awarded and redeemed, referrer set and referred revenue shown', async ({
  openSidePanel,
}) => {
  test.setTimeout(120_000);
  const panel = await openSidePanel();
  await loadDemo(panel);
  await openCustomer(panel, '陈志强');
  const card = panel.getByTestId('contact-card');

  // A complaint with a severity and a category, then resolved with what was done.
  await card.getByRole('button', { name: 'Complaint / praise' }).click();
  const form = card.getByTestId('action-form');
  await form.getByLabel('Severity').selectOption('critical');
  await form.getByLabel('Category').fill('物流');
  await form.getByLabel('What they said').fill('E2E: 整箱茶叶在运输中压坏');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Feedback recorded.')).toBeVisible();
  const item = card.getByTestId('feedback-item').filter({ hasText: 'E2E: 整箱茶叶在运输中压坏' });
  await expect(item).toHaveAttribute('data-status', 'open');
  await expect(item).toContainText('Critical severity');
  await item.getByRole('button', { name: 'Resolve' }).click();
  await item.getByLabel('What was done').fill('E2E: 已补发新茶并致歉');
  await item.getByTestId('action-form').getByRole('button', { name: 'Resolve' }).click();
  await expect(card.getByText('Complaint resolved.')).toBeVisible();
  await expect(item).toHaveAttribute('data-status', 'resolved');
  await expect(item).toContainText(/Resolved .*: E2E: 已补发新茶并致歉/);

  // Loyalty points: award, a redemption above the balance is refused naming the field, then redeem.
  const loyalty = card.getByRole('region', { name: 'Loyalty points' });
  const before = await numberIn(panel, 'loyalty-balance');
  await loyalty.getByRole('button', { name: 'Award points' }).click();
  await loyalty.getByRole('textbox', { name: 'Points', exact: true }).fill('500');
  await loyalty.getByRole('textbox', { name: 'Reason', exact: true }).fill('E2E: 年度续约奖励');
  await loyalty.getByRole('button', { name: 'Save' }).click();
  await expect(loyalty.getByText('Points awarded.')).toBeVisible();
  await expect.poll(() => numberIn(panel, 'loyalty-balance')).toBe(before + 500);
  await loyalty.getByRole('button', { name: 'Redeem points' }).click();
  await loyalty.getByRole('textbox', { name: 'Points', exact: true }).fill(String(before + 501));
  await loyalty.getByRole('textbox', { name: 'Reason', exact: true }).fill('E2E: 兑换礼盒');
  await loyalty.getByRole('button', { name: 'Save' }).click();
  await expect(loyalty.getByRole('alert')).toHaveText(
    `Points: must not be more than the balance of ${before + 500} points`,
  );
  await loyalty.getByRole('textbox', { name: 'Points', exact: true }).fill('200');
  await loyalty.getByRole('button', { name: 'Save' }).click();
  await expect(loyalty.getByText('Points redeemed.')).toBeVisible();
  await expect.poll(() => numberIn(panel, 'loyalty-balance')).toBe(before + 300);
  await expect(loyalty.getByTestId('loyalty-ledger').getByRole('listitem').first()).toContainText(
    'E2E: 兑换礼盒',
  );
  await card.getByRole('region', { name: 'Complaints, praise and suggestions' }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('en-feedback-loyalty.png') });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: test.info().outputPath('en-feedback-loyalty-dark.png') });
  await panel.emulateMedia({ colorScheme: 'light' });

  // Referral: pick the referrer by name; the card links to them.
  const referrals = card.getByRole('region', { name: 'Referrals' });
  await referrals.getByRole('button', { name: /^(Set|Change) referrer$/ }).click();
  await referrals.getByLabel('Search customers by name').fill('Müller');
  await referrals.getByRole('radio', { name: 'Choose Sophie Müller as referrer' }).check();
  await referrals.getByRole('button', { name: 'Save' }).click();
  await expect(referrals.getByText('Referrer saved.')).toBeVisible();
  const link = referrals.getByTestId('referred-by').getByRole('link', { name: 'Sophie Müller' });
  await expect(link).toBeVisible();
  const revenue = await purchasesOf(panel, '陈志强');
  await referrals.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('en-referred-by.png') });

  // On the referrer's card: the referred customer with their revenue in the workspace currency.
  await link.click();
  await expect(card.getByRole('heading', { name: 'Sophie Müller' })).toBeVisible();
  const referred = card.getByTestId('referred-customers');
  const row = referred.getByRole('listitem').filter({ hasText: '陈志强' });
  await expect(row).toContainText(revenue);
  await expect(card.getByTestId('referred-revenue')).toBeVisible();
  await referred.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('en-referrer-card.png') });

  // The same card in Chinese.
  await goTo(panel, 'Settings');
  await panel.getByLabel('简体中文').check();
  await expect(panel.getByRole('heading', { name: '设置' })).toBeVisible();
  await panel.evaluate(() => history.back());
  await expect(panel.getByRole('heading', { name: 'Sophie Müller' })).toBeVisible();
  await expect(card.getByRole('region', { name: '客户推荐' })).toContainText('陈志强');
  await card.getByRole('region', { name: '客户推荐' }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('zh-referrer-card.png') });
  await card.getByRole('region', { name: '客户推荐' }).getByRole('link', { name: '陈志强' }).click();
  await expect(card.getByRole('heading', { name: '陈志强' })).toBeVisible();
  await expect(card.getByTestId('referred-by')).toContainText('推荐人：Sophie Müller');
  await expect(
    card.getByTestId('feedback-item').filter({ hasText: 'E2E: 整箱茶叶在运输中压坏' }),
  ).toContainText('严重程度：紧急');
  await expect(card.getByTestId('loyalty-balance')).toContainText('积分余额：');
  await card.getByRole('region', { name: '积分' }).getByRole('button', { name: '兑换积分' }).click();
  await card
    .getByRole('region', { name: '积分' })
    .getByRole('textbox', { name: '积分数', exact: true })
    .fill('99999999');
  await card
    .getByRole('region', { name: '积分' })
    .getByRole('textbox', { name: '原因', exact: true })
    .fill('E2E');
  await card.getByRole('region', { name: '积分' }).getByRole('button', { name: '保存' }).click();
  await expect(card.getByRole('region', { name: '积分' }).getByRole('alert')).toContainText(
    '积分数：不能超过当前积分余额',
  );
  await card.getByRole('region', { name: '投诉、表扬与建议' }).scrollIntoViewIfNeeded();
  await panel.screenshot({ path: test.info().outputPath('zh-feedback-loyalty.png') });
});
