import { describe, expect, it } from 'vitest';
import { allTrials, figure } from './harness.ts';

describe('the suite judges its own power', () => {
  it('catches every seeded fault and raises no false alarm', async () => {
    const trials = await allTrials({ seed: 1, runs: 25, parallel: 3 });
    console.log(figure(trials));
    const wrong = trials
      .filter((t) => !t.ok)
      .map((t) => `${t.kind} ${t.name}: ${t.verdict} ${t.failedChecks.join(' ')} missed: ${t.missed.join(' ')}`);
    expect(wrong).toEqual([]);
  }, 600_000);
});
