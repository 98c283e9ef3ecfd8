// Reads stored score pages off the main thread. A page carries its contacts' card detail too; the list
// needs only their flat `list` part. Deserialising every page on the main thread would cost long tasks
// and leave garbage whose collection paused scrolling; here the worker reads them and posts back only
// what the list keeps. Plain IndexedDB: the worker only reads, and only a database at the version this
// code knows (a read before the page's Dexie upgraded it fails, and the list reads through Dexie).
import { openExisting, request } from '../db/plain-idb';
import { SCORE_PAGES, type ScorePageRow, type ScoreRead, scoreReadOf } from '../db/score-pages';

export interface ScoreReadRequest {
  id: number;
  afterRev: number;
  /** Pages per read. */
  limit: number;
}

export interface ScoreReadReply {
  id: number;
  read?: ScoreRead;
  error?: string;
}

let opened: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  opened ??= openExisting().then((db) => {
    // It closes itself when the page upgrades the schema (a worker holding the old version must not
    // block it); the next read opens the new version.
    db.addEventListener('versionchange', () => {
      opened = null;
    });
    return db;
  });
  // A failed open is not kept: the next read tries again.
  opened.catch(() => {
    opened = null;
  });
  return opened;
}

self.onmessage = async (event: MessageEvent<ScoreReadRequest>) => {
  const { id, afterRev, limit } = event.data;
  try {
    const db = await open();
    const pages = (await request(
      db
        .transaction(SCORE_PAGES, 'readonly')
        .objectStore(SCORE_PAGES)
        .index('localRev')
        .getAll(IDBKeyRange.lowerBound(afterRev, true), limit),
    )) as ScorePageRow[];
    (self as unknown as Worker).postMessage({ id, read: scoreReadOf(pages) } satisfies ScoreReadReply);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) } satisfies ScoreReadReply);
  }
};
