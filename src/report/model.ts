import type { Failure } from '../checks/types.ts';
import type { Normalisation } from '../spec/normalise.ts';
import type { SpecWarning } from '../spec/lint.ts';
import type { Violation } from '../generators/case.ts';
import type { AuthMode, ShardSpec } from '../types.ts';
import type { SentWire } from '../wire.ts';
import type { OperationRef } from '../spec/operation.ts';
import type { Waiver } from '../waivers.ts';

// The report's data, every type of it here: the modules that compute parts of it (verdict, baseline, waivers) import
// this one, never the reverse.

/** Every verdict a report can carry, each with its own exit code (`src/cli/exit.ts`). */
export type Verdict = 'conforms' | 'fails' | 'incomplete' | 'interrupted' | 'unusable';

/** Why a run stopped before its plan was done. */
export type StopReason = 'max-requests' | 'time-limit' | 'interrupted' | 'gave-up';

/**
 * One known problem of a baseline file: its signature (what is matched) and, for people, what it is. Version 2 adds
 * `classes`, the case classes it was seen in: an entry is fixed only when cases of those classes were sent and passed.
 */
export interface BaselineEntry {
  readonly signature: string;
  readonly title: string;
  readonly checks: readonly string[];
  readonly rules: readonly string[];
  /** The case classes it was seen in (version 2); absent in a version 1 entry, whose signature is of the old form. */
  readonly classes?: readonly string[];
}

/** How a run stood against its baseline (report.json → `baseline`). */
export interface BaselineStatus {
  readonly file: string;
  readonly entries: number;
  /** Entries the run still showed: reported, not failing the run. */
  readonly matched: number;
  /** Entries the run did not show although cases of their classes were sent and passed: to be removed from the file. */
  readonly fixed: readonly BaselineEntry[];
  /**
   * Entries the run did not show and could not have: no case of their classes passed (not sent, another failure), a
   * problem found by random cases only, or a version 1 entry. Kept; absent in reports of older versions.
   */
  readonly notSeen?: readonly BaselineEntry[];
}

/** A run compared with a previous report (report.json → `triage`, from `run --compare`). */
export interface Triage {
  readonly previous: { readonly file: string; readonly seed: number; readonly startedAt: string };
  /** Ids of this run's problems the previous report did not have. */
  readonly new: readonly string[];
  /** Ids of this run's problems the previous report had too. */
  readonly stillFailing: readonly string[];
  /** Problems of the previous report this run did not show. */
  readonly fixed: readonly BaselineEntry[];
}

/**
 * A waiver as reported: how often it matched, whether it is expired, stale (its cases ran and it matched nothing) or
 * not exercised (none of its cases ran: the run says nothing about it, so it is not stale).
 */
export interface WaiverStatus extends Waiver {
  readonly matched: number;
  readonly expired: boolean;
  readonly stale: boolean;
  /** True when no case its check judged and its `case` glob covers was sent; absent in older reports. */
  readonly notExercised?: boolean;
}

/** A case and its exchange as a report records them (written and read back by `case-record.ts`). */
export interface CaseRecord {
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
    /** The statuses the case's class accepts on its row (replay judges the row as the run did). */
    readonly accept?: readonly number[];
    /** Why a departure on the case's row is only a warning (replay softens it as the run did). */
    readonly advisory?: string;
    /** The server's HTTP layer may refuse the message itself (a 4xx is not held to the documented content). */
    readonly httpLayer?: true;
    /** Appended to the operation's path: sent to a path the spec does not define (replay sends it there again). */
    readonly pathSuffix?: string;
    /** The operation's path spelt another way (another case): replay sends it so again. */
    readonly pathSpelling?: string;
  };
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
    /**
     * Set when the request was written byte by byte (the raw sender): every field in order, the framing, the body's
     * exact bytes; `headers` and `body` are then its readable form (a repeated field joined with `, `).
     */
    readonly wire?: SentWire;
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
  /** Set when curl cannot send the request exactly (e.g. without framing): what differs; `script` can. */
  readonly curlGap?: string;
  /** A `node -e` line that sends the request's exact bytes (token from `CONNECT_TOKEN`), where `curlGap` is set. */
  readonly script?: string;
  readonly seed: number;
  readonly counterexamplePath: string | null;
}

