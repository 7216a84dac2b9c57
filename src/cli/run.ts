import { randomInt, randomUUID } from 'node:crypto';
import { runSuite } from '../runner/run.ts';
import { planRun, type RunPlan } from '../runner/plan.ts';
import { writeReports } from '../report/write.ts';
import { createProgress, formatSummary } from './console.ts';
import type { Report } from '../report/model.ts';
import { BUNDLED_SPEC, recordedSpecPath } from '../package.ts';
import { intFlag, operationFlag, shardFlag, UsageError, type Flags } from './args.ts';
import { credentialsFrom } from './credentials.ts';
import { optional } from './optional.ts';
import type { Io } from './io.ts';
import { EXIT_CODES } from './exit.ts';
import type { TestCase } from '../generators/case.ts';
import type { Exchange } from '../types.ts';
import { readBaseline } from './baseline.ts';
import { readReport } from '../report/read.ts';
import { triage } from '../report/baseline.ts';
import { createHarStream } from '../report/har.ts';
import { isAbsolute, join } from 'node:path';
import { createdFileWriter } from './created.ts';
import { checkReportDir, removeRunFiles, ReportDirError } from './report-dir.ts';
import { createSecrets, secretsFrom, type Secrets } from '../secrets.ts';
import { duration } from '../report/text.ts';
import { readFixtures } from '../runner/fixtures.ts';
import { caFlag, sendingFlags } from './sending.ts';
import { DEFAULT_OPERATION, operationName, operationOf, sameOperation } from '../spec/operation.ts';

/** `conformance run`: the suite against a target; exit codes by verdict (`EXIT_CODES`). */
export async function runCommand(
  flags: Flags,
  io: Io,
  signal?: AbortSignal,
  secrets: Secrets = createSecrets(secretsFrom(flags.token, io.env)),
): Promise<number> {
  const seed = intFlag('seed', flags.seed, randomInt(0, 2 ** 31 - 1), 0, 2 ** 31 - 1);
  const reportDir = flags['report-dir'] ?? 'reports';
  const operation = operationFlag(flags.operation) ?? DEFAULT_OPERATION;
  const opts = {
    // An absolute --spec inside the current folder is recorded relative to it, so that the reports replay elsewhere.
    // The bundled spec outside the current folder (the Action's install) is recorded by its package name.
    specPath:
      flags.spec === undefined
        ? recordedSpecPath(BUNDLED_SPEC)
        : isAbsolute(flags.spec)
          ? recordedSpecPath(flags.spec)
          : flags.spec,
    ...optional('operation', flags.operation === undefined ? undefined : operation),
    target: flags.target ?? 'prism',
    credentials: credentialsFrom(flags, io.env),
    secrets,
    ...optional('ca', caFlag(flags.ca)),
    seed,
    runs: intFlag('runs', flags.runs, 100, 0, 10_000_000),
    ...sendingFlags(flags),
    ...optional('shard', shardFlag(flags.shard)),
    ...optional('waiversFile', flags.waivers),
    // Read before anything else, dry run included: a bad file is one line and exit 2, before anything is sent.
    ...optional('fixtures', flags.fixtures === undefined ? undefined : await readFixtures(flags.fixtures)),
    ...optional(
      'timeLimitMs',
      flags['time-limit'] === undefined
        ? undefined
        : intFlag('time-limit', flags['time-limit'], 0, 1, 31_536_000) * 1000,
    ),
    ...optional('baseline', flags.baseline === undefined ? undefined : await readBaseline(flags.baseline, operation)),
    insecure: flags.insecure ?? false,
  };
  // Read before the run, so that a wrong path is told in one line before anything is sent.
  const previous = flags.compare === undefined ? undefined : await readReport(flags.compare);
  // Triage matches problems by signature: a report of another operation would list every problem as new.
  if (previous && !sameOperation(operationOf(previous.report), operation))
    throw new UsageError(
      `--compare ${previous.file} is a report of ${operationName(operationOf(previous.report))}; this run judges ${operationName(operation)}`,
    );
  if (flags['dry-run']) {
    printPlan(await planRun(opts), opts.target, io, opts.rate);
    return 0;
  }
  // The folder is made sure of before the first request, and the previous run's reports go (created.ndjson stays).
  await checkReportDir(reportDir);
  await removeRunFiles(reportDir);
  const progress = createProgress(io);
  // --har-all: every exchange streamed to disk as it completes, redacted like every report.
  const har = flags['har-all'] ? createHarStream(join(reportDir, 'exchanges.har'), secrets) : undefined;
  const created = createdFileWriter(reportDir, { id: randomUUID(), seed }, secrets.redact);
  let report: Report;
  try {
    report = await runSuite(opts, {
      ...optional('signal', signal),
      onStart: progress.onStart,
      onProgress: progress.onProgress,
      ...optional(
        'onExchange',
        har && ((c: TestCase, ex: Exchange) => har.add(ex, ex.durationMs, `${c.label} (case ${c.id})`)),
      ),
      onCreated: (id) => created.add(id),
    });
  } finally {
    progress.finish();
    har?.close();
    await created.close();
  }
  if (previous) report = { ...report, triage: triage(report, previous.report, previous.file) };
  const files = [
    ...(await writeReports(report, reportDir, secrets).catch((e: unknown) => {
      throw new ReportDirError(reportDir, e);
    })),
    ...(har ? [join(reportDir, 'exchanges.har')] : []),
  ];
  for (const line of formatSummary(report, { reportDir, allFailures: flags['all-failures'] === true || io.isTTY }))
    io.out(secrets.redact(line));
  io.out(`reports: ${files.join(', ')}`);
  return EXIT_CODES[report.verdict];
}

function printPlan(plan: RunPlan, target: string, io: Io, rate: number | undefined): void {
  io.out(
    `dry run: nothing is sent to ${target === 'prism' ? 'the embedded Prism mock' : target}; the plan for seed ${plan.seed}, --runs ${plan.runs}${plan.shard ? ` (all shards; shard ${plan.shard.index}/${plan.shard.count} sends 1 case in ${plan.shard.count})` : ''}:`,
  );
  const width = Math.max(...Object.keys(plan.byClass).map((k) => k.length), 8);
  for (const [label, n] of Object.entries(plan.byClass)) io.out(`  ${label.padEnd(width)} ${String(n).padStart(7)}`);
  io.out(
    `  ${'total'.padEnd(width)} ${String(plan.requests).padStart(7)} requests${plan.maxRequests !== undefined && plan.maxRequests < plan.requests ? ` (--max-requests stops the run after ${plan.maxRequests})` : ''}, before 429 retries, shrinking and examples re-sent alone`,
  );
  // The least the plan takes at the pace; 429 waits and shrinking add to it, a slow target more.
  const sent = Math.min(plan.requests, plan.maxRequests ?? Infinity);
  io.out(
    rate === undefined
      ? `unpaced: as fast as the target answers (--rate N/s sets a pace)`
      : `at --rate ${rate}/s: about ${duration((sent / rate) * 1000)} for ${sent} requests, more with 429 waits and shrinking`,
  );
  if (plan.untested) {
    const u = plan.untested;
    io.out(
      `--max-requests ${plan.maxRequests}: the run would be incomplete (exit 3 unless something fails); untested checks: ${u.checks.length ? u.checks.join(', ') : 'none'}; untested verdict-table rows: ${u.rows.length ? u.rows.join(', ') : 'none'}`,
    );
  }
}
