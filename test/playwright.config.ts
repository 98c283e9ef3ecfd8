import { defineConfig } from '@playwright/test';

// Extensions need a persistent context per test, so tests run one at a time (2-core machines).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results',
});
