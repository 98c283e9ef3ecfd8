import { clipPage, expect, test } from '../support/extension';
import {
  dbRows,
  openWebmailPanel,
  runMenu,
  SELECTION_URL,
  selectText,
  serveWebmailFixtures,
} from './webmail-page';

// The selection menu items and the page clip with review, on an ordinary page (activeTab in the
// product; the e2e build's 127.0.0.1 host permission stands in for the user's click).

test.beforeEach(async ({ context }) => {
  await serveWebmailFixtures(context);
});

test('"Clip selection as contact": the selection read as a signature, edited, saved once', async ({
  context,
  extensionId,
  worker,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const page = await context.newPage();
  await page.goto(SELECTION_URL);
  await selectText(page, '#contact-box');
  await runMenu(worker, 'keepcardClipSelection', SELECTION_URL);

  const review = panel.getByTestId('clip-review');
  await expect(review).toContainText('From your selection on 127.0.0.1:8123');
  await expect(review.getByLabel('Name')).toHaveValue('Jonas Brandt');
  await expect(review.getByLabel('Title')).toHaveValue('Geschäftsführer');
  await expect(review.getByLabel('Company')).toHaveValue('Brandt Teehandel GmbH');
  await expect(review.getByLabel(/^Email/)).toHaveValue('jonas.brandt@brandt-tee.example');
  // The fax is not a phone. Written without a country code, the number stays as written: the
  // browser's region (en-US here) cannot place it, and a guess would be worse.
  await expect(review.getByLabel(/^Phone/)).toHaveValue('040 1234 5678');
  await panel.screenshot({ path: test.info().outputPath('selection-review.png'), fullPage: true });

  await review.getByLabel('Name').fill(' ');
  await review.getByRole('button', { name: 'Save selected (1)' }).click();
  await expect(review.getByText('Name must not be empty.')).toBeVisible();
  await review.getByLabel('Name').fill('Jonas Brandt');
  await review.getByRole('button', { name: 'Save selected (1)' }).click();
  await expect(panel.getByTestId('clip-review-status')).toHaveText(
    'Saved 1 new and updated 0 existing customers.',
  );
  const [contact] = await dbRows(panel, 'contacts');
  expect(contact).toMatchObject({
    displayName: 'Jonas Brandt',
    source: { kind: 'page', url: SELECTION_URL },
  });

  // Clipping the same selection again updates the card, never duplicates it.
  await runMenu(worker, 'keepcardClipSelection', SELECTION_URL);
  await panel.getByTestId('clip-review').getByRole('button', { name: 'Save selected (1)' }).click();
  await expect(panel.getByTestId('clip-review-status')).toHaveText(
    'Saved 0 new and updated 1 existing customers.',
  );
  expect(await dbRows(panel, 'contacts')).toHaveLength(1);
});

test('a selection with nothing in it says so', async ({ context, extensionId, worker }) => {
  const panel = await openWebmailPanel(context, extensionId);
  const page = await context.newPage();
  await page.goto(SELECTION_URL);
  await selectText(page, 'h1');
  await runMenu(worker, 'keepcardClipSelection', SELECTION_URL);
  await expect(panel.getByTestId('clip-review')).toContainText(
    'No name, email address or phone number was found in the selected text.',
  );
});

test('"Save selection as note to…": pick the customer, the note keeps its source page', async ({
  context,
  extensionId,
  worker,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const page = await context.newPage();
  await page.goto(SELECTION_URL);
  await selectText(page, '#contact-box');
  await runMenu(worker, 'keepcardClipSelection', SELECTION_URL);
  await panel.getByTestId('clip-review').getByRole('button', { name: 'Save selected (1)' }).click();
  await expect(panel.getByTestId('clip-review-status')).toBeVisible();

  await selectText(page, '#news');
  await runMenu(worker, 'keepcardNoteSelection', SELECTION_URL);
  const form = panel.getByTestId('selection-note');
  await expect(form.getByLabel('Note')).toHaveValue(/500 kg Oolong/);
  await form.getByLabel('Find the customer').fill('brandt');
  await form.getByRole('button', { name: /Jonas Brandt/ }).click();
  await panel.screenshot({ path: test.info().outputPath('selection-note.png'), fullPage: true });
  await form.getByRole('button', { name: 'Save note to Jonas Brandt' }).click();
  await expect(panel.getByTestId('selection-note-status')).toHaveText('Note saved to Jonas Brandt’s card.');
  const [contact] = await dbRows(panel, 'contacts');
  const notes = await dbRows(panel, 'notes');
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ contactId: contact!.id, sourceUrl: SELECTION_URL });
  expect(String(notes[0]!.text)).toContain('500 kg Oolong');
});

test('page clip: the extractor joins the link reader without duplicates; with review, the rep picks', async ({
  context,
  extensionId,
  worker,
  pages,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const page = await context.newPage();
  const url = pages.url('team.html');
  await page.goto(url);
  // Review first: nothing is saved until the rep says so.
  await worker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl });
    const clip = (globalThis as unknown as { keepcardClipTab: (t: unknown, o: unknown) => Promise<unknown> })
      .keepcardClipTab;
    await clip(tab, { review: true });
  }, url);
  const review = panel.getByTestId('clip-review');
  await expect(review.getByTestId('clip-review-row')).toHaveCount(3);
  expect(await dbRows(panel, 'contacts')).toHaveLength(0);
  await review.getByTestId('clip-review-row').nth(2).getByLabel('Save this one').uncheck();
  await panel.screenshot({ path: test.info().outputPath('page-review.png'), fullPage: true });
  await review.getByRole('button', { name: 'Save selected (2)' }).click();
  await expect(panel.getByTestId('clip-review-status')).toHaveText(
    'Saved 2 new and updated 0 existing customers.',
  );

  // The toolbar's direct clip: the same three people, the two saved ones updated, none duplicated.
  expect(await clipPage(worker, url)).toMatchObject({ created: 1, updated: 2 });
  expect(await clipPage(worker, url)).toMatchObject({ created: 0, updated: 3 });
  const contacts = await dbRows(panel, 'contacts');
  expect(contacts.map((c) => c.displayName).sort()).toEqual([
    '<img src=x onerror=alert(1)> Evil Name',
    'Anna Schmidt',
    '王小明',
  ]);
});
