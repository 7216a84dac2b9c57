// `conformance replay REPORT`: re-sends a report's minimal failing requests and re-runs the same check on the answers.
// The engine is the runner's (`runner/replay.ts`); this file reads the flags and the report, and prints.
import type { ReportedFailure, Report } from '../report/model.ts';
import { caseFromFailure } from '../report/replay.ts';
import { partsOf } from '../report/problems.ts';
import { readReport } from '../report/read.ts';
import { prepareReplay, type ReplayOutcome } from '../runner/replay.ts';
import { createSecrets, secretsFrom, type Secrets } from '../secrets.ts';
import { urlTarget } from '../targets/url.ts';
import { carriesToken } from '../types.ts';
import { UsageError, type Flags } from './args.ts';
import type { Io } from './io.ts';
import { credentialsFrom } from './credentials.ts';
import { caFlag, sendingFlags } from './sending.ts';
import { optional } from './optional.ts';

/**
 * `--problem P3` (or `3`): the problem's example as one failure to replay, judged by the check that names the problem
 * (its core's, else its first), with the problem's id.
 */
function selectProblem(r: Report, raw: string): ReportedFailure {
  const m = /^P?(\d+)$/i.exec(raw.trim());
  const problems = r.problems ?? [];
  const p = m ? problems.find((x) => x.id === `P${Number(m[1])}`) : undefined;
  if (!p)
    throw new UsageError(
      `--problem ${JSON.stringify(raw)}: the report has ${problems.length ? `problems P1 to P${problems.length}` : 'no problems'}`,
    );
  const [check, kind, ...rule] = (p.core?.split(' | ')[1] ?? partsOf(p)[0] ?? '').split(' ');
  return {
    ...p.example,
    id: p.id,
    check: check || p.checks[0],
    kind: kind ?? p.kinds[0],
    rule: rule.join(' ') || p.rules[0],
    severity: 'error',
    message: p.title,
    occurrences: p.cases,
    ...(p.baselined ? { baselined: true as const } : {}),
  };
}

/** Each problem's standing after a replay of every failure: `P1 fixed · P2 still failing`. */
function problemSummary(r: Report, stillFailing: ReadonlySet<string>): string | undefined {
  const problems = (r.problems ?? []).filter((p) => p.failures.length > 0);
  if (problems.length === 0) return undefined;
  return problems
    .map((p) => `${p.id} ${p.failures.some((id) => stillFailing.has(id)) ? 'still failing' : 'fixed'}`)
    .join(' · ');
}

/** `--failure F2` or `--failure 2`: that failure, else all of them. */
function selectFailures(r: Report, raw: string | undefined): readonly ReportedFailure[] {
  if (raw === undefined) return r.failures;
  const m = /^\s*[Ff]?(\d+)\s*$/.exec(raw);
  const f = m ? r.failures.find((x) => x.id === `F${Number(m[1])}`) : undefined;
  if (!f)
    throw new UsageError(
      `--failure ${JSON.stringify(raw)}: the report has ${r.failures.length ? `failures F1 to F${r.failures.length}` : 'no failures'}`,
    );
  return [f];
}

const STATE_WORDS: Readonly<Record<Exclude<ReplayOutcome['state'], 'fixed'>, string>> = {
  failing: 'still failing',
  inconclusive: 'not confirmed fixed',
  'rate-limited': 'not judged (rate-limited)',
  'not-sent': 'not sent',
};

/**
 * The report's own sending choices where the flags give none (docs/cli.md: `as in the report`): its CA, `--insecure`,
 * and its OAuth2 token endpoint and scope when the client credentials are in the environment (and no token is given).
 */
function withReportDefaults(flags: Flags, r: Report, env: Io['env']): Flags {
  const o: NonNullable<Report['options']> | undefined = r.options;
  const insecure = flags.insecure ?? r.target.insecure;
  const oauth =
    flags['token-url'] === undefined &&
    flags.token === undefined &&
    o?.tokenUrl !== undefined &&
    Boolean(env['CONNECT_CLIENT_ID'] && env['CONNECT_CLIENT_SECRET']);
  return {
    ...flags,
    insecure,
    // --insecure verifies nothing: the run's CA file is not needed then.
    ...optional('ca', flags.ca ?? (insecure ? undefined : o?.ca)),
    ...(oauth ? { 'token-url': o?.tokenUrl, ...optional('scope', flags.scope ?? o?.scope) } : {}),
  };
}

/** `--ca FILE`, read; a CA file taken from the report that is gone is told as such, with what to do instead. */
function reportCa(file: string | undefined, fromReport: boolean): ReturnType<typeof caFlag> {
  try {
    return caFlag(file);
  } catch (e) {
    if (!fromReport) throw e;
    throw new UsageError(`${(e as Error).message} (the run's --ca, from the report): give --ca FILE, or --insecure`);
  }
}

