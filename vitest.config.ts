import { defineConfig } from 'vitest/config';

// One Vitest run for the whole tree: unit tests sit beside the code (`*.test.ts`).
// End-to-end specs (`test/**/*.spec.ts`) belong to Playwright, not here.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'extension/src/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
