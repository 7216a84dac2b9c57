import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts', 'contracts/**/*.test.ts'],
    // Real Prism, Pact and HTTP servers run inside tests; 2-core machines need generous timeouts.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
    pool: 'forks',
    maxWorkers: 2,
  },
});
