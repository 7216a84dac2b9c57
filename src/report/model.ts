import type { Severity } from '../checks/types.ts';
import type { Normalisation } from '../spec/normalise.ts';
import type { SpecWarning } from '../spec/lint.ts';
import type { WaiverStatus } from './waivers.ts';
import type { AuthMode, Violation } from '../generators/case.ts';
import type { ShardSpec } from '../types.ts';
import type { StopReason, Verdict } from './verdict.ts';

/** One failing case as reported: the minimal request that shows it, the answer, the rule, and how to replay it. */
export interface ReportedFailure {
  /** Stable within a report: `F1`, `F2`, … */
  readonly id: string;
  readonly check: string;
  readonly kind: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  readonly received?: unknown;
  readonly documented?: unknown;
  /** The case class and id of the (shrunk) case. */
  readonly case: {
    readonly id: string;
    readonly label: string;
    readonly kind: string;
    readonly phase: string;
    /** How the case authenticated (replay rebuilds the case from it; inferred from the Authorization header when absent). */
    readonly auth?: AuthMode;
    /** The Content-Type the case sent, null for none (replay; inferred from the request headers when absent). */
    readonly contentType?: string | null;
    /** The one schema violation of an invalid case (replay cites the same rule). */
    readonly violation?: Violation;
  };
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  } | null;
  /** Transport error in place of a response. */
  readonly error?: { readonly kind: string; readonly message: string };
  /** A curl command line that replays the request byte for byte (token as `$CONNECT_TOKEN`). */
  readonly curl: string;
  readonly seed: number;
  readonly counterexamplePath: string | null;
  /** How many cases failed the same way (same check, kind, rule and case class). */
  readonly occurrences: number;
  /** Set when a waiver covers it. */
  readonly waivedBy?: string;
}

/** Per-check tallies (one case counts once per check). */
export interface CheckSummary {
  readonly name: string;
  readonly description: string;
  passed: number;
  failed: number;
  waived: number;
  skipped: number;
  /** The same tallies by case class label (junit.xml has one testcase per check and label); absent in older reports. */
  classes?: Record<string, { passed: number; failed: number; waived: number; skipped: number }>;
}

/** A status the verdict profile allows although the spec does not document it. */
export interface SpecGap {
  readonly status: number;
  readonly rule: string;
  readonly message: string;
  readonly count: number;
  readonly example: string;
}

/** A preflight probe's outcome: the certain verdicts that tell whether a target validates at all. */
export interface PreflightResult {
  readonly label: string;
  readonly expected: string;
  readonly received: string;
  readonly ok: boolean;
}

/** The machine-readable outcome of a run (written as report.json). */
export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly spec: { readonly path: string; readonly sha256: string };
  readonly target: {
    readonly kind: 'prism' | 'url';
    readonly url: string;
    readonly mock: boolean;
    readonly insecure: boolean;
  };
  readonly seed: number;
  readonly runs: number;
  readonly shard: ShardSpec | null;
  /** Set by merge-reports: how many shard reports were joined into this one (its `shard` is then null). */
  readonly mergedShards?: number;
  readonly interrupted: boolean;
  readonly budgetExhausted: boolean;
  readonly startedAt: string;
  /**
   * Whether every case of the plan (of this shard) was sent and judged; absent in older reports. A run that is not
   * complete is never `conforms`.
   */
  readonly complete?: boolean;
  /**
   * The flags that shaped the run besides target, seed, runs, spec, shard and --insecure (which have fields of their
   * own): the repeat line and `replay` read them. Absent in older reports. Never a secret.
   */
  readonly options?: {
    readonly concurrency: number;
    readonly timeoutMs: number;
    readonly rate?: number;
    readonly maxRequests?: number;
    readonly tokenUrl?: string;
    readonly scope?: string;
    readonly waivers?: string;
    readonly giveUpAfter?: number;
    readonly timeLimitS?: number;
    readonly ca?: string;
  };
  /** Why the run stopped before its plan was done (absent when it was complete). */
  readonly stopReason?: StopReason;
  /** Set when the run gave up on a target that answered nothing usable (`--give-up-after`). */
  readonly gaveUp?: { readonly after: number; readonly message: string };
  /** `conforms` exit 0, `fails` 1, `unusable` 2, `incomplete` 3, `interrupted` 130. */
  readonly verdict: Verdict;
  readonly verdictReasons: readonly string[];
  readonly summary: {
    readonly cases: number;
    readonly requests: number;
    readonly failures: number;
    readonly waived: number;
    readonly passed: number;
    readonly rateLimited: number;
    /** Requests sent when the first unwaived failure was seen (how quickly a gate fails), or null. */
    readonly firstFailureAt: number | null;
    readonly durationMs: number;
  };
  readonly plan: Readonly<Record<string, number>>;
  readonly checks: readonly CheckSummary[];
  /** Cases sent per row of the verdict table (by case kind); absent in older reports. */
  readonly rows?: readonly { readonly row: string; readonly cases: number }[];
  /** The checks that judged no case and the verdict-table rows no case was sent for. */
  readonly untested?: { readonly checks: readonly string[]; readonly rows: readonly string[] };
  readonly coverage: readonly {
    readonly pointer: string;
    readonly keyword: string;
    readonly valid: number;
    readonly invalid: number;
  }[];
  readonly failures: readonly ReportedFailure[];
  readonly specGaps: readonly SpecGap[];
  readonly warnings: readonly (
    SpecWarning | { readonly code: string; readonly rule: string; readonly message: string }
  )[];
  readonly preflight: readonly PreflightResult[];
  readonly normalisations: readonly Normalisation[];
  readonly waivers: readonly WaiverStatus[];
  /**
   * Ids of entities the run created (the API has no delete): the first `CREATED_KEPT` of them; every one is in
   * `createdFile` (one JSON object a line, `{"id": …}`), so that memory and the report stay flat however long the run.
   */
  readonly created: readonly string[];
  /** How many entities the run created (201 answers with an id); absent in older reports (then `created.length`). */
  readonly createdCount?: number;
  /** The file beside the reports that lists every created id (`created.ndjson`). */
  readonly createdFile?: string;
}

/** Created ids the report itself keeps (the rest are in `created.ndjson`). */
export const CREATED_KEPT = 100;

/** The file of every created id, written beside the reports. */
export const CREATED_FILE = 'created.ndjson';
