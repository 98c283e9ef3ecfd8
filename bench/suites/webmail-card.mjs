// Issue 3: the card shown in the side panel after a message opens in webmail. Measured end to end
// with the built extension (e2e variant) in headless Chromium: the Gmail fixture page is served at
// mail.google.com so the real content script runs; each round swaps the open message in place (as
// Gmail does), and the time runs from that DOM change in the Gmail tab to the card for the new
// message rendered in the panel page (its `data-message-key` set, state known or unknown). Both
// ends read the same clock (performance.timeOrigin + performance.now()). Budget: under 150 ms.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXTENSION_DIR, launchWithExtension, median, percentile, round1 } from '../support.mjs';

const root = resolve(import.meta.dirname, '../..');
const GMAIL_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbxLmNqRsTuVwXy';

/** Swaps the open Gmail message for another sender and id, and returns when it did (page clock). */
function openMessageInPage({ id, name, address }) {
  const open = document.querySelectorAll('[data-message-id]')[1];
  const sender = open.querySelector('h3 [email]');
  const at = performance.timeOrigin + performance.now();
  open.setAttribute('data-legacy-message-id', id);
  sender.setAttribute('email', address);
  sender.setAttribute('name', name);
  sender.textContent = name;
  open.querySelector('.a3s').innerHTML =
    `<div>Hello,</div><div><br></div><div>please see the attached order.</div><div><br></div>` +
    `<div>Best regards,</div><div>${name}</div><div>Purchasing Manager</div><div>Bench Industries Ltd.</div>` +
    `<div>Tel: +49 30 1234${id.slice(-3)}</div><div>${address}</div>`;
  return at;
}

/** In the panel: resolves with the time the card of `key` is rendered (panel clock). */
function cardRenderedInPanel(key) {
  const done = () => {
    const card = document.querySelector(`[data-testid="message-card"][data-message-key="${key}"]`);
    const state = card?.getAttribute('data-state');
    return state === 'known' || state === 'unknown'
      ? { at: performance.timeOrigin + performance.now(), state }
      : null;
  };
  return new Promise((resolvePromise, reject) => {
    const now = done();
    if (now) return resolvePromise(now);
    const observer = new MutationObserver(() => {
      const hit = done();
      if (hit) {
        observer.disconnect();
        resolvePromise(hit);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    setTimeout(() => reject(new Error(`card ${key} not rendered in 5 s`)), 5000);
  });
}

export default async function webmailCard() {
  const parameters = { newSenders: 30, knownSenders: 30, budgetMs: 150 };
  const description =
    'From the DOM change that opens another message in the Gmail fixture page (served at mail.google.com, real content script) to the MessageCard for it rendered in the extension page that mounts it, built e2e extension in headless Chromium. Rounds alternate: new senders (pre-filled card) and senders saved earlier (known card, lookup by email). Includes the content script debounce (40 ms quiet, 250 ms at most), messaging, signature parsing, the IndexedDB lookup and the React render.';
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    execFileSync('pnpm', ['--filter', '@keepcard/extension', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'keepcard-bench-'));
  const context = await launchWithExtension(dir);
  try {
    const html = readFileSync(join(root, 'test/fixtures/webmail/gmail-message.html'), 'utf8');
    await context.route('https://mail.google.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.goto(`chrome-extension://${extensionId}/webmail-e2e.html`);
    const mail = await context.newPage();
    await mail.goto(GMAIL_URL);
    await panel.waitForSelector('[data-testid="message-card"][data-state="unknown"]');
    const visibility = {
      panel: await panel.evaluate(() => document.visibilityState),
      mail: await mail.evaluate(() => document.visibilityState),
    };

    const person = (i) => ({ name: `Sender ${i}`, address: `sender${i}@bench.example` });
    const measure = async (i, who) => {
      const id = `bench${String(i).padStart(6, '0')}`;
      const key = `gmail:${id}`;
      const rendered = panel.evaluate(cardRenderedInPanel, key);
      const openedAt = await mail.evaluate(openMessageInPage, { id, ...who });
      const { at, state } = await rendered;
      return { ms: at - openedAt, state };
    };

    const fresh = [];
    const known = [];
    // Warm-up: the first round loads the panel's code paths.
    await measure(0, person(0));
    for (let i = 1; i <= parameters.newSenders; i++) {
      const r = await measure(i, person(i));
      fresh.push(r.ms);
      // Save every sender (not timed), so the second half opens messages of known customers.
      await panel.getByRole('button', { name: 'Save and log email' }).click();
      await panel.waitForSelector('[data-testid="message-card"][data-state="known"]');
    }
    for (let i = 1; i <= parameters.knownSenders; i++) {
      const r = await measure(1000 + i, person(i));
      if (r.state !== 'known') throw new Error(`sender ${i} was not recognised`);
      known.push(r.ms);
    }
    const all = [...fresh, ...known];
    const p95 = percentile(all, 95);
    return {
      description,
      environment: { chromium: context.browser()?.version() ?? 'persistent context', visibility },
      parameters,
      runsMs: { newSender: fresh.map(round1), knownSender: known.map(round1) },
      medianMs: {
        all: round1(median(all)),
        newSender: round1(median(fresh)),
        knownSender: round1(median(known)),
      },
      p95Ms: {
        all: round1(p95),
        newSender: round1(percentile(fresh, 95)),
        knownSender: round1(percentile(known, 95)),
      },
      maxMs: round1(Math.max(...all)),
      budget: { p95AtMostMs: parameters.budgetMs },
      pass: p95 <= parameters.budgetMs,
    };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
