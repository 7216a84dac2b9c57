// Issue 15's done-when, end to end through the CLI against the reference provider on 127.0.0.1: the two-bug provider
// shows exactly two problems, each with a small example; a baseline of one run lets that run pass, fails a run with a
// new bug, and reports its entries as fixed against a provider without them; --compare triages new, still, fixed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';
import type { Report } from '../../src/report/model.ts';
import { startProvider } from '../provider/server.ts';
import { harValidator } from '../unit/report/har-schema.ts';

const TOKEN = 'reference-token';
const work = mkdtempSync(join(tmpdir(), 'conformance-baseline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function io(lines: string[]): Io {
  return { out: (l) => lines.push(l), err: (l) => lines.push(l), isTTY: false, env: { CONNECT_TOKEN: TOKEN } };
}

/** One `conformance run` against a fresh provider with `fault`; its exit code, console lines and report. */
async function runAgainst(fault: string | undefined, name: string, extra: string[] = []) {
  const provider = await startProvider({ token: TOKEN, ...(fault ? { fault } : {}) });
  const dir = join(work, name);
  const lines: string[] = [];
  try {
    const args = ['run', '--target', provider.url, '--seed', '1', '--runs', '25', '--report-dir', dir];
    const code = await main([...args, '--waivers', 'test/faults/no-waivers.json', ...extra], io(lines));
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    return { code, lines, report, dir };
  } finally {
    await provider.close();
  }
}

describe('the two-bug provider (200 for 201, type in any letter case)', () => {
  let first: Awaited<ReturnType<typeof runAgainst>>;
  const baseline = join(work, 'baseline.json');

  it('shows exactly 2 problems first, each with a small, printable example and its curl line', async () => {
    first = await runAgainst('two-bugs', 'first', ['--har-all']);
    expect(first.code).toBe(1);
    const problems = first.report.problems!;
    expect(first.report.failures.length).toBeGreaterThan(20);
    expect(problems.map((p) => p.title)).toEqual([
      'status 200 where 201 is due',
      expect.stringMatching(/^type: enum not enforced \(200 to "[A-Za-z]+"\)$/),
    ]);
    expect(problems[0].checks).toEqual(['status-is-allowed', 'valid-is-created']);
    expect(problems[1].rules).toContain(
      '/components/schemas/Connect.Service.Onboarding.Core.Models.Data.EntityType/enum',
    );
    for (const p of problems) {
      expect(p.example.request.body!.length).toBeLessThan(200);
      expect(p.example.request.body).not.toMatch(/[\u0000-\u001f]/);
      expect(p.example.curl).toContain('curl ');
    }
    // The case-insensitive type is shown with a letter-case variant of a valid type.
    expect(JSON.parse(problems[1].example.request.body!).type).toMatch(/^[A-Za-z]+$/);
    // The console opens with them, before the checks table.
    const text = first.lines.join('\n');
    expect(text.indexOf('problems (2), by root cause:')).toBeGreaterThan(-1);
    expect(text.indexOf('problems (2)')).toBeLessThan(text.indexOf('  check  '));
    // Markdown and JUnit too.
    expect(readFileSync(join(first.dir, 'report.md'), 'utf8')).toContain('### Problems (2)');
    expect(readFileSync(join(first.dir, 'junit.xml'), 'utf8')).toContain(
      '<testsuite name="problems" tests="2" failures="2"',
    );
  }, 120_000);

  it('writes failures.har and, with --har-all, exchanges.har: both valid HAR 1.2, redacted', () => {
    const validate = harValidator();
    const failures = JSON.parse(readFileSync(join(first.dir, 'failures.har'), 'utf8')) as { log: { entries: [] } };
    const all = readFileSync(join(first.dir, 'exchanges.har'), 'utf8');
    const every = JSON.parse(all) as { log: { entries: [] } };
    expect(validate(failures), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(every), JSON.stringify(validate.errors)).toBe(true);
    // One entry per distinct failing request: every failure's and every problem's example.
    const requests = new Set([
      ...first.report.failures.map((f) => f.curl),
      ...first.report.problems!.map((p) => p.example.curl),
    ]);
    expect(failures.log.entries).toHaveLength(requests.size);
    expect(every.log.entries.length).toBeGreaterThanOrEqual(first.report.summary.requests);
    expect(all).not.toContain(TOKEN);
    expect(all).toContain('Bearer [REDACTED]');
  });

  it('writes a baseline with a stable signature per problem (no seed, id or time)', async () => {
    const lines: string[] = [];
    expect(await main(['baseline', first.dir, '--out', baseline], io(lines))).toBe(0);
    expect(lines).toEqual([`baseline: 2 problems of ${join(first.dir, 'report.json')} written to ${baseline}`]);
    const file = readFileSync(baseline, 'utf8');
    expect(JSON.parse(file)).toMatchObject({ baseline: 2, problems: [{ signature: expect.any(String) }, {}] });
    expect(file).not.toContain('"seed"');
    expect(file).not.toMatch(/\b[bF]\d{2,}|r\d{4}|20\d\d-\d\d-\d\dT/);
  });

  it('lets the same run pass with the baseline, reporting both problems as baselined', async () => {
    // The file as versions before baselines named their operation wrote it: read as POST /v1/onboarding/entities's.
    const { operation, ...older } = JSON.parse(readFileSync(baseline, 'utf8')) as Record<string, unknown>;
    expect(operation).toEqual({ method: 'POST', path: '/v1/onboarding/entities' });
    const olderFile = join(work, 'baseline-older.json');
    writeFileSync(olderFile, JSON.stringify(older));
    const again = await runAgainst('two-bugs', 'again', ['--baseline', olderFile]);
    expect(again.code).toBe(0);
    expect(again.report.verdict).toBe('conforms');
    expect(again.report.summary.failures).toBe(0);
    expect(again.report.summary.baselined).toBeGreaterThan(20);
    expect(again.report.problems!.map((p) => p.baselined)).toEqual([true, true]);
    expect(again.report.baseline).toMatchObject({ entries: 2, matched: 2, fixed: [] });
    expect(again.lines.join('\n')).toContain('P1 [baselined] status 200 where 201 is due');
    expect(readFileSync(join(again.dir, 'junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*failures="0"/);
  }, 120_000);

  it('fails a run with a new bug, on the new problem only, and triages it against the first run', async () => {
    const worse = await runAgainst('two-bugs-and-basic-accepted', 'worse', [
      '--baseline',
      baseline,
      '--compare',
      first.dir,
    ]);
    expect(worse.code).toBe(1);
    const fresh = worse.report.problems!.filter((p) => !p.baselined);
    expect(fresh).toHaveLength(1);
    expect(fresh[0].checks).toContain('auth-is-enforced');
    // Only the new problem's failures count: Basic accepted (with a wrong password, the token as the credentials, as
    // the password and as the user name), each an auth case answered 200.
    expect(worse.report.verdictReasons).toEqual(['8 distinct failures (8 in all)']);
    expect(fresh[0].classes).toEqual([
      'auth/basic',
      'auth/valid-token-scheme/basic',
      'auth/valid-token-scheme/basic-password',
      'auth/valid-token-scheme/basic-username',
    ]);
    expect(worse.report.triage).toMatchObject({ new: [fresh[0].id], fixed: [] });
    expect(worse.report.triage!.stillFailing).toHaveLength(2);
    const md = readFileSync(join(worse.dir, 'report.md'), 'utf8');
    expect(md).toContain('1 new, 2 still failing, 0 fixed');
  }, 120_000);

  it('reports the baseline entries a fixed provider no longer shows as fixed, never silently', async () => {
    const fixed = await runAgainst(undefined, 'fixed', ['--baseline', baseline, '--compare', first.dir]);
    expect(fixed.code).toBe(0);
    expect(fixed.report.baseline).toMatchObject({ entries: 2, matched: 0 });
    expect(fixed.report.baseline!.fixed.map((e) => e.title)).toEqual([
      expect.stringMatching(/^type: enum not enforced/),
      'status 200 where 201 is due',
    ]);
    expect(fixed.report.triage!.fixed).toHaveLength(2);
    expect(fixed.lines.join('\n')).toContain('0 of 2 entries still occur');
    expect(readFileSync(join(fixed.dir, 'report.html'), 'utf8')).toContain('fixed: status 200 where 201 is due');
  }, 120_000);

  it('refuses a baseline file that is not one, in one line (exit 2)', async () => {
    const lines: string[] = [];
    expect(await main(['run', '--baseline', join(first.dir, 'report.json')], io(lines))).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/^conformance: --baseline .*report\.json: not a baseline file/)]);
    expect(await main(['baseline', first.dir], io(lines))).toBe(2);
  });

  it('refuses, in one line (exit 2) before sending anything, a baseline or a report of another operation', async () => {
    const other = join(work, 'baseline-other.json');
    const file = JSON.parse(readFileSync(baseline, 'utf8')) as Record<string, unknown>;
    writeFileSync(other, JSON.stringify({ ...file, operation: { method: 'PUT', path: '/v1/onboarding/entities' } }));
    const otherReport = join(work, 'other-operation');
    mkdirSync(otherReport, { recursive: true });
    writeFileSync(
      join(otherReport, 'report.json'),
      JSON.stringify({ ...first.report, operation: { method: 'PUT', path: '/v1/onboarding/entities' } }),
    );
    const refused = async (...args: string[]) => {
      const lines: string[] = [];
      const code = await main(['run', '--dry-run', ...args], io(lines));
      return { code, lines };
    };
    expect(await refused('--baseline', other)).toEqual({
      code: 2,
      lines: [
        `conformance: --baseline ${other} lists problems of PUT /v1/onboarding/entities; this run judges POST /v1/onboarding/entities`,
      ],
    });
    expect(await refused('--compare', otherReport)).toEqual({
      code: 2,
      lines: [
        `conformance: --compare ${join(otherReport, 'report.json')} is a report of PUT /v1/onboarding/entities; this run judges POST /v1/onboarding/entities`,
      ],
    });
    // The operation given: malformed, not in the spec, or without a verdict profile.
    expect(await refused('--operation', 'entities')).toEqual({
      code: 2,
      lines: ['conformance: --operation expects "METHOD /path", e.g. "POST /v1/onboarding/entities", got "entities"'],
    });
    expect(await refused('--operation', 'PUT /v1/onboarding/entities')).toEqual({
      code: 2,
      lines: ['conformance: spec spec/openapi.yaml has no operation PUT /v1/onboarding/entities'],
    });
    // The default one, spelt out, is the default.
    expect((await refused('--operation', 'post /v1/onboarding/entities')).code).toBe(0);
  });
});
