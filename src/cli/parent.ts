// A cancel that stops at the process above this one. `npx conformance` and an npm script run the suite under npm's
// `sh -c`; npm forwards SIGINT and SIGTERM to that shell, not to this process. SIGTERM kills the shell, which leaves
// this process orphaned. SIGINT does not: a non-interactive shell catches it, waits for its child, then exits with it
// (the "wait and cooperative exit" of POSIX shells), so the run would go on to its end. On Linux the signal leaves one
// trace: the shell, asleep in wait(2) for its only child, wakes up to run its handler.
import { readFileSync } from 'node:fs';

/** Why the process above asks this run to stop. */
export type ParentStop = 'orphaned' | 'shell-interrupted';

/** argv of a process (Linux /proc), or undefined where it cannot be read. */
function argvOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** How many times a process went to sleep of its own accord; a sleeping shell only adds one when something wakes it. */
export function wakeCount(pid: number): number | undefined {
  try {
    const m = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

/** True when `pid` is a shell running one `-c` command string (`sh -c 'conformance run …'`). */
export function isShellCommand(pid: number): boolean {
  const argv = argvOf(pid);
  return argv !== undefined && argv.length >= 3 && argv[1] === '-c' && /(^|\/)(sh|dash|bash|ash|zsh)$/.test(argv[0]);
}

/**
 * Whether this process is the shell's only child: a shell with background jobs also wakes when one of them ends.
 * Where the kernel does not list children (no CONFIG_PROC_CHILDREN), taken as true: npm's `sh -c` has one.
 */
export function onlyChildOf(pid: number): boolean {
  try {
    const ids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    return ids.length === 1 && ids[0] === String(process.pid);
  } catch {
    return true;
  }
}

/**
 * Watch the process above this one every `everyMs`: `onStop('orphaned')` once the parent has gone, and, when the
 * parent is npm's `sh -c` (`fromNpm`) and this process its only child, `onStop('shell-interrupted')` once that shell
 * wakes while this process runs.
 * A wake that comes with this process's own SIGCONT (the job stopped and resumed: the shell is told of both) is not
 * a cancel; it is told apart one period later. Returns a function that stops watching.
 */
export function watchParent(onStop: (why: ParentStop) => void, fromNpm: boolean, everyMs = 250): () => void {
  const parent = process.ppid;
  const shell = fromNpm && isShellCommand(parent) && onlyChildOf(parent);
  let wakes = shell ? wakeCount(parent) : undefined;
  let resumed = false;
  let suspect = false;
  const onCont = () => (resumed = true);
  if (wakes !== undefined) process.on('SIGCONT', onCont);
  const stop = () => {
    clearInterval(timer);
    process.off('SIGCONT', onCont);
  };
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      stop();
      onStop('orphaned');
      return;
    }
    if (wakes === undefined) return;
    if (suspect && !resumed) {
      stop();
      onStop('shell-interrupted');
      return;
    }
    const now = wakeCount(parent);
    suspect = now !== undefined && now > wakes && !resumed;
    if (now !== undefined) wakes = now;
    resumed = false;
  }, everyMs);
  timer.unref();
  return stop;
}
