import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files, longest first: a fresh clone has no timing cache, and vitest then orders by file size, which put
 * the 4-minute fault suite last and left one worker idle at the end (about 150 s of a 550 s run on 2 cores).
 */
const SLOW = [
  'test/faults/faults.test.ts',
  'test/robustness/sandbox.test.ts',
  'test/robustness/hostile-run.test.ts',
  'test/e2e/html-chromium.test.ts',
  'test/e2e/package.test.ts',
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOW.findIndex((s) => f.moduleId.endsWith(s));
      return i < 0 ? SLOW.length : i;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts', 'contracts/**/*.test.ts'],
    // Real Prism, Pact and HTTP servers run inside tests; 2-core machines need generous timeouts.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true', SCARF_ANALYTICS: 'false' },
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
  },
});
