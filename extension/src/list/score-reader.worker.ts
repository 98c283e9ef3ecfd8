// Reads stored score rows off the main thread. A score row carries every score's reasons (a few KB);
// the list needs only its flat `list` part. Deserialising 100,000 full rows on the main thread took
// seconds and left hundreds of MB of garbage whose collection paused scrolling; here the worker reads
// them and posts back only what the list keeps. Plain IndexedDB: the worker opens the database at
// whatever version the page created, and only reads.
import type { ListScores } from '@keepcard/shared';

export interface ScoreReadRequest {
  id: number;
  afterRev: number;
  limit: number;
}

export interface ScoreReadReply {
  id: number;
  rows?: { contactId: string; localRev: number; list: ListScores }[];
  error?: string;
}

let opened: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('keepcard');
    req.onsuccess = () => {
      const db = req.result;
      // Let the page upgrade the schema later: a worker holding the old version must not block it.
      db.onversionchange = () => {
        db.close();
        opened = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  });
  return opened;
}

self.onmessage = async (event: MessageEvent<ScoreReadRequest>) => {
  const { id, afterRev, limit } = event.data;
  try {
    const db = await open();
    const rows = await new Promise<ScoreReadReply['rows']>((resolve, reject) => {
      const tx = db.transaction('scores', 'readonly');
      const req = tx
        .objectStore('scores')
        .index('localRev')
        .getAll(IDBKeyRange.lowerBound(afterRev, true), limit);
      req.onsuccess = () =>
        resolve(
          (req.result as { contactId: string; localRev: number; list: ListScores }[]).map((r) => ({
            contactId: r.contactId,
            localRev: r.localRev,
            list: r.list,
          })),
        );
      req.onerror = () => reject(req.error);
    });
    (self as unknown as Worker).postMessage({ id, rows } satisfies ScoreReadReply);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: String(error) } satisfies ScoreReadReply);
  }
};
