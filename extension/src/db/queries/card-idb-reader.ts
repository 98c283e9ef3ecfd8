// The card's reads (card-queries.ts) answered by plain IndexedDB, for the snapshot a panel opened on a
// card reads as its script starts (ui/card/card-prefetch.ts). Through Dexie that read waited for
// Dexie's construction (its schema of every version: ~10 ms on a slow machine) and its open (reading
// back every store's indexes) before asking for a row; here the rows are asked for at once, and the
// page constructs Dexie and mounts React while IndexedDB answers. Reads only, and nothing is created:
// a missing database or one at another version than this code's is left to Dexie (the card's live
// query reads then).
import { DB_NAME } from '../db-version';
import { openExisting, request } from '../plain-idb';
import { CARD_STORES, type CardData, type CardReader, readCard } from './card-queries';

/** IndexedDB 3's `getAll({ query, count, direction })` (one request, also newest first), where present. */
const hasGetAllOptions = (source: IDBObjectStore | IDBIndex) =>
  typeof (source as { getAllRecords?: unknown }).getAllRecords === 'function';

/** Rows of `source` in `range`, reversed or not, at most `limit`: one request, or a cursor where getAll has no direction. */
function rowsIn<T>(
  source: IDBObjectStore | IDBIndex,
  range: IDBKeyRange,
  reverse: boolean,
  limit: number | undefined,
  cursorOnly: boolean,
): Promise<T[]> {
  if (!reverse) return request(source.getAll(range, limit)) as Promise<T[]>;
  if (!cursorOnly && hasGetAllOptions(source)) {
    const getAll = source.getAll as unknown as (options: {
      query: IDBKeyRange;
      count?: number;
      direction: IDBCursorDirection;
    }) => IDBRequest<T[]>;
    return request(getAll.call(source, { query: range, count: limit, direction: 'prev' }));
  }
  return new Promise((resolve, reject) => {
    const rows: T[] = [];
    const cursor = source.openCursor(range, 'prev');
    cursor.onerror = () => reject(cursor.error);
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at || rows.length === limit) return resolve(rows);
      rows.push(at.value as T);
      if (rows.length === limit) return resolve(rows);
      at.continue();
    };
  });
}

/**
 * The card's reader over a read-only transaction on CARD_STORES. `cursorOnly` reads newest-first rows
 * with a cursor even where getAll takes a direction (how browsers without it read; for tests).
 */
function idbCardReader(
  tx: IDBTransaction,
  keyRange: typeof IDBKeyRange = IDBKeyRange,
  cursorOnly = false,
): CardReader {
  return {
    get: <T>(store: string, key: IDBValidKey) =>
      request(tx.objectStore(store).get(key)) as Promise<T | undefined>,
    range: <T>(
      store: string,
      index: string,
      lower: IDBValidKey,
      upper: IDBValidKey,
      options: { reverse?: boolean; limit?: number } = {},
    ) => {
      // Dexie names a compound index by its key paths in brackets: `[contactId+occurredAt]`.
      const source = tx.objectStore(store).index(index);
      return rowsIn<T>(
        source,
        keyRange.bound(lower, upper),
        options.reverse === true,
        options.limit,
        cursorOnly,
      );
    },
  };
}

/**
 * One card read straight from IndexedDB, in one read-only transaction, the connection closed after.
 * Fails (and the card reads through Dexie) when the database is missing or not at this code's version.
 */
export async function cardDataFromIdb(
  id: string,
  timelineLimit: number,
  env: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange; name?: string; cursorOnly?: boolean } = {},
): Promise<CardData> {
  const db = await openExisting(env.indexedDB ?? indexedDB, env.name ?? DB_NAME);
  try {
    const tx = db.transaction([...CARD_STORES], 'readonly');
    return await readCard(idbCardReader(tx, env.IDBKeyRange ?? IDBKeyRange), id, timelineLimit);
  } finally {
    db.close();
  }
}
