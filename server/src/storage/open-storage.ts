import type { Logger } from '../logger';
import { openPgliteStorage } from './pglite-storage';
import { openPostgresStorage } from './postgres-storage';
import type { Storage } from './storage';

export interface StorageEnv {
  DATABASE_URL?: string;
  /** PostgreSQL schema to use instead of the connection's default (several deployments, or test runs, in one database). */
  KEEPCARD_DATABASE_SCHEMA?: string;
  KEEPCARD_DATA_DIR?: string;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in KEEPCARD_DATA_DIR (default ./data). */
export function openStorage(env: StorageEnv, logger: Logger): Promise<Storage> {
  if (env.DATABASE_URL) {
    return openPostgresStorage({
      connectionString: env.DATABASE_URL,
      ...(env.KEEPCARD_DATABASE_SCHEMA && { schema: env.KEEPCARD_DATABASE_SCHEMA }),
      onIdleError: (error) => logger.error('idle postgres connection failed', { error: error.message }),
    });
  }
  return openPgliteStorage(env.KEEPCARD_DATA_DIR || './data');
}
