// `conformance replay REPORT`: the failures' requests re-sent to a local provider, judged again by the same checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';
import { fixtureReport } from '../unit/report/fixture.ts';

const TOKEN = 'replay-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'conformance-replay-'));
const received: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer }[] = [];
let server: Server;
let base = '';

/** A provider that fixed everything but the enum check (F2): 201 to a valid body, 400 to the rest, 401 to a wrong token. */
beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const text = body.toString('utf8');
      const status =
        req.headers.authorization !== `Bearer ${TOKEN}`
          ? 401
          : text.startsWith('{"type":"Comp\u0000') || text.includes('Ölmühle')
            ? 201
            : 400;
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      });
      res.end(status === 400 ? '{"errors":[{"code":"invalid","message":"no"}]}' : '{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  received.length = 0;
});

function reportFile(r: Report = fixtureReport()): string {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(r));
  return file;
}

async function replay(args: string[], env: Record<string, string> = { CONNECT_TOKEN: TOKEN }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['replay', ...args], { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, env });
  return { code, out, err };
}

describe('replay', () => {
  it('re-sends each failure byte for byte to --target and says which are fixed', async () => {
    // Act
    const { code, out, err } = await replay([reportFile(), '--target', base]);
    // Assert
    expect(out).toEqual([
      expect.stringMatching(/^replaying 4 failures of .+ against http:\/\/127\.0\.0\.1:\d+\/sandbox$/),
      'F1 fixed',
      'F2 still failing: an invalid request was not rejected: Received: 201 / Due: 400',
      'F3 fixed (a server error or a lost answer: if nothing changed on the server, it comes and goes)',
      'F4 fixed (waived by sandbox-accepts-any-bearer)',
      '3 of 4 fixed; 1 unwaived still failing',
      'problems: P1 fixed · P2 fixed · P3 still failing',
    ]);
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/^warning: spec\/openapi\.yaml changed since the report/);
    // Same method, path under the new base, headers with the current token, the exact body bytes.
    const f2 = fixtureReport().failures[1];
    expect(received[1].method).toBe('POST');
    expect(received[1].url).toBe('/sandbox/v1/onboarding/entities');
    expect(received[1].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(received[1].headers['content-type']).toBe('application/json');
    expect(received[1].body.equals(Buffer.from(f2.request.body!, 'utf8'))).toBe(true);
    // The wrong token of an auth case is sent as it was, not replaced.
    expect(received[3].headers.authorization).toBe(fixtureReport().failures[3].request.headers['authorization']);
    expect([...out, ...err].join('\n')).not.toContain(TOKEN);
  });

  it('replays one problem with --problem, as P3 or 3: its example, judged by the check that names it', async () => {
    const file = reportFile();
    expect(await replay([file, '--target', base, '--problem', 'P3'])).toMatchObject({
      code: 1,
      out: [expect.any(String), expect.stringMatching(/^P3 still failing: /), '0 of 1 fixed; 1 unwaived still failing'],
    });
    expect(await replay([file, '--target', base, '--problem', '1'])).toMatchObject({
      code: 0,
      out: [expect.any(String), 'P1 fixed', '1 of 1 fixed'],
    });
    expect(await replay([file, '--target', base, '--problem', 'P9'])).toMatchObject({
      code: 2,
      err: ['conformance: --problem "P9": the report has problems P1 to P3'],
    });
  });

  it('replays one failure with --failure, as F1 or 1; exit 0 when it is fixed', async () => {
    const file = reportFile();
    expect(await replay([file, '--target', base, '--failure', 'F1'])).toMatchObject({
      code: 0,
      out: [expect.any(String), 'F1 fixed', '1 of 1 fixed'],
    });
    expect(await replay([file, '--target', base, '--failure', '2'])).toMatchObject({
      code: 1,
      out: [expect.any(String), expect.stringMatching(/^F2 still failing: /), '0 of 1 fixed; 1 unwaived still failing'],
    });
  });

  it('sends to the report’s own target when --target is not given', async () => {
    const r = fixtureReport();
    const here = {
      ...r,
      target: { ...r.target, url: base },
      failures: r.failures.map((f) => ({ ...f, request: { ...f.request, url: `${base}/v1/onboarding/entities` } })),
    };
    const { code } = await replay([reportFile(here), '--failure', 'F1']);
    expect(code).toBe(0);
    expect(received.map((x) => x.url)).toEqual(['/sandbox/v1/onboarding/entities']);
  });

  it.each([
    ['no report', [], {}, 'conformance: replay expects one report: conformance replay reports/report.json'],
    ['a report that does not exist', ['nope.json'], {}, 'conformance: nope.json: no such file or directory'],
    [
      'an unknown failure',
      ['$FILE', '--target', '$BASE', '--failure', 'F9'],
      {},
      'conformance: --failure "F9": the report has failures F1 to F4',
    ],
    [
      'a Prism report without --target',
      ['$PRISM'],
      {},
      'conformance: replay against the embedded Prism mock is not supported: give the provider with --target URL',
    ],
    [
      '--target prism',
      ['$FILE', '--target', 'prism'],
      {},
      'conformance: replay against the embedded Prism mock is not supported: give the provider with --target URL',
    ],
    [
      'no token for a request that carried one',
      ['$FILE', '--target', '$BASE'],
      { env: {} },
      "conformance: F1 was sent with the run's token: pass --token T or set CONNECT_TOKEN",
    ],
  ] as [string, string[], { env?: Record<string, string> }, string][])(
    'exits 2 with one line for %s',
    async (_what, args, opts, line) => {
      const r = fixtureReport();
      const subst = (a: string) =>
        a === '$FILE'
          ? reportFile()
          : a === '$BASE'
            ? base
            : a === '$PRISM'
              ? reportFile({ ...r, target: { kind: 'prism', url: 'http://127.0.0.1:1', mock: true, insecure: false } })
              : a;
      const { code, out, err } = await replay(args.map(subst), opts.env ?? { CONNECT_TOKEN: TOKEN });
      expect(code).toBe(2);
      expect(out.filter((l) => l.startsWith('replaying'))).toEqual([]);
      expect(err.filter((l) => !l.startsWith('warning:'))).toEqual([line]);
      expect(received).toEqual([]);
    },
  );

  it('takes the token from --token as well', async () => {
    const { code } = await replay([reportFile(), '--target', base, '--failure', 'F1', '--token', TOKEN], {});
    expect(code).toBe(0);
  });

  it('honours --max-requests as run does: what the budget leaves is not sent, never fixed', async () => {
    const { code, out } = await replay([reportFile(), '--target', base, '--max-requests', '2']);
    expect(received).toHaveLength(2);
    expect(out.slice(1, 3)).toEqual(['F1 fixed', expect.stringMatching(/^F2 still failing/)]);
    expect(out[3]).toMatch(/^F3 not sent: the budget \(--max-requests\) was spent/);
    expect(code).toBe(1);
  });

  it('names the run’s token URL and the credentials it needs when the run used OAuth2 and none are given', async () => {
    const r = fixtureReport();
    const oauth = { ...r, options: { concurrency: 4, timeoutMs: 10_000, tokenUrl: 'https://auth.example.com/token' } };
    const { code, err } = await replay([reportFile(oauth), '--target', base], {});
    expect(code).toBe(2);
    expect(err.at(-1)).toBe(
      "conformance: F1 was sent with the run's token: the run used OAuth2 (https://auth.example.com/token): set CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET, or CONNECT_TOKEN",
    );
  });
});

describe('replay against a target that answers only 429', () => {
  let busy: Server;
  let busyBase = '';
  let hits = 0;
  beforeAll(async () => {
    busy = createServer((_req, res) => {
      hits++;
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    busyBase = `http://127.0.0.1:${(busy.address() as AddressInfo).port}/sandbox`;
  });
  afterAll(() => busy.close());

  it('waits the 429s out as run does, then says rate-limited: never fixed', async () => {
    const { code, out } = await replay([reportFile(), '--target', busyBase, '--failure', 'F1']);
    // One try and 5 retries, as run gives a case.
    expect(hits).toBe(6);
    expect(out[1]).toBe(
      'F1 not judged (rate-limited): still 429 after 6 tries; gave up on this case; lower --rate or replay later',
    );
    expect(out.at(-1)).toBe('0 of 1 fixed; 1 unwaived still failing');
    expect(code).toBe(1);
  });
});
