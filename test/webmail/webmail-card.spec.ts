import { expect, test } from '../support/extension';
import { dbRows, GMAIL_URL, OUTLOOK_URL, openWebmailPanel, serveWebmailFixtures } from './webmail-page';

// The card follows the open message: the fixture pages are served at Gmail's and Outlook's own
// addresses, so the content scripts the manifest declares for those hosts run (offline). The card
// is shown in the e2e test page that mounts it as the side panel will (the side panel's App does
// not offer a place for it yet); the database it writes is the extension's own.

test.beforeEach(async ({ context }) => {
  await serveWebmailFixtures(context);
});

test('Gmail: a pre-filled card for an unknown sender; save; reopen: found, no duplicate, logged once', async ({
  context,
  extensionId,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  await expect(panel.getByTestId('open-message-none')).toBeVisible();

  const mail = await context.newPage();
  await mail.goto(GMAIL_URL);
  const card = panel.getByTestId('message-card');
  await expect(card).toHaveAttribute('data-state', 'unknown');
  await expect(card).toHaveAttribute('data-message-key', 'gmail:18d5b2c7d1e2f3a4');
  await expect(panel.getByLabel('Name')).toHaveValue('Anna Müller');
  await expect(panel.getByLabel('Title')).toHaveValue('Head of Purchasing');
  await expect(panel.getByLabel('Company')).toHaveValue('Acme Industrie GmbH');
  await expect(panel.getByLabel(/^Email/)).toHaveValue('anna.mueller@acme-industrie.de');
  await expect(panel.getByLabel(/^Phone/)).toHaveValue('+49301234567\n+491712345678');
  await expect(panel.getByTestId('read-path')).toHaveAttribute('data-path', 'attributes');
  await expect(panel.getByTestId('read-path')).toHaveText('Read from Gmail.');
  await expect(panel.getByTestId('message-subject')).toHaveText('Order of Longjing tea');
  await panel.screenshot({ path: test.info().outputPath('gmail-unknown-sender.png'), fullPage: true });

  // A field the schemas refuse is named, and nothing is saved.
  await panel.getByLabel(/^Email/).fill('anna.mueller@acme-industrie.de\nnot-an-address');
  await panel.getByRole('button', { name: 'Save and log email' }).click();
  await expect(panel.getByText('Email 2 must be a valid email address.')).toBeVisible();
  expect(await dbRows(panel, 'contacts')).toHaveLength(0);
  await panel.getByLabel(/^Email/).fill('anna.mueller@acme-industrie.de');

  await panel.getByRole('button', { name: 'Save and log email' }).click();
  await expect(panel.getByTestId('message-card-status')).toHaveText(
    'Saved Anna Müller as a new customer and logged this email.',
  );
  await expect(card).toHaveAttribute('data-state', 'known');
  await expect(panel.getByTestId('logged-state')).toHaveAttribute('data-logged', 'yes');
  await panel.screenshot({ path: test.info().outputPath('gmail-saved.png'), fullPage: true });

  // Reopen the message: the card is found, the email already logged.
  await mail.close();
  const again = await context.newPage();
  await again.goto(GMAIL_URL);
  await expect(card).toHaveAttribute('data-state', 'known');
  await expect(panel.getByTestId('card-name')).toHaveText('Anna Müller');
  await expect(panel.getByTestId('logged-state')).toContainText('This email is logged on the card.');
  await expect(panel.getByTestId('logged-state')).toContainText('Logged interactions: 1');
  // Saving the same message again adds nothing.
  await panel.getByRole('button', { name: 'Log email' }).click();
  await expect(panel.getByTestId('message-card-status')).toHaveText(
    'This email was already logged on Anna Müller’s card: nothing was added twice.',
  );
  await panel.screenshot({ path: test.info().outputPath('gmail-reopened.png'), fullPage: true });

  const contacts = await dbRows(panel, 'contacts');
  expect(
    contacts.filter((c) => (c.emailKeys as string[]).includes('anna.mueller@acme-industrie.de')),
  ).toHaveLength(1);
  expect(contacts[0]).toMatchObject({
    displayName: 'Anna Müller',
    title: 'Head of Purchasing',
    source: { kind: 'email' },
  });
  const interactions = await dbRows(panel, 'interactions');
  expect(interactions).toHaveLength(1);
  expect(interactions[0]).toMatchObject({
    kind: 'email',
    direction: 'inbound',
    subject: 'Order of Longjing tea',
    emailMessageId: 'gmail:18d5b2c7d1e2f3a4',
    contactId: contacts[0]!.id,
  });
});

test('Gmail: the card follows another message opened in the same tab (no reload)', async ({
  context,
  extensionId,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const mail = await context.newPage();
  await mail.goto(GMAIL_URL);
  const card = panel.getByTestId('message-card');
  await expect(card).toHaveAttribute('data-message-key', 'gmail:18d5b2c7d1e2f3a4');

  // Gmail swaps the thread in place: another sender, another message id, another body.
  await mail.evaluate(() => {
    const open = document.querySelectorAll('[data-message-id]')[1]!;
    open.setAttribute('data-legacy-message-id', '18d6aa00bb11cc22');
    const sender = open.querySelector('h3 [email]')!;
    sender.setAttribute('email', 'zhang.wei@mouke-tech.cn');
    sender.setAttribute('name', '张伟');
    sender.textContent = '张伟';
    document.querySelector('h2[data-thread-perm-id]')!.textContent = '报价单';
    open.querySelector('.a3s')!.innerHTML =
      '<div>王总您好，</div><div><br></div><div>附件是报价单，请查收。</div><div><br></div><div>此致</div><div>敬礼</div><div>张伟</div><div>销售经理</div><div>北京某某科技有限公司</div><div>手机：138 0013 8000</div>';
    history.pushState(null, '', '#inbox/FMfcgzQZZZnewthreadtoken');
  });
  await expect(card).toHaveAttribute('data-message-key', 'gmail:18d6aa00bb11cc22');
  await expect(panel.getByLabel('Name')).toHaveValue('张伟');
  await expect(panel.getByLabel('Title')).toHaveValue('销售经理');
  await expect(panel.getByLabel('Company')).toHaveValue('北京某某科技有限公司');
  // The browser here is en-US: a Chinese mobile number without +86 stays as written.
  await expect(panel.getByLabel(/^Phone/)).toHaveValue('138 0013 8000');
  await panel.screenshot({ path: test.info().outputPath('gmail-followed.png'), fullPage: true });
});

test('the panel asks the open webmail tab when it opens', async ({ context, extensionId }) => {
  const mail = await context.newPage();
  await mail.goto(GMAIL_URL);
  const panel = await openWebmailPanel(context, extensionId);
  await expect(panel.getByTestId('message-card')).toHaveAttribute(
    'data-message-key',
    'gmail:18d5b2c7d1e2f3a4',
  );
});

test('Outlook: a pre-filled card for an unknown sender; save; reopen: found, no duplicate, logged once', async ({
  context,
  extensionId,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const mail = await context.newPage();
  await mail.goto(OUTLOOK_URL);
  const card = panel.getByTestId('message-card');
  await expect(card).toHaveAttribute('data-state', 'unknown');
  await expect(card).toHaveAttribute('data-message-key', 'outlook:AAQkADkeepcard+demo=');
  await expect(panel.getByLabel('Name')).toHaveValue('Bob Chen');
  await expect(panel.getByLabel('Title')).toHaveValue('Procurement Manager');
  await expect(panel.getByLabel('Company')).toHaveValue('Globex Trading Ltd.');
  await expect(panel.getByLabel(/^Phone/)).toHaveValue('+8613800138000\n+8675588886666');
  await expect(panel.getByTestId('read-path')).toHaveText('Read from Outlook.');
  await panel.screenshot({ path: test.info().outputPath('outlook-unknown-sender.png'), fullPage: true });

  await panel.getByRole('button', { name: 'Save and log email' }).click();
  await expect(card).toHaveAttribute('data-state', 'known');
  await expect(panel.getByTestId('logged-state')).toHaveAttribute('data-logged', 'yes');

  await mail.reload();
  await expect(card).toHaveAttribute('data-state', 'known');
  await expect(panel.getByTestId('logged-state')).toContainText('Logged interactions: 1');
  await panel.getByRole('button', { name: 'Log email' }).click();
  await expect(panel.getByTestId('message-card-status')).toContainText('already logged');
  await panel.screenshot({ path: test.info().outputPath('outlook-reopened.png'), fullPage: true });

  const contacts = await dbRows(panel, 'contacts');
  expect(contacts).toHaveLength(1);
  expect(contacts[0]).toMatchObject({
    displayName: 'Bob Chen',
    emailKeys: ['bob.chen@globex-trading.example'],
  });
  const interactions = await dbRows(panel, 'interactions');
  expect(interactions).toHaveLength(1);
  expect(interactions[0]).toMatchObject({ direction: 'inbound', subject: 'Re: Sample shipment to Shenzhen' });
});

test('a known sender with a differing value: shown side by side, the rep’s choice is saved', async ({
  context,
  extensionId,
}) => {
  const panel = await openWebmailPanel(context, extensionId);
  const mail = await context.newPage();
  await mail.goto(GMAIL_URL);
  await panel.getByLabel('Title').fill('Buyer');
  await panel.getByRole('button', { name: 'Save and log email' }).click();
  await expect(panel.getByTestId('message-card')).toHaveAttribute('data-state', 'known');
  // The message says "Head of Purchasing", the card "Buyer".
  const conflicts = panel.getByTestId('card-conflicts');
  await expect(conflicts).toContainText('Keep “Buyer”');
  await expect(conflicts).toContainText('Use “Head of Purchasing” from the email');
  await panel.screenshot({ path: test.info().outputPath('gmail-conflict.png'), fullPage: true });
  await conflicts.getByLabel('Use “Head of Purchasing” from the email').check();
  await panel.getByRole('button', { name: 'Log email' }).click();
  await expect(panel.getByTestId('card-conflicts')).toHaveCount(0);
  const [contact] = await dbRows(panel, 'contacts');
  expect(contact).toMatchObject({ title: 'Head of Purchasing' });
  const history = await dbRows(panel, 'history');
  expect(history).toContainEqual(
    expect.objectContaining({ field: 'title', oldValue: '"Buyer"', newValue: '"Head of Purchasing"' }),
  );
  expect(await dbRows(panel, 'interactions')).toHaveLength(1);
});
