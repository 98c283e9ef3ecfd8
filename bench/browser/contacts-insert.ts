import { CONTACT_INDEXES, KeepcardDB } from '../../extension/src/db/db';
import { buildRecord, createRecords, toStoredRow } from '../../extension/src/db/records-repo';
import { generateContacts } from './generate-contacts';

const actor = { userId: 'bench-user', teamId: null };

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** Raw IndexedDB: one store with the same key path and indexes as Keepcard's contacts store. */
function openRawDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('contacts', { keyPath: 'id' });
      for (const index of CONTACT_INDEXES)
        store.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The baseline: a plain `put` loop, one transaction per batch, rows already built and validated. */
async function rawPutLoop(rows: readonly object[], batch: number): Promise<number> {
  await deleteDatabase('bench-raw');
  const db = await openRawDb('bench-raw');
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batch) {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('contacts', 'readwrite');
      const store = tx.objectStore('contacts');
      for (const row of rows.slice(i, i + batch)) store.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
  const ms = performance.now() - started;
  db.close();
  await deleteDatabase('bench-raw');
  return ms;
}

/** Keepcard's path: the repository builds, validates and stores each batch in one transaction. */
async function repositoryInsert(inputs: ReturnType<typeof generateContacts>, batch: number): Promise<number> {
  await deleteDatabase('bench-repo');
  const db = new KeepcardDB('bench-repo');
  await db.open();
  const started = performance.now();
  for (let i = 0; i < inputs.length; i += batch) {
    await createRecords('contacts', inputs.slice(i, i + batch), { actor, now: Date.now(), db });
  }
  const ms = performance.now() - started;
  const stored = await db.contacts.count();
  if (stored !== inputs.length) throw new Error(`repository stored ${stored} of ${inputs.length} rows`);
  db.close();
  await deleteDatabase('bench-repo');
  return ms;
}

/** Runs both paths alternately, `rounds` times each, on the same generated rows. */
export async function benchContactsInsert(opts: { rows: number; batch: number; rounds: number }) {
  const inputs = generateContacts(opts.rows);
  const now = Date.now();
  const rows = inputs.map((input) => toStoredRow('contacts', buildRecord('contacts', input, { actor, now })));
  const repository: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    raw.push(await rawPutLoop(rows, opts.batch));
    repository.push(await repositoryInsert(inputs, opts.batch));
  }
  return { repository, raw };
}
