// contracts/README.md's code samples are true: each runs as written, importing the package by its name.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../test/provider/server.ts';

const run = promisify(execFile);
const README = 'contracts/README.md';
const samples = (await readFile(README, 'utf8'))
  .split(/^```ts\n/m)
  .slice(1)
  .map((block) => block.split(/^```$/m)[0]);

describe(`${README} code samples`, () => {
  let dir: string;
  let provider: RunningProvider;
  beforeAll(async () => {
    // Inside the package (under the git-ignored reports/), so that its name resolves to it (package self-reference).
    await mkdir('reports', { recursive: true });
    dir = await mkdtemp(join('reports', '.readme-samples-'));
    provider = await startProvider({ token: 'sample-token', providerStates: true });
  });
  afterAll(async () => {
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('import the package by name, never ../src/', () => {
    expect(samples).toHaveLength(2);
    for (const sample of samples) {
      expect(sample).toMatch(/from 'connect-onboarding-conformance';/);
      expect(sample).not.toMatch(/from '\.\.?\//);
    }
  });

  const runSample = async (index: number, env: Record<string, string> = {}) => {
    const file = join(dir, `sample-${index}.ts`);
    await writeFile(file, samples[index]);
    // The samples import the package by name: in a clone, its sources (the build in dist/ may not exist yet).
    return (
      await run(process.execPath, ['--conditions=connect-onboarding-conformance:source', file], {
        env: { ...process.env, ...env },
      })
    ).stdout;
  };

  it('the offline check finds the committed pact consistent with the spec', async () => {
    expect(await runSample(0)).toBe('0 mismatches, 0 comparator findings\n');
  });

  it('the verification verifies the reference provider, its states set up', async () => {
    const out = await runSample(1, {
      PROVIDER_URL: provider.url,
      PROVIDER_TOKEN: 'sample-token',
      PROVIDER_STATES_URL: provider.statesUrl!,
    });
    expect(out.trim().split('\n')).toHaveLength(6);
    expect(out).toMatch(/^verified a request to onboard a ChargePoint/m);
    expect(out.trim().split('\n').pop()).toBe('verified');
  });
});
