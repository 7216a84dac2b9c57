// The generation worker of `feed.ts`: the plan's random phase, posted in batches a few ahead of what the runner took.
import { parentPort, workerData } from 'node:worker_threads';
import { buildValidators } from '../validators/index.ts';
import { shardFilter, FEED_AHEAD, type FeedMessage, type FeedWorkerData } from './feed.ts';
import type { TestCase } from './case.ts';
import { randomPhase } from './index.ts';

const data = workerData as FeedWorkerData;
const port = parentPort!;
const post = (m: FeedMessage) => port.postMessage(m);

try {
  const cases = shardFilter(randomPhase({ spec: data.spec, validators: buildValidators(data.spec), seed: data.seed, runs: data.runs }, false), data.shard ?? undefined, data.offset);
  let credits = FEED_AHEAD;
  let done = false;
  const pump = () => {
    try {
      while (credits > 0 && !done) {
        credits--;
        const batch: TestCase[] = [];
        for (let n = 0; n < data.batchSize; n++) {
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
      post({ error: (e as Error).message });
      port.close();
    }
  };
  port.on('message', () => {
    credits++;
    pump();
  });
  pump();
} catch (e) {
  post({ error: (e as Error).message });
  port.close();
}

