// The report of a run from what its tally accumulated: the tally (runner/tally.ts) keeps counters, distinct failures
// and problems as the answers come in; this turns them, once, into the Report's failures (F1…), problems (P1…),
// summary and warnings.
import type { Failure } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';
import type { Normalisation } from '../spec/normalise.ts';
import type { Exchange } from '../types.ts';
import { TOOL } from '../version.ts';
import { baselineStatus } from './baseline.ts';
import { buildReport } from './build.ts';
import { toCaseRecord } from './case-record.ts';
import type { CurlTls } from './curl.ts';
import type {
  BaselineEntry,
  CheckSummary,
  FixturesReport,
  Pacing,
  PreflightResult,
  Report,
  ReportedFailure,
  ReportedProblem,
  SpecGap,
  StopReason,
  WaiverStatus,
} from './model.ts';
import { describeProblem, orderProblems } from './problems.ts';
import { rowCounts } from './verdict.ts';
import type { OperationRef } from '../spec/operation.ts';

/** A distinct failure (check, kind, rule, case class) as the tally keeps it: its first example and its count. */
export interface TalliedFailure {
  readonly key: string;
  readonly failure: Failure;
  readonly case: TestCase;
  readonly ex: Exchange;
  occurrences: number;
  /** Occurrences in cases whose problem the baseline lists. */
  baselined: number;
  readonly waivedBy?: string;
}

/** A problem as the tally keeps it while the run goes. */
export interface TalliedProblem {
  readonly signature: string;
  readonly core: string;
  readonly scope: string;
  /** Its example's answer (the same for every case, but where the core is of any status). */
  received: string;
  /** Every failure it explains, as `check kind rule`. */
  parts: string[];
  /** The first case's failures (title, messages), the primary first. */
  readonly failures: readonly Failure[];
  /** The example's failures, the primary first: where its due value differs from the first case's (an echo). */
  readonly exampleFailures: readonly Failure[];
  cases: number;
  readonly classes: Set<string>;
  /** The problem families of its cases (`familyOf`: a class's own family where it declares one). */
  readonly families: Set<string>;
  readonly keys: Set<string>;
  readonly at: Set<string>;
  /** The baseline lists it (`run --baseline`). */
  baselined: boolean;
  /** The plainest example so far (see `plainness`), then the shrunk one. */
  case: TestCase;
  ex: Exchange;
  plain: readonly number[];
  shrunk: boolean;
  /** What the example got when sent again on a connection of its own, where that differs (`Tally.noteFresh`). */
  fresh?: string;
  /**
   * What every valid request of it in the boundary phase carried (`featuresOf`, src/report/trigger.ts); undefined
   * when it has none. The tally merges problems of one core by what they carry that no 2xx carried.
   */
  triggers?: Set<string>;
  /** The bytes of its smallest body sent in the boundary phase; undefined when it has none (`sizeScope`). */
  smallest?: number;
}

/** What a tally accumulated over a run: plain counts and collections, nothing derived. */
export interface Tallied {
  readonly seed: number;
  readonly counts: {
    readonly cases: number;
    readonly passed: number;
    readonly rateLimited: number;
    readonly failures: number;
    readonly waived: number;
    readonly baselined: number;
    readonly firstFailureAt: number | null;
  };
  /** Distinct failures in the order first seen: they become F1, F2, … */
  readonly failures: readonly TalliedFailure[];
  readonly problems: readonly TalliedProblem[];
  readonly checks: readonly CheckSummary[];
  /** Warning findings, counted by code and rule. */
  readonly warnings: readonly { code: string; rule: string; message: string; count: number }[];
  readonly specGaps: readonly SpecGap[];
  /** Cases by kind (the verdict table's rows). */
  readonly byKind: ReadonlyMap<string, number>;
  /** The signatures of the baseline entries the run's causes matched. */
  readonly matchedBaseline: ReadonlySet<string>;
  readonly waivers: WaiverStatus[];
  readonly created: string[];
  readonly createdCount: number;
  /** Set when every created id also went to a file (the CLI's `created.ndjson`). */
  readonly createdFile?: string | undefined;
}

