// `pnpm --filter @keepcard/server start`: builds the server (build.mjs) and runs it with the node
// flags and environment that keep it small; signals reach the server, and its exit code is ours.
import { spawn } from 'node:child_process';
import { buildServer, SERVER_ENV, SERVER_NODE_FLAGS } from './build.mjs';

const main = await buildServer();
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, main], {
  stdio: 'inherit',
  env: { ...SERVER_ENV, ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
