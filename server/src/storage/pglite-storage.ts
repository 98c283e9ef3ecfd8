import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type Queryable, type Storage, storageOver } from './storage';

/** PGlite's connection and its transactions answer the same two calls. */
function queryable(db: Pick<Transaction, 'query' | 'exec'>): Queryable {
  return {
    query: async <T>(sql: string, params?: readonly unknown[]) =>
      (await db.query<T>(sql, params && [...params])).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly, in-process: the zero-setup store for one person or a small team.
 * @param dataDir where the database files live; omitted, the database is in memory (tests).
 */
export async function openPgliteStorage(dataDir?: string): Promise<Storage> {
  const db = await PGlite.create(dataDir);
  return storageOver({
    kind: 'pglite',
    ...queryable(db),
    // PGlite runs one transaction at a time and queues the rest, so there is no pool to manage.
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    close: () => db.close(),
  });
}
