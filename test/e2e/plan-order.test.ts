// A run's figures are the plan's, not the scheduler's: firstFailureAt counts in plan order (one seed, one figure),
// and the count announced at the start is the count reported at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.ts';
import type { ShardSpec } from '../../src/types.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { suiteOptions } from '../setup/run-options.ts';

const TOKEN = 'plan-order-token';
let idRepeats: RunningProvider;
beforeAll(async () => {
  idRepeats = await startProvider({ token: TOKEN, fault: 'id-repeats' });
});
afterAll(() => idRepeats.close());

async function run(shard?: ShardSpec) {
  let announced = -1;
  const report = await runSuite(
    suiteOptions(idRepeats.url, TOKEN, { seed: 3, runs: 2, concurrency: 8, ...(shard ? { shard } : {}) }),
    { onStart: ({ total }) => (announced = total) },
  );
  return { report, announced };
}

describe('plan order', () => {
  it('firstFailureAt is the place in the plan of the first failing case, run after run', async () => {
    // Sent breadth first (runner/schedule.ts): p1, p2, b0002 (valid/all-fields: the first id) at place 3, then one case
    // for each other row and check, of which valid/http-1.0 (the one case of unchunked-to-http-1-0: the id again) at 7.
    const first = await run();
    const second = await run();
    expect(first.report.summary.firstFailureAt).toBe(7);
    expect(second.report.summary.firstFailureAt).toBe(7);
  });

  it('the count announced is the count reported, with and without shards', async () => {
    const whole = await run();
    expect(whole.announced).toBe(whole.report.summary.cases);
    for (const index of [1, 2, 3]) {
      const shard = await run({ index, count: 3 });
      expect(shard.announced, `shard ${index}/3`).toBe(shard.report.summary.cases);
    }
  });
});
