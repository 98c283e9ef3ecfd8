import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/extension';
import { goTo, loadDemo } from './support/panel';

// A contacts export with good and bad rows, as a CRM writes it (UTF-8 with a byte-order mark).
const CSV = [
  '姓名,手机,邮箱,公司,生日',
  '王小明,138 0013 8000,wang@example.cn,杭州茶叶贸易有限公司,1990/5/4',
  'Anna Schmidt,+49 30 1234567,anna@example.de,Acme GmbH,',
  'Bad Mail,,not-an-email,,',
  'Li Lei,12,,,',
  'Olivia Brown,,olivia@example.com,,1985-02-30',
  'Wang Xiaoming,,WANG@example.cn,,',
].join('\r\n');

// The same kind of file saved by Excel on a Chinese Windows: GBK bytes. Rows: 王小明 (good), 李雷 (phone
// "12"), 韩梅梅 (email "meimei@example").
const GBK_HEX =
  'd0d5c3fb2ccad6bbfa2cd3cacfe42cb9abcbbe0d0acdf5d0a1c3f72c313338203030313320383030302c77616e67406578616d706c652e636e2cbabcd6ddb2e8d2b6c3b3d2d7d3d0cfdeb9abcbbe0d0ac0eec0d72c31322c6c69406578616d706c652e636e2cb1b1bea9d7d6bddaccf8b6afbfc6bcbcd3d0cfdeb9abcbbe0d0abaabc3b7c3b72c313339203030303020303030302c6d65696d6569406578616d706c652cc9cfbaa3cbbfb3f1bdf8b3f6bfdab9abcbbe0d0a';

/** The whole screen in one picture: the panel scrolls inside, so the viewport is made tall enough. */
async function shoot(panel: Page, name: string) {
  await panel.setViewportSize({ width: 400, height: 1800 });
  await panel.screenshot({ path: test.info().outputPath(name) });
  await panel.setViewportSize({ width: 400, height: 720 });
}

async function openTransfer(panel: Page, settings: 'Settings' | '设置', link: string) {
  await goTo(panel, settings);
  await panel.getByRole('link', { name: link }).click();
  await expect(panel.getByTestId('transfer')).toBeVisible();
}

test('a CSV with good and bad rows: bad rows listed with reasons, good ones in the list', async ({
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await openTransfer(panel, 'Settings', 'Import and export…');
  await panel.getByTestId('import-file').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8'),
  });
  await expect(panel.getByTestId('file-info')).toHaveText('6 rows · UTF-8 · delimiter ,');
  // The mapping was guessed from the Chinese headers, and can be changed.
  await expect(panel.getByLabel('Import as: 手机')).toHaveValue('mobile');
  await expect(panel.getByLabel('Import as: 邮箱')).toHaveValue('email');
  // The preview marks the bad cells with their reason.
  const preview = panel.getByTestId('preview');
  await expect(preview).toContainText('邮箱: not an email address');
  await expect(preview).toContainText('手机: not a phone number');
  await expect(preview).toContainText('生日: not a date');
  await expect(panel.getByText('3 of these rows have problems')).toBeVisible();
  await shoot(panel, 'import-preview-en.png');

  await panel.getByTestId('run-import').click();
  const summary = panel.getByTestId('import-summary');
  await expect(summary).toContainText('2 new customers');
  await expect(summary).toContainText('1 row was the same person as an earlier row');
  await expect(summary).toContainText('3 rows not imported');
  const bad = panel.getByTestId('bad-rows').locator('tbody tr');
  await expect(bad).toHaveCount(3);
  await expect(bad.nth(0)).toContainText('4');
  await expect(bad.nth(0)).toContainText('not-an-email');
  await expect(bad.nth(1)).toContainText('手机: not a phone number');
  await expect(bad.nth(2)).toContainText('生日: not a date');
  await shoot(panel, 'import-summary-en.png');

  // The bad rows download as CSV.
  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download the rows not imported (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('customers-not-imported.csv');

  // Purchases from a shop export: matched to the imported customers; an unknown buyer is a bad row.
  await panel.getByRole('button', { name: 'Import another file' }).click();
  await panel.getByTestId('import-file').setInputFiles({
    name: 'orders.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      '订单号,买家手机,买家邮箱,宝贝标题,实付金额,付款时间\n' +
        'T1,13800138000,,龙井 250g,"¥1,234.50",2026/3/5 14:30\n' +
        'T2,,anna@example.de,Tea set,"1.234,50 €",2026年3月6日\n' +
        'T3,,nobody@example.com,Cup,¥10,2026-03-07\n',
      'utf8',
    ),
  });
  await expect(panel.getByRole('radio', { name: 'Purchases (order lines)' })).toBeChecked();
  await panel.getByTestId('run-import').click();
  await expect(summary).toContainText('2 purchases imported');
  await expect(panel.getByTestId('bad-rows')).toContainText(
    'No stored customer has this email, phone or name',
  );

  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('2 customers');
  const list = panel.getByTestId('customer-list');
  await expect(list).toContainText('王小明');
  await expect(list).toContainText('Anna Schmidt');
  await expect(list).not.toContainText('Bad Mail');
  await panel.screenshot({ path: test.info().outputPath('import-list-en.png') });
});

