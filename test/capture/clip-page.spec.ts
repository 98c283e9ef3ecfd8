import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clipPage, EXTENSION_DIR, expect, test } from '../support/extension';

test('clips a page’s mailto and tel links and shows them live in the side panel, without duplicates', async ({
  context,
  worker,
  pages,
  openSidePanel,
}) => {
  const panel = await openSidePanel();
  await expect(panel.getByText('No customers yet')).toBeVisible();

  const page = await context.newPage();
  const url = pages.url('team.html');
  await page.goto(url);
  const result = await clipPage(worker, url);
  expect(result).toMatchObject({ created: 3, updated: 0 });

  // The open side panel follows the clip at once (live query): banner, then the first clipped card.
  await expect(panel.getByTestId('clip-banner')).toContainText(
    'Clipped 3 new and updated 0 existing customers from 127.0.0.1',
  );
  const card = panel.getByTestId('contact-card');
  await expect(card.getByRole('heading', { name: '王小明' })).toBeVisible();
  await expect(card.getByRole('link', { name: 'wang.xiaoming@example.cn' })).toHaveAttribute(
    'href',
    'mailto:wang.xiaoming@example.cn',
  );
  await expect(card.getByRole('link', { name: '+8613800138000' })).toHaveAttribute(
    'href',
    'tel:+8613800138000',
  );
  await panel.screenshot({ path: test.info().outputPath('card.png') });

  // Back to the list: all three, the script-like name rendered as plain text.
  await panel.getByRole('button', { name: /Back to list/ }).click();
  await expect(panel.getByText('3 customers')).toBeVisible();
  await expect(panel.getByText('<img src=x onerror=alert(1)> Evil Name')).toBeVisible();
  await expect(panel.locator('img')).toHaveCount(0);

  // Search narrows the list.
  await panel.getByLabel('Search customers').fill('schmidt');
  await expect(panel.getByText('1 customer', { exact: true })).toBeVisible();
  await panel.getByRole('option', { name: /Anna Schmidt/ }).click();
  await expect(card.getByText('030 1234567')).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('card-raw-phone.png') });

  // Clipping the same page again updates, never duplicates.
  const again = await clipPage(worker, url);
  expect(again).toMatchObject({ created: 0, updated: 3 });
  await panel.getByRole('button', { name: /Back to list/ }).click();
  await panel.getByLabel('Search customers').fill('');
  await expect(panel.getByText('3 customers')).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath('list.png') });
});

test('says so when a page has nothing to clip', async ({ context, worker, pages, openSidePanel }) => {
  const panel = await openSidePanel();
  const page = await context.newPage();
  const url = pages.url('no-contacts.html');
  await page.goto(url);
  expect(await clipPage(worker, url)).toMatchObject({ created: 0, contactIds: [] });
  await expect(panel.getByTestId('clip-banner')).toContainText(
    'No email address or phone number link was found on 127.0.0.1',
  );
});

test('the product manifest asks only for on-demand access: no host permissions, content scripts only on webmail', async () => {
  const manifestPath = join(EXTENSION_DIR, '..', '..', 'chrome-mv3', 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  expect(manifest.permissions).toEqual(
    expect.arrayContaining([
      'activeTab',
      'scripting',
      'sidePanel',
      'contextMenus',
      'unlimitedStorage',
      'alarms',
    ]),
  );
  expect(manifest.host_permissions ?? []).toEqual([]);
  // Sync reaches only the server the rep names: its origin is asked for at run time when they save the
  // server URL (plain http only on this computer), never granted at install.
  expect(manifest.optional_host_permissions).toEqual([
    'https://*/*',
    'http://localhost/*',
    'http://127.0.0.1/*',
  ]);
  // Content scripts run only where the card follows the open message: Gmail and Outlook on the web.
  const scripts: { matches: string[]; exclude_matches?: string[]; all_frames?: boolean }[] =
    manifest.content_scripts ?? [];
  expect(scripts.flatMap((s) => s.matches).sort()).toEqual([
    'https://mail.google.com/*',
    'https://outlook.live.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
  ]);
  expect(scripts.some((s) => s.all_frames)).toBe(false);
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  expect(JSON.stringify(manifest)).not.toContain('*://*/*');
  // The end-to-end test page is not shipped.
  expect(JSON.stringify(manifest)).not.toContain('webmail-e2e');
});
