// Two shards merged equal one unsharded run with the same seed: same cases, same verdicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite, type RunOptions } from '../../src/runner/run.ts';
import { mergeReports } from '../../src/report/merge.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { essence } from './essence.ts';
import { assertValidReport } from '../setup/report-schema.ts';
import { suiteOptions } from '../setup/run-options.ts';

let provider: RunningProvider;
beforeAll(async () => {
  provider = await startProvider({ token: 'shard-token', fault: 'enum-case-insensitive' });
});
afterAll(() => provider.close());

const run = (shard?: RunOptions['shard']) =>
  runSuite(suiteOptions(provider.url, 'shard-token', { seed: 11, runs: 15, ...(shard ? { shard } : {}) }));

describe('sharding', () => {
  it('two shards merged equal one unsharded run with the same seed', async () => {
    const whole = await run();
    const merged = mergeReports([await run({ index: 1, count: 2 }), await run({ index: 2, count: 2 })]);
    for (const r of [whole, merged]) assertValidReport(r);
    expect(whole.verdict).toBe('fails');
    expect(essence(merged)).toEqual(essence(whole));
  });
});
