// Starts the real Keepcard server, built as `pnpm start` runs it, as its own process on a free port of
// 127.0.0.1, with the embedded database in a folder (a fresh temporary one unless given), for
// end-to-end tests and benchmarks.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildServerForThisProcess, SERVER_ENV } from '../server/scripts/build.mjs';

const root = join(import.meta.dirname, '..');

/**
 * @param {{ dataDir?: string, env?: Record<string, string> }} [options]
 * @returns {Promise<{ url: string, dataDir: string, logs: string[], stop(): Promise<void> }>}
 */
export async function startSyncServer({ dataDir, env = {} } = {}) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'keepcard-server-')));
  const child = spawn(process.execPath, await buildServerForThisProcess(), {
    cwd: root,
    env: { ...SERVER_ENV, ...process.env, PORT: '0', HOST: '127.0.0.1', KEEPCARD_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = [];
  child.stderr.on('data', (chunk) => logs.push(String(chunk)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 60 s:\n${logs.join('')}`)),
      60_000,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  return {
    url,
    dataDir: dir,
    logs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
