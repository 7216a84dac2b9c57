// Ctrl-C and child processes: an interrupted run stops sending at once, lets in-flight requests finish, still writes
// its reports (marked interrupted), and leaves no process behind, Prism included, even when the suite is killed.
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/runner/run.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  alive,
  childrenOf,
  commandLine,
  readReport,
  spawnBinary,
  spawnCommand,
  cleanupEachTest,
  until,
} from './cli.ts';
import * as servers from './servers.ts';
import type { TestServer } from './servers.ts';
import { suiteOptions } from '../setup/run-options.ts';

const { open, reportDir } = cleanupEachTest<TestServer>();

/** The Prism child of a suite process, once it has been started. */
async function prismChildOf(pid: number): Promise<number> {
  let found: number | undefined;
  await until(
    () => (found = childrenOf(pid).find((c) => commandLine(c).includes('prism-child'))) !== undefined,
    30_000,
    'Prism to start',
  );
  return found!;
}

describe('Ctrl-C', () => {
  it('against a URL: stops sending, waits for in-flight requests, writes report.json marked interrupted, exits 130', async () => {
    // Arrange: every answer takes 400 ms, so requests are in flight when SIGINT comes.
    const s = await servers.slow(400);
    open.push(s);
    const dir = reportDir();
    const run = spawnBinary([
      'run',
      '--target',
      s.url,
      '--token',
      'ctrl-c-token',
      '--runs',
      '50',
      '--concurrency',
      '3',
      '--report-dir',
      dir,
    ]);
    await until(() => s.requests() >= 4, 30_000, 'the first requests');
    // Act
    run.child.kill('SIGINT');
    const code = await run.exited;
    // Assert
    expect(code, run.stderr()).toBe(130);
    expect(run.stderr()).not.toMatch(/\bat .*:\d+:\d+|Error|internal error/);
    const report = readReport(dir);
    expect(report.interrupted).toBe(true);
    expect(report.verdict).toBe('interrupted');
    // Nothing was sent after the signal, and every request sent was answered and counted.
    const seen = s.requests();
    await new Promise((r) => setTimeout(r, 500));
    expect(s.requests()).toBe(seen);
    expect(report.summary.requests).toBe(seen);
    // Every request in flight at the signal was answered and judged (no retries here, and no shrinking once interrupted).
    expect(report.summary.cases).toBe(seen);
    expect(report.failures.some((f) => f.error?.kind === 'connection-reset')).toBe(false);
    expect(childrenOf(run.child.pid!)).toEqual([]);
  });

  it('against the embedded Prism: no prism-child survives', async () => {
    const dir = reportDir();
    const run = spawnBinary(['run', '--runs', '2000', '--rate', '20', '--report-dir', dir]);
    const prism = await prismChildOf(run.child.pid!);
    await new Promise((r) => setTimeout(r, 1_000));
    run.child.kill('SIGINT');
    expect(await run.exited, run.stderr()).toBe(130);
    expect(readReport(dir).interrupted).toBe(true);
    await until(() => !alive(prism), 5_000, 'Prism to exit');
  });
});

