// Issue 6: the first sync of 100,000 contacts into a fresh browser, through the real extension (its
// service worker's sync engine) from a real server process, against a raw IndexedDB write of the same
// rows into a store with the same indexes, in the same browser profile and run.
// Needs the end-to-end build of the extension (`pnpm build`), which may reach http://127.0.0.1.
import { execFile } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startSyncServer } from '../../scripts/sync-server.mjs';
import { EXTENSION_DIR, launchWithExtension, median, round1 } from '../support.mjs';

const root = join(import.meta.dirname, '..', '..');

/** In the service worker: sign in, time the first sync, then time a raw write of the rows it stored. */
async function firstSyncInWorker({ url, email, password, rawBatch }) {
  const { handle, engine } = globalThis.keepcardSync;
  const answer = await handle({ type: 'sync:set-server', serverUrl: url });
  if (!answer.ok) throw new Error(`set-server: ${answer.message}`);
  const started = performance.now();
  const signedIn = await handle({
    type: 'sync:sign-in',
    mode: 'sign-in',
    email,
    password,
    deviceName: 'bench',
  });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.message}`);
  const signInMs = performance.now() - started;
  // Sign-in started the first sync; this waits for it (and one more, empty, pull).
  const status = await engine.sync();
  const syncMs = performance.now() - started;
  if (status.state !== 'idle') throw new Error(`sync ended ${status.state}: ${JSON.stringify(status.error)}`);

  const request = (req) =>
    new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const keepcard = await request(indexedDB.open('keepcard'));
  const store = keepcard.transaction('contacts').objectStore('contacts');
  const rows = await request(store.getAll());
  // The raw store gets exactly the indexes of Keepcard's contacts store, read from it.
  const indexes = [...store.indexNames].map((name) => {
    const index = store.index(name);
    return { name, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
  });
  keepcard.close();

  await request(indexedDB.deleteDatabase('bench-raw'));
  const open = indexedDB.open('bench-raw', 1);
  open.onupgradeneeded = () => {
    const raw = open.result.createObjectStore('contacts', { keyPath: 'id' });
    for (const i of indexes)
      raw.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry, unique: i.unique });
  };
  const rawDb = await request(open);
  const rawStarted = performance.now();
  for (let i = 0; i < rows.length; i += rawBatch) {
    await new Promise((resolve, reject) => {
      const tx = rawDb.transaction('contacts', 'readwrite');
      const raw = tx.objectStore('contacts');
      for (const row of rows.slice(i, i + rawBatch)) raw.put(row);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }
  const rawMs = performance.now() - rawStarted;
  rawDb.close();
  await request(indexedDB.deleteDatabase('bench-raw'));
  return { syncMs, signInMs, rawMs, rows: rows.length, indexes: indexes.length };
}

export default async function syncFirstSync() {
  // SYNC_BENCH_ROWS / SYNC_BENCH_ROUNDS make a quick trial run; the budget is for the defaults.
  const opts = {
    rows: Number(process.env.SYNC_BENCH_ROWS ?? 100_000),
    rounds: Number(process.env.SYNC_BENCH_ROUNDS ?? 3),
    pullPageRows: 1000,
    rawBatch: 1000,
  };
  try {
    await access(join(EXTENSION_DIR, 'manifest.json'));
  } catch {
    throw new Error(`No extension build in ${EXTENSION_DIR}: run \`pnpm build\` first.`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'keepcard-bench-server-'));
  const seeded = Date.now();
  const { stdout } = await promisify(execFile)(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['bench/sync/seed-server.ts', dataDir, String(opts.rows)],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  const account = JSON.parse(stdout.trim().split('\n').at(-1));
  const seedMs = Date.now() - seeded;
  const server = await startSyncServer({ dataDir });
  const runs = [];
  let chromiumVersion = '';
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const profile = await mkdtemp(join(tmpdir(), 'keepcard-bench-profile-'));
      const context = await launchWithExtension(profile);
      try {
        chromiumVersion = context.browser()?.version() ?? chromiumVersion;
        const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
        await worker.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500))); // let the worker settle
        const run = await worker.evaluate(firstSyncInWorker, {
          url: server.url,
          email: account.email,
          password: account.password,
          rawBatch: opts.rawBatch,
        });
        if (run.rows !== opts.rows) throw new Error(`first sync stored ${run.rows} of ${opts.rows} contacts`);
        runs.push(run);
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const sync = runs.map((r) => r.syncMs);
  const raw = runs.map((r) => r.rawMs);
  const ratio = median(sync) / median(raw);
  return {
    description:
      'First sync of 100,000 contacts into a fresh browser profile: the extension’s service worker signs in to a real server process (PGlite) and pulls pages of 1,000 rows, each applied with its cursor in one Dexie transaction (zod validation, index keys, server stamps). Baseline: a raw IndexedDB put loop of the very rows it stored, into a store with the same indexes, 1,000 rows per transaction, in the same profile right after. The sync time includes sign-in.',
    environment: { chromium: chromiumVersion },
    parameters: { ...opts, seedMs },
    runsMs: { sync: sync.map(round1), raw: raw.map(round1), signIn: runs.map((r) => round1(r.signInMs)) },
    medianMs: { sync: round1(median(sync)), raw: round1(median(raw)) },
    ratio: Math.round(ratio * 1000) / 1000,
    budget: { ratioAtMost: 1.5 },
    pass: ratio <= 1.5,
  };
}
