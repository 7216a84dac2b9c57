// `conformance baseline REPORT --out FILE`: a run's problems as a baseline file a team commits; and reading one back
// for `run --baseline FILE`.
import { readFile, writeFile } from 'node:fs/promises';
import { BaselineError, baselineOperation, parseBaseline, toBaseline } from '../report/baseline.ts';
import { operationName, sameOperation, type OperationRef } from '../spec/operation.ts';
import type { BaselineEntry } from '../report/model.ts';
import { UsageError, type Flags } from './args.ts';
import { readReport } from '../report/read.ts';
import type { Io } from './io.ts';

/** Writes the baseline of a report; exit 0. */
export async function baselineCommand(positionals: readonly string[], flags: Flags, io: Io): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError('baseline expects one report: conformance baseline reports/report.json --out FILE');
  if (flags.out === undefined) throw new UsageError('baseline needs --out FILE (the baseline file to write)');
  const { file, report } = await readReport(positionals[0]);
  let baseline;
  try {
    baseline = toBaseline(report);
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  await writeFile(flags.out, JSON.stringify(baseline, null, 2) + '\n');
  io.out(`baseline: ${baseline.problems.length} problems of ${file} written to ${flags.out}`);
  return 0;
}

/**
 * Reads `--baseline FILE` for a run of `operation`; a usage error names the file when it is missing, not a baseline,
 * or of another operation (its signatures would never match this run's problems).
 */
export async function readBaseline(
  file: string,
  operation: OperationRef,
): Promise<{ file: string; entries: BaselineEntry[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(`--baseline ${file}: ${missing ? 'no such file' : `not JSON (${(e as Error).message})`}`);
  }
  try {
    const of = baselineOperation(json, `--baseline ${file}`);
    if (!sameOperation(of, operation))
      throw new UsageError(
        `--baseline ${file} lists problems of ${operationName(of)}; this run judges ${operationName(operation)}`,
      );
    return { file, entries: parseBaseline(json, `--baseline ${file}`) };
  } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}
