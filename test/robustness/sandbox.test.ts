// Safe for a vendor sandbox: a hard request budget, a dry run that sends nothing, synthetic data whose created ids
// are listed, OAuth2 tokens that are renewed in time, and no token in any output.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { planCases } from '../../src/generators/index.ts';
import { loadSpec } from '../../src/spec/load.ts';
import { buildValidators } from '../../src/validators/index.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { childrenOf, filesIn, readReport, runBinary, runMain, cleanupEachTest } from './cli.ts';
import * as servers from './servers.ts';
import type { TestServer } from './servers.ts';

const TOKEN = 'sandbox-token-value';
const { open, reportDir } = cleanupEachTest<TestServer | RunningProvider>();
async function provider(opts: Parameters<typeof startProvider>[0] = {}): Promise<RunningProvider> {
  const p = await startProvider({ token: TOKEN, ...opts });
  open.push(p);
  return p;
}

describe('--max-requests', () => {
  it('is a hard cap: the target sees at most N requests, 429 retries included', async () => {
    const s = await servers.endless429();
    open.push(s);
    const dir = reportDir();
    const r = await runMain([
      'run',
      '--target',
      s.url,
      '--token',
      TOKEN,
      '--runs',
      '0',
      '--max-requests',
      '7',
      '--concurrency',
      '8',
      '--report-dir',
      dir,
    ]);
    expect(r.code).toBe(1);
    expect(s.requests()).toBe(7);
    expect(readReport(dir)).toMatchObject({ budgetExhausted: true, summary: { requests: 7 } });
  });

  it('is a hard cap with stale-connection retries included', async () => {
    // Every reused connection is reset unanswered, so each second request is retried on a fresh one.
    const s = await servers.resetReusedConnections();
    open.push(s);
    const dir = reportDir();
    await runMain([
      'run',
      '--target',
      s.url,
      '--token',
      TOKEN,
      '--runs',
      '0',
      '--max-requests',
      '20',
      '--concurrency',
      '1',
      '--report-dir',
      dir,
    ]);
    expect(s.requests()).toBe(20);
    expect(readReport(dir).summary.requests).toBe(20);
  });

  it('is a hard cap with shrinking included', async () => {
    // Arrange: a fault whose problem's example is a random case, which shrinking then works on (brand-lowercased's has
    // been a boundary case since examples with fewer null members rank plainer); first learn what an uncapped run sends.
    const args = (url: string, dir: string) => [
      'run',
      '--target',
      url,
      '--token',
      TOKEN,
      '--runs',
      '200',
      '--seed',
      '7',
      '--report-dir',
      dir,
    ];
    const free = await provider({ fault: 'name-identifier-swapped' });
    const freeDir = reportDir();
    expect((await runMain(args(free.url, freeDir))).code).toBe(1);
    const uncapped = readReport(freeDir).summary;
    // Shrinking re-sends cases: more requests than cases, so a cap just under the total falls while shrinking.
    expect(uncapped.requests).toBeGreaterThan(uncapped.cases + 5);
    const cap = uncapped.requests - 5;
    // Act
    const capped = await provider({ fault: 'name-identifier-swapped' });
    const dir = reportDir();
    await runMain([...args(capped.url, dir), '--max-requests', String(cap)]);
    // Assert
    expect(capped.requests()).toBe(cap);
    expect(readReport(dir)).toMatchObject({ budgetExhausted: true, summary: { requests: cap } });
  });
});

describe('a run cut short by its budget', () => {
  const args = (url: string, dir: string, max: number) => [
    'run',
    '--target',
    url,
    '--token',
    TOKEN,
    '--seed',
    '5',
    '--max-requests',
    String(max),
    '--report-dir',
    dir,
  ];

  it('is INCOMPLETE, exit 3, first thing said, with what went untested', async () => {
    const p = await provider();
    const dir = reportDir();
    const r = await runMain(args(p.url, dir, 4));
    expect(r.code, r.out.join('\n')).toBe(3);
    expect(r.out[0]).toBe('INCOMPLETE: --max-requests was reached before every case was sent');
    expect(r.out[1]).toMatch(/^untested checks \(\d+\): .*method-is-not-allowed/);
    expect(r.out[2]).toMatch(/^untested verdict-table rows \(\d+\): .*method, path$/);
    const report = readReport(dir);
    expect(report).toMatchObject({ verdict: 'incomplete', complete: false, stopReason: 'max-requests' });
    expect(report.untested!.rows).toContain('method');
    expect(filesIn(dir).find((f) => f.path.endsWith('report.html'))!.text).toContain('<strong>INCOMPLETE</strong>');
  });

  it('exercises every check and every verdict-table row within 100 requests (breadth first)', async () => {
    const p = await provider();
    const dir = reportDir();
    const r = await runMain(args(p.url, dir, 100));
    expect(r.code, r.out.join('\n')).toBe(3);
    const report = readReport(dir);
    expect(report.untested).toEqual({ checks: [], rows: [] });
    for (const c of report.checks) expect(c.passed + c.failed + c.waived, c.name).toBeGreaterThan(0);
  });

  it('a partial run with failures still fails (exit 1)', async () => {
    const p = await provider({ fault: 'brand-lowercased' });
    const dir = reportDir();
    const r = await runMain(args(p.url, dir, 100));
    expect(r.code, r.out.join('\n')).toBe(1);
    expect(readReport(dir)).toMatchObject({ verdict: 'fails', complete: false });
  });
});

