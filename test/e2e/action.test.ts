// action.yml's shell steps, run locally as GitHub would: each `run:` script with its `env:` (inputs and earlier steps'
// outputs filled in), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as temporary files. The `uses:` steps (setup-node,
// upload-artifact) are GitHub's own; only the name given to upload-artifact is checked.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from '../provider/server.ts';
import { slow } from '../robustness/servers.ts';
import { assertValidReport } from '../setup/report-schema.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

interface Step {
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** The values of `${{ inputs.x }}`, `${{ steps.id.outputs.x }}` and `a || 'b'` in one expression. */
function evaluate(
  text: string,
  inputs: Record<string, string>,
  outputs: Record<string, Record<string, string>>,
): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    for (const alt of expr.split(/\s*\|\|\s*/)) {
      const literal = /^'(.*)'$/.exec(alt)?.[1];
      const input = /^inputs\.([\w-]+)$/.exec(alt)?.[1];
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(alt);
      const value =
        literal ??
        (input !== undefined ? (inputs[input] ?? action.inputs[input]?.default ?? '') : undefined) ??
        (output ? (outputs[output[1]]?.[output[2]] ?? '') : undefined);
      if (value === undefined) throw new Error(`action.yml: expression ${alt} is not understood by this test`);
      if (value !== '') return value;
    }
    return '';
  });
}

interface ActionRun {
  /** Each shell step's exit code, by step id or name. */
  codes: Record<string, number>;
  outputs: Record<string, string>;
  summary: string;
  log: string;
  artifact: string;
}

let work: string;
let counter = 0;

/** Runs the action's steps in order; a failed step skips the next ones unless they say `if: always()`. */
async function runAction(inputs: Record<string, string>, jobEnv: Record<string, string> = {}): Promise<ActionRun> {
  const dir = join(work, `run-${++counter}`);
  mkdirSync(dir);
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(summaryFile, '');
  const outputs: Record<string, Record<string, string>> = {};
  const codes: Record<string, number> = {};
  let failed = false;
  let log = '';
  let artifact = '';
  for (const [i, step] of action.runs.steps.entries()) {
    const key = step.id ?? step.name ?? `step-${i}`;
    if (failed && !(step as { if?: string }).if?.includes('always()')) continue;
    if (step.uses?.startsWith('actions/upload-artifact')) artifact = evaluate(step.with!.name, inputs, outputs);
    if (step.run === undefined) continue;
    const outputFile = join(dir, `${key}.out`);
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), inputs, outputs)]),
    );
    // As GitHub runs a `shell: bash` step: bash --noprofile --norc -eo pipefail.
    const wd = step['working-directory'];
    const r = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: wd === undefined ? work : resolve(work, evaluate(wd, inputs, outputs)),
      env: {
        PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
        HOME: process.env['HOME'] ?? work,
        ...jobEnv,
        RUNNER_TEMP: dir,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...env,
      },
      maxBuffer: 16 << 20,
    }).then(
      (x) => ({ code: 0, out: x.stdout + x.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );
    codes[key] = r.code;
    log += r.out;
    failed ||= r.code !== 0;
    outputs[key] = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  }
  const actionOutputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, o]) => [k, evaluate(o.value, inputs, outputs)]),
  );
  return { codes, outputs: actionOutputs, summary: readFileSync(summaryFile, 'utf8'), log, artifact };
}

let good: RunningProvider;
let faulty: RunningProvider;
/** A checkout without the suite in any node_modules on its path. */
let bare: string;
beforeAll(async () => {
  // A provider's checkout after `npm ci`: the suite in node_modules/.bin (here: this repository's own command).
  work = mkdtempSync(join(tmpdir(), 'conformance-action-'));
  mkdirSync(join(work, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'bin/conformance.js'), join(work, 'node_modules/.bin/conformance'));
  // A monorepo whose API package has its own node_modules.
  mkdirSync(join(work, 'mono/api/node_modules/.bin'), { recursive: true });
  symlinkSync(join(ROOT, 'bin/conformance.js'), join(work, 'mono/api/node_modules/.bin/conformance'));
  bare = mkdtempSync(join(tmpdir(), 'conformance-action-bare-'));
  good = await startProvider({ token: 'action-token' });
  faulty = await startProvider({ token: 'action-token', fault: 'enum-case-insensitive' });
});
afterAll(async () => {
  await good.close();
  await faulty.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(bare, { recursive: true, force: true });
});

