import { describe, expect, it } from 'vitest';
import { allTrials, figure } from './harness.ts';

describe('the suite judges its own power', () => {
  // And a fault's problems the tally merged, made a baseline, let a run at another seed pass (issue #23).
  it('catches every seeded fault and raises no false alarm; a baseline of merged problems passes another seed', async () => {
    const trials = await allTrials({ seed: 1, runs: 25, parallel: 3, baselineSeed: 2 });
    console.log(figure(trials));
    const wrong = trials
      .filter((t) => !t.ok)
      .map(
        (t) =>
          `${t.kind} ${t.name}: ${t.verdict} ${t.failedChecks.join(' ')} missed: ${t.missed.join(' ')} baselined: ${t.baselineVerdict ?? '-'}`,
      );
    expect(wrong).toEqual([]);
    // About 500 s on an idle 2-core machine (320 faults): a slower or busier one must not fail it on time alone.
  }, 1_200_000);
});
