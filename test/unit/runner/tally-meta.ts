// What a run tells its tally at the end, for the tally's unit tables: a complete run of nothing in particular.
import type { createTally } from '../../../src/runner/tally.ts';
import type { Target } from '../../../src/targets/index.ts';
import { DEFAULT_OPERATION } from '../../../src/spec/operation.ts';

type Meta = Parameters<ReturnType<typeof createTally>['report']>[0];

// The tally reads these four fields of a target only.
const TARGET = { kind: 'url', baseUrl: 'http://127.0.0.1:1', mock: false, normalisations: [] } as unknown as Target;

/** The end-of-run facts of a complete run of `requests` requests; `over` replaces any of them. */
export function reportMeta(requests: number, over: Partial<Meta> = {}): Meta {
  return {
    spec: { path: 'spec/openapi.yaml', sha256: 'x' },
    operation: DEFAULT_OPERATION,
    target: TARGET,
    insecure: false,
    runs: 0,
    shard: null,
    interrupted: false,
    budgetExhausted: false,
    complete: true,
    requests,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    plan: {},
    coverage: [],
    lintWarnings: [],
    preflight: [],
    ...over,
  };
}
