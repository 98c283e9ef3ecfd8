import type { WebmailReport } from '../messages';
import type { WebmailAdapter } from './webmail-adapter';

/** The part of WXT's content-script context the watcher uses (timers die with the context). */
export interface WatcherContext {
  readonly isValid: boolean;
  setTimeout(handler: () => void, timeout?: number): number;
  onInvalidated(cb: () => void): () => void;
}

export interface WatcherOptions {
  /** Quiet time after the last change before reading: a message renders in several steps. */
  quietMs?: number;
  /** Longest wait under a stream of changes (Gmail's page changes all the time). */
  maxWaitMs?: number;
}

/** Attributes whose change can mean another message is open (the rest of the page's churn is ignored). */
const WATCHED_ATTRIBUTES = [
  'data-message-id',
  'data-legacy-message-id',
  'email',
  'aria-selected',
  'aria-label',
  'aria-expanded',
  'title',
  'data-convid',
];

/**
 * Follows the open message of a webmail page: reads it with the site's adapter after the page
 * changes (MutationObserver, URL changes), debounced, and calls `send` when what is open changed.
 * Bounded work: a change only schedules a read; a read first compares the adapter's cheap
 * fingerprint and does the full read only when it changed; at most one read per `quietMs` under a
 * steady stream of changes, and never later than `maxWaitMs` after the first change.
 */
export function createOpenMessageWatcher(opts: {
  ctx: WatcherContext;
  doc: Document;
  url: () => string;
  adapter: WebmailAdapter;
  send: (report: WebmailReport) => void;
  now?: () => number;
  options?: WatcherOptions;
}) {
  const { ctx, doc, adapter, send } = opts;
  const now = opts.now ?? Date.now;
  const quietMs = opts.options?.quietMs ?? 40;
  const maxWaitMs = opts.options?.maxWaitMs ?? 250;
  let fingerprint: string | null = null;
  let report: WebmailReport = { site: adapter.site, message: null, readAt: now() };
  let sentKey: string | null = null;
  let timer: number | undefined;
  let firstChangeAt: number | null = null;
  let reads = 0;

  /** The current report, read again only if the page's fingerprint changed. */
  function current(): WebmailReport {
    const url = opts.url();
    const print = adapter.fingerprint(doc, url);
    if (print !== fingerprint) {
      fingerprint = print;
      reads++;
      let message = null;
      try {
        message = adapter.read(doc, url);
      } catch {
        // A page the adapter cannot read is a page with no message, never a broken script.
        message = null;
      }
      report = { site: adapter.site, message, readAt: now() };
    }
    return report;
  }

  function flush() {
    timer = undefined;
    firstChangeAt = null;
    if (!ctx.isValid) return;
    const next = current();
    const key = next.message ? JSON.stringify(next.message) : 'none';
    // Nothing to say when nothing was open and still is not.
    if (key === sentKey || (sentKey === null && key === 'none')) return;
    sentKey = key;
    send(next);
  }

  function schedule() {
    if (!ctx.isValid) return;
    const at = now();
    firstChangeAt ??= at;
    if (timer !== undefined) clearTimeout(timer);
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt + maxWaitMs - at));
    timer = ctx.setTimeout(flush, wait);
  }

  const observer = new MutationObserver(schedule);

  return {
    start() {
      observer.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: WATCHED_ATTRIBUTES,
      });
      ctx.onInvalidated(() => {
        observer.disconnect();
        if (timer !== undefined) clearTimeout(timer);
      });
      schedule();
    },
    /** Call when the URL changed (a webmail app routes without reloading). */
    urlChanged: schedule,
    /** Sends the current report again, even unchanged (the tab became visible; a panel asked). */
    resend() {
      sentKey = null;
      schedule();
    },
    current,
    /** How many full reads were made (for tests and the benchmark). */
    get reads() {
      return reads;
    },
  };
}
