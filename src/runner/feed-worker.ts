// The generation worker of `feed.ts`: the plan's random phase, posted in batches a few ahead of what the runner took.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildValidators } from '../validators/index.ts';
import { FEED_AHEAD, FEED_BATCH, type FeedMessage, type FeedRequest, type FeedWorkerData } from './feed.ts';
import { shardFilter } from './shard.ts';
import type { TestCase } from '../generators/case.ts';
import { randomPhase } from '../generators/index.ts';

const data = workerData as FeedWorkerData;
lowerPriority();
const port = parentPort!;
const post = (m: FeedMessage) => port.postMessage(m);
const fail = (e: unknown) => {
  post({ error: (e as Error).message });
  port.close();
};

try {
  // Everything but the offset is known at start: the validators and arbitraries are built while the runner plans.
  const random = randomPhase(
    { spec: data.spec, validators: buildValidators(data.spec), seed: data.seed, runs: data.runs },
    false,
  );
  let cases: Generator<TestCase, undefined> | undefined;
  let credits = FEED_AHEAD;
  let done = false;
  const pump = () => {
    if (!cases) return;
    try {
      while (credits > 0 && !done) {
        credits--;
        const batch: TestCase[] = [];
        for (let n = 0; n < FEED_BATCH; n++) {
          const next = cases.next();
          if (next.done) {
            done = true;
            break;
          }
          // No `value`: the runner parses a body only when a check needs it (caseValue).
          batch.push(next.value);
        }
        if (batch.length > 0) post({ batch });
        if (done) {
          post({ done: true });
          port.close();
        }
      }
    } catch (e) {
      fail(e);
    }
  };
  port.on('message', (m: FeedRequest) => {
    if (m === 'more') credits++;
    else cases = shardFilter(random, data.shard ?? undefined, m.start);
    pump();
  });
} catch (e) {
  fail(e);
}

/**
 * Generation should use the CPU the exchanges leave, not delay them: on Linux a thread has its own nice value, so
 * this thread (not the process) gets nice 10, moderate enough to keep going on a machine busy with other work.
 * Elsewhere, or when it is not allowed, it keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux: nothing to do.
  }
}
