import type { ShardSpec } from '../types.ts';
import { createChecks } from '../checks/index.ts';
import { profileFor } from '../checks/profile.ts';
import { planCases } from '../generators/index.ts';
import { VERDICT_ROWS } from '../report/verdict.ts';
import { inShard, shardFilter, shardShare } from './shard.ts';
import { scheduled } from './schedule.ts';
import { loadSpec } from '../spec/load.ts';
import { urlTarget } from '../targets/url.ts';
import { buildValidators } from '../validators/index.ts';
import type { RunOptions } from './run.ts';
import { fixturesFor } from './fixtures.ts';

/** What a run would send (`--dry-run`): requests per case class, before 429 retries, shrinking and examples re-sent alone. */
export interface RunPlan {
  readonly seed: number;
  readonly runs: number;
  readonly shard: ShardSpec | null;
  /** Requests per case class (the preflight probes and `fixture/<field>` probes included), over the whole plan. */
  readonly byClass: Readonly<Record<string, number>>;
  /** Requests the run (this shard) would send, before 429 retries, shrinking and examples re-sent alone. */
  readonly requests: number;
  readonly maxRequests: number | undefined;
  /**
   * With a `maxRequests` below `requests`: the checks no sent case would apply to and the verdict-table rows no sent
   * case would be of, at best (429 retries spend the budget too, and a check may still skip an answer).
   */
  readonly untested?: { readonly checks: readonly string[]; readonly rows: readonly string[] };
}

/** Plans a run exactly as `runSuite` would, and sends nothing: no target is started, no token is fetched. */
export async function planRun(
  opts: Pick<RunOptions, 'specPath' | 'operation' | 'target' | 'seed' | 'runs' | 'shard' | 'maxRequests' | 'fixtures'>,
): Promise<RunPlan> {
  const spec = await loadSpec(opts.specPath, opts.operation);
  // A URL is checked for form only; `prism` would be started, so it is not.
  if (opts.target !== 'prism') urlTarget(opts.target);
  const checks = createChecks(profileFor(spec.operationRef));
  const validators = buildValidators(spec);
  const plan = scheduled(planCases({ spec, validators, seed: opts.seed, runs: opts.runs }), checks);
  const preflight = plan.preflight.length;
  // The run sends each fixture value once after the preflight (every shard does); one the spec refuses is exit 2 here.
  const probes = opts.fixtures
    ? fixturesFor(opts.fixtures, plan.cases(), validators)
        .probes()
        .map((p) => p.probe)
    : [];
  const byProbe: Record<string, number> = {};
  for (const p of probes) byProbe[p.label] = (byProbe[p.label] ?? 0) + 1;
  const cases = shardShare(plan.count, opts.shard);
  // A raw message with a message sent next on its connection is three requests (`Framing.next`: the next one, and the
  // same alone on a connection of its own): boundary cases only.
  const nextByClass: Record<string, number> = {};
  let next = 0;
  let i = 0;
  for (const c of plan.cases()) {
    if (i >= plan.boundaryCount) break;
    if (c.wire?.next !== undefined && inShard(i, opts.shard)) {
      const cls = c.class ?? c.label;
      nextByClass[cls] = (nextByClass[cls] ?? 0) + NEXT_COST;
      next += NEXT_COST;
    }
    i++;
  }
  let untested: RunPlan['untested'];
  if (opts.maxRequests !== undefined && opts.maxRequests < preflight + probes.length + cases + next) {
    // The run's own order: the preflight, the fixture probes, then the shard's cases breadth first, as many as the
    // budget lets through.
    const judged = new Set<string>();
    const kinds = new Set<string>();
    let left = opts.maxRequests;
    const sent = (function* () {
      yield* plan.preflight;
      yield* probes;
      yield* shardFilter(plan.cases(), opts.shard);
    })();
    for (const c of sent) {
      if (left <= 0) break;
      left -= c.wire?.next === undefined ? 1 : 1 + NEXT_COST;
      kinds.add(c.kind);
      for (const k of checks) if (k.applies(c)) judged.add(k.name);
    }
    untested = {
      checks: checks.filter((k) => !judged.has(k.name)).map((k) => k.name),
      rows: VERDICT_ROWS.filter((r) => !kinds.has(r.row)).map((r) => r.row),
    };
  }
  return {
    seed: opts.seed,
    runs: opts.runs,
    shard: opts.shard ?? null,
    byClass: { ...(preflight > 0 ? { preflight } : {}), ...byProbe, ...withNext(plan.byClass, nextByClass) },
    requests: preflight + probes.length + cases + next,
    maxRequests: opts.maxRequests,
    ...(untested ? { untested } : {}),
  };
}

/** The requests a `Framing.next` adds to its case: the message sent next, and the same on a connection of its own. */
const NEXT_COST = 2;

/** Requests per class, a class's messages sent next on their connections (`Framing.next`) counted in. */
function withNext(
  byClass: Readonly<Record<string, number>>,
  next: Readonly<Record<string, number>>,
): Record<string, number> {
  const out = { ...byClass };
  for (const [cls, n] of Object.entries(next)) out[cls] = (out[cls] ?? 0) + n;
  return out;
}