describe('--dry-run', () => {
  it('prints the plan per class and sends nothing', async () => {
    const s = await servers.silent();
    open.push(s);
    const r = await runMain([
      'run',
      '--dry-run',
      '--target',
      s.url,
      '--runs',
      '20',
      '--seed',
      '3',
      '--max-requests',
      '5',
      '--rate',
      '2/s',
    ]);
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(s.requests()).toBe(0);
    // The estimate at the pace: the 5 requests the budget lets through, 2 a second.
    expect(r.out.splice(-2, 1)).toEqual([
      'at --rate 2/s: about 2.5 s for 5 requests, more with 429 waits and shrinking',
    ]);
    const text = r.out.join('\n');
    expect(text).toMatch(
      /^dry run: nothing is sent to http:\/\/127\.0\.0\.1:\d+\/connect; the plan for seed 3, --runs 20/,
    );
    const total = /total\s+(\d+) requests/.exec(text);
    const perClass = r.out.slice(1, -2).map((l) => Number(/(\d+)$/.exec(l)?.[1]));
    expect(perClass.length).toBeGreaterThan(1);
    expect(Number(total?.[1])).toBe(perClass.reduce((a, b) => a + b, 0));
    expect(text).toMatch(/--max-requests stops the run after 5/);
    // The preflight and 3 cases, breadth first: the last line names what 5 requests leave untested.
    expect(r.out.at(-1)).toMatch(
      /^--max-requests 5: the run would be incomplete \(exit 3 unless something fails\); untested checks: media-type-is-enforced, media-types-agree, method-is-not-allowed, path-is-not-found, unchunked-to-http-1-0, coding-is-accepted, answer-ends-as-framed, close-is-honoured, connection-is-reusable; untested verdict-table rows: (\S+, )*media-type, method, path$/,
    );
  });

  it('starts no Prism and needs no token', async () => {
    const before = childrenOf(process.pid).length;
    const r = await runMain(['run', '--dry-run', '--runs', '0']);
    expect(r.code).toBe(0);
    expect(childrenOf(process.pid).length).toBe(before);
  });
});

