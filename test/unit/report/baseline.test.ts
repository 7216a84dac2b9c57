import { describe, expect, it } from 'vitest';
import {
  baselineMatcher,
  baselineOperation,
  baselineStatus,
  mergeBaselineStatus,
  parseBaseline,
  ratchetSections,
  toBaseline,
  triage,
} from '../../../src/report/baseline.ts';
import type { Report } from '../../../src/report/model.ts';
import { fixtureReport } from './fixture.ts';
import { formatSummary } from '../../../src/cli/console.ts';
import { toHtml } from '../../../src/report/html.ts';
import { toJUnit } from '../../../src/report/junit.ts';
import { toMarkdown } from '../../../src/report/markdown.ts';
import { findAll, parseXml } from './xml.ts';

describe('baselineMatcher', () => {
  /** A version 2 entry of `core` in `scope`, and a cause of it. */
  const entryOf = (core: string, scope: string) => ({
    signature: `${core} | in ${scope}`,
    title: 't',
    checks: [],
    rules: [],
    classes: [],
  });
  const causeOf = (core: string, scope: string) => ({
    signature: `${core} | in ${scope}`,
    core,
    attachable: false,
    failures: [],
  });

  it('matches a cause to an entry made when its scope was narrower (a 500 by family, before 2026-12-03)', () => {
    const core = 'received 500 | not-a-server-error server-error /paths/~1v1~1onboarding~1entities/post/responses';
    const entry = (scope: string) => entryOf(core, scope);
    const match = baselineMatcher([entry('auth/basic'), entry('authx')]);
    const cause = (scope: string) => causeOf(core, scope);
    expect(match(cause('auth'))).toBe(`${core} | in auth/basic`);
    expect(match(cause('media'))).toBeUndefined();
    expect(match({ ...cause('x'), signature: core })).toBeUndefined();
  });

  it('matches a refusal scoped by the field its answer names to the entry of its family (before 2026-12-04)', () => {
    const core =
      'received 400 | valid-is-created unexpected-status /paths/~1v1~1onboarding~1entities/post/responses/201';
    const entry = { signature: `${core} | in valid/any`, title: 't', checks: [], rules: [], classes: [] };
    const cause = { signature: `${core} | in /properties`, core, attachable: false, failures: [] };
    expect(baselineMatcher([entry])({ ...cause, alsoKnownAs: `${core} | in valid/any` })).toBe(entry.signature);
    expect(baselineMatcher([entry])({ ...cause, alsoKnownAs: `${core} | in valid/null` })).toBeUndefined();
  });

  it('matches the causes a problem merged by its trigger counted, by their classes: a baseline passes another seed', () => {
    const core = 'received 500 | not-a-server-error server-error /paths/~1v1~1onboarding~1entities/post/responses';
    const entry = {
      ...entryOf(core, 'valid requests with a number in properties'),
      classes: ['valid/any/properties/number', 'valid/number/negative-zero'],
    };
    const match = baselineMatcher([entry]);
    expect(match(causeOf(core, 'valid/number'), 'valid/number/negative-zero')).toBe(entry.signature);
    // Another class of the family was not in it (a crash of its own), nor another core.
    expect(match(causeOf(core, 'valid/number'), 'valid/number/2^64')).toBeUndefined();
    expect(match(causeOf(core.replace('500', '502'), 'valid/any'), 'valid/any/properties/number')).toBeUndefined();
  });

  it('matches a cause of a class a merged problem listed, whatever its scope: a baseline passes another seed', () => {
    const core =
      'received 400 | valid-is-created unexpected-status /paths/~1v1~1onboarding~1entities/post/responses/201';
    // Seed 3 counted the 4 KiB 100-continue body under the long strings' refusal; seed 4 found it apart.
    const entry = { ...entryOf(core, 'valid/string/long'), classes: ['valid/expect-continue/large'] };
    const match = baselineMatcher([entry]);
    expect(match(causeOf(core, 'valid/expect-continue/large'), 'valid/expect-continue/large')).toBe(entry.signature);
    expect(match(causeOf(core, 'valid/expect-continue'), 'valid/expect-continue')).toBeUndefined();
  });

  it('matches the causes a run-wide problem and a member’s problem count in the run: a baseline passes another seed', () => {
    const core =
      'received 400 | valid-is-created unexpected-status /paths/~1v1~1onboarding~1entities/post/responses/201';
    const entry = (scope: string) => entryOf(core, scope);
    const cause = (scope: string) => causeOf(core, scope);
    const match = baselineMatcher([entry('every valid request'), entry('/brand')]);
    // No valid request created: every family's refusal is the run's one problem.
    expect(match(cause('valid/string'), 'valid/string/empty')).toBe(`${core} | in every valid request`);
    // Without the run-wide entry, a class about `brand` counts under brand's problem, a class about another member not.
    const byMember = baselineMatcher([entry('/brand')]);
    expect(byMember(cause('valid/null'), 'valid/null/brand')).toBe(`${core} | in /brand`);
    expect(byMember(cause('valid/null'), 'valid/null/owner')).toBeUndefined();
    expect(byMember(cause('valid/null'))).toBeUndefined();
    // A version 1 entry (no classes) is not read as a scope.
    const { classes: _, ...v1 } = entry('every valid request');
    expect(baselineMatcher([v1])(cause('valid/x'), 'valid/x/y')).toBeUndefined();
  });
});