describe('a cancel reaches the run however it was started', () => {
  /** A target whose answers take 400 ms, and the flags of a run against it that lasts far longer than the test. */
  async function slowRun(dir: string): Promise<{ server: TestServer; args: string[] }> {
    const server = await servers.slow(400);
    open.push(server);
    return { server, args: ['--target', server.url, '--runs', '50', '--concurrency', '2', '--report-dir', dir] };
  }
  /** report.json once it is written whole (the run that writes it is not the test's child under npx). */
  async function reportWhenWritten(dir: string): Promise<void> {
    const file = join(dir, 'report.json');
    await until(
      () => {
        try {
          return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')) !== undefined;
        } catch {
          return false;
        }
      },
      30_000,
      'report.json',
    );
  }

  // The signal goes to npx alone, as a CI that cancels a step's process sends it; npm forwards it to its `sh -c`.
  it.each([
    ['SIGTERM', 'the shell dies, and the orphaned run stops'],
    ['SIGINT', 'the shell catches it and waits, and the run, seeing it wake, stops; npx ends with 130'],
  ] as const)('npx conformance, %s to npx: %s, writing interrupted reports', async (signal, _effect) => {
    // Arrange
    const dir = reportDir();
    const { server, args } = await slowRun(dir);
    const run = spawnCommand('npx', ['conformance', 'run', ...args], { CONNECT_TOKEN: 'npx-cancel-token' });
    await until(() => server.requests() >= 4, 60_000, 'the first requests');
    // Act
    run.child.kill(signal);
    // Assert: the run stopped sending at once and wrote its reports, marked interrupted.
    if (signal === 'SIGINT') expect(await run.exited, run.stderr()).toBe(130);
    await reportWhenWritten(dir);
    const report = readReport(dir);
    expect(report.verdict).toBe('interrupted');
    expect(report.summary.requests).toBe(server.requests());
    expect(report.summary.requests).toBeLessThan(30);
  });

  it('npx conformance, the run stopped and resumed (as Ctrl-Z, then fg): its shell wakes, but that is no cancel', async () => {
    // Arrange: a run that ends by its budget, so that a cancel would show as `interrupted` and fewer requests.
    const dir = reportDir();
    const server = await servers.slow(100);
    open.push(server);
    const args = ['--target', server.url, '--max-requests', '40', '--concurrency', '2', '--report-dir', dir];
    const run = spawnCommand('npx', ['conformance', 'run', ...args], { CONNECT_TOKEN: 'npx-stop-token' });
    await until(() => server.requests() >= 4, 60_000, 'the first requests');
    const [shell] = childrenOf(run.child.pid!);
    const [suite] = childrenOf(shell);
    // Act: the shell is told of both (SIGCHLD), and wakes each time.
    process.kill(suite, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 600));
    process.kill(suite, 'SIGCONT');
    // Assert
    expect(await run.exited, run.stderr()).not.toBe(130);
    const report = readReport(dir);
    expect(report.verdict).not.toBe('interrupted');
    expect(report.summary.requests).toBe(40);
  });

  it('npm start, SIGINT to npm: npm forwards it to the run (the script execs node), exit 130 and interrupted reports', async () => {
    const dir = reportDir();
    const { server, args } = await slowRun(dir);
    const run = spawnCommand('npm', ['start', '--silent', '--', ...args], { CONNECT_TOKEN: 'npm-cancel-token' });
    await until(() => server.requests() >= 4, 60_000, 'the first requests');
    run.child.kill('SIGINT');
    expect(await run.exited, run.stderr()).toBe(130);
    const report = readReport(dir);
    expect(report.verdict).toBe('interrupted');
    expect(report.summary.requests).toBe(server.requests());
  });
});

describe('no process is left behind', () => {
  it('runSuite stops the Prism it started', async () => {
    const before = childrenOf(process.pid);
    const report = await runSuite(suiteOptions('prism', undefined, { seed: 1, runs: 0, maxRequests: 10 }));
    expect(report.summary.requests).toBeLessThanOrEqual(10);
    expect(
      childrenOf(process.pid).filter((p) => !before.includes(p) && commandLine(p).includes('prism-child')),
    ).toEqual([]);
  });

  it('a suite killed with SIGKILL: the watchdog ends its Prism', async () => {
    const dir = reportDir();
    const run = spawnBinary(['run', '--runs', '2000', '--rate', '20', '--report-dir', dir]);
    const prism = await prismChildOf(run.child.pid!);
    run.child.kill('SIGKILL');
    await run.exited;
    // The watchdog polls every 500 ms; a loaded 2-core CI machine can take seconds more to schedule it.
    await until(() => !alive(prism), 20_000, 'the orphaned Prism to exit');
  });
});
