import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runSuite } from '../runner/run.ts';
import { staticToken, type Credentials } from '../runner/credentials.ts';
import { oauthClientCredentials } from '../runner/oauth.ts';
import { planRun, type RunPlan } from '../runner/plan.ts';
import { writeReports } from '../report/write.ts';
import { createProgress, formatSummary } from './console.ts';
import type { Report } from '../report/model.ts';
import { intFlag, rateFlag, shardFlag, UsageError, type Flags } from './args.ts';
import type { Io } from './main.ts';
import { EXIT_CODES } from './exit.ts';
import { openCreatedFile } from './created.ts';
import { createSecrets, secretsFrom, type Secrets } from '../secrets.ts';

/** `conformance run`: the suite against a target; exit codes by verdict (`EXIT_CODES`). */
export async function runCommand(
  flags: Flags,
  io: Io,
  signal?: AbortSignal,
  secrets: Secrets = createSecrets(secretsFrom(flags.token, io.env)),
): Promise<number> {
  const seed = intFlag('seed', flags.seed, randomInt(0, 2 ** 31 - 1), 0, 2 ** 31 - 1);
  const reportDir = flags['report-dir'] ?? 'reports';
  const opts = {
    specPath: flags.spec ?? 'spec/openapi.yaml',
    target: flags.target ?? 'prism',
    credentials: credentialsFrom(flags, io.env),
    secrets,
    ...optional('ca', caFlag(flags.ca)),
    seed,
    runs: intFlag('runs', flags.runs, 100, 0, 10_000_000),
    ...sendingFlags(flags),
    ...optional('shard', shardFlag(flags.shard)),
    ...optional('waiversFile', flags.waivers),
    ...optional(
      'timeLimitMs',
      flags['time-limit'] === undefined
        ? undefined
        : intFlag('time-limit', flags['time-limit'], 0, 1, 31_536_000) * 1000,
    ),
    insecure: flags.insecure ?? false,
  };
  if (flags['dry-run']) {
    printPlan(await planRun(opts), opts.target, io);
    return 0;
  }
  const progress = createProgress(io);
  const created = await openCreatedFile(reportDir, secrets.redact);
  let report: Report;
  try {
    report = await runSuite(opts, {
      ...optional('signal', signal),
      onStart: progress.onStart,
      onProgress: progress.onProgress,
      onCreated: (id) => created.add(id),
    });
  } finally {
    progress.finish();
    await created.close();
  }
  const files = await writeReports(report, reportDir, secrets);
  for (const line of formatSummary(report, { reportDir })) io.out(secrets.redact(line));
  io.out(`reports: ${files.join(', ')}`);
  return EXIT_CODES[report.verdict];
}

/**
 * The flags that say how requests are sent, read alike by `run` and `replay`: concurrency, timeout, rate, budget and
 * the dead-target watch. `defaults` (replay: the report's own) fill what is not given.
 */
export function sendingFlags(
  flags: Flags,
  defaults: { concurrency?: number; timeoutMs?: number; rate?: number } = {},
): {
  concurrency: number;
  timeoutMs?: number;
  rate?: number;
  maxRequests?: number;
  giveUpAfter?: number;
} {
  return {
    concurrency: intFlag('concurrency', flags.concurrency, defaults.concurrency ?? 4, 1, 256),
    ...optional(
      'timeoutMs',
      flags.timeout === undefined ? defaults.timeoutMs : intFlag('timeout', flags.timeout, 0, 1, 3_600_000),
    ),
    ...optional('rate', rateFlag(flags.rate) ?? defaults.rate),
    ...optional(
      'maxRequests',
      flags['max-requests'] === undefined ? undefined : intFlag('max-requests', flags['max-requests'], 0, 1),
    ),
    ...optional(
      'giveUpAfter',
      flags['give-up-after'] === undefined
        ? undefined
        : intFlag('give-up-after', flags['give-up-after'], 8, 0, 1_000_000),
    ),
  };
}

/** `--ca FILE`: the PEM certificates it holds, or a usage error naming the file. */
export function caFlag(file: string | undefined): { file: string; pem: string } | undefined {
  if (file === undefined) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--ca ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${file}: no PEM certificate in it`);
  return { file, pem };
}

/** `--token-url` (OAuth2 client credentials from the environment), else `--token` or `CONNECT_TOKEN`. */
export function credentialsFrom(flags: Flags, env: Io['env']): Credentials {
  const tokenUrl = flags['token-url'];
  if (tokenUrl === undefined) {
    if (flags.scope !== undefined) throw new UsageError('--scope goes with --token-url (OAuth2 client credentials)');
    if (flags.token !== undefined && flags.token.trim() === '') throw new UsageError('--token is empty');
    return staticToken(flags.token ?? (env['CONNECT_TOKEN'] || undefined));
  }
  if (flags.token !== undefined) throw new UsageError('give either --token or --token-url, not both');
  for (const name of ['CONNECT_CLIENT_ID', 'CONNECT_CLIENT_SECRET']) {
    if (!env[name])
      throw new UsageError(`--token-url needs the client credentials in the environment: ${name} is not set`);
  }
  return oauthClientCredentials({
    tokenUrl,
    clientId: env['CONNECT_CLIENT_ID']!,
    clientSecret: env['CONNECT_CLIENT_SECRET']!,
    ...optional('scope', flags.scope),
    // The token endpoint gets the target's TLS options: a sandbox's private CA usually signs both.
    tls: { insecure: flags.insecure ?? false, ca: caFlag(flags.ca)?.pem },
  });
}

function printPlan(plan: RunPlan, target: string, io: Io): void {
  io.out(
    `dry run: nothing is sent to ${target === 'prism' ? 'the embedded Prism mock' : target}; the plan for seed ${plan.seed}, --runs ${plan.runs}${plan.shard ? ` (all shards; shard ${plan.shard.index}/${plan.shard.count} sends 1 case in ${plan.shard.count})` : ''}:`,
  );
  const width = Math.max(...Object.keys(plan.byClass).map((k) => k.length), 8);
  for (const [label, n] of Object.entries(plan.byClass)) io.out(`  ${label.padEnd(width)} ${String(n).padStart(7)}`);
  io.out(
    `  ${'total'.padEnd(width)} ${String(plan.requests).padStart(7)} requests${plan.maxRequests !== undefined && plan.maxRequests < plan.requests ? ` (--max-requests stops the run after ${plan.maxRequests})` : ''}, before 429 retries and shrinking`,
  );
  if (plan.untested) {
    const u = plan.untested;
    io.out(
      `--max-requests ${plan.maxRequests}: the run would be incomplete (exit 3 unless something fails); untested checks: ${u.checks.length ? u.checks.join(', ') : 'none'}; untested verdict-table rows: ${u.rows.length ? u.rows.join(', ') : 'none'}`,
    );
  }
}

/** `{ [key]: value }` when value is defined, else `{}` (for exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
