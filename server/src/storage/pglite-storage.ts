import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
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
 * PostgreSQL's default 128 MB buffer cache is sized for a database server with RAM of its own; in
 * an embedded database it is resident memory of the Keepcard process (and the files sit in the
 * OS page cache anyway). 16 MB keeps the server small (bench/suites/sync-live.mjs).
 */
const SETTINGS = { postgresqlconf: ['shared_buffers=16MB'] };

/**
 * PGlite's wasm runs on V8's baseline compiler (Liftoff) only. V8 otherwise recompiles the hot
 * PostgreSQL functions with its optimising compiler (TurboFan) in background threads, and the code and
 * compiler memory that leaves behind stayed resident: 260-270 MB for the started server against
 * 146-150 MB with Liftoff only. Measured alongside: 10,000 inserts took 1.9 s of CPU with Liftoff
 * only against 2.5 s (no recompiling), reads the same, and the whole push bench
 * (bench/suites/sync-push.mjs) 19-21 s of CPU either way. Set before PGlite compiles its module; it
 * concerns only WebAssembly, and PGlite is the server's only WebAssembly.
 */
const LIFTOFF_ONLY = '--liftoff-only';

/**
 * A new data directory is initialised (initdb) in a short-lived child process: initdb in WebAssembly
 * peaks near 800 MB, and wasm memory, once grown, stays resident in the process that grew it.
 */
async function initDataDir(dataDir: string) {
  const script = `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});
    await (await PGlite.create(process.argv[1])).close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dataDir]);
}

/**
 * PostgreSQL compiled to WebAssembly, in-process: the zero-setup store for one person or a small team.
 * @param dataDir where the database files live; omitted, the database is in memory (tests).
 */
export async function openPgliteStorage(dataDir?: string): Promise<Storage> {
  if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await initDataDir(dataDir);
  setFlagsFromString(LIFTOFF_ONLY);
  const db = await PGlite.create(dataDir, SETTINGS);
  return storageOver({
    kind: 'pglite',
    ...queryable(db),
    // PGlite runs one transaction at a time and queues the rest, so there is no pool to manage.
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    // One process, one database: notices never cross a network, so none is ever missed.
    listen: async (channel, onNotice) => {
      const stop = await db.listen(channel, onNotice);
      return () => stop();
    },
    close: () => db.close(),
  });
}
