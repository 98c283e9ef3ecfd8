// The real server as a child process (one node process, so a SIGKILL kills the server itself): the
// source under tsx, or the build `pnpm start` runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { buildServerForThisProcess, SERVER_ENV } from '../../scripts/build.mjs';

const SERVER_DIR = new URL('../../', import.meta.url);

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  /** Every JSON log line so far. */
  logs: Record<string, unknown>[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the server on a free port with `env` added; resolves once it logs `listening`.
 * @param options.built run the bundled build (scripts/build.mjs) instead of src/main.ts under tsx
 */
export async function spawnServer(
  env: Record<string, string>,
  options: { built?: boolean } = {},
): Promise<SpawnedServer> {
  const args = options.built ? await buildServerForThisProcess() : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: { ...(options.built && SERVER_ENV), ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${stderr}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(String(entry.url));
        }
        if (entry.msg === 'could not start') reject(new Error(String(entry.error)));
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening: ${stderr}`)));
  });
  return {
    url,
    process: child,
    logs,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
