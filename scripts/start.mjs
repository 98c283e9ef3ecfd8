// `pnpm start`: builds the extension into extension/.output/chrome-mv3 and starts the sync server on
// the embedded database (PGlite in ./data, or KEEPCARD_DATA_DIR; PostgreSQL when DATABASE_URL is set).
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = spawnSync('pnpm', ['--filter', '@keepcard/extension', 'exec', 'wxt', 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(built.status ?? 1);

const extensionDir = resolve(root, 'extension/.output/chrome-mv3');
console.log(`
Keepcard extension built: ${extensionDir}
Load it in Chrome or Chromium:
  1. open chrome://extensions and switch on "Developer mode" (top right);
  2. click "Load unpacked" and choose the folder above;
  3. pin Keepcard, open a page with an email address or phone number, and click the Keepcard button.
Starting the sync server (Ctrl-C stops it)...
`);
const server = spawn('pnpm', ['--filter', '@keepcard/server', 'start'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KEEPCARD_DATA_DIR: process.env.KEEPCARD_DATA_DIR ?? resolve(root, 'data') },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
