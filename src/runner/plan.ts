import type { ShardSpec } from '../types.ts';
import { planCases } from '../generators/index.ts';
import { loadSpec } from '../spec/load.ts';
import { urlTarget } from '../targets/url.ts';
import { buildValidators } from '../validators/index.ts';
import type { RunOptions } from './run.ts';

/** What a run would send (`--dry-run`): requests per case class, before 429 retries and shrinking. */
export interface RunPlan {
  readonly seed: number;
  readonly runs: number;
  readonly shard: ShardSpec | null;
  /** Requests per case class (the preflight probes included), over the whole plan. */
  readonly byClass: Readonly<Record<string, number>>;
  /** Requests the run (this shard) would send, before 429 retries and shrinking. */
  readonly requests: number;
  readonly maxRequests: number | undefined;
}

/** Plans a run exactly as `runSuite` would, and sends nothing: no target is started, no token is fetched. */
export async function planRun(
  opts: Pick<RunOptions, 'specPath' | 'target' | 'seed' | 'runs' | 'shard' | 'maxRequests'>,
): Promise<RunPlan> {
  const spec = await loadSpec(opts.specPath);
  // A URL is checked for form only; `prism` would be started, so it is not.
  if (opts.target !== 'prism') urlTarget(opts.target);
  const plan = planCases({ spec, validators: buildValidators(spec), seed: opts.seed, runs: opts.runs });
  const preflight = plan.preflight.length;
  const cases = opts.shard ? Math.ceil(plan.count / opts.shard.count) : plan.count;
  return {
    seed: opts.seed,
    runs: opts.runs,
    shard: opts.shard ?? null,
    byClass: { ...(preflight > 0 ? { preflight } : {}), ...plan.byClass },
    requests: preflight + cases,
    maxRequests: opts.maxRequests,
  };
}
