import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJUnit } from '../../../src/report/junit.ts';
import type { Report } from '../../../src/report/model.ts';
import { conformingReport, fixtureReport, largeBodyReport } from './fixture.ts';
import { findAll, parseXml, textOf, type XmlElement } from './xml.ts';

const num = (e: XmlElement, k: string) => Number(e.attrs[k]);
const testcases = (root: XmlElement, suite: string) =>
  findAll(
    findAll(root, 'testsuite').find((s) => s.attrs['name'] === suite)!,
    'testcase',
  );

describe('toJUnit', () => {
  it('is well-formed XML: the problems first, then one testsuite per check and one for the run', () => {
    // Arrange
    const r = fixtureReport();
    // Act
    const root = parseXml(toJUnit(r));
    // Assert
    expect(root.name).toBe('testsuites');
    expect(findAll(root, 'testsuite').map((s) => s.attrs['name'])).toEqual([
      'problems',
      ...r.checks.map((c) => c.name),
      'run',
    ]);
  });

  it('opens with one failing testcase per problem: headline, scope, rules and the smallest example with curl', () => {
    const root = parseXml(toJUnit(fixtureReport()));
    const cases = testcases(root, 'problems');
    expect(cases.map((t) => t.attrs['name'])).toEqual([
      'P1 status 400 where 201 is due',
      'P2 no complete answer within 10000 ms (received timeout)',
      'P3 status 201 where 400 is due',
    ]);
    const failure = findAll(cases[0], 'failure')[0];
    expect(failure.attrs['message']).toBe('status 400 where 201 is due (7 cases in 1 class)');
    const text = textOf(failure);
    expect(text).toContain('rule: valid-is-created /paths/~1v1~1onboarding~1entities/post/responses/201');
    expect(text).toContain('smallest example (shrunk): case r0042 (valid/application-json)');
    expect(text).toContain('Bearer $CONNECT_TOKEN');
  });

  it('has one testcase per check and case class, failing for unwaived failures and skipped for waived ones', () => {
    const root = parseXml(toJUnit(fixtureReport()));
    expect(testcases(root, 'valid-is-created').map((t) => t.attrs['name'])).toEqual([
      'valid/application-json',
      'valid/text-json',
    ]);
    const [created] = testcases(root, 'valid-is-created');
    const failure = findAll(created, 'failure')[0];
    expect(failure.attrs).toEqual({
      message: 'a valid request was not created: Received: 400 / Due: 201',
      type: 'unexpected-status',
    });
    // The minimal request, the answer, the rule and the curl line, readable as text.
    const text = textOf(failure);
    expect(text).toContain('rule: /paths/~1v1~1onboarding~1entities/post/responses/201');
    expect(text).toContain('{"type":"Company","name":"Ölmühle <b>&amp; Söhne</b> — 株式会社"');
    expect(text).toContain('"message":"name must not contain <script>alert(\\"x\\")</script>"');
    expect(text).toContain(`curl -sS -i -X POST 'https://sandbox.connect.example.com/connect/v1/onboarding/entities'`);
    expect(text).toContain('Bearer $CONNECT_TOKEN');
    const waived = testcases(root, 'auth-is-enforced').find((t) => t.attrs['name'] === 'auth/wrong-token')!;
    expect(findAll(waived, 'skipped')[0].attrs['message']).toBe('waived by sandbox-accepts-any-bearer');
    expect(findAll(waived, 'failure')).toHaveLength(0);
  });

  it('cuts a large body after 16 Ki characters and gives its curl line up for the replay command', () => {
    // Arrange: the first failure's and the first problem's request and answer carry 100,000 characters each.
    const { report, id } = largeBodyReport();
    // Act
    const text = toJUnit(report);
    // Assert: the body shown in part, never whole; the replay command in place of the curl line.
    expect(text.length).toBeLessThan(toJUnit(fixtureReport()).length + 5 * 17 * 1024);
    expect(text).toContain('more characters (the whole body is in report.json)');
    expect(text).toContain(`npx conformance replay report.json --failure ${id}`);
  });

  it('shows control characters of a body as visible escapes (XML 1.0 cannot carry them)', () => {
    const root = parseXml(toJUnit(fixtureReport()));
    const rejected = testcases(root, 'invalid-is-rejected').find((t) => t.attrs['name'] === 'invalid/enum/type')!;
    expect(textOf(findAll(rejected, 'failure')[0])).toContain('"type":"Comp\\u0000any\\u0001\\u001b[31m\\u007f"');
  });

  it('counts failures exactly when the verdict fails: failing checks plus expired waivers and an interrupted run', () => {
    // Arrange
    const failing = parseXml(toJUnit(fixtureReport()));
    const conforming = parseXml(toJUnit(conformingReport()));
    const interrupted = parseXml(toJUnit({ ...conformingReport(), interrupted: true, verdict: 'interrupted' }));
    const incomplete = parseXml(
      toJUnit({
        ...conformingReport(),
        verdict: 'incomplete',
        verdictReasons: ['--max-requests was reached before every case was sent'],
        complete: false,
        untested: { checks: ['method-is-not-allowed'], rows: ['method'] },
      }),
    );
    // Assert: P1 to P3, F1, F2, F3 and the expired waiver legacy-415; F4 is waived.
    expect([num(failing, 'tests'), num(failing, 'failures'), num(failing, 'skipped'), num(failing, 'errors')]).toEqual([
      49, 7, 1, 0,
    ]);
    expect(
      findAll(
        testcases(failing, 'run').find((t) => t.attrs['name'] === 'waiver legacy-415')!,
        'failure',
      )[0].attrs['type'],
    ).toBe('expired-waiver');
    expect(num(conforming, 'failures')).toBe(0);
    expect(num(interrupted, 'failures')).toBe(1);
    // An incomplete run fails its `completed` testcase, and its suite comes first.
    expect(num(incomplete, 'failures')).toBe(1);
    const first = findAll(incomplete, 'testsuite')[0];
    expect(first.attrs['name']).toBe('run');
    const failure = findAll(findAll(first, 'testcase')[0], 'failure')[0];
    expect([failure.attrs['type'], failure.attrs['message']]).toEqual([
      'incomplete',
      'INCOMPLETE: --max-requests was reached before every case was sent',
    ]);
    expect(textOf(failure)).toContain('untested checks (1): method-is-not-allowed');
  });

  it('keeps every total equal to the sum of its parts', () => {
    const root = parseXml(toJUnit(fixtureReport()));
    const suites = findAll(root, 'testsuite');
    for (const s of suites) {
      const cases = findAll(s, 'testcase');
      expect(num(s, 'tests')).toBe(cases.length);
      expect(num(s, 'failures')).toBe(cases.filter((c) => findAll(c, 'failure').length > 0).length);
      expect(num(s, 'skipped')).toBe(cases.filter((c) => findAll(c, 'skipped').length > 0).length);
    }
    for (const k of ['tests', 'failures', 'skipped'])
      expect(num(root, k)).toBe(suites.reduce((n, s) => n + num(s, k), 0));
  });

  it('marks a check that applied to no case of a class as skipped there', () => {
    const r = fixtureReport();
    const root = parseXml(
      toJUnit({
        ...r,
        checks: [
          {
            name: 'echo-owner',
            description: 'x',
            passed: 0,
            failed: 0,
            waived: 0,
            skipped: 4,
            classes: { 'valid/application-json': { passed: 0, failed: 0, waived: 0, skipped: 4 } },
          },
        ],
      }),
    );
    expect(findAll(testcases(root, 'echo-owner')[0], 'skipped')[0].attrs['message']).toBe(
      'not applicable to its 4 cases',
    );
  });

  it('works from a report without per-class tallies: failing classes plus one testcase for the cases that passed', () => {
    const r = fixtureReport();
    const root = parseXml(toJUnit({ ...r, checks: r.checks.map(({ classes: _, ...c }) => c) }));
    expect(testcases(root, 'valid-is-created').map((t) => t.attrs['name'])).toEqual([
      'valid/application-json',
      'other cases',
    ]);
    expect(testcases(root, 'not-a-server-error').map((t) => t.attrs['name'])).toEqual(['other cases']);
  });

  it('stays well-formed whatever a provider answers and whatever a label or message holds', () => {
    const anyText = fc.string({ unit: fc.nat(0xffff).map((n) => String.fromCharCode(n)), maxLength: 30 });
    fc.assert(
      fc.property(anyText, anyText, anyText, (body, message, label) => {
        // Arrange
        const r = fixtureReport();
        const [f1, ...rest] = r.failures;
        const hostile: Report = {
          ...r,
          failures: [{ ...f1, message, case: { ...f1.case, label }, response: { ...f1.response!, body } }, ...rest],
        };
        // Act
        const root = parseXml(toJUnit(hostile));
        // Assert
        expect(num(root, 'failures')).toBe(7);
      }),
      { numRuns: 100 },
    );
  });
});
