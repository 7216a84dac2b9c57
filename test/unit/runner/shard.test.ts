// A shard's share, counted once: the cases `shardFilter` keeps are exactly `inShard`'s places, `shardShare` of them.
import { describe, expect, it } from 'vitest';
import { inShard, shardFilter, shardShare } from '../../../src/runner/shard.ts';

describe('shardShare', () => {
  it.each([
    { total: 10, shard: undefined, share: 10 },
    { total: 0, shard: undefined, share: 0 },
    { total: 10, shard: { index: 1, count: 1 }, share: 10 },
    { total: 10, shard: { index: 1, count: 3 }, share: 4 },
    { total: 10, shard: { index: 2, count: 3 }, share: 3 },
    { total: 10, shard: { index: 3, count: 3 }, share: 3 },
    { total: 9, shard: { index: 3, count: 3 }, share: 3 },
    { total: 2, shard: { index: 3, count: 3 }, share: 0 },
    { total: 3, shard: { index: 3, count: 3 }, share: 1 },
    { total: 0, shard: { index: 1, count: 2 }, share: 0 },
    { total: 1, shard: { index: 2, count: 2 }, share: 0 },
    { total: 7, shard: { index: 4, count: 4 }, share: 1 },
  ])('$total cases, shard $shard.index/$shard.count: $share', ({ total, shard, share }) => {
    // Act
    const kept = [
      ...shardFilter(
        Array.from({ length: total }, (_, i) => i),
        shard,
      ),
    ];
    // Assert
    expect(shardShare(total, shard)).toBe(share);
    expect(kept).toHaveLength(share);
    expect(kept.every((i) => inShard(i, shard))).toBe(true);
  });

  it('the shards of one plan take every case exactly once', () => {
    // Arrange
    const total = 23;
    const count = 4;
    // Act
    const taken = Array.from({ length: count }, (_, k) => [
      ...shardFilter(
        Array.from({ length: total }, (_, i) => i),
        { index: k + 1, count },
      ),
    ]);
    // Assert
    expect(taken.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(taken.map((t) => t.length)).toEqual(taken.map((_, k) => shardShare(total, { index: k + 1, count })));
  });

  it('an offset places the first case (the worker starts after the boundary phase)', () => {
    // Act
    const kept = [...shardFilter(['a', 'b', 'c', 'd'], { index: 1, count: 2 }, 5)];
    // Assert: places 5, 6, 7, 8; shard 1/2 keeps the even ones
    expect(kept).toEqual(['b', 'd']);
  });
});