describe('synthetic data', () => {
  it('valid cases use only reserved e-mail domains (RFC 2606, RFC 6761)', async () => {
    const spec = await loadSpec('spec/openapi.yaml');
    const plan = planCases({ spec, validators: buildValidators(spec), seed: 11, runs: 300 });
    const reserved = /(^|\.)(example\.(com|net|org)|test|invalid|example|localhost)$/i;
    const bad: string[] = [];
    let emails = 0;
    for (const c of [...plan.preflight, ...plan.cases()]) {
      if (c.kind !== 'valid' || c.body === undefined) continue;
      for (const m of c.body.matchAll(/[\w.%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g)) {
        emails++;
        if (!reserved.test(m[1])) bad.push(m[0]);
      }
    }
    expect(emails).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  it('the ids of created entities are listed in the report', async () => {
    const p = await provider();
    const dir = reportDir();
    const r = await runMain([
      'run',
      '--target',
      p.url,
      '--token',
      TOKEN,
      '--runs',
      '5',
      '--seed',
      '5',
      '--report-dir',
      dir,
    ]);
    expect(r.code, r.out.join('\n')).toBe(0);
    const report = readReport(dir);
    expect(report.created.length).toBeGreaterThan(0);
    expect(new Set(report.created).size).toBe(report.created.length);
    for (const id of report.created) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // Every id is streamed to created.ndjson beside the reports; the report keeps the count, the file and the first ids.
    const lines = readFileSync(join(dir, 'created.ndjson'), 'utf8').trimEnd().split('\n');
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    expect(report).toMatchObject({ createdCount: ids.length, createdFile: 'created.ndjson' });
    expect(report.created).toEqual(ids.slice(0, 100));
  });

  it('created.ndjson keeps every run: each appends its ids with its run id and seed', async () => {
    // Arrange
    const p = await provider();
    const dir = reportDir();
    const run = (seed: string) =>
      runMain(['run', '--target', p.url, '--token', TOKEN, '--runs', '2', '--seed', seed, '--report-dir', dir]);
    // Act: two runs into the same folder.
    expect((await run('5')).code).toBe(0);
    const first = readReport(dir).createdCount ?? 0;
    expect((await run('6')).code).toBe(0);
    const second = readReport(dir).createdCount ?? 0;
    // Assert: the first run's lines are still there, then the second's; one run id per run.
    const lines = readFileSync(join(dir, 'created.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; run: string; seed: number });
    expect(first).toBeGreaterThan(0);
    expect(lines).toHaveLength(first + second);
    expect(lines.map((l) => l.seed)).toEqual([...Array<number>(first).fill(5), ...Array<number>(second).fill(6)]);
    expect(new Set(lines.slice(0, first).map((l) => l.run)).size).toBe(1);
    expect(lines[0].run).not.toBe(lines[first].run);
    expect(lines[0].run).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a run that fails before its first request truncates nothing, and leaves no other run's reports behind", async () => {
    // Arrange: a folder holding a previous run's record and reports; a target that refuses connections.
    const p = await provider();
    const dir = reportDir();
    await runMain(['run', '--target', p.url, '--token', TOKEN, '--runs', '2', '--seed', '5', '--report-dir', dir]);
    const record = readFileSync(join(dir, 'created.ndjson'), 'utf8');
    expect(record).not.toBe('');
    await p.close();
    // Act
    const r = await runMain(['run', '--target', p.url, '--token', TOKEN, '--report-dir', dir]);
    // Assert
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/unreachable/);
    expect(readFileSync(join(dir, 'created.ndjson'), 'utf8')).toBe(record);
    expect(filesIn(dir).map((f) => f.path.split('/').pop())).toEqual(['created.ndjson']);
  });
});

describe('OAuth2 client credentials end to end', () => {
  const CLIENT = { clientId: 'conformance-suite', clientSecret: 'oauth-client-s3cret' };
  const env = { CONNECT_CLIENT_ID: CLIENT.clientId, CONNECT_CLIENT_SECRET: CLIENT.clientSecret };

  it('renews short-lived tokens before they expire: no 401 reaches a verdict', async () => {
    // Arrange: 1 s tokens; the run is paced to last about 2 s.
    const tokens = await servers.startTokenEndpoint({ ...CLIENT, lifetimeS: 1 });
    open.push(tokens);
    const target = await servers.startOAuthProvider({ url: (await provider()).url, token: TOKEN }, tokens);
    open.push(target);
    const dir = reportDir();
    // Act
    const r = await runMain(
      [
        'run',
        '--target',
        target.url,
        '--token-url',
        tokens.tokenUrl,
        '--scope',
        'onboarding',
        '--runs',
        '0',
        '--rate',
        '40',
        '--max-requests',
        '80',
        '--report-dir',
        dir,
      ],
      env,
    );
    // Assert
    const report = readReport(dir);
    expect(
      report.failures.filter((f) => !f.waivedBy),
      r.out.join('\n'),
    ).toEqual([]);
    expect(tokens.issued.length).toBeGreaterThanOrEqual(2);
    expect(tokens.forms.every((f) => f.get('scope') === 'onboarding')).toBe(true);
    const written =
      filesIn(dir)
        .map((f) => f.text)
        .join('\n') + r.out.join('\n');
    for (const secret of [CLIENT.clientSecret, ...tokens.issued]) expect(written).not.toContain(secret);
  });

  it('fetches a new token on a mid-run 401 (a token revoked before its expires_in) and retries the case', async () => {
    // Arrange: tokens claim an hour but the provider refuses them after 400 ms.
    const tokens = await servers.startTokenEndpoint({ ...CLIENT, lifetimeS: 3600 });
    open.push(tokens);
    const target = await servers.startOAuthProvider({ url: (await provider()).url, token: TOKEN }, tokens, 400);
    open.push(target);
    const dir = reportDir();
    // Act
    const r = await runMain(
      [
        'run',
        '--target',
        target.url,
        '--token-url',
        tokens.tokenUrl,
        '--runs',
        '0',
        '--rate',
        '40',
        '--max-requests',
        '60',
        '--report-dir',
        dir,
      ],
      env,
    );
    // Assert
    expect(
      readReport(dir).failures.filter((f) => !f.waivedBy),
      r.out.join('\n'),
    ).toEqual([]);
    expect(tokens.issued.length).toBeGreaterThanOrEqual(2);
  });
});

/** The secret is in no console line and no written file. */
function expectNowhere(secret: string, r: { stdout: string; stderr: string }, files: { path: string; text: string }[]) {
  for (const [where, text] of [['stdout', r.stdout], ['stderr', r.stderr], ...files.map((f) => [f.path, f.text])]) {
    expect(text.includes(secret), where).toBe(false);
  }
}

describe('TLS for sandboxes', () => {
  it('--ca trusts a private CA for the target and the token endpoint; --insecure covers both too', async ({ skip }) => {
    // Arrange: one self-signed certificate (its own CA) for an https target and an https token endpoint.
    const tls = servers.selfSignedCertificate();
    if (!tls) return skip('openssl is not installed');
    const client = { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret' };
    const tokens = await servers.startTokenEndpoint({ ...client, lifetimeS: 300, tls });
    open.push(tokens);
    const target = await servers.startServer((req, res) => {
      const status = req.headers.authorization?.startsWith('Bearer tok-') ? 400 : 401;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"errors":[]}');
    }, tls);
    open.push(target);
    const caDir = reportDir();
    const caFile = join(caDir, 'ca.pem');
    writeFileSync(caFile, tls.cert);
    const env = { CONNECT_CLIENT_ID: client.clientId, CONNECT_CLIENT_SECRET: client.clientSecret };
    const args = (dir: string, ...extra: string[]) => [
      'run',
      '--target',
      target.url,
      '--token-url',
      tokens.tokenUrl,
      '--max-requests',
      '6',
      '--report-dir',
      dir,
      ...extra,
    ];
    // Act
    const strict = await runMain(args(reportDir()), env);
    const withCa = reportDir();
    const trusted = await runMain(args(withCa, '--ca', caFile), env);
    const insecureDir = reportDir();
    const insecure = await runMain(args(insecureDir, '--insecure'), env);
    // Assert: without either, the token endpoint's certificate fails the run in one line.
    expect(strict.code).toBe(2);
    expect(strict.err.join('\n')).toMatch(/token/i);
    // With either, a token was issued and the target answered (400 to a valid body: a failure, not a TLS error).
    expect(trusted.code, trusted.err.join('\n')).toBe(1);
    expect(readReport(withCa).options).toMatchObject({ ca: caFile, tokenUrl: tokens.tokenUrl });
    expect(insecure.code, insecure.err.join('\n')).toBe(1);
    expect(readReport(insecureDir).target.insecure).toBe(true);
    expect(tokens.issued.length).toBeGreaterThanOrEqual(2);
  });
});

describe('TLS in one line, before any case is sent', () => {
  /** A strict provider behind a certificate a private CA signed (or plain HTTP), counting what reaches it. */
  async function behindCa(tls?: { key: string; cert: string }): Promise<TestServer> {
    const s = await servers.startServer((req, res) => {
      const status = req.headers.authorization === `Bearer ${TOKEN}` ? 400 : 401;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"errors":[]}');
    }, tls);
    open.push(s);
    return s;
  }
  const HINT = "pass --ca FILE with the sandbox's CA, or --insecure";

  it('the target: what failed and the hint; --ca fixes it', async ({ skip }) => {
    // Arrange
    const pki = servers.privateCa();
    if (!pki) return skip('openssl is not installed');
    const s = await behindCa(pki);
    const caFile = join(reportDir(), 'ca.pem');
    writeFileSync(caFile, pki.ca);
    // Act
    const strict = await runMain(['run', '--target', s.url, '--token', TOKEN, '--report-dir', reportDir()]);
    const trusted = await runMain([
      'run',
      '--target',
      s.url,
      '--token',
      TOKEN,
      '--max-requests',
      '5',
      '--ca',
      caFile,
      '--report-dir',
      reportDir(),
    ]);
    // Assert: one line, the OpenSSL code said in words, the hint; nothing was sent before it.
    expect(strict.code).toBe(2);
    expect(strict.err).toEqual([
      `conformance: target ${s.url}: TLS handshake failed: its certificate is signed by a CA this machine does not trust (UNABLE_TO_VERIFY_LEAF_SIGNATURE); ${HINT}`,
    ]);
    expect(trusted.code, trusted.err.join('\n')).toBe(1);
    expect(s.requests()).toBe(5); // all of them the trusted run's
  });

  it('the token endpoint: what failed and the hint, before the target is sent anything', async ({ skip }) => {
    const pki = servers.privateCa();
    if (!pki) return skip('openssl is not installed');
    const client = { clientId: 'tls-client', clientSecret: 'tls-client-secret' };
    const tokens = await servers.startTokenEndpoint({ ...client, lifetimeS: 300, tls: pki });
    open.push(tokens);
    const s = await behindCa();
    const r = await runMain(['run', '--target', s.url, '--token-url', tokens.tokenUrl, '--report-dir', reportDir()], {
      CONNECT_CLIENT_ID: client.clientId,
      CONNECT_CLIENT_SECRET: client.clientSecret,
    });
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      /^conformance: token endpoint https:\/\/127\.0\.0\.1:\d+\/oauth\/token failed: TLS handshake failed: its certificate is signed by a CA this machine does not trust \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); pass --ca FILE/,
    );
    expect(s.requests()).toBe(0);
  });

  it('http:// to a port that speaks TLS says so, for the target and the token endpoint', async ({ skip }) => {
    const pki = servers.privateCa();
    if (!pki) return skip('openssl is not installed');
    const s = await behindCa(pki);
    const plain = s.url.replace('https:', 'http:');
    const client = { clientId: 'tls-client', clientSecret: 'tls-client-secret' };
    const tokens = await servers.startTokenEndpoint({ ...client, lifetimeS: 300, tls: pki });
    open.push(tokens);
    // Act
    const target = await runMain(['run', '--target', plain, '--token', TOKEN, '--report-dir', reportDir()]);
    const token = await runMain(
      [
        'run',
        '--target',
        s.url,
        '--token-url',
        tokens.tokenUrl.replace('https:', 'http:'),
        '--report-dir',
        reportDir(),
      ],
      { CONNECT_CLIENT_ID: client.clientId, CONNECT_CLIENT_SECRET: client.clientSecret },
    );
    // Assert
    expect(target.code).toBe(2);
    expect(target.err).toEqual([`conformance: target ${plain}: the port speaks TLS; use https://`]);
    expect(token.code).toBe(2);
    expect(token.err[0]).toMatch(
      /^conformance: token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth\/token failed: the port speaks TLS; use https:\/\/ in --token-url$/,
    );
  });

  it('https:// to a port that speaks plain HTTP says so', async () => {
    const s = await behindCa();
    const r = await runMain([
      'run',
      '--target',
      s.url.replace('http:', 'https:'),
      '--token',
      TOKEN,
      '--report-dir',
      reportDir(),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      /TLS handshake failed: the server hung up during the handshake \(ECONNRESET\): the port may not speak TLS \(use http:\/\/\)/,
    );
    expect(s.requests()).toBe(0);
  });
});

describe('the token never appears in any output', () => {
  it('even from a provider that echoes the Authorization header in bodies, headers and messages', async () => {
    // Arrange: valid credentials are answered 201 with the header echoed everywhere; anything else 401, echoed too.
    const secret = 's3cr3t-TOKEN-value';
    const s = await servers.startServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      const status = auth === `Bearer ${secret}` ? 201 : 401;
      const body = JSON.stringify({ id: auth, errors: [{ code: auth, message: `token ${auth} echoed` }], auth });
      res
        .writeHead(status, {
          'content-type': 'text/plain',
          'x-echo': auth,
          'www-authenticate': `Bearer realm="${auth}"`,
        })
        .end(body);
    });
    open.push(s);
    const dir = reportDir();
    // Act
    const r = await runBinary([
      'run',
      '--target',
      s.url,
      '--token',
      secret,
      '--runs',
      '2',
      '--max-requests',
      '40',
      '--report-dir',
      dir,
    ]);
    // Assert
    expect(r.code, r.stderr).toBe(1);
    const files = filesIn(dir);
    expect(files.length).toBeGreaterThan(0);
    expectNowhere(secret, r, files);
    expect(files.find((f) => f.path.endsWith('report.json'))?.text).toContain('[REDACTED]');
  });

  it('nor any base64 or base64url spelling of the token, the Authorization value or the OAuth2 client pair', async () => {
    // Arrange: OAuth2 client credentials, and a target that echoes every credential encoded, as debugging headers do:
    // standalone, padded and not, and inside a longer base64 string at each of the three byte alignments.
    const client = { clientId: 'echo-client', clientSecret: 'echo-client-s3cret-value' };
    const tokens = await servers.startTokenEndpoint({ ...client, lifetimeS: 300 });
    open.push(tokens);
    const pair = `${client.clientId}:${client.clientSecret}`;
    const s = await servers.startServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      const token = auth.replace(/^Bearer /, '');
      const b64 = (x: string) => Buffer.from(x).toString('base64');
      const b64url = (x: string) => Buffer.from(x).toString('base64url');
      const body = JSON.stringify({
        id: b64(token),
        echo: [b64(auth), b64url(auth), b64url(token), b64(token).replace(/=+$/, ''), b64(pair), b64url(pair)],
        debug: [0, 1, 2].map((k) => b64(`${'x'.repeat(k)}{"headers":{"authorization":"${auth}"},"client":"${pair}"}`)),
      });
      res
        .writeHead(auth.startsWith('Bearer tok-') ? 201 : 401, {
          'content-type': 'application/json',
          'x-debug-auth': b64(auth),
          'x-debug-client': b64url(pair),
        })
        .end(body);
    });
    open.push(s);
    const dir = reportDir();
    // Act: both HAR files (failures.har and --har-all's exchanges.har) among the outputs.
    const r = await runBinary(
      [
        'run',
        '--target',
        s.url,
        '--token-url',
        tokens.tokenUrl,
        '--runs',
        '1',
        '--max-requests',
        '30',
        '--har-all',
        '--report-dir',
        dir,
      ],
      { CONNECT_CLIENT_ID: client.clientId, CONNECT_CLIENT_SECRET: client.clientSecret },
    );
    // Assert: every base64-looking run of every output, decoded at each offset, holds no secret.
    expect(r.code, r.stderr).toBe(1);
    const files = filesIn(dir);
    expect(files.map((f) => f.path.split('/').pop())).toEqual(
      expect.arrayContaining(['exchanges.har', 'failures.har', 'report.html', 'report.md', 'junit.xml', 'report.json']),
    );
    const secrets = [client.clientSecret, ...tokens.issued];
    expect(tokens.issued.length).toBeGreaterThan(0);
    for (const [where, text] of [['stdout', r.stdout], ['stderr', r.stderr], ...files.map((f) => [f.path, f.text])]) {
      for (const secret of secrets) expect(text.includes(secret), where).toBe(false);
      for (const run of text.match(/[A-Za-z0-9+/_-]{8,}/g) ?? [])
        for (let i = 0; i < 4; i++) {
          const decoded = Buffer.from(run.slice(i), 'base64').toString('latin1');
          for (const secret of secrets) expect(decoded.includes(secret), `${where}: ${run}`).toBe(false);
        }
    }
    expect(files.find((f) => f.path.endsWith('exchanges.har'))?.text).toContain('[REDACTED]');
  });

  it('a one-character token appears in no output: credential headers are redacted by structure', async () => {
    // Arrange: a character no report, page or line holds otherwise; the reference provider with a fault, so that
    // failures (requests, curl lines) are written too.
    const secret = '¤';
    const p = await provider({ token: secret, fault: 'brand-lowercased' });
    const dir = reportDir();
    // Act
    const r = await runBinary(['run', '--target', p.url, '--runs', '3', '--seed', '2', '--report-dir', dir], {
      CONNECT_TOKEN: secret,
    });
    // Assert: the run worked with that token (it found the fault), and the token is nowhere.
    expect(r.code, r.stderr).toBe(1);
    const files = filesIn(dir);
    expect(files.map((f) => f.path.split('/').pop()).sort()).toEqual([
      'created.ndjson',
      'failures.har',
      'junit.xml',
      'report.html',
      'report.json',
      'report.md',
    ]);
    expectNowhere(secret, r, files);
    const report = JSON.parse(files.find((f) => f.path.endsWith('report.json'))!.text) as Report;
    expect(report.failures[0].request.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(report.failures[0].curl).toContain('"Authorization: Bearer $CONNECT_TOKEN"');
  });
});