/** One failing case as reported: the minimal request that shows it, the answer, the rule, and how to replay it. */
export interface ReportedFailure extends CaseRecord, Failure {
  /** Stable within a report: `F1`, `F2`, … */
  readonly id: string;
  /** How many cases failed the same way (same check, kind, rule and case class). */
  readonly occurrences: number;
  /** Set when a waiver covers it. */
  readonly waivedBy?: string;
  /** Set when every case that showed it showed a problem of the run's baseline (`run --baseline`): not failing. */
  readonly baselined?: true;
}

/**
 * One problem: a cause (`cause.ts`): the check, its rule, the answer and the class of request or field it concerns,
 * never which other failures shared a case. `status 200 where 201 is due` on 70 valid classes is one problem with two
 * rules (`status-is-allowed`, `valid-is-created`); a 500 on a random case carrying the long string counts under the
 * long string's problem.
 */
export interface ReportedProblem {
  /** Stable within a report: `P1`, `P2`, … (most cases first). */
  readonly id: string;
  /** Stable across runs and seeds (no seed, id or timing in it): `core` and `scope`; baselines match on it. */
  readonly signature: string;
  /** What the provider did, without the class: a random case's cause counts under a problem of the same core. */
  readonly core?: string;
  /** The class family it concerns (`valid/string`, `invalid/format`), `''` for every request of its kind, or `random cases`. */
  readonly scope?: string;
  /** One line for people, naming the field and the rule: `collectiveId: format uuid not enforced (201 to "x")`. */
  readonly title: string;
  /** JSON pointers of the fields it concerns: the request's (a violation) or the answer's (an echo). */
  readonly at?: readonly string[];
  /** Every failure it explains, as `check kind rule`. */
  readonly parts?: readonly string[];
  /** The answer received: a status (`200`) or a transport error kind (`timeout`). */
  readonly received: string;
  /** What was due, as the most specific failure documents it (`201`), or `''` when no failure says. */
  readonly due: string;
  readonly checks: readonly string[];
  readonly kinds: readonly string[];
  readonly rules: readonly string[];
  /** The example's failure messages, one per check. */
  readonly messages: readonly string[];
  /** Cases that showed it. */
  readonly cases: number;
  /** The case classes it was seen in. */
  readonly classes: readonly string[];
  /** The distinct failures (per class detail) it groups: `F1`, `F7`, … */
  readonly failures: readonly string[];
  /** The smallest case that shows it (shrunk when it was a random case). */
  readonly example: CaseRecord;
  /** True when the example was shrunk against the target. */
  readonly shrunk: boolean;
  /**
   * What the example got when sent again at the end of the run on a connection of its own, where that is not what it
   * got in the run (`201` to a request answered 400 there): the answer depended on what came before it on its
   * connection (a body left unread, a buffer not reset, a per-connection cache). The problem stays a problem.
   */
  readonly freshConnection?: string;
  /** Set when the run's baseline lists it (`run --baseline`): reported, not failing the run. */
  readonly baselined?: true;
}

