import { randomInt } from 'node:crypto';
import { runSuite } from '../runner/run.ts';
import { staticToken } from '../runner/credentials.ts';
import { writeReports } from '../report/write.ts';
import type { Report } from '../report/model.ts';
import { intFlag, rateFlag, shardFlag, type Flags } from './args.ts';
import type { Io } from './main.ts';

/** `conformance run`: the suite against a target; exit 0 conforms, 1 fails. */
export async function runCommand(flags: Flags, io: Io, signal?: AbortSignal): Promise<number> {
  const seed = intFlag('seed', flags.seed, randomInt(0, 2 ** 31 - 1), 0, 2 ** 31 - 1);
  const reportDir = flags['report-dir'] ?? 'reports';
  const report = await runSuite(
    {
      specPath: flags.spec ?? 'spec/openapi.yaml',
      target: flags.target ?? 'prism',
      credentials: staticToken(flags.token ?? io.env['CONNECT_TOKEN']),
      seed,
      runs: intFlag('runs', flags.runs, 100, 0, 10_000_000),
      concurrency: intFlag('concurrency', flags.concurrency, 4, 1, 256),
      ...optional('timeoutMs', flags.timeout === undefined ? undefined : intFlag('timeout', flags.timeout, 0, 1, 3_600_000)),
      ...optional('rate', rateFlag(flags.rate)),
      ...optional('maxRequests', flags['max-requests'] === undefined ? undefined : intFlag('max-requests', flags['max-requests'], 0, 1)),
      ...optional('shard', shardFlag(flags.shard)),
      ...optional('waiversFile', flags.waivers),
      insecure: flags.insecure ?? false,
    },
    { ...optional('signal', signal) },
  );
  const files = await writeReports(report, reportDir);
  printSummary(report, io);
  io.out(`reports: ${files.join(', ')}`);
  return report.verdict === 'conforms' ? 0 : 1;
}

/** `{ [key]: value }` when value is defined, else `{}` (for exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function printSummary(r: Report, io: Io): void {
  io.out(`${r.tool.name} ${r.tool.version} · target ${r.target.url}${r.target.mock ? ' (embedded Prism mock)' : ''} · seed ${r.seed}`);
  for (const p of r.preflight.filter((x) => !x.ok)) io.out(`preflight: the target accepted ${p.label} with ${p.received} (expected ${p.expected})`);
  for (const c of r.checks) io.out(`  ${c.name.padEnd(28)} passed ${c.passed}  failed ${c.failed}  waived ${c.waived}  skipped ${c.skipped}`);
  for (const f of r.failures) io.out(`${f.waivedBy ? 'WAIVED' : 'FAIL'} ${f.id} ${f.check} [${f.kind}] ${f.case.label}: ${f.message}\n    rule: ${f.rule}\n    ${f.curl}`);
  for (const g of r.specGaps) io.out(`spec gap: ${g.message} (${g.count}×)`);
  io.out(`${r.verdict === 'conforms' ? 'CONFORMS' : 'FAILS'}: ${r.summary.cases} cases, ${r.summary.requests} requests, ${r.summary.failures} failures, ${r.summary.waived} waived in ${r.summary.durationMs} ms${r.verdictReasons.length ? ' — ' + r.verdictReasons.join('; ') : ''}`);
}
