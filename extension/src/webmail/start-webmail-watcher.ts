import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { parseExtensionMessage, sendToExtension } from '../messages';
import { createOpenMessageWatcher } from './open-message-watcher';
import type { WebmailAdapter } from './webmail-adapter';

/**
 * Wires a site's adapter into the page: follows the open message and tells the extension when it
 * changes; answers the side panel's "what is open?". Everything stops with the content script's
 * context (extension updated or reloaded), so an orphaned script never throws into the page.
 */
export function startWebmailWatcher(ctx: ContentScriptContext, adapter: WebmailAdapter): void {
  const watcher = createOpenMessageWatcher({
    ctx,
    doc: document,
    url: () => location.href,
    adapter,
    send: (report) => {
      if (ctx.isValid) void sendToExtension({ type: 'webmail:changed', report });
    },
  });

  const onMessage = (raw: unknown, _sender: unknown, reply: (answer: unknown) => void) => {
    const message = parseExtensionMessage(raw);
    if (message?.type !== 'webmail:get') return undefined;
    reply(watcher.current());
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  ctx.addEventListener(window, 'wxt:locationchange', () => watcher.urlChanged());
  ctx.addEventListener(window, 'hashchange', () => watcher.urlChanged());
  // A tab brought to the front tells an open side panel (in a tab view) what it shows.
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') watcher.resend();
  });
  watcher.start();
}
