// The generation worker yields exactly the plan's cases (ids, bodies, replay paths), in order, shard by shard;
// only `value` stays behind, and `caseValue` gives it back from the body.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestCase } from '../../../src/generators/case.ts';
import { caseValue } from '../../../src/generators/draft.ts';
import { caseSource, type CaseSource } from '../../../src/runner/feed.ts';
import { shardFilter } from '../../../src/runner/shard.ts';
import { planCases, type PlanOptions } from '../../../src/generators/index.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

let opts: PlanOptions;

beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  // 600 runs: the random phase spans several of the worker's batches (256 cases each).
  opts = { spec, validators: buildValidators(spec), seed: 11, runs: 600 };
});

async function drain(source: CaseSource): Promise<TestCase[]> {
  const out: TestCase[] = [];
  try {
    for (;;) {
      const next = source.next();
      const c = next instanceof Promise ? await next : next;
      if (c === undefined) return out;
      out.push(c);
    }
  } finally {
    source.close();
  }
}

const withoutValue = ({ value: _value, ...rest }: TestCase) => rest;

describe('caseSource', () => {
  it.each([
    { shard: undefined, name: 'every case' },
    { shard: { index: 1, count: 3 }, name: 'shard 1/3' },
    { shard: { index: 3, count: 3 }, name: 'shard 3/3' },
  ])('$name: the worker yields what the plan yields, in order', async ({ shard }) => {
    // Arrange
    const plan = planCases(opts);
    const expected = [...shardFilter(plan.cases(), shard)];
    // Act
    const inWorker = await drain(
      caseSource(plan, { spec: opts.spec, seed: opts.seed, runs: opts.runs, shard, worker: true }),
    );
    const inThread = await drain(
      caseSource(plan, { spec: opts.spec, seed: opts.seed, runs: opts.runs, shard, worker: false }),
    );
    // Assert
    expect(inWorker.length).toBe(expected.length);
    expect(inWorker.map(withoutValue)).toEqual(expected.map(withoutValue));
    expect(inThread).toEqual(expected);
    expect(inWorker.some((c) => c.phase === 'random')).toBe(true);
  });

  it('a case that came without its value gets it back from its body', async () => {
    const plan = planCases(opts);
    const fromWorker = (
      await drain(caseSource(plan, { spec: opts.spec, seed: opts.seed, runs: opts.runs, worker: true }))
    ).filter((c) => c.phase === 'random' && c.kind === 'valid');
    expect(fromWorker.length).toBeGreaterThan(0);
    expect(fromWorker.every((c) => !('value' in c))).toBe(true);
    for (const c of fromWorker.slice(0, 50)) expect(caseValue(c)).toEqual(JSON.parse(c.body!));
  });

  it('closing early stops the worker: nothing more is yielded, nothing hangs', async () => {
    const plan = planCases(opts);
    const source = caseSource(plan, { spec: opts.spec, seed: opts.seed, runs: opts.runs, worker: true });
    for (let i = 0; i < plan.boundaryCount + 10; i++) {
      const next = source.next();
      expect(next instanceof Promise ? await next : next).toBeDefined();
    }
    source.close();
    const after = source.next();
    expect(after instanceof Promise ? await after : after).toBeUndefined();
  });
});
