// A run that generates its random phase in the worker thread reaches the same verdicts as one that generates
// in-thread: same cases, same per-check tallies, same distinct failures, same coverage (echo checks and coverage read
// the bodies of the worker's cases through caseValue).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { essence } from './essence.ts';
import { suiteOptions } from '../setup/run-options.ts';

let provider: RunningProvider;
beforeAll(async () => {
  // An echo fault: only valid cases answered 201 show it, and only by comparing with what the body sent.
  provider = await startProvider({ token: 'worker-token', fault: 'brand-lowercased' });
});
afterAll(() => provider.close());

// 1,000 runs: 2,000 random cases, the size from which a run generates in the worker by default.
const run = (generateInWorker: boolean) =>
  runSuite(suiteOptions(provider.url, 'worker-token', { seed: 5, runs: 1_000, maxShrinks: 0, generateInWorker }));

describe('generation in a worker thread', () => {
  it('gives the same report as generation in-thread', async () => {
    const inThread = await run(false);
    const inWorker = await run(true);
    expect(inThread.verdict).toBe('fails');
    expect(inThread.failures.some((f) => f.check.startsWith('echo') && f.case.phase === 'random')).toBe(true);
    expect(essence(inWorker)).toEqual(essence(inThread));
    expect(inWorker.plan).toEqual(inThread.plan);
  });
});