describe('a rate-limited sandbox', () => {
  const fixed = '--runs 0 --seed 3 --har-all'.split(' ');
  const run = (url: string, dir: string, ...extra: string[]) =>
    runMain(['run', '--target', url, '--token', TOKEN, ...fixed, '--report-dir', dir, ...extra]);
  const harEntries = (dir: string) =>
    (
      JSON.parse(readFileSync(join(dir, 'exchanges.har'), 'utf8')) as {
        log: { entries: { response: { status: number } }[] };
      }
    ).log.entries;

  it('--rate 400/s against 100 allowed a second: at most a fifth of the requests are 429s, every one in exchanges.har', async () => {
    // Arrange: the limit is told only by 429 and Retry-After, so the pace must learn it (100 a second, not 40: the
    // same learning, and a run of ~850 requests that does not hold a test worker idle for half a minute).
    const s = await servers.startRateLimitedProvider(await provider(), 100);
    open.push(s);
    const dir = reportDir();
    // Act
    const r = await run(s.url, dir, '--rate', '400/s');
    // Assert: the run conforms, and few of its requests were spent on 429s.
    expect(r.code, r.out.join('\n')).toBe(0);
    const report = readReport(dir);
    expect(s.rejected()).toBeGreaterThan(0);
    expect(report.summary.rateLimited).toBe(s.rejected());
    expect(report.summary.requests).toBe(s.requests());
    expect(report.summary.rateLimited).toBeLessThanOrEqual(report.summary.requests / 5);
    expect(report.pacing).toMatchObject({ rateLimited: s.rejected(), ceiling: 400 });
    expect(report.pacing!.lowered).toBeGreaterThan(0);
    expect(report.pacing!.settledRate).toBeLessThan(400);
    // Every request sent is in exchanges.har, each 429 too.
    const entries = harEntries(dir);
    expect(entries).toHaveLength(s.requests());
    expect(entries.filter((e) => e.response.status === 429)).toHaveLength(s.rejected());
    // The console and report.md say it.
    const line = r.out.find((l) => l.startsWith('429s: '));
    expect(line).toMatch(
      new RegExp(
        `^429s: ${s.rejected()} of ${s.requests()} requests \\(\\d+\\.\\d%\\); the pace settled at [\\d.]+/s, under --rate 400/s, lowered \\d+×`,
      ),
    );
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(line!);
  });

  it('a limiter answering 503 without Retry-After (nginx, ASP.NET Core): each waited out, the run conforms', async () => {
    // Arrange: 100 a second allowed, more refused with a bare 503.
    const s = await servers.startRateLimitedProvider(await provider(), 100, 'none', undefined, 503);
    open.push(s);
    const dir = reportDir();
    // Act
    const r = await run(s.url, dir, '--rate', '400/s');
    // Assert: no 503 taken for a server error, each one counted and in exchanges.har.
    expect(r.code, r.out.join('\n')).toBe(0);
    const report = readReport(dir);
    expect(s.rejected()).toBeGreaterThan(0);
    expect(report.pacing).toMatchObject({ rateLimited: 0, unavailable: s.rejected() });
    expect(report.pacing!.lowered).toBeGreaterThan(0);
    expect(report.summary.requests).toBe(s.requests());
    expect(harEntries(dir).filter((e) => e.response.status === 503)).toHaveLength(s.rejected());
    expect(r.out.find((l) => l.startsWith('429s: '))).toContain(`503s taken for an overload: ${s.rejected()}; `);
  });

  it.each(['ietf', 'ietf-separate', 'x-ratelimit'] as const)(
    'reads the target’s rate-limit fields (%s): a 429 at most per window, however fast --rate',
    async (fields) => {
      const s = await servers.startRateLimitedProvider(await provider(), 40, fields);
      open.push(s);
      const dir = reportDir();
      const r = await run(s.url, dir, '--rate', '500/s', '--max-requests', '120');
      expect(r.code, r.out.join('\n')).toBe(3);
      const report = readReport(dir);
      // The quota (RateLimit-Policy) caps the pace at once; a spent window (remaining 0) pauses all sending till reset.
      if (fields === 'ietf')
        expect(report.pacing).toMatchObject({ ceiling: 40, policy: '40 per 1 s (RateLimit-Policy)' });
      else expect(report.pacing!.pausedMs).toBeGreaterThan(0);
      // Requests already in flight when the window is spent may still meet a 429: a few, never a burst.
      expect(s.rejected()).toBeLessThanOrEqual(report.summary.requests / 10);
      expect(harEntries(dir)).toHaveLength(s.requests());
    },
  );
});

