import { afterAll, afterEach, expect } from 'vitest';
// Runs the CLI in-process (main with a capturing Io) or as the real binary, for robustness tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { Report } from '../../src/report/model.ts';
import { assertValidReport } from '../setup/report-schema.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const BIN = join(ROOT, 'bin/conformance.ts');

export interface CliResult {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** `main(argv, io)` with captured lines; `env` replaces the environment entirely (no CONNECT_* leaks in). */
export async function runMain(
  argv: readonly string[],
  env: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), isTTY: false, env }, signal);
  return { code, out, err };
}

/** A fresh directory for one test's reports, removed by the returned function. */
export function tempDir(prefix = 'conformance-robustness-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** DIR/report.json, checked against schemas/report.schema.json. */
export function readReport(dir: string): Report {
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
  assertValidReport(report, join(dir, 'report.json'));
  return report;
}

/** Every file under `dir`, as text. */
export function filesIn(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
}

export interface Spawned {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + signal number) when the process has exited. */
  readonly exited: Promise<number>;
}

/** Starts the real binary with Node 24 from node_modules; `env` is added to a minimal environment. */
export function spawnBinary(args: readonly string[], env: Record<string, string> = {}): Spawned {
  return spawnCommand(NODE, [BIN, ...args], env);
}

/**
 * Starts `command` in the repository as a user would (`bin/conformance.ts` by its shebang, `npx conformance`,
 * `npm start`), with node_modules/.bin first on PATH so that its Node 24 is the `node` found.
 */
export function spawnCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
  as?: { readonly uid: number; readonly gid: number },
): Spawned {
  const child = spawn(command, args, {
    cwd: ROOT,
    ...as,
    env: {
      PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
      HOME: process.env['HOME'] ?? '',
      SCARF_ANALYTICS: 'false',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once('close', (code, signal) =>
      resolve(code ?? 128 + (signal === 'SIGKILL' ? 9 : signal === 'SIGINT' ? 2 : 15)),
    ),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs the binary to its end. */
export async function runBinary(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const s = spawnBinary(args, env);
  const code = await s.exited;
  return { code, stdout: s.stdout(), stderr: s.stderr() };
}

/** Polls `predicate` every 25 ms until it holds or `timeoutMs` passes. */
export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Pids of the live child processes of `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process is alive (zombies count as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z /.test(stat);
  } catch {
    return false;
  }
}

/** The command line of a process, or '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Per-file cleanup for tests that start servers and write reports: closes what was opened and removes report dirs
 * after each test, and asserts after all that no child process is left (each file runs in its own worker).
 */
export function cleanupEachTest<T extends { close(): Promise<void> }>(): { open: T[]; reportDir(): string } {
  const open: T[] = [];
  const dirs: { remove(): void }[] = [];
  afterAll(async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(childrenOf(process.pid)).toEqual([]);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    dirs.splice(0).forEach((d) => d.remove());
  });
  return {
    open,
    reportDir() {
      const d = tempDir();
      dirs.push(d);
      return d.dir;
    },
  };
}
