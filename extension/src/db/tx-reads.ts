// Reads through the IndexedDB transaction beneath a Dexie transaction, for the one hot path that
// needs them: a rescore (scoring-engine.ts) reads a contact's records, the model and the score page
// this way in 1.9-2.0 ms against 2.8 through Dexie's tables (medians of 35 rescores on a 20,000-contact
// book, a one-off A/B probe in the e2e build, not kept). Writes still go through Dexie, so its live
// queries see them.
import Dexie from 'dexie';

/** The native transaction of the Dexie transaction this code runs in; fails outside one. */
export function currentIdbTransaction(): IDBTransaction {
  const tx = Dexie.currentTransaction;
  if (!tx) throw new Error('tx-reads: call inside db.transaction(...)');
  return tx.idbtrans;
}

/**
 * A request's result as a Dexie promise: awaited inside a Dexie transaction, the code after it still
 * runs in that transaction (a native promise would leave it, and Dexie's next write would open a
 * transaction of its own).
 */
export const txResult = <T>(req: IDBRequest<T>): Promise<T> =>
  new Dexie.Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Rows of `store` by key, in one batch of requests (undefined where none). */
export function getByKeys<T>(
  tx: IDBTransaction,
  store: string,
  keys: readonly IDBValidKey[],
): Promise<(T | undefined)[]> {
  const s = tx.objectStore(store);
  return Dexie.Promise.all(keys.map((key) => txResult<T | undefined>(s.get(key))));
}

/** Every row of `store` whose `index` equals or lies in `query`. */
export function getAllByIndex<T>(
  tx: IDBTransaction,
  store: string,
  index: string,
  query: IDBValidKey | IDBKeyRange,
): Promise<T[]> {
  return txResult<T[]>(tx.objectStore(store).index(index).getAll(query));
}

/** IDBKeyRange.bound of the IndexedDB beneath the current Dexie transaction (tests run on fake-indexeddb's). */
export function boundRange(lower: IDBValidKey, upper: IDBValidKey): IDBKeyRange {
  const ranges = (Dexie.currentTransaction?.db._options.IDBKeyRange ??
    Dexie.dependencies.IDBKeyRange) as typeof IDBKeyRange;
  return ranges.bound(lower, upper);
}