/** Per-check tallies (one case counts once per check). */
export interface CheckSummary {
  readonly name: string;
  readonly description: string;
  passed: number;
  failed: number;
  waived: number;
  skipped: number;
  /** Cases whose failures of this check are all in the baseline (`run --baseline`); not counted as failed. */
  baselined?: number;
  /** The same tallies by case class label (junit.xml has one testcase per check and label); absent in older reports. */
  classes?: Record<string, { passed: number; failed: number; waived: number; skipped: number; baselined?: number }>;
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

/** How the pace stood at the end of a run (`pacing`). */
export interface Pacing {
  /** 429 answers received (each one a request of the budget). */
  readonly rateLimited: number;
  /** 503 answers received (each one a request of the budget), each taken for an overload first; absent when none. */
  readonly unavailable?: number;
  /** Requests per second the pace stood at when the run ended; absent when it was never paced. */
  readonly settledRate?: number;
  /** The most the pace allowed: `--rate`, or less when the target's `RateLimit-Policy` said so; absent when unbounded. */
  readonly ceiling?: number;
  /** Times the pace was halved on a 429 or a 503. */
  readonly lowered: number;
  /** Time all sending stood still on Retry-After or a rate-limit reset, ms. */
  readonly pausedMs: number;
  /** The target's quota as its headers gave it (`40 per 1 s (RateLimit-Policy)`), when they did. */
  readonly policy?: string;
}

/** What `--fixtures FILE` put into the cases, and the values the sandbox refused (`fixtures`). */
export interface FixturesReport {
  readonly file: string;
  /** Per field (`collectiveId`) or combination (`brand+type`): its values, those in use, and the cases that took one. */
  readonly fields: readonly {
    readonly field: string;
    readonly values: number;
    readonly usable: number;
    readonly cases: number;
  }[];
  /** Values the sandbox refused when probed (a 4xx to an otherwise valid request): not used, to be updated. */
  readonly stale: readonly { readonly field: string; readonly value: string; readonly received: string }[];
}

/** The machine-readable outcome of a run (written as report.json). */
export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly spec: { readonly path: string; readonly sha256: string };
  /**
   * The operation judged: method, path and the spec's operationId. Absent in reports of older versions, which all
   * judged `POST /v1/onboarding/entities` (`operationOf` reads such a report as that one).
   */
  readonly operation?: OperationRef;
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
  /** The pace of the run: 429s, the rate it settled at, pauses (absent in older reports; merged: see merge.ts). */
  readonly pacing?: Pacing;
  /** What `--fixtures FILE` put into the cases; absent without it. */
  readonly fixtures?: FixturesReport;
  /** Why the run stopped before its plan was done (absent when it was complete). */
  readonly stopReason?: StopReason;
  /** Set when the run gave up on a target that answered nothing usable (`--give-up-after`). */
  readonly gaveUp?: {
    readonly after: number;
    readonly message: string;
    /** The first cases left unanswered (`id label`) in the order sent: those in flight when the target went down. */
    readonly suspects?: readonly string[];
    /**
     * Usable answers the target gave before (absent in reports older than the field): a target that answered, then
     * stopped, went down during the run, and a run that found failures before says so: `fails`, not `unusable`.
     */
    readonly answered?: number;
    /**
     * A connection was refused after the target had taken one (since 2026-12-05): it went down during the run, even
     * without a usable answer before (a crash on the first request); with failures found, `fails`, not `unusable`.
     */
    readonly wentDown?: true;
    /**
     * The status a valid request sent once the run gave up got (since 2026-12-05): a 2xx says the target is up and
     * hangs on some requests (every refusal left unanswered), not that it went down; absent when it got no answer.
     */
    readonly answeredAfter?: number;
  };
  /** `conforms` exit 0, `fails` 1, `unusable` 2, `incomplete` 3, `interrupted` 130. */
  readonly verdict: Verdict;
  readonly verdictReasons: readonly string[];
  readonly summary: {
    readonly cases: number;
    readonly requests: number;
    readonly failures: number;
    readonly waived: number;
    /** Failures in problems the baseline lists (`run --baseline`): reported, not counted in `failures`. */
    readonly baselined?: number;
    readonly passed: number;
    readonly rateLimited: number;
    /**
     * The place in the plan (preflight probes first, then the boundary and random phases) of the first case, in plan
     * order, with an unwaived failure: the requests a one-at-a-time run sends up to its first failure. Null when none.
     */
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
  /** The failures grouped by root cause (absent in reports of older versions). */
  readonly problems?: readonly ReportedProblem[];
  /** How the run stood against `--baseline FILE`: entries still seen, entries fixed. */
  readonly baseline?: BaselineStatus;
  /** The run against `--compare PREVIOUS_REPORT`: new, still failing, fixed problems. */
  readonly triage?: Triage;
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
