// Plain IndexedDB, for the few readers that must not wait for Dexie: the card's first read
// (queries/card-idb-reader.ts) and the list's score reader (list/score-reader.worker.ts).
import { DB_NAME, IDB_VERSION } from './db-version';

/** A request's result as a promise. */
export const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * Opens the database as this code knows it, or fails: a database that does not exist yet is not
 * created (its creation is aborted; Dexie creates it), one at another version than IDB_VERSION is
 * not read (its rows may be in another format: Dexie upgrades it, and the caller reads through Dexie
 * or tries again), and the connection closes at once when another context upgrades the schema, so it
 * never blocks that upgrade.
 */
export function openExisting(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => reject(req.error ?? new Error(`${name} could not be opened`));
    req.onsuccess = () => {
      const db = req.result;
      if (db.version !== IDB_VERSION) {
        db.close();
        reject(new Error(`${name} is at version ${db.version}, this code reads ${IDB_VERSION}`));
        return;
      }
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}
