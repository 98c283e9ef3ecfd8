// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { WebmailReport } from '../messages';
import { gmailAdapter } from './gmail-adapter';
import { createOpenMessageWatcher, type WatcherContext } from './open-message-watcher';
import { FIXTURES_DIR } from './webmail-fixtures.test-support';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbxLmNqRsTuVwXy';

function fakeContext() {
  const listeners: (() => void)[] = [];
  const ctx: WatcherContext & { invalidate(): void } = {
    isValid: true,
    setTimeout: (handler, ms) => setTimeout(handler, ms) as unknown as number,
    onInvalidated(cb) {
      listeners.push(cb);
      return () => undefined;
    },
    invalidate() {
      (this as { isValid: boolean }).isValid = false;
      for (const cb of listeners) cb();
    },
  };
  return ctx;
}

const messageHtml = () => {
  const html = readFileSync(join(FIXTURES_DIR, 'gmail-message.html'), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
};

describe('createOpenMessageWatcher', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  test('sends when a message opens, not on unrelated churn, and once more when it closes', async () => {
    const sent: WebmailReport[] = [];
    const ctx = fakeContext();
    let url = 'https://mail.google.com/mail/u/0/#inbox';
    const watcher = createOpenMessageWatcher({
      ctx,
      doc: document,
      url: () => url,
      adapter: gmailAdapter,
      send: (r) => sent.push(r),
      options: { quietMs: 10, maxWaitMs: 50 },
    });
    document.body.innerHTML = '<div role="main"><p>Inbox</p></div>';
    watcher.start();
    await sleep(40);
    expect(sent).toEqual([]); // nothing open, nothing said

    url = THREAD_URL;
    document.body.innerHTML = messageHtml();
    await sleep(60);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message?.sender.address).toBe('anna.mueller@acme-industrie.de');

    // A hundred unrelated changes: reads are debounced and the fingerprint is unchanged.
    const readsBefore = watcher.reads;
    for (let i = 0; i < 100; i++) document.querySelector('header')!.append(` ${i}`);
    await sleep(60);
    expect(sent).toHaveLength(1);
    expect(watcher.reads).toBe(readsBefore);

    url = 'https://mail.google.com/mail/u/0/#inbox';
    document.body.innerHTML = '<div role="main"><p>Inbox</p></div>';
    watcher.urlChanged();
    await sleep(60);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.message).toBeNull();
    ctx.invalidate();
  });

  test('a steady stream of changes still gives a read within maxWaitMs', async () => {
    const sent: WebmailReport[] = [];
    const ctx = fakeContext();
    const watcher = createOpenMessageWatcher({
      ctx,
      doc: document,
      url: () => THREAD_URL,
      adapter: gmailAdapter,
      send: (r) => sent.push(r),
      options: { quietMs: 30, maxWaitMs: 80 },
    });
    watcher.start();
    document.body.innerHTML = messageHtml();
    const started = Date.now();
    while (sent.length === 0 && Date.now() - started < 1000) {
      document.querySelector('header')?.append('.');
      await sleep(5);
    }
    expect(sent).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(400);
    ctx.invalidate();
  });

  test('after the context is invalidated (extension reloaded), nothing more is read or sent', async () => {
    const sent: WebmailReport[] = [];
    const ctx = fakeContext();
    const watcher = createOpenMessageWatcher({
      ctx,
      doc: document,
      url: () => THREAD_URL,
      adapter: gmailAdapter,
      send: (r) => sent.push(r),
      options: { quietMs: 5, maxWaitMs: 20 },
    });
    watcher.start();
    ctx.invalidate();
    document.body.innerHTML = messageHtml();
    await sleep(40);
    expect(sent).toEqual([]);
  });

  test('a page that makes the adapter throw reads as no message', () => {
    const watcher = createOpenMessageWatcher({
      ctx: fakeContext(),
      doc: document,
      url: () => THREAD_URL,
      adapter: {
        site: 'gmail',
        fingerprint: () => String(Math.random()),
        read: () => {
          throw new Error('unexpected markup');
        },
      },
      send: () => undefined,
    });
    expect(watcher.current().message).toBeNull();
  });
});
