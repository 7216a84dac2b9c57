/**
 * Types shared by several stages (generators, runner, report), defined here so that no stage imports another's
 * internals for them.
 */

/** 1-based shard index and count: a shard takes every `count`-th case of the plan, from the `index`-th. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}
