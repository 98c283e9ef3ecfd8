// The background's sync: the only place that talks to the server (docs/sync-protocol.md §3, §7, §11).
// Wires the engine and the live stream to what wakes a service worker: its start, alarms, messages
// from the settings page, local writes, and the network coming back.
import { liveQuery } from 'dexie';
import { type Browser, browser } from 'wxt/browser';
import { getDb } from '../db/db';
import { type ExtensionMessage, parseExtensionMessage, type ReplyTo } from '../messages';
import { LiveStream } from './live-stream';
import { joinTeam, setDeviceName, setServerUrl, signIn, signOut, teammates } from './sync-account';
import { SyncEngine } from './sync-engine';
import { readSyncView } from './sync-view';

/** Wakes the worker to catch up even if a live event was missed or the worker was stopped. */
const PERIODIC_ALARM = 'keepcard-sync';
/** The end of a backoff, for when the worker is stopped before its timer fires. */
const RETRY_ALARM = 'keepcard-sync-retry';
/** Local writes come in bursts (a clip saves several contacts): push once they settle. */
const WRITE_DEBOUNCE_MS = 50;

type SyncMessageType = Extract<ExtensionMessage['type'], `sync:${string}`>;
type SyncMessage = Extract<ExtensionMessage, { type: SyncMessageType }>;

/** Only one sync per browser profile, whichever context asks (one leader, many tabs). */
function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? (locks.request('keepcard-sync', work) as Promise<T>) : work();
}

const isOnline = () => globalThis.navigator?.onLine !== false;

export function startSyncService(): void {
  const db = getDb();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const live = new LiveStream({
    api: () => engine.api(),
    onPull: () => void engine.sync(),
    onRefused: () => void engine.sync(),
    // An extension API call resets the service worker's idle timer: with the server's keep-alive
    // every 25 s, the worker stays up while the stream is open (Chrome stops idle workers after 30 s).
    onActivity: () => void browser.runtime.getPlatformInfo().catch(() => {}),
  });
  const engine: SyncEngine = new SyncEngine({
    db,
    isOnline,
    exclusive,
    wakeAt: (at) => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void wake(), Math.max(0, at - Date.now()));
      void browser.alarms.create(RETRY_ALARM, { when: at });
    },
    onStopped: () => live.stop(),
  });

  /**
   * Sync now, and keep the live stream open while signed in and online. A stream still waiting out
   * its backoff (it failed while offline) reconnects at once after a sync that reached the server.
   */
  const wake = async (force = false) => {
    const status = await engine.sync({ force });
    if (status.state === 'signed-out' || status.state === 'update-needed' || !isOnline()) return;
    if (status.state === 'idle' && live.running && !live.connected) live.stop();
    live.start();
  };

  void browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PERIODIC_ALARM || alarm.name === RETRY_ALARM) void wake();
  });
  globalThis.addEventListener?.('online', () => void wake(true));
  globalThis.addEventListener?.('offline', () => live.stop());

  let debounce: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void engine.sync(), WRITE_DEBOUNCE_MS);
  };
  // Writes from any context of the extension (side panel, this worker) reach the outbox; Dexie tells
  // this worker about them while it runs. Pages also send `sync:nudge`, which wakes a stopped worker.
  let first = true;
  liveQuery(() => db.outbox.orderBy('seq').lastKey()).subscribe({
    next: () => {
      if (first) first = false;
      else soon();
    },
    error: () => {},
  });

  browser.runtime.onMessage.addListener(
    (raw: unknown, sender: Browser.runtime.MessageSender, reply: (answer: unknown) => void) => {
      const message = parseExtensionMessage(raw);
      if (!message?.type.startsWith('sync:')) return undefined;
      // Only the extension's own pages, not content scripts in web pages, may drive sync.
      if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/')))
        return undefined;
      handle(message as SyncMessage).then(reply, (error: unknown) =>
        reply({
          ok: false,
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        }),
      );
      return true;
    },
  );

  const deps = { db };
  async function handle(message: SyncMessage): Promise<ReplyTo[SyncMessageType]> {
    switch (message.type) {
      case 'sync:status':
        return readSyncView(db, live.connected);
      case 'sync:set-server':
        return setServerUrl(message.serverUrl, deps);
      case 'sync:sign-in': {
        const result = await signIn(message, deps);
        if (result.ok) void wake(true);
        return result;
      }
      case 'sync:join-team': {
        const result = await joinTeam(message.code, deps);
        if (result.ok) {
          // New rights: the server closes this user's streams and the next pull refetches (§8).
          live.stop();
          void wake(true);
        }
        return result;
      }
      case 'sync:sign-out': {
        live.stop();
        return signOut(deps);
      }
      case 'sync:set-device-name':
        return setDeviceName(message.deviceName, deps);
      case 'sync:now':
        await wake(true);
        return readSyncView(db, live.connected);
      case 'sync:nudge':
        soon();
        return undefined;
      case 'sync:teammates':
        return teammates(deps);
    }
  }

  // Exposed for end-to-end tests and benchmarks, which drive the same engine.
  Object.assign(globalThis, { keepcardSync: { engine, live, handle } });
  void wake();
}
