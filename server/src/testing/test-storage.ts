// The databases every server suite runs against: PGlite always, PostgreSQL when DATABASE_URL is set
// (each run in a fresh schema of its own, dropped afterwards).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPgliteStorage } from '../storage/pglite-storage';
import { openPostgresStorage } from '../storage/postgres-storage';
import type { Storage } from '../storage/storage';

export interface OpenedStorage {
  storage: Storage;
  /** For PostgreSQL: the connection string and schema, so a spawned server can use the same database. */
  postgres?: { url: string; schema: string };
  dispose(): Promise<void>;
}

export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** Why it is skipped, or null when it runs. */
  skip: string | null;
  open(): Promise<OpenedStorage>;
}

const url = process.env.DATABASE_URL;
if (!url) console.info('PostgreSQL suites skipped: set DATABASE_URL to run them against PostgreSQL too');

export const testBackends: TestBackend[] = [
  {
    name: 'pglite',
    skip: null,
    open: async () => {
      const storage = await openPgliteStorage();
      return { storage, dispose: () => storage.close() };
    },
  },
  {
    name: 'postgres',
    skip: url ? null : 'set DATABASE_URL to run against PostgreSQL',
    open: async () => {
      const schema = `kc_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const storage = await openPostgresStorage({ connectionString: url!, schema });
      return {
        storage,
        postgres: { url: url!, schema },
        dispose: async () => {
          await storage.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
          await admin.end();
        },
      };
    },
  },
];

/** describe() title that says when and why a backend is skipped. */
export const backendTitle = (suite: string, backend: TestBackend) =>
  backend.skip ? `${suite} on ${backend.name} (skipped: ${backend.skip})` : `${suite} on ${backend.name}`;
