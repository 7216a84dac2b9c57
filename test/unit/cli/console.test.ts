import { describe, expect, it } from 'vitest';
import { createProgress, formatSummary, progressLine } from '../../../src/cli/console.ts';
import type { Io } from '../../../src/cli/io.ts';
import { repeatCommand } from '../../../src/report/repeat.ts';
import { conformingReport, fixtureReport, largeBodyReport, TOKEN } from '../report/fixture.ts';

function capture(isTTY: boolean) {
  const err: string[] = [];
  const raw: string[] = [];
  let clock = 0;
  const io: Io = { out: () => {}, err: (l) => err.push(l), isTTY, env: {} };
  return { io, err, raw, write: (s: string) => raw.push(s), now: () => clock, tick: (ms: number) => (clock += ms) };
}

const target = { baseUrl: 'https://sandbox.example', mock: false };

describe('progress', () => {
  it('draws a bar with counts', () => {
    expect(progressLine({ done: 400, total: 1000, failures: 3 }, 12_300)).toMatchInlineSnapshot(
      `"[##########--------------]  40%  400/1000 cases · 3 failures · 12.3 s · ~18.4 s left"`,
    );
    expect(progressLine({ done: 1, total: 1, failures: 1 }, 500, 10)).toMatchInlineSnapshot(
      `"[##########] 100%  1/1 cases · 1 failure · 500 ms"`,
    );
    expect(progressLine({ done: 0, total: 0, failures: 0 }, 0, 4)).toMatchInlineSnapshot(
      `"[####] 100%  0/0 cases · 0 failures · 0 ms"`,
    );
  });

  it('on a terminal, redraws one line on stderr with \\r, at most every 100 ms, and clears it at the end', () => {
    // Arrange
    const c = capture(true);
    const p = createProgress(c.io, { write: c.write, now: c.now });
    // Act
    p.onStart({ total: 3, target });
    c.tick(150);
    p.onProgress({ done: 1, total: 3, failures: 0 });
    c.tick(10);
    p.onProgress({ done: 2, total: 3, failures: 1 });
    c.tick(10);
    p.onProgress({ done: 3, total: 3, failures: 1 });
    p.finish();
    // Assert
    expect(c.err).toEqual(['running 3 cases against https://sandbox.example']);
    expect(c.raw).toEqual([
      '\r[########----------------]  33%  1/3 cases · 0 failures · 150 ms · ~300 ms left\x1b[K',
      '\r[########################] 100%  3/3 cases · 1 failure · 170 ms\x1b[K',
      '\r\x1b[K',
    ]);
  });

  it('in a log, writes a plain line at most every 10 s and the final count', () => {
    // Arrange
    const c = capture(false);
    const p = createProgress(c.io, { write: c.write, now: c.now });
    // Act: 1000 cases over 25 s.
    p.onStart({ total: 1000, target: { ...target, mock: true } });
    for (let i = 1; i <= 1000; i++) {
      c.tick(25);
      p.onProgress({ done: i, total: 1000, failures: Math.floor(i / 300) });
    }
    p.finish();
    // Assert
    expect(c.raw).toEqual([]);
    expect(c.err).toMatchInlineSnapshot(`
      [
        "running 1000 cases against https://sandbox.example (embedded Prism mock)",
        "progress: 400/1000 cases, 1 failure, 10.0 s",
        "progress: 800/1000 cases, 2 failures, 20.0 s",
        "progress: 1000/1000 cases, 3 failures, 25.0 s",
      ]
    `);
  });
});