/** What the run knows at its end, besides its tally. */
export interface RunMeta {
  spec: { path: string; sha256: string };
  /** The operation judged (report.json → `operation`). */
  operation: OperationRef;
  target: { kind: 'prism' | 'url'; baseUrl: string; mock: boolean; normalisations: readonly Normalisation[] };
  insecure: boolean;
  runs: number;
  shard: Report['shard'];
  interrupted: boolean;
  budgetExhausted: boolean;
  /** Every case of the plan (this shard) was sent and judged. */
  complete: boolean;
  stopReason?: StopReason | undefined;
  gaveUp?: Report['gaveUp'] | undefined;
  requests: number;
  /** How the pace stood at the end: 429s, the rate settled at, pauses. */
  pacing?: Pacing;
  /** What `--fixtures` put into the cases, and the values the sandbox refused. */
  fixtures?: FixturesReport;
  startedAt: string;
  options?: Report['options'];
  durationMs: number;
  plan: Report['plan'];
  coverage: Report['coverage'];
  lintWarnings: Report['warnings'];
  preflight: PreflightResult[];
  /** The `--baseline` file and its entries, when the run has one. */
  baseline?: { file: string; entries: readonly BaselineEntry[] };
}

/** How the report is worded: the run's redactor, a spec rule's value (titles in words), the responses' pointer. */
export interface TalliedWording {
  readonly redact: (s: string) => string;
  readonly ruleValue: (pointer: string) => unknown;
  /** The spec pointer of the operation's responses (the rule a preflight warning names). */
  readonly responsesRule: string;
}

/** The Report of a run: its tally and its end-of-run facts, numbered, worded and redacted. */
export function reportOfRun(t: Tallied, meta: RunMeta, w: TalliedWording): Report {
  const { seed } = t;
  // Curl lines carry the run's TLS choice, so that they reproduce against the sandbox it ran on.
  const tls: CurlTls = { insecure: meta.insecure, ca: meta.options?.ca };
  const reported = t.failures.map((f, i) => toReported(f, i, seed, w.redact, tls));
  const ids = new Map(t.failures.map((f, i) => [f.key, `F${i + 1}`]));
  const grouped = orderProblems(t.problems).map((p, i) => ({
    ...toProblem(p, i, ids, seed, w, tls),
    ...(p.baselined ? { baselined: true as const } : {}),
  }));
  const summary = {
    cases: t.counts.cases,
    requests: meta.requests,
    failures: t.counts.failures,
    waived: t.counts.waived,
    ...(meta.baseline ? { baselined: t.counts.baselined } : {}),
    passed: t.counts.passed,
    // Every 429 received (shrinking's and given-up cases' too) when the pace counted them.
    rateLimited: meta.pacing?.rateLimited ?? t.counts.rateLimited,
    firstFailureAt: t.counts.firstFailureAt,
    durationMs: meta.durationMs,
  };
  const stop = {
    complete: meta.complete,
    ...(meta.complete || meta.stopReason === undefined ? {} : { stopReason: meta.stopReason }),
    ...(meta.gaveUp ? { gaveUp: meta.gaveUp } : {}),
  };
  const checks = [...t.checks];
  return buildReport({
    tool: TOOL,
    spec: { path: meta.spec.path, sha256: meta.spec.sha256 },
    operation: meta.operation,
    target: { kind: meta.target.kind, url: meta.target.baseUrl, mock: meta.target.mock, insecure: meta.insecure },
    seed,
    runs: meta.runs,
    shard: meta.shard,
    interrupted: meta.interrupted,
    budgetExhausted: meta.budgetExhausted,
    startedAt: meta.startedAt,
    ...(meta.options ? { options: meta.options } : {}),
    ...(meta.pacing ? { pacing: meta.pacing } : {}),
    ...(meta.fixtures ? { fixtures: meta.fixtures } : {}),
    ...stop,
    summary,
    plan: meta.plan,
    checks,
    rows: rowCounts(t.byKind),
    coverage: meta.coverage,
    failures: reported,
    problems: grouped,
    ...(meta.baseline
      ? { baseline: baselineStatus(meta.baseline.file, meta.baseline.entries, t.matchedBaseline, checks) }
      : {}),
    specGaps: [...t.specGaps],
    warnings: [
      ...preflightWarnings(meta.preflight, w.responsesRule),
      ...meta.lintWarnings,
      ...t.warnings.map((x) => ({ code: x.code, rule: x.rule, message: `${x.message} (${x.count}×)` })),
    ],
    preflight: meta.preflight,
    normalisations: [...meta.target.normalisations],
    waivers: t.waivers,
    created: t.created,
    createdCount: t.createdCount,
    ...(t.createdFile === undefined ? {} : { createdFile: t.createdFile }),
  });
}

