// The traces the parent watch reads (Linux /proc): which process is a `sh -c`, and that a shell asleep in wait(2)
// wakes when it catches SIGINT (npm's forwarded cancel) and not while its child simply runs.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isShellCommand, wakeCount } from '../../../src/cli/parent.ts';

const PARENT_TS = fileURLToPath(new URL('../../../src/cli/parent.ts', import.meta.url));

const settle = () => new Promise((r) => setTimeout(r, 300));

describe.runIf(process.platform === 'linux')('parent watch', () => {
  it('tells a `sh -c` command from another process', async () => {
    const shell = spawn('sh', ['-c', 'sleep 5']);
    await settle();
    try {
      expect(isShellCommand(shell.pid!)).toBe(true);
      expect(isShellCommand(process.pid)).toBe(false);
      expect(isShellCommand(2 ** 22 + 1)).toBe(false);
    } finally {
      shell.kill('SIGKILL');
    }
  });

  it('a sh -c waiting for its child wakes on SIGINT, not before, and leaves only once the child has', async () => {
    const shell = spawn('sh', ['-c', 'sleep 2'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => shell.once('exit', (_c, s) => r(s)));
    await settle();
    const asleep = wakeCount(shell.pid!);
    await settle();
    expect(wakeCount(shell.pid!)).toBe(asleep);
    shell.kill('SIGINT');
    await settle();
    expect(wakeCount(shell.pid!)).toBeGreaterThan(asleep!);
    // Still there, waiting for its child: that is why the run has to be told. It dies of SIGINT after the child.
    expect(shell.exitCode).toBeNull();
    expect(await exited).toBe('SIGINT');
  });

  it.each([
    ['sh -c running node alone', '', 'true'],
    // Long enough to outlive node's start on a loaded machine; its output elsewhere, so that nothing waits for it.
    ['the same with a background job beside it', 'sleep 10 >/dev/null 2>&1 & ', 'false'],
  ])('only child of its shell: %s', (_what, before, expected) => {
    const node = `'${process.execPath}' --input-type=module -e "const { onlyChildOf } = await import('${PARENT_TS}'); console.log(onlyChildOf(process.ppid))"`;
    expect(execFileSync('sh', ['-c', `${before}${node}`], { encoding: 'utf8' }).trim()).toBe(expected);
  });

  it('reads nothing of a process that does not exist', () => {
    expect(wakeCount(2 ** 22 + 1)).toBeUndefined();
  });
});
