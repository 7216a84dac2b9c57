import { describe, expect, it } from 'vitest';
import { MergeError, mergeReports } from '../../../src/report/merge.ts';
import { verdictOf } from '../../../src/report/verdict.ts';
import type { Report } from '../../../src/report/model.ts';
import { conformingReport, fixtureReport } from './fixture.ts';

/** Shard i/n of the fixture run: the fixture's data, as if that shard had found it. */
function shard(index: number, count: number, base: Report = fixtureReport()): Report {
  return { ...base, shard: { index, count } };
}

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MergeError);
    return (e as Error).message;
  }
  return expect.unreachable('no MergeError');
};

describe('mergeReports', () => {
  it('sums the summaries and the tallies of two shards', () => {
    // Arrange
    const a = shard(1, 2);
    const b = shard(2, 2, {
      ...conformingReport(),
      summary: { ...conformingReport().summary, durationMs: 20_000 },
      created: ['c-3'],
    });
    // Act
    const m = mergeReports([b, a]);
    // Assert
    expect(m.shard).toBeNull();
    expect(m.mergedShards).toBe(2);
    expect(m.summary).toEqual({
      cases: 426,
      requests: 458,
      failures: 10,
      waived: 3,
      passed: 413,
      rateLimited: 8,
      firstFailureAt: 12,
      durationMs: 20_000,
    });
    const created = m.checks.find((c) => c.name === 'valid-is-created')!;
    expect([created.passed, created.failed, created.waived, created.skipped]).toEqual([33 + 40, 7, 0, 0]);
    expect(created.classes!['valid/application-json']).toEqual({ passed: 33, failed: 7, waived: 0, skipped: 0 });
    expect(m.coverage[0]).toEqual({
      pointer: '/components/schemas/CreateEntityRequest/properties/type',
      keyword: 'enum',
      valid: 240,
      invalid: 40,
    });
    expect(m.created).toEqual([...a.created, 'c-3']);
    expect(m.plan).toEqual(a.plan);
  });

  it('merges the pace (429s summed, the lowest settled pace, the longest pause) and the fixtures (cases summed, stale once)', () => {
    // Arrange
    const stale = { field: 'owner', value: '00000000-0000-4000-8000-00000000dead', received: '400' };
    const fixtures = (cases: number) => ({
      file: 'fixtures.json',
      fields: [{ field: 'owner', values: 2, usable: 1, cases }],
      stale: [stale],
    });
    const a = {
      ...shard(1, 2),
      options: { concurrency: 4, timeoutMs: 1000, rate: 20 },
      pacing: { rateLimited: 3, settledRate: 10, ceiling: 20, lowered: 1, pausedMs: 2000 },
      fixtures: fixtures(30),
    };
    const b = {
      ...shard(2, 2),
      options: { concurrency: 4, timeoutMs: 1000, rate: 20 },
      pacing: { rateLimited: 5, settledRate: 5, ceiling: 20, lowered: 2, pausedMs: 1500, policy: '40 per 1 s' },
      fixtures: fixtures(12),
    };
    // Act
    const m = mergeReports([a, b]);
    // Assert
    expect(m.pacing).toEqual({
      rateLimited: 8,
      settledRate: 5,
      ceiling: 20,
      lowered: 3,
      pausedMs: 2000,
      policy: '40 per 1 s',
    });
    expect(m.fixtures).toEqual({
      file: 'fixtures.json',
      fields: [{ field: 'owner', values: 2, usable: 1, cases: 42 }],
      stale: [stale],
    });
    expect(m.options).toEqual(a.options);
    // Shards without them (older ones, no --fixtures): absent, as before.
    const plain = mergeReports([shard(1, 2), shard(2, 2)]);
    expect(plain.pacing).toBeUndefined();
    expect(plain.fixtures).toBeUndefined();
  });

  it('joins the problems of several shards by signature: cases summed, classes united, details renumbered', () => {
    // Arrange: shard 2 found only the timeout problem (F3 there is F1), in another class too.
    const fixture = fixtureReport();
    const timeout = fixture.failures[2];
    const p = fixture.problems![1];
    const b = shard(2, 2, {
      ...fixture,
      failures: [{ ...timeout, id: 'F1' }],
      problems: [{ ...p, id: 'P1', cases: 6, classes: ['empty/no-body', 'malformed/truncated'], failures: ['F1'] }],
    });
    // Act
    const m = mergeReports([shard(1, 2), b]);
    // Assert
    expect(m.problems!.map((x) => [x.id, x.title, x.cases])).toEqual([
      ['P1', 'no complete answer within 10000 ms', 8],
      ['P2', 'status 400 where 201 is due', 7],
      ['P3', 'status 201 where 400 is due', 1],
    ]);
    expect(m.problems![0].classes).toEqual(['empty/no-body', 'malformed/truncated']);
    expect(m.problems![0].failures).toEqual(['F3']);
  });

  it('joins equal failures of several shards into one and numbers all of them again', () => {
    // Arrange: shard 2 found F3 of the fixture again, and a failure of its own.
    const fixture = fixtureReport();
    const own = { ...fixture.failures[1], id: 'F1', kind: 'schema-violation', occurrences: 5 };
    const b = shard(2, 2, { ...fixture, failures: [{ ...fixture.failures[2], id: 'F1', occurrences: 4 }, own] });
    // Act
    const m = mergeReports([shard(1, 2), b]);
    // Assert
    expect(m.failures.map((f) => [f.id, f.check, f.kind, f.occurrences])).toEqual([
      ['F1', 'valid-is-created', 'unexpected-status', 7],
      ['F2', 'invalid-is-rejected', 'unexpected-status', 1],
      ['F3', 'response-is-received', 'timeout', 6],
      ['F4', 'auth-is-enforced', 'unexpected-status', 3],
      ['F5', 'invalid-is-rejected', 'schema-violation', 5],
    ]);
  });

  it('sums spec gaps by status, dedupes warnings (summing their counts) and sums waiver matches; stale only if stale in every shard', () => {
    const a = shard(1, 2);
    const b = shard(2, 2, {
      ...fixtureReport(),
      waivers: fixtureReport().waivers.map((w) => (w.id === 'old-echo-bug' ? { ...w, matched: 2, stale: false } : w)),
    });
    const m = mergeReports([a, b]);
    expect(m.specGaps.map((g) => [g.status, g.count, g.example])).toEqual([
      [401, 80, 'auth/none'],
      [415, 40, 'media-type/text-plain'],
    ]);
    expect(m.warnings.map((w) => w.message)).toEqual([
      'owner is required and nullable: null is accepted',
      '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2) (80×)',
    ]);
    expect(m.waivers.map((w) => [w.id, w.matched, w.stale, w.expired])).toEqual([
      ['sandbox-accepts-any-bearer', 6, false, false],
      ['old-echo-bug', 2, false, false],
      ['legacy-415', 0, true, true],
    ]);
  });

  it('recomputes the verdict: complete shards conform, a partial shard makes the whole incomplete or interrupted', () => {
    const ok = conformingReport();
    const whole = mergeReports([shard(1, 2, ok), shard(2, 2, ok)]);
    expect([whole.verdict, whole.complete]).toEqual(['conforms', true]);
    const m = mergeReports([shard(1, 2, ok), shard(2, 2, { ...ok, interrupted: true, complete: false })]);
    expect([m.verdict, m.interrupted, m.verdictReasons]).toEqual(['interrupted', true, ['the run was interrupted']]);
    const partial = { ...ok, complete: false, budgetExhausted: true, stopReason: 'max-requests' as const };
    const cut = mergeReports([shard(1, 2, ok), shard(2, 2, partial)]);
    expect([cut.verdict, cut.complete, cut.verdictReasons]).toEqual([
      'incomplete',
      false,
      ['--max-requests was reached before every case was sent'],
    ]);
    // A shard older than `complete`: complete unless its budget ran out.
    const { complete: _c, ...old } = ok;
    expect(mergeReports([shard(1, 2, old), shard(2, 2, old)]).verdict).toBe('conforms');
    expect(mergeReports([shard(1, 2, old), shard(2, 2, { ...old, budgetExhausted: true })]).verdict).toBe('incomplete');
    expect(verdictOf(fixtureReport())).toEqual({
      verdict: fixtureReport().verdict,
      verdictReasons: fixtureReport().verdictReasons,
    });
  });

  it.each([
    [[], 'merge-reports needs at least one shard report'],
    [[fixtureReport()], 'a report of seed 1234567 is not a shard (run with --shard i/n)'],
    [
      [shard(1, 2), { ...shard(2, 2), seed: 7 }],
      'shard reports differ in seed (1234567 and 7): they are not shards of one run',
    ],
    [
      [shard(1, 2), { ...shard(2, 2), spec: { path: 'spec/openapi.yaml', sha256: 'abc' } }],
      /^shard reports differ in spec sha256 \(5d41402a.* and abc\)/,
    ],
    [
      [shard(1, 2), { ...shard(2, 2), operation: { method: 'GET', path: '/v1/onboarding/entities' } }],
      'shard reports differ in operation (POST /v1/onboarding/entities and GET /v1/onboarding/entities): they are not shards of one run',
    ],
    [
      [
        { ...shard(1, 2), operation: undefined },
        { ...shard(2, 2), operation: { method: 'PUT', path: '/v1/x' } },
      ],
      'shard reports differ in operation (POST /v1/onboarding/entities and PUT /v1/x): they are not shards of one run',
    ],
    [[shard(1, 2), shard(2, 3)], 'shard reports differ in shard count (2 and 3): they are not shards of one run'],
    [[shard(1, 3), shard(3, 3)], 'shard 2/3 is missing (got 1/3, 3/3)'],
    [[shard(1, 2), shard(2, 2), shard(2, 2)], 'shard 2/2 is given 2 times'],
    [
      [shard(1, 2), { ...shard(2, 2), target: { ...fixtureReport().target, url: 'https://other.example' } }],
      /^shard reports differ in target/,
    ],
  ] as [Report[], string | RegExp][])('refuses shards that are not one run: %#', (reports, expected) => {
    const m = message(() => mergeReports(reports));
    if (typeof expected === 'string') expect(m).toBe(expected);
    else expect(m).toMatch(expected);
  });

  it('joins a shard of an older version (no operation) with one naming the default operation, and names it', () => {
    const { operation, ...older } = shard(1, 2);
    expect(mergeReports([older, shard(2, 2)]).operation).toEqual(operation);
    const { operation: _, ...older2 } = shard(2, 2);
    expect(mergeReports([older, older2]).operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
  });

  it('accepts Prism shards on different ports', () => {
    const prism = (i: number): Report => ({
      ...shard(i, 2),
      target: { kind: 'prism', url: `http://127.0.0.1:${4000 + i}`, mock: true, insecure: false },
    });
    expect(mergeReports([prism(1), prism(2)]).target.kind).toBe('prism');
  });

  it('turns a single shard 1/1 into the report of the whole run', () => {
    const r = fixtureReport();
    const { shard: _s, mergedShards: _m, ...merged } = mergeReports([shard(1, 1, r)]);
    const { shard: _r, ...original } = r;
    expect(merged).toEqual(original);
  });
});
