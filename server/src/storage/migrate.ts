import { readdir, readFile } from 'node:fs/promises';
import type { StorageDriver } from './storage';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;

/**
 * Any fixed number will do: it only has to be the same in every Keepcard process sharing a database.
 * The lock is database-wide, so processes using different schemas also wait for each other; migrations
 * are short, so that costs little.
 */
const MIGRATION_LOCK_KEY = 7_406_152_001;

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files in version order; a stray or duplicate file is an error, not skipped. */
export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file ${file} must be named NNN_name.sql, e.g. 002_add_index.sql`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new Error(`Two migration files share version ${match[1]}; give ${file} the next free number`);
    }
    migrations.push({
      version,
      name: file.slice(0, -'.sql'.length),
      sql: await readFile(new URL(file, MIGRATIONS_DIR), 'utf8'),
    });
  }
  return migrations;
}

/**
 * Applies each pending migration in its own transaction. Each transaction first takes an advisory
 * lock and only then looks at `schema_migrations`, so two processes starting together apply every
 * migration once: the second waits, then sees it done. PGlite is single-connection and the lock is
 * a no-op there, which keeps one code path for both adapters.
 */
export async function migrate(db: StorageDriver): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of await loadMigrations()) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}
