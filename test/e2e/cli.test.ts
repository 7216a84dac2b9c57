// The walking skeleton end to end: the real binary, the embedded Prism, and a provider on 127.0.0.1.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { assertValidReport } from '../setup/report-schema.ts';

const run = promisify(execFile);

async function conformance(args: string[], env: Record<string, string> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-e2e-'));
  const result = await run(process.execPath, ['bin/conformance.ts', 'run', '--report-dir', dir, ...args], {
    env: { ...process.env, ...env },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8').catch(() => 'null')) as Report | null;
  if (report !== null) assertValidReport(report);
  return { ...result, report };
}

describe('against the embedded Prism mock', () => {
  it('conforms with Prism’s departures waived, and says what it normalised', async () => {
    const { code, stderr, report } = await conformance(['--seed', '42', '--runs', '20']);
    expect(stderr).not.toMatch(/error|at .+:\d+:\d+/i);
    expect(code).toBe(0);
    expect(report!.target).toMatchObject({ kind: 'prism', mock: true });
    expect(report!.verdict).toBe('conforms');
    expect(report!.summary.waived).toBeGreaterThan(0);
    expect(
      report!.waivers
        .filter((w) => w.matched > 0)
        .map((w) => w.id)
        .sort(),
    ).toEqual([
      'prism-any-bearer-accepted',
      'prism-bearer-joined-accepted',
      'prism-bearer-non-ascii-accepted',
      'prism-bearer-parameter-after-token-accepted',
      'prism-bearer-quoted-token-accepted',
      'prism-bearer-scheme-case-sensitive',
      'prism-bearer-scheme-case-sensitive-upper',
      'prism-bearer-spelling-accepted',
      'prism-bearer-token-parameter-accepted',
      'prism-near-token-accepted',
      'prism-no-subtype-500-media-type-is-enforced',
      'prism-no-subtype-500-not-a-server-error',
      'prism-no-subtype-500-status-is-allowed',
      'prism-repeated-authorization-accepted',
      'prism-text-json-refused',
      'prism-token-form-accepted',
    ]);
    // The wrapper answers malformed JSON in Prism's place, with the documented 400, and the report lists it.
    expect(report!.normalisations.map((n) => n.change)).toContainEqual(expect.stringMatching(/does not parse as JSON/));
    expect(report!.normalisations.map((n) => n.rule)).toContain(
      '/components/schemas/Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest/properties/properties/nullable',
    );
    expect(report!.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining([
        'required-nullable',
        'nullable-without-type',
        'undocumented-status',
        'response-without-required',
      ]),
    );
    // Echo checks cannot judge example data: skipped, and the report says so.
    expect(report!.checks.find((c) => c.name === 'echo-entity-type')).toMatchObject({ passed: 0, failed: 0 });
    expect(report!.checks.find((c) => c.name === 'echo-entity-type')!.skipped).toBeGreaterThan(0);
  });
});

describe('against a provider URL', () => {
  let good: RunningProvider;
  let faulty: RunningProvider;
  beforeAll(async () => {
    good = await startProvider({ token: 'e2e-token' });
    faulty = await startProvider({ token: 'e2e-token', fault: 'enum-case-insensitive' });
  });
  afterAll(async () => {
    await good.close();
    await faulty.close();
  });

  it('exits 0 on the conforming reference, with the spec gaps listed', async () => {
    const { code, report } = await conformance(['--target', good.url, '--seed', '7', '--runs', '20'], {
      CONNECT_TOKEN: 'e2e-token',
    });
    expect(report!.failures).toEqual([]);
    expect(code).toBe(0);
    expect(report!.specGaps.map((g) => g.status)).toEqual(expect.arrayContaining([401, 405, 415]));
    expect(report!.created.length).toBeGreaterThan(0);
  });

  it('exits 1 on a copy with one obvious fault, naming the rule it breaks', async () => {
    const { code, report } = await conformance([
      '--target',
      faulty.url,
      '--token',
      'e2e-token',
      '--seed',
      '7',
      '--runs',
      '20',
    ]);
    expect(code).toBe(1);
    const f = report!.failures.find((x) => x.check === 'invalid-is-rejected');
    expect(f?.rule).toBe('/components/schemas/Connect.Service.Onboarding.Core.Models.Data.EntityType/enum');
    expect(f?.curl).toContain('$CONNECT_TOKEN');
    expect(JSON.stringify(report)).not.toContain('e2e-token');
  });

  it('the same seed gives the same cases', async () => {
    const a = await conformance(['--target', good.url, '--token', 'e2e-token', '--seed', '99', '--runs', '10']);
    const b = await conformance(['--target', good.url, '--token', 'e2e-token', '--seed', '99', '--runs', '10']);
    expect(a.report!.summary.cases).toBe(b.report!.summary.cases);
    expect(a.report!.plan).toEqual(b.report!.plan);
    expect(a.report!.coverage).toEqual(b.report!.coverage);
  });
});
