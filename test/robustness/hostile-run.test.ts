// Whole runs against hostile targets: each case gets a verdict, the run goes on, the report is written.
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { BIN, readReport, runMain, spawnCommand, tempDir } from './cli.ts';
import * as servers from './servers.ts';
import type { TestServer } from './servers.ts';

const TOKEN = 'hostile-token-value';
const open: TestServer[] = [];
const dirs: { remove(): void }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  dirs.splice(0).forEach((d) => d.remove());
});

/** A whole run (`--runs 0`: preflight and boundary cases only) against `server`, capped at `maxRequests`. */
async function runAgainst(
  server: TestServer,
  maxRequests: number,
  extra: string[] = [],
): Promise<{ code: number; report: Report; out: string[] }> {
  open.push(server);
  const reports = tempDir();
  dirs.push(reports);
  const r = await runMain([
    'run',
    '--target',
    server.url,
    '--token',
    TOKEN,
    '--runs',
    '0',
    '--seed',
    '1',
    '--max-requests',
    String(maxRequests),
    '--concurrency',
    '4',
    '--report-dir',
    reports.dir,
    // Each case's own verdict is the point here: the dead-target watch is tested on its own below.
    '--give-up-after',
    '0',
    ...extra,
  ]);
  expect(r.code, r.out.join('\n')).toBe(1);
  const report = readReport(reports.dir);
  expect(server.requests()).toBeLessThanOrEqual(maxRequests);
  return { code: r.code, report, out: r.out };
}

const kinds = (r: Report, check: string) => new Set(r.failures.filter((f) => f.check === check).map((f) => f.kind));

