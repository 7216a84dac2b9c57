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
  readonly shard: ShardSpec | null;
}

/**
 * A message to the generation worker: first `start` (the plan's boundary cases, which come before the random phase in
 * the shard arithmetic), then `more` for each batch consumed.
 */
export type FeedRequest = { readonly start: number } | 'more';

/** A message from the generation worker. */
export type FeedMessage = { readonly batch: TestCase[] } | { readonly done: true } | { readonly error: string };

/**
 * The generation worker of a run, started before the plan is ready: its start-up (modules, validators, arbitraries,
 * ~0.3-0.5 s of a core) overlaps the runner's own and the boundary phase instead of following them. It generates
 * nothing until `stream` gives it the plan's offset.
 */
export interface Feed {
  /** The random phase from the worker, once the boundary phase has `offset` cases; called once. */
  stream(offset: number): CaseSource;
  close(): void;
}

/** Starts the generation worker of a run (see `Feed`). */
export function startFeed(data: FeedWorkerData): Feed {
  const worker = new Worker(siblingModule(import.meta.url, 'feed-worker'), {
    workerData: data,
    // Its own small heap: a few batches of drafts and the compiled validators.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  return {
    stream: (offset) => workerStream(worker, offset),
    close: () => void worker.terminate(),
  };
}

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
  opts: {
    spec: LoadedSpec;
    seed: number;
    runs: number;
    shard?: ShardSpec | undefined;
    worker: boolean;
    /** The run's worker, started early (`startFeed`) with the same spec, seed, runs and shard; one is started if not. */
    feed?: Feed | undefined;
  },
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
  const feed = opts.feed ?? startFeed({ spec: opts.spec, seed: opts.seed, runs: opts.runs, shard: opts.shard ?? null });
  const tail = feed.stream(plan.boundaryCount);
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

function workerStream(worker: Worker, offset: number): CaseSource {
  const send = (m: FeedRequest) => worker.postMessage(m);
  send({ start: offset });
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
      send('more');
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
