import { describe, expect, it } from 'vitest';
import { code, toMarkdown } from '../../../src/report/markdown.ts';
import { toHtml } from '../../../src/report/html.ts';
import type { Report, ReportedFailure } from '../../../src/report/model.ts';
import { conformingReport, fixtureReport, largeBodyReport } from './fixture.ts';

/** The fixture with `n` unwaived failures, each a copy of F1 with a long body. */
function noisy(n: number, bodyChars = 100): Report {
  const r = fixtureReport();
  const [f1] = r.failures;
  const failures: ReportedFailure[] = Array.from({ length: n }, (_, i) => ({
    ...f1,
    id: `F${i + 1}`,
    case: { ...f1.case, label: `valid/class-${i}` },
    request: { ...f1.request, body: 'x'.repeat(bodyChars) },
    curl: `curl -X POST 'https://x' --data-binary '${'x'.repeat(bodyChars)}'`,
  }));
  const { problems: _p, ...old } = r;
  return { ...old, failures };
}

describe('toMarkdown', () => {
  it('opens with the verdict, then each problem with its answer, rules, classes and curl line, then the checks', () => {
    // Act
    const md = toMarkdown(fixtureReport());
    // Assert
    expect(md).toContain('### Problems (3)');
    expect(md).toContain('#### P1 status 400 where 201 is due');
    expect(md).toContain('7 cases in 1 class: `valid/application-json`');
    expect(md).toContain('`valid-is-created` rule `/paths/~1v1~1onboarding~1entities/post/responses/201`');
    expect(md).toContain('#### P2 no complete answer within 10000 ms (received timeout)');
    expect(md).toContain('smallest example (shrunk): case `r0042`');
    // The evidence beside the request: what came, what was due.
    expect(md).toContain('- status: received `400`, due `201`');
    // The provider's own words: its answer under the curl line, the markup inside a code block.
    expect(md).toContain(
      'the answer, 400 `application/json`:\n\n```json\n{"errors":[{"code":"invalid","message":"name must not contain <script>',
    );
    expect(md.indexOf('### Problems')).toBeLessThan(md.indexOf('### Checks'));
    expect(md).not.toContain('#### F');
  });

  it('lists the failures of a report without problems (older versions), each with its rule and curl line', () => {
    // Act
    const { problems: _p, ...old } = fixtureReport();
    const md = toMarkdown(old);
    // Assert
    expect(md.split('\n')[0]).toBe('## ❌ FAILS · conformance of `POST /v1/onboarding/entities`');
    expect(md).toContain('- waiver legacy-415 expired on 2025-01-31');
    const r = fixtureReport();
    for (const f of r.failures.filter((x) => !x.waivedBy)) {
      expect(md).toContain(`#### ${f.id} \`${f.check}\``);
      expect(md).toContain(`rule \`${f.rule}\``);
      expect(md).toContain(f.curl.includes('\u0000') ? 'printf' : `curl -sS -i -X POST '${f.request.url}' \\\n  -H`);
    }
    expect(md).not.toContain('#### F4'); // waived
    expect(md.indexOf('### Failures (3)')).toBeLessThan(md.indexOf('### Checks'));
    expect(md).toContain('| ❌ `valid-is-created` | 33 | 7 | 0 | 0 |');
    expect(md).toContain('[report.html](report.html)');
  });

  it('gives a curl line too long for report.html up for the replay command of its problem', () => {
    const { report, problem } = largeBodyReport();
    expect(toMarkdown(report, { reportJson: 'out/report.json' })).toContain(
      `replay the request from report.json, \`npx conformance replay out/report.json --problem ${problem}\`_`,
    );
  });

  it('says CONFORMS and None. for a run that conforms', () => {
    const md = toMarkdown(conformingReport());
    expect(md.split('\n')[0]).toContain('✅ CONFORMS');
    expect(md).toContain('### Problems (0)\n\nNone.');
  });

  it('lists the warnings before the checks, each with its code, capped at 20', () => {
    const r = fixtureReport();
    const md = toMarkdown(r);
    expect(md).toContain(`### Warnings (${r.warnings.length})`);
    expect(md).toContain('- `required-nullable`: owner is required and nullable: null is accepted');
    expect(md.indexOf('### Warnings')).toBeLessThan(md.indexOf('### Checks'));
    const many = { ...r, warnings: Array.from({ length: 25 }, (_, i) => ({ code: `w${i}`, rule: '/', message: 'm' })) };
    expect(toMarkdown(many)).toContain('- _…and 5 more in [report.html](report.html)_');
    expect(toMarkdown({ ...conformingReport(), warnings: [] })).not.toContain('### Warnings');
  });

  it('caps the entries and says how many were left out, linking report.html', () => {
    // Act
    const md = toMarkdown(noisy(25), { maxEntries: 10 });
    // Assert
    expect(md.match(/^#### F/gm)).toHaveLength(10);
    expect(md).toContain('_…and 15 more, left out to keep this short: see [report.html](report.html)._');
  });

  it('stays within maxChars however long the curl lines are (a pull-request comment holds 65,536)', () => {
    // Act
    const md = toMarkdown(noisy(200, 1_900), { maxEntries: 200, maxChars: 20_000 });
    // Assert
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toMatch(/_…and \d+ more, left out/);
    expect(md).toContain('### Checks');
  });

  it('leaves a curl line too long to paste to report.html', () => {
    const md = toMarkdown(noisy(1, 5_000));
    expect(md).toContain('_curl line of 5');
    expect(md).not.toContain('x'.repeat(5_000));
  });

  it('keeps provider text inert: markup escaped, code spans and blocks never closed early', () => {
    // Arrange
    const { problems: _p, ...r } = fixtureReport();
    const [f1] = r.failures;
    const hostile: Report = {
      ...r,
      failures: [
        {
          ...f1,
          message: '<img src=x onerror=alert(1)> done',
          case: { ...f1.case, label: 'a`b``c' },
          request: { ...f1.request, body: '```\n# not a heading' },
        },
      ],
    };
    // Act
    const md = toMarkdown(hostile);
    // Assert
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt; done');
    expect(md).toContain('```a`b``c```');
    expect(md).toContain("````sh\nprintf '%b' '```\\0012# not a heading' | \\\n  curl -sS");
    // The body on its own line, after the headers that matter; accept and user-agent last.
    const block = /````sh\n([^]*?)\n````/.exec(md)![1].split('\n');
    expect(block.at(-1)).toBe('  --data-binary @-');
    expect(block.at(-2)).toMatch(/^ {2}-H 'accept: application\/json' -H 'user-agent: [^']+' \\$/);
  });

  it('code() picks a fence longer than any backtick run and shows control characters', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
    expect(code('a\u0000b')).toBe('`a\\u0000b`');
  });
});

describe('curl blocks on the pages carry the run’s TLS choice, so they work against the sandbox they came from', () => {
  const cases: readonly [string, Partial<Report>, string][] = [
    [
      '--ca',
      { options: { concurrency: 4, timeoutMs: 10_000, ca: 'certs/sandbox-ca.pem' } },
      "--cacert 'certs/sandbox-ca.pem'",
    ],
    ['--insecure', {}, ' -k'],
  ];
  it.each(cases)('%s', (flag, extra, expected) => {
    const base = fixtureReport();
    const r: Report = {
      ...base,
      ...extra,
      target: { ...base.target, insecure: flag === '--insecure' },
    };
    expect(toMarkdown(r)).toContain(expected);
    expect(toHtml(r)).toContain(expected);
  });
});
