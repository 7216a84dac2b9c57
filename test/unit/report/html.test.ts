import { curlBlockOf, tokenCurl } from '../../../src/report/curl.ts';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../../src/report/html.ts';
import { toMarkdown } from '../../../src/report/markdown.ts';
import { fixtureLines, pacingLine, tlsLine } from '../../../src/report/sending.ts';
import type { Report } from '../../../src/report/model.ts';
import { escapeText } from '../../../src/report/text.ts';
import { conformingReport, fixtureReport, largeBodyReport } from './fixture.ts';

/** The fixture with `s` in every place a provider or a label can put text. */
function hostile(s: string): Report {
  const r = fixtureReport();
  const [f1, ...rest] = r.failures;
  return {
    ...r,
    failures: [
      {
        ...f1,
        message: s,
        kind: s,
        case: { ...f1.case, label: s },
        request: { ...f1.request, body: s },
        response: { ...f1.response!, body: s, headers: { 'x-echo': s } },
        curl: s,
      },
      ...rest,
    ],
    warnings: [...r.warnings, { code: 'x', rule: s, message: s }],
  };
}

const tags = (html: string) => html.match(/<[a-zA-Z!/]/g)?.length ?? 0;

describe('toHtml', () => {
  it('opens with the problems, right under the verdict: headline, scope, rules, smallest example and curl line', () => {
    // Act
    const html = toHtml(fixtureReport());
    // Assert
    const at = (s: string) => html.indexOf(s);
    expect(at('id="verdict"')).toBeLessThan(at('<h2 id="problems">Problems (3)</h2>'));
    expect(at('<h2 id="problems">')).toBeLessThan(at('<h2>Checks</h2>'));
    expect(html).toContain(
      '<table class="evidence"><thead><tr><th>where</th><th>received</th><th>due</th></tr></thead><tbody><tr><td>status</td><td><code>400</code></td><td><code>201</code></td></tr></tbody></table>',
    );
    expect(html).toContain(
      '<span class="headline">status 400 where 201 is due</span><span class="tag">7 cases in 1 class</span>',
    );
    expect(html).toContain(
      '<code>valid-is-created</code> · rule <code class="rule">/paths/~1v1~1onboarding~1entities/post/responses/201</code>',
    );
    expect(html).toContain('Smallest request (shrunk)');
    expect(html).toContain('id="curl-P1"');
    expect(html).toContain('details <a href="#F1">F1</a>');
  });

  it('folds the classes of a problem seen in many and the examples after the first three', () => {
    const r = fixtureReport();
    const [p1] = r.problems!;
    const many = Array.from({ length: 10 }, (_, i) => ({
      ...p1,
      id: `P${i + 1}`,
      classes: Array.from({ length: 70 }, (_, j) => `valid/c${j}`),
    }));
    const html = toHtml({ ...r, problems: many });
    expect(html).toContain('<summary>and 64 more classes</summary>');
    expect(html.match(/<summary>Smallest request, answer and curl line<\/summary>/g)).toHaveLength(7);
  });

  it('shows the verdict, every failure with its request, answer, rule and curl line', () => {
    // Arrange / Act
    const html = toHtml(fixtureReport());
    // Assert
    expect(html).toContain('<div class="verdict fails" id="verdict"><strong>FAILS</strong>');
    for (const id of ['F1', 'F2', 'F3', 'F4']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('Rule: <code class="rule">/paths/~1v1~1onboarding~1entities/post/responses/201</code>');
    expect(html).toContain(escapeText(curlBlockOf(fixtureReport().failures[0])));
    expect(html).toContain('&lt;script&gt;alert(\\"x\\")&lt;/script&gt;');
    expect(html).toContain('<span class="flag expired">EXPIRED</span>');
    expect(html).toContain(
      'npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200',
    );
  });

  it('cuts a large body after 16 Ki characters and gives its curl line up for the replay command', () => {
    // Arrange: the first failure's and the first problem's request and answer carry 100,000 characters each.
    const { report, id } = largeBodyReport();
    // Act
    const text = toHtml(report);
    // Assert: the body shown in part, never whole; the replay command in place of the curl line.
    expect(text.length).toBeLessThan(toHtml(fixtureReport()).length + 5 * 17 * 1024);
    expect(text).toContain('more characters (the whole body is in report.json)');
    expect(text).toContain(`npx conformance replay report.json --failure ${id}`);
  });

  it('says CONFORMS for a conforming run, INTERRUPTED and INCOMPLETE with what went untested for partial ones', () => {
    expect(toHtml(conformingReport())).toContain('<strong>CONFORMS</strong>');
    expect(toHtml({ ...conformingReport(), interrupted: true, verdict: 'interrupted' })).toContain(
      '<strong>INTERRUPTED</strong>',
    );
    const incomplete = toHtml({
      ...conformingReport(),
      verdict: 'incomplete',
      verdictReasons: ['--max-requests was reached before every case was sent'],
      complete: false,
      untested: { checks: ['method-is-not-allowed'], rows: ['method'] },
    });
    expect(incomplete).toContain(
      '<div class="verdict interrupted" id="verdict"><strong>INCOMPLETE</strong><span id="headline">0 problems · 0 distinct failures (0 in all)</span><ul><li>--max-requests was reached before every case was sent</li><li>untested checks (1): method-is-not-allowed</li><li>untested verdict-table rows (1): method</li></ul>',
    );
    expect(incomplete).not.toContain('every check passed');
  });

  it('says how the run was sent, as the console and report.md do: the pace, --insecure, the fixtures, the token request', () => {
    // Arrange: an OAuth2 run over unverified TLS, paced, with fixtures and one stale value.
    const base = fixtureReport();
    const r: Report = {
      ...base,
      target: { ...base.target, insecure: true },
      options: {
        concurrency: 4,
        timeoutMs: 1000,
        rate: 20,
        tokenUrl: 'https://127.0.0.1:9/token',
        scope: 'onboarding',
      },
      pacing: { rateLimited: 3, settledRate: 10, ceiling: 20, lowered: 1, pausedMs: 2000 },
      fixtures: {
        file: 'fixtures.json',
        fields: [{ field: 'owner', values: 2, usable: 1, cases: 40 }],
        stale: [{ field: 'owner', value: '00000000-0000-4000-8000-00000000dead', received: '400' }],
      },
    };
    // Act
    const html = toHtml(r);
    const md = toMarkdown(r);
    // Assert
    const lines = [pacingLine(r)!, tlsLine(r)!, ...fixtureLines(r)];
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(html).toContain(`<li>${escapeText(l)}</li>`);
      expect(md).toContain(l.slice(0, 20));
    }
    expect(html).toContain(`<pre id="token">${escapeText(tokenCurl(r)!)}</pre>`);
    // Without failures there is no curl line to feed, and without those flags nothing is said.
    expect(toHtml({ ...r, failures: [] })).not.toContain('id="token"');
    expect(toHtml(base)).not.toContain('id="sending"');
  });

  it('adds no element whatever the strings hold: everything is escaped', () => {
    const base = tags(toHtml(hostile('')));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 40 }),
          fc.constantFrom(
            '<script>alert(1)</script>',
            '"><img src=x onerror=alert(1)>',
            "'--></style></pre><!--",
            '</script><script>x()</script>',
          ),
        ),
        (s) => {
          const html = toHtml(hostile(s));
          expect(tags(html)).toBe(base);
          expect(html).toContain(escapeText(s));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('fetches nothing: no external URL in any src or href, a CSP that forbids fetches, the script allowed by its hash', () => {
    const html = toHtml(fixtureReport());
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:|\/\/)/i);
    expect(html).not.toMatch(/@import|url\(/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });
});
