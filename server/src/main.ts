import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import packageJson from '../package.json' with { type: 'json' };
import { createApp } from './app';
import { readConfig } from './config';
import { createJsonLogger } from './logger';
import { openStorage } from './storage/open-storage';
import { LiveHub } from './sync/live-hub';
import { purgeTombstones } from './sync/pull';

const logger = createJsonLogger();

function readPort(value = '8787'): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${value}"`);
  }
  return port;
}

/** HTTPS when both PEM paths are set; plain HTTP otherwise (localhost, or behind a TLS-terminating proxy). */
function tlsOptions(env: NodeJS.ProcessEnv) {
  const { KEEPCARD_TLS_CERT: cert, KEEPCARD_TLS_KEY: key } = env;
  if (!cert && !key) return null;
  if (!cert || !key)
    throw new Error('Set both KEEPCARD_TLS_CERT and KEEPCARD_TLS_KEY (PEM file paths), or neither');
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

const PURGE_EVERY_MS = 6 * 3_600_000;

try {
  const port = readPort(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  const config = readConfig(process.env);
  const tls = tlsOptions(process.env);
  const storage = await openStorage(process.env, logger);
  const migrations = await storage.migrate();
  const hub = new LiveHub(storage, logger, config.keepAliveMs);
  await hub.start();
  const app = createApp({ storage, version: packageJson.version, logger, config, hub });

  const server = serve(
    {
      fetch: app.fetch,
      port,
      hostname: host,
      ...(tls && { createServer: createHttpsServer, serverOptions: tls }),
    },
    (address) =>
      logger.info('listening', {
        url: `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        storage: storage.kind,
        version: packageJson.version,
        migrationsApplied: migrations,
      }),
  );

  const purge = () =>
    purgeTombstones(storage, config.tombstoneRetentionMs, Date.now()).then(
      (purged) => purged > 0 && logger.info('purged tombstones', { purged }),
      (error) => logger.error('tombstone purge failed', { error: String(error) }),
    );
  const purgeTimer = setInterval(purge, PURGE_EVERY_MS);
  purgeTimer.unref();

  const shutdown = (signal: string) => {
    logger.info('shutting down', { signal });
    clearInterval(purgeTimer);
    // Keep-alive connections could hold close() open forever; the timer caps the wait.
    setTimeout(() => process.exit(1), 10_000).unref();
    // Live streams never end by themselves: close them so server.close() can finish.
    void hub.close();
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