describe('formatSummary', () => {
  it('lists checks, failures with rule and curl line, spec gaps, warnings, waivers, the verdict and the repeat command', () => {
    expect(formatSummary(fixtureReport(), { reportDir: 'reports/', allFailures: true }).join('\n'))
      .toMatchInlineSnapshot(`
      "connect-onboarding-conformance 0.1.0 · POST /v1/onboarding/entities · target https://sandbox.connect.example.com/connect · seed 1234567
      3 problems · 3 distinct failures (10 in all)

      problems (3), by root cause:
      P1 status 400 where 201 is due · 7 cases in 1 class
          rule: valid-is-created /paths/~1v1~1onboarding~1entities/post/responses/201
          smallest example (shrunk): case r0042 valid/application-json · details F1
          curl -sS -i -X POST 'https://sandbox.connect.example.com/connect/v1/onboarding/entities' -H 'accept: application/json' -H 'user-agent: connect-onboarding-conformance/0.1.0' -H 'content-type: application/json' -H "Authorization: Bearer $CONNECT_TOKEN" --data-binary '{"type":"Company","name":"Ölmühle <b>&amp; Söhne</b> — 株式会社","owner":"3f1c2a8e-0000-4000-8000-000000000001"}'
      P2 no complete answer within 10000 ms (received timeout) · 2 cases in 1 class
          rule: response-is-received /paths/~1v1~1onboarding~1entities/post/responses
          smallest example: case b0031 malformed/truncated · details F3
          curl -sS -i -X POST 'https://sandbox.connect.example.com/connect/v1/onboarding/entities' -H 'accept: application/json' -H 'user-agent: connect-onboarding-conformance/0.1.0' -H 'content-type: application/json' -H "Authorization: Bearer $CONNECT_TOKEN" --data-binary '{"type":"Company","na'
      P3 status 201 where 400 is due · 1 case in 1 class
          rule: invalid-is-rejected /components/schemas/CreateEntityRequest/properties/type/enum
          smallest example: case b0017 invalid/enum/type · details F2
          printf '%b' '{"type":"Comp\\0000any\\0001\\0033[31m\\0177","name":"O'\\''Brien & \\\\"Partners\\\\""}' | curl -sS -i -X POST 'https://sandbox.connect.example.com/connect/v1/onboarding/entities' -H 'accept: application/json' -H 'user-agent: connect-onboarding-conformance/0.1.0' -H 'content-type: application/json' -H "Authorization: Bearer $CONNECT_TOKEN" --data-binary @-

        check                   passed  failed  waived  skipped
        response-is-received       198       2       0        0
        not-a-server-error         200       0       0        0
        status-is-allowed          200       0       0        0
        valid-is-created            33       7       0        0
        invalid-is-rejected         77       1       0        2
        auth-is-enforced            37       0       3        0
        media-type-is-enforced      20       0       0        0
        method-is-not-allowed       20       0       0        0
        echo-owner                  33       0       0        7

      failures (3):
      F1 valid-is-created [unexpected-status] valid/application-json (7×) · answer 400 · P1
      F2 invalid-is-rejected [unexpected-status] invalid/enum/type · answer 201 · P3
      F3 response-is-received [timeout] malformed/truncated (2×) · no answer: timeout · P2

      waived failures (1):
      F4 auth-is-enforced [unexpected-status] auth/wrong-token — waived by sandbox-accepts-any-bearer

      spec gaps (2):
        401 is allowed by the verdict profile but not documented by the spec (40×, e.g. auth/none)
        415 is allowed by the verdict profile but not documented by the spec (20×, e.g. media-type/text-plain)

      warnings (2):
        required-nullable: owner is required and nullable: null is accepted
        auth-is-enforced/missing-www-authenticate: 401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2) (40×)

      waivers (3):
        sandbox-accepts-any-bearer (auth-is-enforced, owner team-onboarding): matched 3
        old-echo-bug (echo-owner, owner team-onboarding): matched 0 STALE (matched nothing: remove it?)
        legacy-415 (media-type-is-enforced, owner platform): matched 0 EXPIRED 2025-01-31 STALE (matched nothing: remove it?)

      FAILS: 3 problems · 213 cases, 229 requests, 10 failures, 3 waived in 12.3 s — 3 distinct failures (10 in all); waiver legacy-415 expired on 2025-01-31
      seed 1234567; repeat the run (the token in CONNECT_TOKEN, never on the command line): npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200
      replay the failures: npx conformance replay reports/report.json"
    `);
  });

  it('leaves a curl line too long for a terminal (a 5,000-deep body) to report.html', () => {
    const r = fixtureReport();
    const [p] = r.problems!;
    const body = '{"properties":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}';
    const long = { ...r, problems: [{ ...p, example: { ...p.example, curl: `curl --data-binary '${body}'` } }] };
    const lines = formatSummary(long, { reportDir: 'reports/' });
    expect(lines.join('\n')).not.toContain('['.repeat(100));
    expect(lines).toContainEqual(expect.stringMatching(/its curl line has \d+ characters: copy it from report\.html/));
  });

  it('leaves a curl line too long for report.html too to the replay command of its problem', () => {
    const { report, problem } = largeBodyReport();
    const lines = formatSummary(report, { reportDir: 'out/' });
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `its curl line has \\d+ characters: re-send it with npx conformance replay out/report\\.json --problem ${problem}\\)$`,
        ),
      ),
    );
  });

  it('in CI lists the problems and counts, and leaves the failure list to the reports unless asked', () => {
    const ci = formatSummary(fixtureReport()).join('\n');
    expect(ci).toContain('problems (3), by root cause:');
    expect(ci).toContain('failures (3): listed in report.html and report.json (--all-failures prints them here)');
    expect(ci).not.toContain('F1 valid-is-created');
    expect(formatSummary(fixtureReport(), { allFailures: true }).join('\n')).toContain('F1 valid-is-created');
  });

  it('is short for a conforming run against the embedded mock', () => {
    const r = conformingReport();
    const lines = formatSummary({
      ...r,
      target: { kind: 'prism', url: 'http://127.0.0.1:4010', mock: true, insecure: false },
      specGaps: [],
      warnings: [],
      checks: r.checks.slice(0, 2),
    });
    expect(lines.join('\n')).toMatchInlineSnapshot(`
      "connect-onboarding-conformance 0.1.0 · POST /v1/onboarding/entities · target http://127.0.0.1:4010 (embedded Prism mock) · seed 1234567
      0 problems · 0 distinct failures (0 in all)

        check                 passed  failed  waived  skipped
        response-is-received     200       0       0        0
        not-a-server-error       200       0       0        0

      CONFORMS: 0 problems · 213 cases, 229 requests, 0 failures, 0 waived in 12.3 s
      seed 1234567; repeat the run: npx conformance run --target prism --seed 1234567 --runs 200"
    `);
  });
});

describe('repeatCommand', () => {
  it('repeats the run with its seed, runs, shard and spec, never with the token', () => {
    const r = fixtureReport();
    expect(
      repeatCommand({
        ...r,
        shard: { index: 2, count: 4 },
        spec: { ...r.spec, path: 'my specs/api.yaml' },
        target: { ...r.target, insecure: true },
      }),
    ).toBe(
      "npx conformance run --target https://sandbox.connect.example.com/connect --seed 1234567 --runs 200 --spec 'my specs/api.yaml' --shard 2/4 --insecure",
    );
    expect(formatSummary(r).join('\n')).not.toContain(TOKEN);
  });
});
