// The server process serves HTTPS itself when given a certificate and key.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { spawnServer } from './testing/spawn-server';

test('with KEEPCARD_TLS_CERT and KEEPCARD_TLS_KEY the server speaks HTTPS', { timeout: 90_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keepcard-tls-'));
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  // A throwaway self-signed certificate for 127.0.0.1.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const server = await spawnServer({
    KEEPCARD_DATA_DIR: join(dir, 'data'),
    DATABASE_URL: '',
    KEEPCARD_TLS_CERT: cert,
    KEEPCARD_TLS_KEY: key,
  });
  try {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      get(`${server.url}/health`, { ca: readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toEqual({ status: 'ok', storage: 'pglite' });
  } finally {
    await server.kill();
    await rm(dir, { recursive: true, force: true });
  }
});
