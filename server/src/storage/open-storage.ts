import type { Logger } from '../logger';
import { openPgliteStorage } from './pglite-storage';
import { openPostgresStorage } from './postgres-storage';
import type { Storage } from './storage';

export interface StorageEnv {
  DATABASE_URL?: string;
  KEEPCARD_DATA_DIR?: string;
}

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in KEEPCARD_DATA_DIR (default ./data). */
export function openStorage(env: StorageEnv, logger: Logger): Promise<Storage> {
  if (env.DATABASE_URL) {
    return openPostgresStorage({
      connectionString: env.DATABASE_URL,
      onIdleError: (error) => logger.error('idle postgres connection failed', { error: error.message }),
    });
  }
  return openPgliteStorage(env.KEEPCARD_DATA_DIR || './data');
}