describe('baselines', () => {
  it('toBaseline keeps each problem by signature, sorted, with nothing of the run', () => {
    const r = fixtureReport();
    const b = toBaseline(r);
    expect(b.baseline).toBe(2);
    expect(b.problems.map((p) => p.signature)).toEqual(r.problems!.map((p) => p.signature).sort());
    expect(Object.keys(b.problems[0])).toEqual(['signature', 'title', 'checks', 'rules', 'classes']);
    // Same problems in another run (other seed, ids, order): the same file.
    const other = { ...r, seed: 9, problems: [...r.problems!].reverse().map((p, i) => ({ ...p, id: `P${i + 9}` })) };
    expect(JSON.stringify(toBaseline(other))).toBe(JSON.stringify(b));
    const { problems: _p, ...old } = r;
    expect(() => toBaseline(old as Report)).toThrow('older version'); // a report of an older version
  });

  it('names the operation of its problems: the report’s, or for a report of an older version the default one', () => {
    const r = fixtureReport();
    expect(toBaseline(r).operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
    const { operation: _o, ...older } = r;
    expect(toBaseline(older).operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
    const other = { ...r, operation: { method: 'PUT', path: '/v1/x', operationId: 'put-x' } };
    expect(toBaseline(other).operation).toEqual({ method: 'PUT', path: '/v1/x' });
  });

  it.each([
    [
      { baseline: 2, problems: [] },
      { method: 'POST', path: '/v1/onboarding/entities' },
    ],
    [
      { baseline: 1, problems: [] },
      { method: 'POST', path: '/v1/onboarding/entities' },
    ],
    [
      { baseline: 2, operation: { method: 'get', path: '/v1/x' }, problems: [] },
      { method: 'GET', path: '/v1/x' },
    ],
  ])('baselineOperation of %j is %j (a file without one is of the default operation)', (json, expected) => {
    expect(baselineOperation(json, 'b.json')).toEqual(expected);
  });

  it.each([[{ operation: 'POST /v1/x' }], [{ operation: { method: 'POST' } }], [{ operation: null }]])(
    'baselineOperation refuses %j in one line',
    (json) => {
      expect(() => baselineOperation(json, 'b.json')).toThrow(
        'b.json: "operation" must be {"method": "POST", "path": "/…"}',
      );
    },
  );

  it.each([
    [null, 'not a baseline file'],
    [{ problems: [] }, 'not a baseline file'],
    [{ baseline: 1, problems: [{ title: 'x' }] }, 'problem #1 needs a "signature" string'],
  ])('parseBaseline refuses %j', (json, message) => {
    expect(() => parseBaseline(json, 'b.json')).toThrow(message);
  });

  it('baselineStatus counts the entries still seen; fixed only where cases of their classes were sent and passed', () => {
    const r = fixtureReport();
    const entries = toBaseline(r).problems;
    const s = baselineStatus('b.json', entries, new Set([entries[0].signature]), r.checks);
    expect(s).toMatchObject({ file: 'b.json', entries: 3, matched: 1, notSeen: [] });
    expect(s.fixed.map((e) => e.signature)).toEqual(entries.slice(1).map((e) => e.signature));
    // No case of their classes judged by their checks: not seen, never fixed.
    const unsent = baselineStatus('b.json', entries, new Set([entries[0].signature]), []);
    expect(unsent.fixed).toEqual([]);
    expect(unsent.notSeen!.map((e) => e.signature)).toEqual(entries.slice(1).map((e) => e.signature));
    // A version 1 entry (no classes) is never called fixed.
    const v1 = parseBaseline({ baseline: 1, problems: [{ signature: 'received 200 | a b c' }] }, 'old.json');
    expect(baselineStatus('old.json', v1, new Set(), r.checks)).toMatchObject({ fixed: [], notSeen: v1 });
    // Merged shards: matched when any shard saw it, fixed when a shard found it fixed.
    const t = baselineStatus('b.json', entries, new Set([entries[1].signature]), r.checks);
    expect(mergeBaselineStatus([s, t])!.fixed.map((e) => e.signature)).toEqual([entries[2].signature]);
    expect(mergeBaselineStatus([undefined])).toBeUndefined();
  });

  it('triage sorts this run’s problems into new and still failing, and the previous ones it lacks into fixed', () => {
    const previous = fixtureReport();
    const [p1, p2] = previous.problems!;
    const current = {
      problems: [
        { ...p2, id: 'P1' },
        { ...p1, id: 'P2', signature: 'received 418 | x y z', title: 'teapot' },
      ],
    };
    const t = triage(current, previous, 'old/report.json');
    expect(t).toMatchObject({
      new: ['P2'],
      stillFailing: ['P1'],
      previous: { file: 'old/report.json', seed: 1234567 },
    });
    expect(t.fixed.map((e) => e.title)).toEqual(['status 400 where 201 is due', 'status 201 where 400 is due']);
    const [section] = ratchetSections({ ...current, triage: t });
    expect(section.heading).toContain('1 new, 1 still failing, 2 fixed');
    expect(section.lines).toContain('new: P2 teapot');
  });
});

describe('baseline and triage in every writer', () => {
  /** The fixture run against a baseline that lists P1 and one problem the run no longer shows, compared with itself. */
  function ratcheted(): Report {
    const r = fixtureReport();
    const [p1, ...rest] = r.problems!;
    const gone = {
      signature: 'received 500 | not-a-server-error server-error /x',
      title: 'a 500',
      checks: [],
      rules: [],
    };
    return {
      ...r,
      problems: [{ ...p1, baselined: true }, ...rest],
      failures: r.failures.map((f) => (f.id === 'F1' ? { ...f, baselined: true } : f)),
      baseline: { file: 'spec/baseline.json', entries: 2, matched: 1, fixed: [gone] },
      triage: {
        previous: { file: 'old/report.json', seed: 7, startedAt: '2025-01-01T00:00:00.000Z' },
        new: ['P3'],
        stillFailing: ['P1', 'P2'],
        fixed: [],
      },
    };
  }

  it('console, Markdown, HTML and JUnit mark baselined and new problems and list fixed entries', () => {
    const r = ratcheted();
    const console = formatSummary(r, { allFailures: true }).join('\n');
    expect(console).toContain('P1 [baselined, still failing] status 400 where 201 is due');
    expect(console).toContain('P3 [new] status 201 where 400 is due');
    expect(console).toContain(
      'baseline spec/baseline.json: 1 of 2 entries still occur (reported, not failing the run), 1 fixed:',
    );
    expect(console).toContain('  fixed: a 500 — remove it from the baseline');
    expect(console).toContain('baselined failures (1), in problems the baseline lists:');
    const md = toMarkdown(r);
    expect(md).toContain('#### P3 status 201 where 400 is due · _new_');
    expect(md).toContain(
      '### Triage against old/report.json (seed 7, 2025-01-01T00:00:00.000Z): 1 new, 2 still failing, 0 fixed',
    );
    const html = toHtml(r);
    expect(html).toContain('<span class="flag stale">baselined</span>');
    expect(html).toContain(
      '<li>fixed: a 500 — remove it from the baseline (conformance baseline REPORT --out FILE)</li>',
    );
    expect(html).toContain('<h2 id="baselined">Baselined failures (1)</h2>');
    const junit = parseXml(toJUnit(r));
    const problems = findAll(
      findAll(junit, 'testsuite').find((s) => s.attrs['name'] === 'problems')!,
      'testcase',
    );
    expect(findAll(problems[0], 'skipped')[0].attrs['message']).toBe('in the baseline');
    expect(findAll(problems[1], 'failure')).toHaveLength(1);
  });
});
