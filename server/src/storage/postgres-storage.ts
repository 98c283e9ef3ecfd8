import pg from 'pg';
import { type Queryable, type Storage, storageOver } from './storage';

export interface PostgresOptions {
  connectionString: string;
  /** Schema to put first on every connection's search_path (tests isolate each run in their own). */
  schema?: string;
  /** Told about errors on idle pooled connections, which would otherwise crash the process. */
  onIdleError?: (error: Error) => void;
}

function queryable(db: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async (sql, params) => (await db.query(sql, params && [...params])).rows,
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    exec: async (sql) => {
      await db.query(sql);
    },
  };
}

/** PostgreSQL through a `pg` pool: for a team server with a managed database. */
export async function openPostgresStorage({
  connectionString,
  schema,
  onIdleError,
}: PostgresOptions): Promise<Storage> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Schema name ${schema} must be lower-case letters, digits and underscores`);
  }
  const pool = new pg.Pool({
    connectionString,
    ...(schema && { options: `-c search_path=${schema}` }),
  });
  pool.on('error', (error) => onIdleError?.(error));
  return storageOver({
    kind: 'postgres',
    ...queryable(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: release(true) drops it from the pool.
        broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  });
}
