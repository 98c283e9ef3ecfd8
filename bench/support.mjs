// Helpers shared by benchmark suites: statistics, and a page of product modules in headless Chromium.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { startStaticServer } from '../scripts/static-server.mjs';

export const median = (xs) => percentile(xs, 50);

/** Nearest-rank percentile of a list of numbers. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const round1 = (x) => Math.round(x * 10) / 10;

/** The end-to-end build of the extension, which the browser benches load. */
export const EXTENSION_DIR = join(import.meta.dirname, '..', 'extension', '.output', 'e2e', 'chrome-mv3');

/** Headless Chromium on a profile directory with the e2e extension loaded (`options`: e.g. a viewport). */
export function launchWithExtension(profileDir, options = {}) {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    headless: true,
    ...options,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
}

let built;
/**
 * Builds bench/browser (its modules import the product's own code) once per run, serves it on
 * 127.0.0.1 and opens it in headless Chromium; `fn(page, chromiumVersion)` drives the benchmark.
 */
export async function withBenchPage(fn) {
  const outDir = join(import.meta.dirname, '.build');
  built ??= build({
    root: join(import.meta.dirname, 'browser'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  await built;
  const server = await startStaticServer(outDir);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(server.url('index.html'));
    await page.waitForFunction(() => 'keepcardBench' in globalThis);
    return await fn(page, browser.version());
  } finally {
    await browser.close();
    await server.close();
  }
}

/**
 * bench/browser/panel-seed.ts built as one script, to evaluate in a page of the e2e extension (CDP
 * evaluation is not bound by its CSP); it defines `keepcardPanelSeed(options)`.
 */
export async function panelSeedScript() {
  const outDir = join(import.meta.dirname, '.build-panel-seed');
  await build({
    logLevel: 'warn',
    configFile: false,
    build: {
      outDir,
      emptyOutDir: true,
      lib: {
        entry: join(import.meta.dirname, 'browser', 'panel-seed.ts'),
        formats: ['iife'],
        name: 'keepcardPanelSeedLib',
        fileName: () => 'panel-seed.js',
      },
    },
  });
  return readFile(join(outDir, 'panel-seed.js'), 'utf8');
}
