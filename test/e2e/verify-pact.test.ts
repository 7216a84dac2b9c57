// `conformance verify-pact` as a user runs it: the real binary as a child process, its output read through a pipe.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, MINIMAL, REDIRECT, STATES } from '../../contracts/interactions.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';

const run = promisify(execFile);
const TOKEN = 'pact-e2e-token';

async function verifyPact(args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-pact-e2e-'));
  return run(process.execPath, ['bin/conformance.ts', 'verify-pact', '--report-dir', dir, '--token', TOKEN, ...args], {
    env: { ...process.env, FORCE_COLOR: undefined },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

/** `--target` and `--provider-states-setup-url` of a provider serving Pact's state endpoint. */
const withStates = (p: { url: string; statesUrl?: string | undefined }) => [
  '--target',
  p.url,
  '--provider-states-setup-url',
  p.statesUrl ?? '',
];

/** What must never reach a user who did not ask for --verbose: colours, Pact's own report and logs, warnings. */
function expectPlain(output: string): void {
  expect(output).not.toMatch(/\u001b\[/);
  expect(output).not.toMatch(/pact-core|pact@|Verifying a pact between|DeprecationWarning|WARN|INFO/);
}

/** A provider in front of `upstream` that swaps the echoed name and identifier of every 201 (a realistic mix-up). */
async function swappingProxy(upstream: RunningProvider): Promise<{ server: Server; url: string; statesUrl: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = Object.fromEntries(
        Object.entries(req.headers).flatMap(([k, v]) =>
          typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k) ? [[k, v]] : [],
        ),
      );
      const answer = await fetch(`http://127.0.0.1:${upstream.port}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      });
      let text = await answer.text();
      if (answer.status === 201) {
        const body = JSON.parse(text) as { data: { entity: { information: Record<string, unknown> } } };
        const info = body.data.entity.information;
        [info['name'], info['identifier']] = [info['identifier'], info['name']];
        text = JSON.stringify(body);
      }
      res.writeHead(answer.status, { 'Content-Type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(text);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/connect`,
    statesUrl: `http://127.0.0.1:${port}/_pact/provider-states`,
  };
}

describe('conformance verify-pact against live providers', () => {
  let reference: RunningProvider;
  let status200: RunningProvider;
  let swapping: Awaited<ReturnType<typeof swappingProxy>>;
  beforeAll(async () => {
    // In its Pact test mode the reference redirects only for OEMs a provider state says need it: unset, it never does.
    reference = await startProvider({ token: TOKEN, providerStates: true });
    status200 = await startProvider({ token: TOKEN, providerStates: true, fault: 'status-200' });
    swapping = await swappingProxy(reference);
  });
  afterAll(async () => {
    await Promise.all([reference.close(), status200.close()]);
    await new Promise((r) => swapping.server.close(r));
  });

  it('a conforming provider that never redirects: stateless interactions verified, the others need state, exit 3', async () => {
    const { code, stdout, stderr } = await verifyPact(['--target', reference.url]);
    expect(stdout).toContain(`NEED ${REDIRECT}\n      needs provider state "${STATES.redirectingOem}"`);
    expect(stdout).toContain(`NEED ${FULL}\n      needs provider states "${STATES.collective}", "${STATES.owner}"`);
    expect(stdout).toContain(`ok   ${MINIMAL}`);
    expect(stdout).toMatch(/^INCOMPLETE: 3\/5 interactions, 2 need provider states/m);
    expect(code).toBe(3);
    expectPlain(stdout);
    expect(stderr).toBe('');
  });

  it('the same provider with its state endpoint: 5/5, exit 0', async () => {
    const { code, stdout, stderr } = await verifyPact(withStates(reference));
    expect(stdout).toMatch(/^VERIFIED: 5\/5 interactions/m);
    expect(code).toBe(0);
    expectPlain(stdout);
    expect(stderr).toBe('');
  });

  it('a provider that answers 200: exit 1, with or without states', async () => {
    const without = await verifyPact(['--target', status200.url]);
    expect(without.stdout).toContain(`FAIL ${MINIMAL}\n      status: expected 201 but was 200`);
    expect(without.stdout).toMatch(/^NOT VERIFIED: 2\/5 interactions, 2 need provider states/m);
    expect(without.code).toBe(1);
    const set = await verifyPact(withStates(status200));
    expect(set.stdout).toMatch(/^NOT VERIFIED: 2\/5 interactions ·/m);
    expect(set.code).toBe(1);
    expectPlain(without.stdout + without.stderr + set.stdout + set.stderr);
  });

  it('a provider that swaps the echoed name and identifier: exit 1, naming the interaction', async () => {
    const { code, stdout } = await verifyPact(withStates(swapping));
    expect(stdout).toContain(`FAIL ${FULL}`);
    expect(stdout).toMatch(/body \$\.data\.entity\.information\.(name|identifier): Expected/);
    expect(stdout).toContain(`FAIL ${REDIRECT}`); // its identifier is swapped with a name it never sent
    expect(code).toBe(1);
  });

  it('--verbose shows what Pact printed, on stderr, without colours when piped', async () => {
    const { code, stdout, stderr } = await verifyPact([...withStates(reference), '--verbose']);
    expect(code).toBe(0);
    expect(stderr).toContain('Verifying a pact between entity-onboarding-client and connect-onboarding-api');
    expect(stderr).toContain(`Given ${STATES.redirectingOem}`);
    expect(stderr).not.toMatch(/\u001b\[/);
    expectPlain(stdout);
  });

  it('a set-up URL that is not http(s), or one given for the embedded Prism: one line, exit 2', async () => {
    const bad = await verifyPact(['--target', reference.url, '--provider-states-setup-url', 'ftp://x']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe('conformance: --provider-states-setup-url expects an http(s) URL, got "ftp://x"\n');
    const prism = await verifyPact(['--provider-states-setup-url', 'http://127.0.0.1:9/states']);
    expect(prism.code).toBe(2);
    expect(prism.stderr).toMatch(/^conformance: --provider-states-setup-url is for a live provider[^\n]*\n$/);
  });
});