test('the Chinese screen imports a GBK file from Chinese Excel', async ({ openSidePanel }) => {
  const panel = await openSidePanel();
  await goTo(panel, 'Settings');
  await panel.getByLabel('简体中文').check();
  await openTransfer(panel, '设置', '导入与导出…');
  await panel.getByTestId('import-file').setInputFiles({
    name: '客户.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(GBK_HEX, 'hex'),
  });
  await expect(panel.getByTestId('file-info')).toHaveText('3 行 · GB18030 · 分隔符 ,');
  await expect(panel.getByTestId('preview')).toContainText('手机：不是电话号码');
  await expect(panel.getByTestId('preview')).toContainText('王小明');
  await shoot(panel, 'import-preview-zh.png');
  await panel.getByTestId('run-import').click();
  const summary = panel.getByTestId('import-summary');
  await expect(summary).toContainText('新增 1 位客户');
  await expect(summary).toContainText('2 行未导入');
  await expect(panel.getByTestId('bad-rows')).toContainText('邮箱：不是有效的邮箱地址');
  await shoot(panel, 'import-summary-zh.png');
  await goTo(panel, '客户');
  await expect(panel.getByTestId('result-count')).toHaveText('共 1 位客户');
  await expect(panel.getByTestId('customer-list')).toContainText('杭州茶叶贸易有限公司');
});

test('export a list as CSV and vCard, back up, and restore (a corrupt backup is refused)', async ({
  openSidePanel,
}) => {
  test.setTimeout(120_000);
  const panel = await openSidePanel();
  await loadDemo(panel);
  await openTransfer(panel, 'Settings', 'Import and export…');

  const save = async (button: string) => {
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: button }).click(),
    ]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
  };
  const csv = await save('Export CSV');
  expect(csv.text.startsWith('\uFEFFName,Company,Title')).toBe(true);
  expect(csv.text.trim().split('\r\n')).toHaveLength(39);
  await expect(panel.getByText('38 customers exported')).toBeVisible();
  const vcf = await save('Export vCard');
  expect(vcf.text.match(/BEGIN:VCARD/g)).toHaveLength(38);

  const backup = await save('Download backup');
  expect(backup.name).toMatch(/^keepcard-backup-.*\.json$/);
  const parsed = JSON.parse(backup.text);
  expect(parsed.tables.contacts).toHaveLength(38);

  // A corrupt copy: refused with table, row and field; nothing changes.
  parsed.tables.purchases[0].amountMinor = 'lots';
  await panel.getByTestId('restore-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(parsed)),
  });
  await expect(panel.getByRole('alert')).toContainText(
    'This backup cannot be restored; nothing was changed.',
  );
  await expect(panel.getByRole('alert')).toContainText('purchases, row 1, amountMinor');

  // The good backup into a profile with data: the rep chooses, then it is restored.
  await panel.getByTestId('restore-file').setInputFiles({
    name: backup.name,
    mimeType: 'application/json',
    buffer: Buffer.from(backup.text),
  });
  await panel.getByLabel(/^Replace:/).check();
  await shoot(panel, 'restore-confirm-en.png');
  await panel.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Restored:' })).toBeVisible();
  await goTo(panel, 'Customers');
  await expect(panel.getByTestId('result-count')).toHaveText('38 customers');
});
