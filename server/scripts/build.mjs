// Builds the server into one ES module (dist/main.js) with its SQL migrations beside it; `pnpm start`,
// the end-to-end launcher and the benches run this build. Under `node --import tsx` the server also held
// the TypeScript loader, its caches and every module of @keepcard/shared (capture parsers, vCard, iCal,
// CSV) in resident memory: about 100 MB more at start (bench/suites/sync-live.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * shared/ is pure logic with no work at import time (STYLE.md), so the bundle may leave out the
 * modules of it the server never calls. Said here rather than as `sideEffects` in its package.json,
 * which would change how the extension is bundled too.
 */
const sharedIsPure = {
  name: 'shared-is-pure',
  setup(b) {
    b.onResolve({ filter: /^@keepcard\/shared$/ }, () => ({
      path: join(serverDir, '..', 'shared', 'src', 'index.ts'),
      sideEffects: false,
    }));
  },
};

/** Bundles the server into `outdir` (default server/dist); returns the path of its main.js. */
export async function buildServer(outdir = join(serverDir, 'dist')) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(serverDir, 'src', 'main.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // PGlite loads its wasm and data files from its own folder; pg has optional native parts. Both
    // resolve from server/node_modules, so `outdir` must be inside server/.
    external: ['@electric-sql/pglite', 'pg'],
    plugins: [sharedIsPure],
    // Bundled CommonJS dependencies still call require() for node: built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    sourcemap: true,
    logLevel: 'warning',
  });
  await cp(join(serverDir, 'src', 'storage', 'migrations'), join(outdir, 'migrations'), { recursive: true });
  return join(outdir, 'main.js');
}

/**
 * How the built server is run (`pnpm start`, the end-to-end launcher, the benches), for its resident
 * memory; both take effect only at process start. Measured with 1,000 live streams after 256
 * sign-ins (bench/suites/sync-live.mjs):
 * - `--max-semi-space-size=2` (MB): V8's young generation otherwise grows to 16 MB per semi-space
 *   under the many small objects of open connections and stays that size: 25 MB more.
 * - `MALLOC_MMAP_THRESHOLD_`: each sign-in's scrypt takes 16 MB (N=2^14, r=8) on a libuv thread;
 *   glibc then raises its mmap threshold and keeps such blocks in each thread's arena after they are
 *   freed: about 60 MB held after a few concurrent sign-ins. A fixed 1 MB threshold gives big
 *   blocks back to the system when freed. Other C libraries ignore the variable.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2'];
export const SERVER_ENV = { MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };

let once;
/**
 * A build of the current source for this process only (tests and benches start servers in parallel
 * processes, so they cannot share dist/), removed when the process exits; resolves to the node
 * arguments that run it.
 */
export function buildServerForThisProcess() {
  once ??= (() => {
    const outdir = mkdtempSync(join(serverDir, '.build-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    return buildServer(outdir).then((main) => [...SERVER_NODE_FLAGS, main]);
  })();
  return once;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildServer()}`);
