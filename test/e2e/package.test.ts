// The suite as a provider team gets it: the packed tarball installed into a fresh project (npm's cache, the package
// registry only), run from node_modules with `npx`, and imported as a library. The slowest test: pack and install once.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.ts';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { assertValidReport } from '../setup/report-schema.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const NAME = 'connect-onboarding-conformance';

// The parent `npm test` exports npm_* settings meant for this repository; the fresh project gets none of them, and
// Node 24 (this repository's, as a provider's CI would set it up) first on the PATH.
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
  CONNECT_TOKEN: '',
};

let project: string;
let tarball: string[];

async function sh(cmd: string, args: string[], extra: Record<string, string> = {}) {
  return exec(cmd, args, { cwd: project, env: { ...env, ...extra }, maxBuffer: 16 << 20 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'conformance-package-'));
  // `npm pack` runs prepack, the tsc build into dist/.
  const packed = await exec('npm', ['pack', '--json', '--pack-destination', project], {
    cwd: ROOT,
    env,
    maxBuffer: 16 << 20,
  });
  const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = info.files.map((f) => f.path);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'provider', private: true, type: 'module' }));
  await exec(
    'npm',
    ['install', '-D', `./${info.filename}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: project, env, maxBuffer: 16 << 20 },
  );
}, 600_000);
afterAll(() => rm(project, { recursive: true, force: true }));

describe('the packed tarball', () => {
  it('holds the compiled package, its bundled files and nothing of the repository’s own', () => {
    expect(tarball).toEqual(
      expect.arrayContaining([
        'bin/conformance.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/bin.js',
        'dist/targets/prism-child.js',
        'dist/targets/prism.waivers.json',
        'spec/openapi.yaml',
        'contracts/pacts/entity-onboarding-client-connect-onboarding-api.json',
        'package.json',
        'README.md',
      ]),
    );
    expect(
      tarball.filter((f) => /^(test|bench|properties|\.github|\.ci|src)\/|\.test\.|^bin\/.*\.ts$/.test(f)),
    ).toEqual([]);
  });
});

describe('installed in a provider’s project', () => {
  let provider: RunningProvider;
  beforeAll(async () => {
    provider = await startProvider({ token: 'package-token' });
  });
  afterAll(() => provider.close());

  it('npx conformance --version', async () => {
    const version = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await sh('npx', ['--no-install', 'conformance', '--version'])).toMatchObject({
      code: 0,
      stdout: `${version}\n`,
    });
  });

  it('npx conformance run --target prism: the bundled spec and the embedded Prism, exit 0', async () => {
    const r = await sh('npx', [
      '--no-install',
      'conformance',
      'run',
      '--target',
      'prism',
      '--runs',
      '0',
      '--seed',
      '3',
    ]);
    expect(r.stderr).not.toMatch(/error|at .+:\d+:\d+/i);
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(join(project, 'reports/report.json'), 'utf8')) as Report;
    assertValidReport(report);
    expect(report.spec.path).toBe(`node_modules/${NAME}/spec/openapi.yaml`);
    expect(report.verdict).toBe('conforms');
    // The repeat command needs no --spec: the bundled spec is the default wherever the package is installed.
    expect(r.stdout).toContain('npx conformance run --target prism --seed 3 --runs 0\n');
  });

  it('npx conformance run --target URL against the reference provider, exit 0', async () => {
    const r = await sh(
      'npx',
      ['--no-install', 'conformance', 'run', '--target', provider.url, '--runs', '0', '--report-dir', 'url'],
      { CONNECT_TOKEN: 'package-token' },
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(await readFile(join(project, 'url/report.json'), 'utf8')) as Report;
    assertValidReport(report);
    expect([report.target.url, report.verdict, report.failures]).toEqual([provider.url, 'conforms', []]);
  });

  it('imports the public API (exports, with types)', async () => {
    await writeFile(
      join(project, 'use.mjs'),
      `import { BUNDLED_SPEC, loadSpec, runSuite, main } from '${NAME}';
const spec = await loadSpec(BUNDLED_SPEC);
console.log(typeof runSuite, typeof main, spec.operationPointer);`,
    );
    expect(await sh(process.execPath, ['use.mjs'])).toMatchObject({
      code: 0,
      stdout: 'function function /paths/~1v1~1onboarding~1entities/post\n',
    });
    const pkg = JSON.parse(await readFile(join(project, `node_modules/${NAME}/package.json`), 'utf8')) as {
      exports: { '.': { types: string } };
    };
    await expect(readFile(join(project, `node_modules/${NAME}`, pkg.exports['.'].types), 'utf8')).resolves.toContain(
      'runSuite',
    );
  });
});