describe('reproducible where it ran: an HTTPS sandbox with a private CA, OAuth2 and a rate limit', () => {
  it('every curl line (after the token line the report gives) and replay work with nothing added by hand', async ({
    skip,
  }) => {
    // Arrange: HTTPS (one self-signed certificate, its own CA) in front of an OAuth2 provider with a real fault.
    const tls = servers.selfSignedCertificate();
    if (!tls) return skip('openssl is not installed');
    const client = { clientId: 'sandbox-client', clientSecret: 'sandbox-client-secret' };
    const env = { CONNECT_CLIENT_ID: client.clientId, CONNECT_CLIENT_SECRET: client.clientSecret };
    const tokens = await servers.startTokenEndpoint({ ...client, lifetimeS: 300, tls });
    open.push(tokens);
    const oauth = await servers.startOAuthProvider(
      { url: (await provider({ fault: 'brand-lowercased' })).url, token: TOKEN },
      tokens,
    );
    open.push(oauth);
    // A limit all the same, high enough that ~850 requests are not half a minute of a test worker's time.
    const sandbox = await servers.startRateLimitedProvider(oauth, 200, 'none', tls);
    open.push(sandbox);
    const dir = reportDir();
    const caFile = join(dir, 'sandbox-ca.pem');
    writeFileSync(caFile, tls.cert);
    // Act: the run
    const r = await runMain(
      [
        'run',
        '--target',
        sandbox.url,
        '--token-url',
        tokens.tokenUrl,
        '--scope',
        'onboarding',
        '--ca',
        caFile,
        '--runs',
        '5',
        '--seed',
        '7',
        '--rate',
        '150/s',
        '--report-dir',
        dir,
      ],
      env,
    );
    // Assert: the fault is found, and the report says how to get a token as the run did.
    expect(r.code, r.out.join('\n')).toBe(1);
    const report = readReport(dir);
    const tokenLine = r.out.find((l) => l.startsWith('the curl lines read $CONNECT_TOKEN; get one as the run did: '));
    expect(tokenLine).toBeDefined();
    const getToken = tokenLine!.slice(tokenLine!.indexOf('export '));
    expect(getToken).toContain(`--cacert '${caFile}'`);
    expect(getToken).toContain('"$CONNECT_CLIENT_ID:$CONNECT_CLIENT_SECRET"');
    expect(getToken).not.toContain(client.clientSecret);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(getToken);
    // Every curl line, run by sh after the token line, gets the answer the run got.
    const records = [...report.failures, ...(report.problems ?? []).map((p) => p.example)];
    expect(records.length).toBeGreaterThan(0);
    for (const f of records) {
      expect(f.curl).toContain(`--cacert '${caFile}'`);
      // Run asynchronously: the servers answering curl live on this process's event loop.
      const shell = await promisify(execFile)('sh', ['-c', `${getToken} && ${f.curl}`], {
        env: { ...env, PATH: process.env['PATH'] ?? '' },
        encoding: 'utf8',
      });
      expect(shell.stdout.split('\r\n')[0], `${f.curl}\n${shell.stderr}`).toBe(
        `HTTP/1.1 ${f.response!.status} ${STATUS_CODES[f.response!.status]}`,
      );
    }
    // replay: the report's CA, token URL and scope, with only the client credentials in the environment.
    const issued = tokens.issued.length;
    const replay = await runMain(['replay', join(dir, 'report.json')], env);
    expect(replay.code, replay.out.join('\n')).toBe(1);
    expect(replay.out.find((l) => /^0 of \d+ fixed/.test(l))).toMatch(/^0 of \d+ fixed; \d+ unwaived still failing$/);
    expect(tokens.issued.length).toBeGreaterThan(issued);
    expect(tokens.forms.at(-1)?.get('scope')).toBe('onboarding');
    // A CA that does not sign the sandbox: the replay names a TLS failure, in one line.
    const other = servers.selfSignedCertificate()!;
    const otherCa = join(dir, 'other-ca.pem');
    writeFileSync(otherCa, other.cert);
    const wrong = await runMain(['replay', join(dir, 'report.json'), '--ca', otherCa], env);
    expect(wrong.code).toBe(2);
    expect(wrong.err.join('\n')).toMatch(/TLS|cert/i);
  });
});

