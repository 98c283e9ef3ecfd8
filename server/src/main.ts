import { serve } from '@hono/node-server';
import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app';
import { createJsonLogger } from './logger';
import { openStorage } from './storage/open-storage';

const logger = createJsonLogger();

function readPort(value = '8787'): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

try {
  const port = readPort(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  const storage = await openStorage(process.env, logger);
  const migrations = await storage.migrate();
  const app = createApp({ storage, version: packageJson.version, logger });

  const server = serve({ fetch: app.fetch, port, hostname: host }, (address) =>
    logger.info('listening', {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
      storage: storage.kind,
      version: packageJson.version,
      migrationsApplied: migrations,
    }),
  );

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    // Keep-alive connections could hold close() open forever; the timer caps the wait.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close(() => {
      storage.close().then(
        () => process.exit(0),
        (error) => {
          logger.error('storage did not close cleanly', { error: String(error) });
          process.exit(1);
        },
      );
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  logger.error('could not start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
