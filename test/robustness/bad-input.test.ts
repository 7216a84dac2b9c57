// Bad input to the CLI: each is one line on stderr naming the problem, exit code 2, no stack trace.
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN, childrenOf, readReport, runBinary, runMain, spawnCommand, tempDir } from './cli.ts';
import * as servers from './servers.ts';
import type { TestServer } from './servers.ts';

const tmp = tempDir();
afterAll(() => tmp.remove());
const open: TestServer[] = [];
// No test of this file leaves a process behind (each file runs in its own worker).
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 200));
  expect(childrenOf(process.pid)).toEqual([]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function file(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

/** A closed port on 127.0.0.1: connections to it are refused. */
async function refusingUrl(): Promise<string> {
  const s = await servers.silent();
  await s.close();
  return s.url;
}

/** One line on stderr, prefixed with the tool's name, no stack frames, exit code 2. */
function expectUsageLine(r: { code: number; out: string[]; err: string[] }, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(/^conformance: /);
  expect(r.err[0]).toMatch(message);
  expect(r.err[0]).not.toMatch(/\n|\bat .*:\d+:\d+|internal error/);
}

describe('bad flags', () => {
  it.each([
    [['run', '--bogus'], /unknown flag --bogus/],
    [['run', '--runs', 'abc'], /--runs expects a whole number, got "abc"/],
    [['run', '--rate', '0'], /--rate expects requests per second above 0/],
    [['run', '--shard', '3/2'], /--shard expects i\/n with 1 ≤ i ≤ n, got "3\/2"/],
    [['run', '--concurrency', '0'], /--concurrency must be between 1 and 256, got 0/],
    [['run', '--timeout', '-1'], /--timeout must be between 1 and 3600000, got -1/],
    [['run', '--max-requests', '0'], /--max-requests must be between 1 and/],
    [['run', '--seed', 'x'], /--seed expects a whole number/],
    [['run', 'extra'], /run takes no arguments, got "extra"/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', '--scope', 'a'], /--scope goes with --token-url/],
    [['run', '--token', ''], /--token is empty/],
  ])('%j', async (argv, message) => {
    expectUsageLine(await runMain(argv), message);
  });
});

describe('a bad waivers file', () => {
  it('a waiver whose check names no check: refused with the nearest one, before anything is sent', async () => {
    // Arrange: a target that counts requests; the typo drops a letter of valid-is-created.
    const s = await servers.silent();
    open.push(s);
    const waivers = file(
      'typo-waivers.json',
      JSON.stringify({ waivers: [{ id: 'w1', check: 'valid-is-create', reason: 'known', owner: 'team' }] }),
    );
    // Act
    const r = await runMain(['run', '--target', s.url, '--token', 'abcd-token', '--waivers', waivers]);
    // Assert
    expectUsageLine(r, /waiver #1 \(w1\) names no check "valid-is-create"; did you mean "valid-is-created"\?/);
    expect(s.requests()).toBe(0);
  });
});

describe('a bad spec', () => {
  it('that does not exist', async () => {
    expectUsageLine(
      await runMain(['run', '--spec', join(tmp.dir, 'nope.yaml')]),
      /cannot read spec .*nope\.yaml: ENOENT/,
    );
  });
  it('that is not YAML', async () => {
    expectUsageLine(
      await runMain(['run', '--spec', file('bad.yaml', 'openapi: [3.0.4\n  paths: {')]),
      /is not YAML or JSON/,
    );
  });
  it('that is YAML but not OpenAPI 3.0', async () => {
    expectUsageLine(
      await runMain([
        'run',
        '--spec',
        file('swagger.yaml', 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n'),
      ]),
      /is not OpenAPI 3\.0 \(openapi: null\)/,
    );
    expectUsageLine(
      await runMain(['run', '--spec', file('v31.yaml', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n')]),
      /is not OpenAPI 3\.0 \(openapi: "3\.1\.0"\)/,
    );
  });
  it('that is a YAML list', async () => {
    expectUsageLine(await runMain(['run', '--spec', file('list.yaml', '- a\n- b\n')]), /is not an OpenAPI document/);
  });
});

describe('a report folder that cannot be written: one line, exit 2, nothing sent', () => {
  /** A target that counts what it is sent. */
  async function counting(): Promise<TestServer> {
    const s = await servers.silent();
    open.push(s);
    return s;
  }

  it('a path that is a file', async () => {
    const s = await counting();
    const path = file('not-a-folder', 'x');
    const r = await runMain(['run', '--target', s.url, '--token', 'abcd-token', '--report-dir', path]);
    expectUsageLine(r, /^conformance: cannot write reports to .*not-a-folder: it is a file, not a folder$/);
    expect(s.requests()).toBe(0);
  });

  it('a path beneath a file', async () => {
    const s = await counting();
    const path = join(file('a-file', 'x'), 'reports');
    const r = await runMain(['run', '--target', s.url, '--token', 'abcd-token', '--report-dir', path]);
    expectUsageLine(r, /cannot write reports to .*a-file\/reports: .*a-file is a file, not a folder$/);
    expect(s.requests()).toBe(0);
  });

  /**
   * Lets other users pass through the folders above `path` that they may not enter (a clone in `mktemp -d`, mode 700),
   * so that an unprivileged user can run the binary inside; only the search bit, never reading. Returns the undo.
   */
  function traversable(path: string): () => void {
    const changed: [string, number][] = [];
    for (let d = path; d !== dirname(d); d = dirname(d)) {
      const mode = statSync(d).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        chmodSync(d, mode | 0o001);
        changed.push([d, mode]);
      }
    }
    return () => changed.forEach(([d, mode]) => chmodSync(d, mode));
  }

  it('a folder the user may not write (the real binary, as an unprivileged user)', async () => {
    // Arrange: a folder only its owner may enter; root may write anywhere, so the binary runs as nobody then.
    const s = await counting();
    const dir = tempDir();
    const locked = join(dir.dir, 'reports');
    const root = process.getuid?.() === 0;
    if (!root) chmodSync(dir.dir, 0o555);
    const undo = root ? traversable(dirname(BIN)) : () => undefined;
    // Act
    const run = spawnCommand(
      BIN,
      ['run', '--target', s.url, '--report-dir', locked],
      { CONNECT_TOKEN: 'abcd-token' },
      root ? { uid: 65534, gid: 65534 } : undefined,
    );
    const code = await run.exited;
    undo();
    if (!root) chmodSync(dir.dir, 0o755);
    dir.remove();
    // Assert
    expect(code).toBe(2);
    expect(run.stderr()).toMatch(/^conformance: cannot write reports to .*reports: permission denied \(EACCES\)\n$/);
    expect(s.requests()).toBe(0);
  });
});

describe('a bad target', () => {
  const token = ['--token', 'good-token-value', '--runs', '0'];
  it('a malformed URL', async () => {
    expectUsageLine(
      await runMain(['run', '--target', 'not a url', ...token]),
      /--target "not a url" is neither "prism" nor a URL/,
    );
    expectUsageLine(
      await runMain(['run', '--target', 'ftp://127.0.0.1/x', ...token]),
      /only http and https URLs are supported/,
    );
  });
  it('that refuses connections', async () => {
    expectUsageLine(await runMain(['run', '--target', await refusingUrl(), ...token]), /unreachable: .*ECONNREFUSED/);
  });
  it('that does not resolve', async () => {
    expectUsageLine(
      await runMain(['run', '--target', `http://${servers.UNRESOLVABLE_HOST}/connect`, ...token]),
      /unreachable: .*ENOTFOUND/,
    );
  });
  it('without a token, saying how to pass one', async () => {
    const s = await servers.silent();
    open.push(s);
    expectUsageLine(await runMain(['run', '--target', s.url, '--runs', '0']), /pass --token T or set CONNECT_TOKEN/);
    expect(s.requests()).toBe(0);
  });

  it('with a certificate that does not verify: TLS, unless --insecure (and then the report says so)', async ({
    skip,
  }) => {
    // Arrange: a self-signed certificate made now, and a server that answers like a strict provider.
    const tls = servers.selfSignedCertificate();
    if (!tls) return skip('openssl is not installed');
    const s = await servers.startServer((req, res) => {
      const status = req.headers.authorization === 'Bearer good-token-value' ? 400 : 401;
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"errors":[]}');
    }, tls);
    open.push(s);
    const reports = tempDir();
    try {
      // Act
      const strict = await runMain(['run', '--target', s.url, ...token, '--report-dir', reports.dir]);
      const lax = await runMain([
        'run',
        '--target',
        s.url,
        ...token,
        '--max-requests',
        '20',
        '--insecure',
        '--report-dir',
        reports.dir,
      ]);
      // Assert
      expectUsageLine(
        strict,
        /TLS handshake failed: its certificate is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\); pass --ca FILE with the sandbox.s CA, or --insecure$/,
      );
      expect(lax.code).toBe(1);
      expect(readReport(reports.dir).target).toMatchObject({ url: s.url, insecure: true });
    } finally {
      reports.remove();
    }
  });
});

describe('OAuth2 client credentials from the command line', () => {
  it.each([
    [{}, /CONNECT_CLIENT_ID is not set/],
    [{ CONNECT_CLIENT_ID: 'id' }, /CONNECT_CLIENT_SECRET is not set/],
  ])('a missing variable is named (%j)', async (env, message) => {
    expectUsageLine(await runMain(['run', '--token-url', 'http://127.0.0.1:1/token', '--runs', '0'], env), message);
  });
  it('--token and --token-url together are refused', async () => {
    expectUsageLine(
      await runMain(['run', '--token-url', 'http://127.0.0.1:1/token', '--token', 'abcd'], {
        CONNECT_CLIENT_ID: 'i',
        CONNECT_CLIENT_SECRET: 's',
      }),
      /either --token or --token-url/,
    );
  });
  it('a token endpoint that refuses the client: one line, no secret', async () => {
    const secret = 'very-secret-client-value';
    const endpoint = await servers.startTokenEndpoint({ clientId: 'suite', clientSecret: 'another', lifetimeS: 60 });
    open.push(endpoint);
    const target = await servers.silent();
    open.push(target);
    const r = await runMain(['run', '--target', target.url, '--token-url', endpoint.tokenUrl, '--runs', '0'], {
      CONNECT_CLIENT_ID: 'suite',
      CONNECT_CLIENT_SECRET: secret,
    });
    expectUsageLine(r, /token endpoint .* answered 401 \(invalid_client\)/);
    expect(r.err.join('\n')).not.toContain(secret);
    expect(target.requests()).toBe(0);
  });
});

describe('the real binary', () => {
  const env = { CONNECT_TOKEN: '' };
  it.each([
    [['run', '--runs', 'abc'], /--runs expects a whole number/],
    [['run', '--spec', '/nonexistent/openapi.yaml'], /cannot read spec/],
    [['run', '--target', 'http://[::1', '--token', 'abcd'], /neither "prism" nor a URL/],
  ])('%j: one line on stderr, exit 2, no stack trace', async (argv, message) => {
    const r = await runBinary(argv, env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*:\d+:\d+|Error:|internal error/);
  });
  it('a refused connection: one line, exit 2', async () => {
    const r = await runBinary(['run', '--target', await refusingUrl(), '--token', 'abcd-token', '--runs', '0'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^conformance: target .* is unreachable: .*ECONNREFUSED/),
    ]);
  });
});
