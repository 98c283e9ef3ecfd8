import { SCHEMA_VERSION, tableNames } from '@keepcard/shared';
import { Hono } from 'hono';
import type { Storage } from '../storage/storage';

/** What a client checks before syncing: that it speaks this server's schema version. */
export function infoRoutes({ storage, version }: { storage: Storage; version: string }) {
  return new Hono().get('/', (c) =>
    c.json({ version, schemaVersion: SCHEMA_VERSION, tables: tableNames, storage: storage.kind }),
  );
}
