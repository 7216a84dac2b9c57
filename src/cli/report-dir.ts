// The report folder, made sure of before the first request: created and written to, so that a folder the user
// cannot write is one line and exit 2 before anything is sent, never a stack trace after the run.
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CREATED_FILE } from '../report/model.ts';
import { UsageError } from './args.ts';

/** What a run writes into its folder besides `created.ndjson`, which is never removed (the API has no delete). */
const RUN_FILES = ['report.json', 'junit.xml', 'report.html', 'report.md', 'failures.har', 'exchanges.har'] as const;

/** A report folder that cannot be written: the user's to fix (exit 2), never an internal error. */
export class ReportDirError extends UsageError {
  constructor(dir: string, e: unknown) {
    super(`cannot write reports to ${dir}: ${reason(e)}`);
  }
}

/**
 * Creates `dir`, writes a probe file into it and opens its `created.ndjson` for appending (creating it empty, truncating
 * nothing); throws a `ReportDirError` in one line on any failure.
 */
export async function checkReportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.conformance-probe-${process.pid}`);
    await (await open(probe, 'w')).close();
    await rm(probe, { force: true });
    await (await open(join(dir, CREATED_FILE), 'a')).close();
  } catch (e) {
    throw new ReportDirError(dir, await fileInTheWay(dir, e));
  }
}

/**
 * Removes the previous run's reports from `dir` (never `created.ndjson`), so that a run which stops before writing its
 * own (an unreachable target, a TLS failure) does not leave another run's verdict looking like its own.
 */
export async function removeRunFiles(dir: string): Promise<void> {
  try {
    for (const name of RUN_FILES) await rm(join(dir, name), { force: true });
  } catch (e) {
    throw new ReportDirError(dir, e);
  }
}

/** `e`, or, when a file stands where a folder is due (EEXIST, ENOTDIR), which path that is. */
async function fileInTheWay(dir: string, e: unknown): Promise<unknown> {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== 'EEXIST' && code !== 'ENOTDIR') return e;
  for (let p = dir; ; p = dirname(p)) {
    const s = await stat(p).catch(() => undefined);
    if (s?.isFile()) return new Error(p === dir ? 'it is a file, not a folder' : `${p} is a file, not a folder`);
    if (dirname(p) === p) return e;
  }
}

/** One line: the system's code and message without the path it repeats, or the message as it is. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.code})`;
  if (err.code === 'EROFS') return 'the file system is read-only (EROFS)';
  if (err.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  return (
    (err.code ? `${err.code}: ` : '') +
    String(err.message)
      .split('\n')[0]
      .replace(/^[A-Z]+: /, '')
  );
}