describe('action.yml', () => {
  it('is a composite action whose required input is the target', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.entries(action.inputs).filter(([, i]) => i.required === true)).toEqual([
      ['target', expect.anything()],
    ]);
  });

  it('a conforming provider: verdict conforms, exit code 0, report.md in the job summary, the token nowhere', async () => {
    const r = await runAction({ target: good.url, token: 'action-token', seed: '7', runs: '5', 'report-dir': 'ok' });
    expect(r.outputs).toEqual({
      verdict: 'conforms',
      'exit-code': '0',
      'report-dir': 'ok',
      artifact: 'conformance-reports',
    });
    expect(r.codes['Gate on the verdict']).toBe(0);
    // report.md, then the line that names the artifact holding report.html.
    expect(r.summary.startsWith(readFileSync(join(work, 'ok/report.md'), 'utf8'))).toBe(true);
    expect(r.summary).toMatch(/^## .*conforms/i);
    expect(r.summary).toContain('`report.html`');
    expect(r.summary).toContain("this run's artifact **`conformance-reports`**");
    assertValidReport(JSON.parse(readFileSync(join(work, 'ok/report.json'), 'utf8')));
    expect(r.artifact).toBe('conformance-reports');
    expect(r.log + r.summary).not.toContain('action-token');
  });

  it('a faulty provider: verdict fails, the gate step fails the job, the summary names the rule', async () => {
    const r = await runAction({ target: faulty.url, token: 'action-token', seed: '7', runs: '5', 'report-dir': 'bad' });
    expect([r.outputs['verdict'], r.outputs['exit-code'], r.codes['Gate on the verdict']]).toEqual(['fails', '1', 1]);
    expect(r.summary).toMatch(/fails/i);
    expect(r.summary).toContain('/enum');
  });

  it('an unusable target: verdict error, exit code 2, a summary that says no report was written', async () => {
    const r = await runAction({ target: 'http://[::1', token: 'action-token', 'report-dir': 'none' });
    expect([r.outputs['verdict'], r.outputs['exit-code'], r.codes['Gate on the verdict']]).toEqual(['error', '2', 2]);
    expect(r.summary).toContain('No report was written');
    expect(r.log).toMatch(/conformance: .*neither "prism" nor a URL/);
  });

  it('a shard: its own artifact name, so that the shards of a matrix do not collide', async () => {
    const r = await runAction({ target: good.url, token: 'action-token', seed: '7', runs: '0', shard: '2/3' });
    expect([r.outputs['verdict'], r.artifact]).toEqual(['conforms', 'conformance-reports-shard-2-of-3']);
    const report = JSON.parse(readFileSync(join(work, 'conformance-reports/report.json'), 'utf8')) as {
      shard: unknown;
    };
    expect(report.shard).toEqual({ index: 2, count: 3 });
  });

  it('no suite in node_modules and no version or tarball named: one line, nothing installed, the summary says so', async () => {
    const r = await runAction({ target: good.url, token: 'action-token', 'working-directory': bare });
    expect(r.codes['install']).toBe(2);
    expect(r.log).toMatch(
      /^conformance: the suite is not installed: add connect-onboarding-conformance to the project's devDependencies/m,
    );
    expect(r.log).not.toMatch(/npm (install|error)/);
    expect(r.summary).toContain('## Conformance: not run (the suite is not installed)');
    expect(r.summary).not.toContain('a usage, spec or target error');
  });

  it('a scoped package name is a package, not a path: installed at the version named, else not at all', async () => {
    // Arrange: a registry that refuses connections, so that the install fails at once and offline.
    const registry = { npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0' };
    // Act
    const named = await runAction(
      { target: good.url, package: '@acme/conformance', version: '9.9.9', 'working-directory': bare },
      registry,
    );
    const unnamed = await runAction(
      { target: good.url, package: '@acme/conformance', 'working-directory': bare },
      registry,
    );
    // Assert
    expect(named.log).toContain('installing @acme/conformance@9.9.9');
    expect(named.codes['install']).not.toBe(0);
    expect(unnamed.codes['install']).toBe(2);
    expect(unnamed.log).toContain('add @acme/conformance to the project');
  });

  it("a monorepo's package: working-directory finds its node_modules and holds its reports", async () => {
    const r = await runAction({
      target: good.url,
      token: 'action-token',
      seed: '7',
      runs: '0',
      'working-directory': 'mono/api',
      'report-dir': 'r',
    });
    expect(r.outputs['verdict']).toBe('conforms');
    expect(r.log).toContain(`at ${join(work, 'mono/api/node_modules/.bin/conformance')}`);
    assertValidReport(JSON.parse(readFileSync(join(work, 'mono/api/r/report.json'), 'utf8')));
    expect(r.summary).toMatch(/^## .*conforms/i);
  });

  it("args one per line, never split; CONNECT_TOKEN from the job's env kept; the spec path relative to the workspace", async () => {
    // Arrange: a spec in a folder whose name has a space, given by its absolute path.
    mkdirSync(join(work, 'my specs'), { recursive: true });
    writeFileSync(join(work, 'my specs/openapi.yaml'), readFileSync(join(ROOT, 'spec/openapi.yaml')));
    // Act: no token input; the job's env: holds CONNECT_TOKEN.
    // A budget over the whole plan (it grows with the request space: 900 was spent at 741c965), so the run conforms.
    const r = await runAction(
      {
        target: good.url,
        seed: '7',
        runs: '0',
        'report-dir': 'listed',
        args: `--spec\n${join(work, 'my specs/openapi.yaml')}\n\n--max-requests\n2000\n`,
      },
      { CONNECT_TOKEN: 'action-token' },
    );
    // Assert
    expect(r.outputs['verdict'], r.log).toBe('conforms');
    const report = JSON.parse(readFileSync(join(work, 'listed/report.json'), 'utf8')) as {
      spec: { path: string };
      options: { maxRequests?: number };
    };
    expect(report.spec.path).toBe('my specs/openapi.yaml');
    expect(report.options.maxRequests).toBe(2000);
  });

  it('a cancelled job: SIGINT to the run step reaches the suite, which writes interrupted reports (exit code 130)', async () => {
    // Arrange: the run step alone, as GitHub starts it, against a target whose answers take 400 ms.
    const server = await slow(400);
    const step = action.runs.steps.find((x) => x.id === 'run')!;
    const dir = join(work, 'cancelled');
    mkdirSync(dir);
    const outputFile = join(dir, 'run.out');
    writeFileSync(outputFile, '');
    const inputs = { target: server.url, token: 'action-token', runs: '50', 'report-dir': 'cancelled/reports' };
    const outputs = { install: { bin: join(work, 'node_modules/.bin/conformance') } };
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), inputs, outputs)]),
    );
    const bash = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: work,
      env: {
        PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
        HOME: work,
        GITHUB_OUTPUT: outputFile,
        ...env,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => bash.once('close', (code) => r(code)));
    try {
      while (server.requests() < 4) await new Promise((r) => setTimeout(r, 50));
      // Act
      bash.kill('SIGINT');
      const code = await exited;
      // Assert: the step records the suite's exit code and verdict; the reports say interrupted.
      expect(code).toBe(0);
      expect(readFileSync(outputFile, 'utf8')).toMatch(/^exit-code=130\nverdict=interrupted\n/);
      const report = JSON.parse(readFileSync(join(work, 'cancelled/reports/report.json'), 'utf8')) as {
        verdict: string;
      };
      expect(report.verdict).toBe('interrupted');
    } finally {
      await server.close();
    }
  });
});