/** `conformance replay REPORT [--failure F] [--target URL] [--token T]`: exit 0 all fixed, 1 any still failing, 2 bad input. */
export async function replayCommand(
  positionals: readonly string[],
  flags: Flags,
  io: Io,
  secrets: Secrets = createSecrets(secretsFrom(flags.token, io.env)),
  signal?: AbortSignal,
): Promise<number> {
  if (positionals.length !== 1)
    throw new UsageError(
      `replay expects one report: conformance replay reports/report.json${positionals.length ? `, got ${positionals.length}` : ''}`,
    );
  const { file, report } = await readReport(positionals[0]);
  if (flags.problem !== undefined && flags.failure !== undefined)
    throw new UsageError('replay takes --problem or --failure, not both');
  const failures =
    flags.problem !== undefined ? [selectProblem(report, flags.problem)] : selectFailures(report, flags.failure);
  if (failures.length === 0) {
    io.out(`${file} has no failures to replay`);
    return 0;
  }
  for (const f of failures) {
    try {
      caseFromFailure(f);
    } catch (e) {
      throw new UsageError(`${file}: ${(e as Error).message}`);
    }
  }
  if (flags.target === 'prism' || (flags.target === undefined && report.target.kind === 'prism')) {
    throw new UsageError(
      'replay against the embedded Prism mock is not supported: give the provider with --target URL',
    );
  }
  const base = flags.target === undefined ? report.target.url : urlTarget(flags.target).baseUrl;
  const specPath = flags.spec ?? report.spec.path;
  // The report's operation (an older report's: the default one), judged by its own profile.
  const engine = await prepareReplay(specPath, report.operation);
  if (engine.specSha256 !== report.spec.sha256)
    io.err(
      `warning: ${specPath} changed since the report (sha256 ${report.spec.sha256.slice(0, 12)}… then, ${engine.specSha256.slice(0, 12)}… now); judging by the current spec`,
    );

  const given = flags;
  flags = withReportDefaults(given, report, io.env);
  const credentials = credentialsFrom(flags, io.env);
  const usedToken = failures.filter((f) => carriesToken(f.case.auth ?? caseFromFailure(f).auth));
  const token = usedToken.length ? await credentials.token() : undefined;
  if (usedToken.length && token === undefined) {
    throw new UsageError(
      `${usedToken[0].id} was sent with the run's token: ${
        report.options?.tokenUrl
          ? `the run used OAuth2 (${report.options.tokenUrl}): set CONNECT_CLIENT_ID and CONNECT_CLIENT_SECRET, or CONNECT_TOKEN`
          : 'pass --token T or set CONNECT_TOKEN'
      }`,
    );
  }
  secrets.add(token);
  // Sent exactly as `run` sends: the same session (transport, pace, budget, 429 waits, credential refresh, watch).
  const sending = sendingFlags(flags, report.options ?? {});
  const session = engine.open({
    baseUrl: base,
    credentials,
    secrets,
    timeoutMs: sending.timeoutMs ?? 10_000,
    insecure: flags.insecure ?? false,
    ca: reportCa(flags.ca, given.ca === undefined)?.pem,
    concurrency: sending.concurrency,
    rate: sending.rate,
    maxRequests: sending.maxRequests,
    giveUpAfter: sending.giveUpAfter,
    signal,
  });

  io.out(`replaying ${failures.length} failure${failures.length === 1 ? '' : 's'} of ${file} against ${base}`);
  let open = 0;
  let fixed = 0;
  const stillFailing = new Set<string>();
  try {
    for (const f of failures) {
      const outcome = await session.replay(f);
      const waived = f.waivedBy ? ` (waived by ${f.waivedBy})` : '';
      if (outcome.state === 'fixed') {
        fixed++;
        io.out(`${f.id} fixed${waived}${outcome.note}`);
      } else {
        io.out(`${f.id} ${STATE_WORDS[outcome.state]}${waived}: ${secrets.redact(outcome.message)}`);
        if (!f.waivedBy) open++;
        stillFailing.add(f.id);
      }
    }
  } finally {
    session.close();
  }
  io.out(`${fixed} of ${failures.length} fixed${open ? `; ${open} unwaived still failing` : ''}`);
  const summary =
    flags.problem === undefined && flags.failure === undefined ? problemSummary(report, stillFailing) : undefined;
  if (summary !== undefined) io.out(`problems: ${summary}`);
  return open === 0 ? 0 : 1;
}