describe('--fixtures: a sandbox that holds data the spec does not describe', () => {
  const COLLECTIVE = '3f1c2a8e-7b4d-4e0a-9c51-2d6b8f0e4a11';
  const OWNER = '9a7e5c3b-1d2f-4a6b-8c0d-e1f2a3b4c5d6';
  const GONE = '00000000-0000-4000-8000-00000000dead';
  const data = {
    collectives: [COLLECTIVE],
    owners: [OWNER],
    brands: [
      { brand: 'Acme', type: 'EV' },
      { brand: 'Volt', type: 'Battery' },
    ],
  };
  const fixturesFile = (dir: string, content: unknown) => {
    const file = join(dir, 'fixtures.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };
  const known = { fields: { collectiveId: [COLLECTIVE], owner: [OWNER, GONE] }, combinations: data.brands };
  const run = async (fault: Parameters<typeof provider>[0], extra: string[]) => {
    const sandbox = await servers.startKnownDataSandbox({ url: (await provider(fault)).url, token: TOKEN }, data);
    open.push(sandbox);
    const dir = reportDir();
    const r = await runMain(
      ['run', '--target', sandbox.url, '--token', TOKEN, '--runs', '10', '--seed', '4', '--report-dir', dir, ...extra],
      {},
    );
    return { r, dir, sandbox };
  };

  it('without fixtures, every valid case naming a collective, owner or brand is refused: the run fails', async () => {
    const { r, dir, sandbox } = await run({}, []);
    expect(r.code, r.out.join('\n')).toBe(1);
    expect(readReport(dir).failures.some((f) => f.check === 'valid-is-created')).toBe(true);
    // The sandbox reads coded and BOM bodies too: gzip, deflate, br and the BOM case are refused.
    expect(sandbox.refusedEncoded()).toBeGreaterThanOrEqual(4);
  });

  it('with fixtures the same sandbox conforms; the stale owner is reported as such, not as a failure', async () => {
    // Arrange
    const dir0 = reportDir();
    const file = fixturesFile(dir0, known);
    // Act
    const { r, dir, sandbox } = await run({}, ['--fixtures', file]);
    // Assert
    expect(r.code, [...r.out, ...r.err].join('\n')).toBe(0);
    // Bodies sent in a content coding or after a BOM carry the fixture values too (encoded after they went in).
    expect(sandbox.refusedEncoded()).toBe(0);
    const report = readReport(dir);
    expect(report.fixtures).toMatchObject({
      file,
      stale: [{ field: 'owner', value: GONE, received: '400' }],
    });
    const byField = new Map(report.fixtures!.fields.map((f) => [f.field, f]));
    expect(byField.get('owner')).toMatchObject({ values: 2, usable: 1 });
    for (const f of ['collectiveId', 'owner', 'brand+type']) expect(byField.get(f)!.cases, f).toBeGreaterThan(0);
    expect(r.out).toContain(`stale fixture: owner ${GONE} was refused by the target (400); not used: update ${file}`);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(`stale fixture: owner ${GONE}`);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`stale fixture: owner ${GONE}`);
    // The dry run counts what the run sent, the fixture probes (one per value) included.
    const dry = await runMain([
      'run',
      '--dry-run',
      '--target',
      sandbox.url,
      '--runs',
      '10',
      '--seed',
      '4',
      '--fixtures',
      file,
    ]);
    expect(dry.code, dry.err.join('\n')).toBe(0);
    expect(dry.out).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}fixture\/owner +2$/)]));
    expect(dry.out).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}fixture\/brand\+type +2$/)]));
    expect(Number(/total\s+(\d+) requests/.exec(dry.out.join('\n'))?.[1])).toBe(sandbox.requests());
  });

  it('with fixtures, a real departure still fails (the brand echoed lower-cased)', async () => {
    const file = fixturesFile(reportDir(), known);
    const { r, dir } = await run({ fault: 'brand-lowercased' }, ['--fixtures', file]);
    expect(r.code, r.out.join('\n')).toBe(1);
    expect(readReport(dir).failures.length).toBeGreaterThan(0);
  });

  it.each([
    [{ fields: { collectiveId: ['not-a-uuid'] } }, /collectiveId.*not valid for the spec/],
    [{ fields: { colour: ['red'] } }, /colour.*not valid for the spec/],
    [{ field: {} }, /must NOT have additional properties/],
    [{ fields: { owner: [] } }, /\/fields\/owner must NOT have fewer than 1 items/],
  ])('a bad file is one line and exit 2: %j', async (content, message) => {
    const file = fixturesFile(reportDir(), content);
    // Checked before anything is sent: the target (nothing listens there) is never reached.
    const r = await runMain(['run', '--target', 'http://127.0.0.1:9', '--token', TOKEN, '--fixtures', file]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });
});
