// Issue 6: a change in browser A visible in browser B. Two profiles with the extension, signed in to a
// real server process as the same user; A clips a page with a new person (the toolbar's path), B's
// database is watched until the person is there. Measures the whole path: clip, local write, debounced
// push, server commit and live notification, B's pull and local write. (Without the 50 other
// connected devices: one server process, loopback.)
// Needs the end-to-end build of the extension (`pnpm build`).
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { startSyncServer } from '../../scripts/sync-server.mjs';
import { EXTENSION_DIR, launchWithExtension, percentile, round1 } from '../support.mjs';

async function profile() {
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-bench-latency-'));
  const context = await launchWithExtension(dir);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/sidepanel.html`);
  return { dir, context, worker, page };
}

/** In B's extension page: resolves with the time (epoch ms) a contact with `email` is stored. */
function waitForEmail(email) {
  return new Promise((resolve, reject) => {
    const look = () => {
      const open = indexedDB.open('keepcard');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result
          .transaction('contacts')
          .objectStore('contacts')
          .index('emailKeys')
          .count(email);
        req.onsuccess = () => {
          open.result.close();
          if (req.result > 0) resolve(Date.now());
          else setTimeout(look, 10);
        };
      };
    };
    look();
  });
}

export default async function syncLatency() {
  const opts = { samples: Number(process.env.SYNC_BENCH_SAMPLES ?? 30) };
  await access(join(EXTENSION_DIR, 'manifest.json')).catch(() => {
    throw new Error(`No extension build in ${EXTENSION_DIR}: run \`pnpm build\` first.`);
  });
  const pagesDir = await mkdtemp(join(tmpdir(), 'keepcard-bench-pages-'));
  for (let i = 0; i < opts.samples; i++) {
    await writeFile(
      join(pagesDir, `p${i}.html`),
      `<!doctype html><meta charset="utf-8"><ul><li class="person"><h3>Customer ${i}</h3><a href="mailto:latency${i}@example.com">latency${i}@example.com</a></li></ul>`,
    );
  }
  const pages = await startStaticServer(pagesDir);
  const server = await startSyncServer();
  const [a, b] = [await profile(), await profile()];
  const latencies = [];
  try {
    const email = `latency-${Date.now()}@example.com`;
    for (const [p, mode] of [
      [a, 'sign-up'],
      [b, 'sign-in'],
    ]) {
      const send = (m) => p.page.evaluate((msg) => chrome.runtime.sendMessage(msg), m);
      await send({ type: 'sync:set-server', serverUrl: server.url });
      const answer = await send({
        type: 'sync:sign-in',
        mode,
        email,
        password: 'correct horse battery',
        deviceName: 'bench',
      });
      if (!answer.ok) throw new Error(`sign-in: ${answer.message}`);
    }
    await b.page.waitForTimeout(1000); // B's live stream connects
    for (let i = 0; i < opts.samples; i++) {
      const url = pages.url(`p${i}.html`);
      const tab = await a.context.newPage();
      await tab.goto(url);
      const seen = b.page.evaluate(waitForEmail, `latency${i}@example.com`);
      const started = Date.now();
      await a.worker.evaluate(async (pageUrl) => {
        const [t] = await chrome.tabs.query({ url: pageUrl });
        await globalThis.keepcardClipTab(t);
      }, url);
      latencies.push((await seen) - started);
      await tab.close();
    }
  } finally {
    for (const p of [a, b]) {
      await p.context.close();
      await rm(p.dir, { recursive: true, force: true });
    }
    await server.stop();
    await pages.close();
    await rm(pagesDir, { recursive: true, force: true });
  }
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  return {
    description:
      'A contact clipped in browser A, visible in browser B’s database: clip, local write, debounced push (50 ms), server commit and live notification, B’s pull and write. Two extension profiles, one server process (PGlite) on loopback, no other devices connected.',
    parameters: opts,
    runsMs: { latency: latencies.map(round1) },
    p50Ms: p50,
    p99Ms: p99,
    budget: { p50AtMost: 300, p99AtMost: 1000 },
    pass: p50 < 300 && p99 < 1000,
  };
}