describe('runs against hostile targets', () => {
  it('never answers: every case times out, the run ends on time', async () => {
    const started = Date.now();
    const { report } = await runAgainst(await servers.silent(), 12, ['--timeout', '200']);
    expect(kinds(report, 'response-is-received')).toEqual(new Set(['timeout']));
    expect(report.summary.cases).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('resets the connection mid-answer: connection-reset', async () => {
    const { report } = await runAgainst(await servers.resetMidAnswer(), 12);
    expect(kinds(report, 'response-is-received')).toEqual(new Set(['connection-reset']));
  });

  it('answers non-JSON where JSON is due: not-json', async () => {
    const { report } = await runAgainst(await servers.notJson(400, '<html>Bad Request</html>'), 20);
    expect(kinds(report, 'response-schema-conformance')).toContain('not-json');
  });

  it('answers 500 to everything: the preflight is not ok, and the warning says what came', async () => {
    const { report } = await runAgainst(await servers.notJson(500, 'Internal Server Error'), 12);
    expect(report.preflight).toEqual([
      { label: 'preflight/invalid-body', expected: '400', received: '500', ok: false },
      { label: 'preflight/no-credentials', expected: '401/403', received: '500', ok: false },
    ]);
    expect(report.warnings.map((w) => w.message)).toContain(
      'the target answered preflight/invalid-body with 500 (expected 400)',
    );
  });

  it('answers JSON cut short: not-json', async () => {
    const { report } = await runAgainst(await servers.notJson(400, '{"errors":[{"code":"Bad'), 20);
    expect(kinds(report, 'response-schema-conformance')).toContain('not-json');
  });

  it('answers hundreds of megabytes: cut at the cap, and the report says so', async () => {
    const { report } = await runAgainst(await servers.hugeBody(300 * 1024 * 1024), 6, ['--concurrency', '2']);
    expect(kinds(report, 'response-schema-conformance')).toContain('body-too-large');
    expect(report.failures.every((f) => (f.response?.body.length ?? 0) <= 64 * 1024)).toBe(true);
  });

  it('answers a body that never ends, to the binary with its 256 MB heap: every answer cut at the cap, reports written', async () => {
    // Arrange: the shebang's heap limits apply only when the binary is run as a command.
    const server = await servers.endlessBody();
    open.push(server);
    const reports = tempDir();
    dirs.push(reports);
    // Act: the default plan (every distinct failure keeps its example) with endless answers to every case.
    const run = spawnCommand(
      BIN,
      ['run', '--target', server.url, '--seed', '1', '--give-up-after', '0', '--report-dir', reports.dir],
      {
        CONNECT_TOKEN: TOKEN,
      },
    );
    const code = await run.exited;
    // Assert: a verdict, not a crash (134, heap out of memory), and each answer judged oversized.
    expect(code, run.stderr()).toBe(1);
    const report = readReport(reports.dir);
    expect(report.summary.cases).toBeGreaterThan(400);
    expect(kinds(report, 'response-schema-conformance')).toEqual(new Set(['body-too-large']));
    expect(report.failures.every((f) => (f.response?.body.length ?? 0) <= 4 * 1024)).toBe(true);
  });

  it('a Content-Length too short: each answer judged as declared, its cut body not JSON, no hang', async () => {
    const { report } = await runAgainst(await servers.wrongContentLength('short'), 12);
    expect(kinds(report, 'response-schema-conformance')).toContain('not-json');
    expect(report.summary.cases).toBeGreaterThan(1);
  });

  it('a Content-Length too long: a verdict for each case, no hang', async () => {
    const { report } = await runAgainst(await servers.wrongContentLength('long'), 12);
    expect(kinds(report, 'response-is-received')).toEqual(new Set(['connection-reset']));
    expect(report.summary.cases).toBeGreaterThan(1);
  });

  it('answers 429 without end: each case gives up after a bounded number of tries, kind rate-limited', async () => {
    const { report } = await runAgainst(await servers.endless429(), 12, ['--concurrency', '1']);
    expect(kinds(report, 'response-is-received')).toEqual(new Set(['rate-limited']));
    // One try and 5 retries a case: 12 requests judge 2 cases, one after the other (the pace, lowered by each 429,
    // spends about a second a request).
    expect(report.summary.cases).toBe(2);
    expect(report.summary.rateLimited).toBe(12); // every answer was a 429
  });

  it('redirects to another host: never followed, the token never sent there', async () => {
    const elsewhere = await servers.echoAuthorization(201);
    open.push(elsewhere);
    const { report } = await runAgainst(await servers.redirect(307, `${elsewhere.url}/v1/onboarding/entities`), 12);
    expect(elsewhere.requests()).toBe(0);
    expect(report.failures.some((f) => f.response?.status === 307)).toBe(true);
  });
});

describe('a dead target is given up on', () => {
  async function giveUp(server: TestServer, extra: string[]) {
    open.push(server);
    const reports = tempDir();
    dirs.push(reports);
    const started = Date.now();
    const r = await runMain([
      'run',
      '--target',
      server.url,
      '--token',
      TOKEN,
      '--seed',
      '1',
      '--report-dir',
      reports.dir,
      ...extra,
    ]);
    return { ...r, ms: Date.now() - started, report: readReport(reports.dir) };
  }

  it('accepts and never answers: stops after 8 timeouts in a row, exit 2, verdict unusable, reports written', async () => {
    const s = await servers.silent();
    const r = await giveUp(s, ['--timeout', '1000']);
    expect(r.code, r.out.join('\n')).toBe(2);
    expect(r.out[0]).toMatch(/^UNUSABLE: the target gave no usable answer .* to 8 requests in a row, of \d kinds/);
    expect(r.report).toMatchObject({ verdict: 'unusable', complete: false, stopReason: 'gave-up' });
    expect(r.report.gaveUp).toMatchObject({ after: 8 });
    // Two preflight probes one after the other, then at most one round of 4 senders past the 8th: never the plan.
    expect(s.requests()).toBeLessThanOrEqual(8 + 4);
    // Every request waited out its whole timeout (never shortened), and nothing was shrunk or re-sent.
    expect(r.report.failures.every((f) => f.kind === 'timeout')).toBe(true);
    expect(r.ms).toBeLessThan(60_000);
  });

  it('answers only 429: stops after 8 of them in a row, exit 2', async () => {
    const s = await servers.endless429();
    const r = await giveUp(s, []);
    expect(r.code, r.out.join('\n')).toBe(2);
    expect(r.report.verdict).toBe('unusable');
    expect(s.requests()).toBeLessThanOrEqual(8 + 4);
    expect(r.ms).toBeLessThan(60_000);
  });

  it('--give-up-after N changes the count', async () => {
    const s = await servers.endless429();
    const r = await giveUp(s, ['--give-up-after', '3', '--concurrency', '1']);
    expect(r.code).toBe(2);
    // The first probe's 6 tries are all of one kind (auth): not yet a dead target; the second probe's first 429 is.
    expect(s.requests()).toBe(7);
  });
});
