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
  const listener = pgListener(connectionString, onIdleError);
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
    listen: listener.listen,
    close: async () => {
      await listener.close();
      await pool.end();
    },
  });
}

/** How long to wait before reconnecting a lost listening connection. */
const RELISTEN_MS = 1000;

/**
 * LISTEN needs a connection of its own that stays open (a pooled one would be handed to other
 * queries), opened on the first listen(). When it drops, it reconnects, listens again and tells
 * every handler null: notices sent in between were lost, so listeners should assume a change.
 */
function pgListener(connectionString: string, onError?: (error: Error) => void) {
  const handlers = new Map<string, Set<(payload: string | null) => void>>();
  let client: Promise<pg.Client> | null = null;
  let closed = false;

  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    c.on('error', (error) => {
      onError?.(error);
      client = null;
      c.end().catch(() => {});
      if (!closed) setTimeout(reconnect, RELISTEN_MS).unref();
    });
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN "${channel}"`);
    return c;
  };
  const reconnect = () => {
    if (closed || client) return;
    client = connect();
    client.then(
      () => {
        for (const set of handlers.values()) for (const h of set) h(null);
      },
      (error: Error) => {
        onError?.(error);
        client = null;
        setTimeout(reconnect, RELISTEN_MS).unref();
      },
    );
  };

  return {
    listen: async (channel: string, onNotice: (payload: string | null) => void) => {
      if (!/^[a-z0-9_]+$/.test(channel))
        throw new Error(`Channel name ${channel} must be lower-case letters, digits and _`);
      const first = !handlers.has(channel);
      if (first) handlers.set(channel, new Set());
      handlers.get(channel)!.add(onNotice);
      client ??= connect();
      const c = await client;
      if (first) await c.query(`LISTEN "${channel}"`);
      return async () => {
        handlers.get(channel)?.delete(onNotice);
      };
    },
    close: async () => {
      closed = true;
      const c = await client?.catch(() => null);
      client = null;
      await c?.end();
    },
  };
}
