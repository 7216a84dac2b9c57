import type { Report } from '../report/model.ts';
import { MergeError, mergeReports } from '../report/merge.ts';
import { readReport } from '../report/read.ts';
import { writeReports } from '../report/write.ts';
import { UsageError, type Flags } from './args.ts';
import { formatSummary } from './console.ts';
import type { Io } from './io.ts';
import { EXIT_CODES } from './exit.ts';
import { joinCreatedFiles } from './created.ts';
import { checkReportDir, ReportDirError } from './report-dir.ts';
import { createSecrets, secretsFrom, type Secrets } from '../secrets.ts';

/** `conformance merge-reports --report-dir OUT DIR…`: the shards' reports as one; exit 0 conforms, 1 fails. */
export async function mergeCommand(
  dirs: readonly string[],
  flags: Flags,
  io: Io,
  secrets: Secrets = createSecrets(secretsFrom(flags.token, io.env)),
): Promise<number> {
  if (dirs.length === 0)
    throw new UsageError('merge-reports expects the shard report directories: merge-reports --report-dir OUT DIR...');
  const reportDir = flags['report-dir'] ?? 'reports';
  const reports = await Promise.all(dirs.map(readReport));
  let merged: Report;
  try {
    merged = mergeReports(reports.map((r) => r.report));
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  await checkReportDir(reportDir);
  const files = await writeReports(merged, reportDir, secrets).catch((e: unknown) => {
    throw new ReportDirError(reportDir, e);
  });
  await joinCreatedFiles(dirs, reportDir);
  for (const line of formatSummary(merged, { reportDir, allFailures: flags['all-failures'] === true || io.isTTY }))
    io.out(secrets.redact(line));
  io.out(`merged ${reports.length} shard reports; reports: ${files.join(', ')}`);
  return EXIT_CODES[merged.verdict];
}
