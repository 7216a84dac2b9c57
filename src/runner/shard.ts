// A shard's share of a plan (`--shard i/n`): every n-th case from the i-th. The run, its feed (and the generation
// worker) and `--dry-run` all count it here, so the console's total, the cases sent and the plan agree.
import type { ShardSpec } from '../types.ts';

/** Whether the case at 0-based place `i` of the plan belongs to the shard (every case without a shard). */
export function inShard(i: number, shard: ShardSpec | undefined): boolean {
  return shard === undefined || i % shard.count === shard.index - 1;
}

/** How many of a plan's `total` cases (places 0 to total - 1) belong to the shard. */
export function shardShare(total: number, shard: ShardSpec | undefined): number {
  if (shard === undefined) return total;
  return Math.max(0, Math.ceil((total - (shard.index - 1)) / shard.count));
}

/** Keeps the cases of one shard of a sequence (all of them without a shard); `offset` is the place of its first case. */
export function* shardFilter<T>(cases: Iterable<T>, shard: ShardSpec | undefined, offset = 0): Generator<T, undefined> {
  let i = offset;
  for (const c of cases) {
    if (inShard(i, shard)) yield c;
    i++;
  }
}