/**
 * What a preflight probe answered otherwise than the certain verdict, worded by whether it was accepted (a 2xx) or
 * refused otherwise: the warning's message, and the console's line.
 */
export function preflightMessage(p: PreflightResult): string {
  if (/^2\d\d$/.test(p.received))
    return `the target accepted ${p.label} with ${p.received} (expected ${p.expected}): it does not seem to enforce the contract`;
  // kin-openapi's router kept the spec's server host and found no route for any request: five problems said 404.
  const route =
    p.received === '404'
      ? ': no route there; is --target the base URL the spec’s servers[0].url stands for (the operation’s path is appended to it)?'
      : '';
  // A proxy that does not pass Authorization on made every valid request 401: three problems said so, none said why.
  const credentials =
    p.received === '401' && p.label !== 'preflight/no-credentials'
      ? ': the run’s credentials were refused; are they the target’s (--token, CONNECT_TOKEN), and does every proxy on the way pass Authorization on?'
      : '';
  // An HTTPS redirect (Django's SECURE_SSL_REDIRECT, ASP.NET Core's UseHttpsRedirection) answers every request alike.
  const redirect = /^3\d\d$/.test(p.received)
    ? ': a redirect; is --target the URL it redirects to (https://, or the path with a trailing slash)? The suite never follows one'
    : '';
  return `the target answered ${p.label} with ${p.received} (expected ${p.expected})${route}${credentials}${redirect}`;
}

/** The preflight probes not answered as certain: one warning each (its code says `preflight`). */
function preflightWarnings(preflight: readonly PreflightResult[], rule: string): Report['warnings'] {
  return preflight.filter((p) => !p.ok).map((p) => ({ code: 'preflight', rule, message: preflightMessage(p) }));
}

function toReported(
  f: TalliedFailure,
  i: number,
  seed: number,
  redact: (s: string) => string,
  tls: CurlTls,
): ReportedFailure {
  const { failure } = f;
  const { case: c, ...record } = toCaseRecord(f.case, f.ex, seed, redact, tls);
  return {
    id: `F${i + 1}`,
    check: failure.check,
    kind: failure.kind,
    severity: failure.severity,
    rule: failure.rule,
    message: redact(failure.message),
    ...(failure.received === undefined ? {} : { received: failure.received }),
    ...(failure.documented === undefined ? {} : { documented: failure.documented }),
    ...(failure.at === undefined ? {} : { at: failure.at }),
    case: c,
    ...record,
    occurrences: f.occurrences,
    ...(f.waivedBy ? { waivedBy: f.waivedBy } : {}),
    ...(!f.waivedBy && f.baselined === f.occurrences ? { baselined: true as const } : {}),
  };
}

function toProblem(
  p: TalliedProblem,
  i: number,
  ids: ReadonlyMap<string, string>,
  seed: number,
  w: TalliedWording,
  tls: CurlTls,
): ReportedProblem {
  const example = toCaseRecord(p.case, p.ex, seed, w.redact, tls);
  const { title, due } = describeProblem(p, example, w.ruleValue);
  // A part is `check kind rule`; a rule (a JSON pointer) may hold spaces, check and kind do not.
  const split = (i: number) => [...new Set(p.parts.map((x) => /^(\S+) (\S+) (.*)$/.exec(x)?.[i + 1] ?? x))];
  return {
    id: `P${i + 1}`,
    signature: p.signature,
    core: p.core,
    scope: p.scope,
    title: w.redact(title),
    received: p.received,
    due,
    ...(p.at.size ? { at: [...p.at].sort() } : {}),
    checks: split(0),
    kinds: split(1),
    rules: split(2),
    parts: p.parts,
    messages: p.failures.map((f) => w.redact(f.message)),
    cases: p.cases,
    classes: [...p.classes].sort(),
    failures: [...p.keys]
      .map((k) => ids.get(k))
      .filter((x): x is string => x !== undefined)
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    example,
    shrunk: p.shrunk,
    ...(p.fresh === undefined ? {} : { freshConnection: p.fresh }),
  };
}
