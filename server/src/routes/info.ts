import { createRoute } from '@hono/zod-openapi';
import { MIN_CLIENT_SCHEMA_VERSION, SCHEMA_VERSION, TableNameSchema, tableNames } from '@keepcard/shared';
import { z } from 'zod';
import { json, newRouter } from '../http/openapi';
import type { Storage } from '../storage/storage';

const Info = z.object({
  version: z.string(),
  schemaVersion: z.number(),
  minClientSchemaVersion: z.number(),
  tables: z.array(TableNameSchema),
  storage: z.enum(['pglite', 'postgres']),
});

/** What a client checks before syncing: that it speaks this server's schema version (checkSchemaVersion). */
export function infoRoutes({ storage, version }: { storage: Storage; version: string }) {
  return newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "The server's version, data schema versions and tables",
      responses: { 200: json(Info, 'About this server') },
    }),
    (c) =>
      c.json(
        {
          version,
          schemaVersion: SCHEMA_VERSION,
          minClientSchemaVersion: MIN_CLIENT_SCHEMA_VERSION,
          tables: tableNames,
          storage: storage.kind,
        },
        200,
      ),
  );
}
