// Sync through the visible Settings screen (issue 6): a rep types the server URL, signs in with the
// form, and sees the records of their account arrive in the list; a record pushed by their other
// device while the panel is open arrives live; an edit made in the panel reaches the server by itself.
// The "office" device is the account's other browser, speaking the same HTTP API as the extension.

import { type SyncServer, startSyncServer } from '../../scripts/sync-server.mjs';
import {
  MemoryReplica,
  newId,
  type PullResponse,
  type PushResponse,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type Session,
} from '../../shared/src/index';
import { expect, test } from '../support/extension';
import { goTo } from '../ui/support/panel';

const PASSWORD = 'correct horse battery';

async function call<T>(server: SyncServer, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...(token && { authorization: `Bearer ${token}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The account's other browser: signs up, and pushes and pulls like a device. */
async function officeDevice(server: SyncServer, email: string) {
  const deviceId = newId();
  const session = await call<Session>(server, 'POST', '/v1/auth/signup', {
    email,
    password: PASSWORD,
    deviceId,
    deviceName: 'Office',
  });
  const replica = new MemoryReplica(deviceId);
  return {
    userId: session.user.id,
    async addContact(displayName: string, emailAddress: string) {
      const now = Date.now();
      replica.write(
        'contacts',
        newId(),
        () => ({
          id: '',
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
          ownerId: session.user.id,
          teamId: null,
          visibility: 'private',
          schemaVersion: SCHEMA_VERSION,
          displayName,
          emails: [{ address: emailAddress, label: 'work' }],
          source: { kind: 'manual' },
        }),
        now,
      );
      const request = replica.pushRequest()!;
      const response = await call<PushResponse>(server, 'POST', '/v1/sync/push', request, session.token);
      expect(response.results.map((r) => r.status)).toEqual(['applied']);
      replica.applyPushResponse(request, response, Date.now());
    },
    /** Every live contact on the server, as this device may read them. */
    async contacts() {
      const page = await call<PullResponse>(
        server,
        'GET',
        '/v1/sync/pull?limit=1000',
        undefined,
        session.token,
      );
      return page.changes.flatMap((c) => (c.kind === 'upsert' ? [c.record as Record<string, unknown>] : []));
    },
  };
}

test('sign in from the Settings screen, see the account’s records arrive, and local edits go up', async ({
  openSidePanel,
}) => {
  test.setTimeout(180_000);
  let server: SyncServer | undefined;
  try {
    server = await startSyncServer();
    const email = `settings-${Date.now()}@example.com`;
    const office = await officeDevice(server, email);
    await office.addContact('周杰 Zhou Jie', 'zhou.jie@example.cn');

    const panel = await openSidePanel();
    await goTo(panel, 'Settings');
    const sync = panel.getByTestId('sync-settings');
    await expect(sync.getByText('Not signed in: your changes stay in this browser.')).toBeVisible();
    await sync.getByLabel('Server URL').fill(server.url);
    await sync.getByRole('button', { name: 'Save server' }).click();
    await expect(sync.getByText(`Server saved: ${server.url}`)).toBeVisible();
    await sync.getByLabel('Email').fill(email);
    await sync.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await sync.getByLabel('Name of this browser').fill('Home laptop');
    await sync.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(sync.getByTestId('sync-signed-in')).toHaveText(`Signed in as ${email}`, { timeout: 30_000 });
    await expect(sync.getByText('Up to date')).toBeVisible({ timeout: 30_000 });
    await panel.screenshot({ path: test.info().outputPath('sync-settings-signed-in.png'), fullPage: true });

    // The office's record is in the list.
    await goTo(panel, 'Customers');
    const rows = panel.getByTestId('customer-row');
    await expect(rows.filter({ hasText: '周杰 Zhou Jie' })).toHaveCount(1, { timeout: 30_000 });

    // A record the office adds now arrives without touching anything (live stream → pull).
    const pushed = Date.now();
    await office.addContact('Anna Schmidt', 'anna.schmidt@example.de');
    await expect(rows.filter({ hasText: 'Anna Schmidt' })).toHaveCount(1, { timeout: 30_000 });
    console.log(`sync settings e2e: office push visible in the panel after ${Date.now() - pushed} ms`);
    await panel.screenshot({ path: test.info().outputPath('sync-settings-list.png') });

    // An edit in the panel (bulk tag) reaches the server by itself: the panel nudges the background.
    await rows.filter({ hasText: '周杰 Zhou Jie' }).locator('input[type=checkbox]').check();
    const bulk = panel.getByTestId('bulk-bar');
    await bulk.getByRole('button', { name: 'Tag', exact: true }).click();
    await bulk.getByLabel('Tag to add').fill('VIP');
    await bulk.getByRole('button', { name: 'Apply to 1 customer' }).click();
    await expect(bulk.getByRole('status')).toHaveText('Tagged 1 customer with “vip”.');
    await expect
      .poll(async () => (await office.contacts()).find((c) => c.displayName === '周杰 Zhou Jie')?.tags, {
        timeout: 30_000,
      })
      .toEqual(['vip']);

    // Assigning the customer to someone who cannot read it: written at once (offline-first), refused
    // by the server (a record without a team is assigned only to its owner), and reverted here.
    await bulk.getByRole('button', { name: 'Assign', exact: true }).click();
    await bulk.getByLabel('Assign to').fill('someone-else');
    await bulk.getByRole('button', { name: 'Apply to 1 customer' }).click();
    await expect(bulk.getByRole('status')).toHaveText('Assigned 1 customer.');
    await goTo(panel, 'Settings');
    await sync.getByText('Changes the server refused').click();
    await expect(sync.getByRole('listitem').filter({ hasText: 'assigneeId' })).toContainText(
      'a record without a team can only be assigned to its owner',
      { timeout: 30_000 },
    );
    expect((await office.contacts()).find((c) => c.displayName === '周杰 Zhou Jie')).toMatchObject({
      assigneeId: null,
      ownerId: office.userId,
    });
    await expect(sync.getByTestId('sync-pending')).toHaveText(/^No changes waiting/, { timeout: 30_000 });
    await panel.screenshot({ path: test.info().outputPath('sync-settings-status.png'), fullPage: true });
  } finally {
    await server?.stop();
  }
});
