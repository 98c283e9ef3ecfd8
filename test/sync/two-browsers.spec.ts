// Sync end to end (issue 6): two Chromium profiles with the built extension and a real server process.
// A contact clipped in profile A appears in profile B; both edit offline, reconnect, and converge.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { type StaticServer, startStaticServer } from '../../scripts/static-server.mjs';
import { type SyncServer, startSyncServer } from '../../scripts/sync-server.mjs';
import { clipPage, expect, extensionWorker, launchWithExtension } from '../support/extension';

interface Profile {
  name: string;
  context: BrowserContext;
  worker: Worker;
  /** An extension page: messages from it reach the background like the settings page's. */
  page: Page;
  dir: string;
}

async function openProfile(name: string): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), `keepcard-sync-${name}-`));
  const context = await launchWithExtension(dir);
  const worker = await extensionWorker(context);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/sidepanel.html`);
  return { name, context, worker, page, dir };
}

/** Sends a sync message to the background the way the settings page does. */
function send<T = { ok: boolean; code?: string; message?: string }>(
  profile: Profile,
  message: object,
): Promise<T> {
  return profile.page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

interface Contact {
  id: string;
  displayName: string;
  emails: { address: string }[];
  phones: { number: string }[];
  deletedAt: number | null;
  [field: string]: unknown;
}

/** The live contacts of a profile, read with plain IndexedDB, without what only this browser keeps. */
function contactsOf(profile: Profile): Promise<Contact[]> {
  return profile.page.evaluate(
    () =>
      new Promise<Contact[]>((resolve, reject) => {
        const open = indexedDB.open('keepcard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('contacts').objectStore('contacts').getAll();
          req.onsuccess = () => {
            open.result.close();
            const rows = (req.result as Contact[]).filter((c) => c.deletedAt === null);
            resolve(
              rows
                .map(({ localRev: _l, syncMeta: _s, ...record }) => record as Contact)
                .sort((a, b) => a.id.localeCompare(b.id)),
            );
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

const names = async (p: Profile) => (await contactsOf(p)).map((c) => c.displayName).sort();

const test = base.extend<{ server: SyncServer; pages: StaticServer; a: Profile; b: Profile }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies destructured.
  server: async ({}, use) => {
    const server = await startSyncServer();
    await use(server);
    await server.stop();
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  pages: async ({}, use) => {
    const server = await startStaticServer(join(import.meta.dirname, '..', 'fixtures', 'pages'));
    await use(server);
    await server.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  a: async ({}, use) => {
    const profile = await openProfile('a');
    await use(profile);
    await profile.context.close();
    await rm(profile.dir, { recursive: true, force: true });
  },
  // biome-ignore lint/correctness/noEmptyPattern: as above.
  b: async ({}, use) => {
    const profile = await openProfile('b');
    await use(profile);
    await profile.context.close();
    await rm(profile.dir, { recursive: true, force: true });
  },
});

test('a contact clipped in A appears in B; both edit offline, reconnect, and converge', async ({
  server,
  pages,
  a,
  b,
}) => {
  test.setTimeout(120_000);
  const email = `rep-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  for (const [profile, mode] of [
    [a, 'sign-up'],
    [b, 'sign-in'],
  ] as const) {
    expect(await send(profile, { type: 'sync:set-server', serverUrl: server.url })).toEqual({ ok: true });
    expect(
      await send(profile, {
        type: 'sync:sign-in',
        mode,
        email,
        password,
        deviceName: `Profile ${profile.name}`,
      }),
    ).toEqual({ ok: true });
  }

  // Clip in A: B shows the contacts, pushed by A after the write and announced to B by the live stream.
  const teamPage = await a.context.newPage();
  const teamUrl = pages.url('team.html');
  await teamPage.goto(teamUrl);
  const clipped = Date.now();
  expect(await clipPage(a.worker, teamUrl)).toMatchObject({ created: 3 });
  await expect.poll(() => names(b), { timeout: 15_000, intervals: [100] }).toContain('王小明');
  const latency = Date.now() - clipped;
  test.info().annotations.push({ type: 'A → B', description: `${latency} ms from clip to visible in B` });
  console.log(`sync e2e: clip in A visible in B after ${latency} ms (polled every 100 ms)`);
  await expect.poll(() => names(b)).toHaveLength(3);
  expect(await contactsOf(b)).toEqual(await contactsOf(a));

  // Both go offline; each clips a page it had open (the same person, other details; and a new person).
  const officeUrl = pages.url('sync-office.html');
  const laptopUrl = pages.url('sync-laptop.html');
  await (await a.context.newPage()).goto(officeUrl);
  await (await b.context.newPage()).goto(laptopUrl);
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  expect(await clipPage(a.worker, officeUrl)).toMatchObject({ created: 1, updated: 1 });
  expect(await clipPage(b.worker, laptopUrl)).toMatchObject({ created: 1, updated: 1 });
  // Offline: the changes wait in each outbox, and each side still has only its own.
  for (const profile of [a, b]) {
    await expect
      .poll(
        async () => (await send<{ pending: number; state: string }>(profile, { type: 'sync:status' })).state,
      )
      .toMatch(/offline|error/);
    expect((await send<{ pending: number }>(profile, { type: 'sync:status' })).pending).toBe(2);
  }
  expect(await names(a)).toContain('李雷');
  expect(await names(a)).not.toContain('韩梅梅');

  // Back online: each catches up by itself (backoff retries, live stream reconnects) and they converge.
  await a.context.setOffline(false);
  await b.context.setOffline(false);
  const reconnected = Date.now();
  await expect
    .poll(async () => [await names(a), await names(b)], { timeout: 60_000, intervals: [500] })
    .toEqual([
      ['<img src=x onerror=alert(1)> Evil Name', 'Anna Schmidt', '李雷', '王小明', '韩梅梅'],
      ['<img src=x onerror=alert(1)> Evil Name', 'Anna Schmidt', '李雷', '王小明', '韩梅梅'],
    ]);
  await expect
    .poll(async () => JSON.stringify(await contactsOf(a)) === JSON.stringify(await contactsOf(b)), {
      timeout: 30_000,
    })
    .toBe(true);
  console.log(`sync e2e: converged ${Date.now() - reconnected} ms after reconnecting`);
  const wang = (await contactsOf(a)).find((c) => c.displayName === '王小明')!;
  // Per-field last writer wins: B's later clip wrote emails and phones whole, A's phone is in the server's conflict log.
  expect(wang.emails.map((e) => e.address)).toEqual([
    'wang.xiaoming@example.cn',
    'xiaoming@hangzhou-tea.example.cn',
  ]);
  for (const profile of [a, b]) {
    const status = await send<{ pending: number; state: string }>(profile, { type: 'sync:status' });
    expect(status).toMatchObject({ pending: 0, state: 'idle' });
  }
});
