/**
 * Where the runner takes its cases from. Past a few thousand random cases, the random phase is generated in a worker
 * thread, so that the runner's thread spends its time on exchanges and checks (issue #8: generation was a fifth of it).
 * The worker runs the same `randomCases` with the same seed: its cases, ids and replay paths are exactly those of
 * `planCases(...).cases()`; only `value` is left out, and `caseValue` parses it when a check needs it.
 */
import { Worker } from 'node:worker_threads';
import { siblingModule } from '../package.ts';
import type { LoadedSpec } from '../spec/load.ts';
import type { TestCase } from '../generators/case.ts';
import type { Plan } from '../generators/index.ts';
import type { ShardSpec } from '../types.ts';
import { shardFilter } from './shard.ts';

/** A stream of cases; `next()` answers synchronously while cases are ready, with a promise when it has to wait. */
export interface CaseSource {
  next(): TestCase | undefined | Promise<TestCase | undefined>;
  close(): void;
}

/** What the generation worker needs (structured-cloned into it). */
export interface FeedWorkerData {
  readonly spec: LoadedSpec;
  readonly seed: number;
  readonly runs: number;
  /** Cases of the plan before the random phase (the boundary phase), for the shard arithmetic. */
  readonly offset: number;
  readonly shard: ShardSpec | null;
}

/** A message from the generation worker. */
export type FeedMessage = { readonly batch: TestCase[] } | { readonly done: true } | { readonly error: string };

/** Random cases from which the worker pays for its start-up (~0.3 s of a core). */
export const WORKER_THRESHOLD = 2_000;
/** Cases per message from the worker. */
export const FEED_BATCH = 256;
/**
 * Batches generated ahead of the runner (4,096 cases, a few MB): a deep buffer lets the worker, which runs at a lower
 * priority, fall behind while the exchanges need the CPU and catch up while they wait (bench: +6-10% throughput).
 */
export const FEED_AHEAD = 16;

/**
 * The cases of a plan (one shard of them), the random phase from a worker thread when `worker` is true. The boundary
 * phase is always generated here: it is small, and the runner sends it while the worker starts.
 */
export function caseSource(
  plan: Plan,
  opts: { spec: LoadedSpec; seed: number; runs: number; shard?: ShardSpec | undefined; worker: boolean },
): CaseSource {
  if (!opts.worker) {
    const it = shardFilter(plan.cases(), opts.shard);
    let closed = false;
    return {
      next: () => (closed ? undefined : (it.next().value ?? undefined)),
      close() {
        closed = true;
      },
    };
  }
  // The plan's iterator is lazy: taking exactly the boundary cases from it generates no random case here.
  const all = shardFilter(plan.cases(), undefined);
  const boundary: TestCase[] = [];
  for (let i = 0; i < plan.boundaryCount; i++) {
    const next = all.next();
    if (next.done) break;
    boundary.push(next.value);
  }
  const head = shardFilter(boundary, opts.shard);
  const data: FeedWorkerData = {
    spec: opts.spec,
    seed: opts.seed,
    runs: opts.runs,
    offset: plan.boundaryCount,
    shard: opts.shard ?? null,
  };
  const tail = workerStream(data);
  let inHead = true;
  return {
    next() {
      if (inHead) {
        const h = head.next();
        if (!h.done) return h.value;
        inHead = false;
      }
      return tail.next();
    },
    close() {
      inHead = false;
      tail.close();
    },
  };
}

function workerStream(data: FeedWorkerData): CaseSource {
  const worker = new Worker(siblingModule(import.meta.url, 'feed-worker'), {
    workerData: data,
    // Its own small heap: a few batches of drafts and the compiled validators.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  const ready: TestCase[][] = [];
  let current: TestCase[] = [];
  let at = 0;
  let finished = false;
  let failure: Error | undefined;
  // Every sender of the runner may be waiting at once.
  const waiting: { resolve(c: TestCase | undefined): void; reject(e: Error): void }[] = [];

  const take = (): TestCase | undefined => {
    while (at >= current.length) {
      const b = ready.shift();
      if (!b) return undefined;
      current = b;
      at = 0;
      // One batch consumed, one more may be generated.
      worker.postMessage('more');
    }
    return current[at++];
  };
  const settle = () => {
    while (waiting.length > 0) {
      if (failure) return waiting.splice(0).forEach((w) => w.reject(failure!));
      const c = take();
      if (c === undefined && !finished) return;
      waiting.shift()!.resolve(c);
    }
  };
  worker.on('message', (m: FeedMessage) => {
    if ('batch' in m) ready.push(m.batch);
    else if ('done' in m) finished = true;
    else failure = new Error(`case generation failed: ${m.error}`);
    settle();
  });
  worker.on('error', (e: Error) => {
    failure = new Error(`case generation failed: ${e.message}`);
    settle();
  });
  worker.on('exit', () => {
    failure ??= finished ? undefined : new Error('case generation stopped early');
    finished = true;
    settle();
  });
  return {
    next() {
      const c = take();
      if (c !== undefined) return c;
      if (failure) return Promise.reject(failure);
      if (finished) return undefined;
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    close() {
      finished = true;
      ready.length = 0;
      current = [];
      void worker.terminate();
    },
  };
}
