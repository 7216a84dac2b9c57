// The RunOptions every self-test, e2e test and the bench start from: the repository's spec, a static token, four
// requests in flight, no team waivers. Each caller names only what it changes.
import { staticToken } from '../../src/runner/credentials.ts';
import type { RunOptions } from '../../src/runner/run.ts';

/** Waivers file with no waiver: a self-test judges the provider with nothing waived. */
export const NO_WAIVERS = 'test/faults/no-waivers.json';

/** Options for a run against `target` with the bearer `token`; `over` replaces any of them. */
export function suiteOptions(
  target: string,
  token: string | undefined,
  over: Partial<RunOptions> & Pick<RunOptions, 'seed' | 'runs'>,
): RunOptions {
  return {
    specPath: 'spec/openapi.yaml',
    target,
    credentials: staticToken(token),
    concurrency: 4,
    insecure: false,
    waiversFile: NO_WAIVERS,
    ...over,
  };
}
