import type { TestCase } from '../generators/case.ts';
import type { Exchange } from '../types.ts';
import type { Validators } from '../validators/index.ts';

/** `error` fails the run; `warning` is reported and never fails it. */
export type Severity = 'error' | 'warning';

/** A typed conformance failure: what was broken, where the spec says so, what came and what was documented. */
export interface Failure {
  /** Name of the check that found it. */
  readonly check: string;
  /** Machine-readable kind, e.g. `unexpected-status`, `schema-violation`, `timeout`. */
  readonly kind: string;
  readonly severity: Severity;
  /** JSON pointer into the spec of the rule broken (or of the verdict profile row, `#/x-verdict/...`). */
  readonly rule: string;
  readonly message: string;
  readonly received?: unknown;
  readonly documented?: unknown;
  /** JSON pointer of the field it concerns, when one does (an echo: `/data/entity/information/name`). */
  readonly at?: string;
}

/** What a check may know besides the case and the exchange. */
export interface CheckContext {
  readonly validators: Validators;
  /** True when the target answers with example data (Prism mock): echo checks do not apply. */
  readonly mockTarget: boolean;
  /** The run's request timeout: an answer judged at all came within it of its request (default 10,000 ms). */
  readonly timeoutMs?: number;
}

/** What a check finds: a failure before judge() stamps it with the check's name (a check never writes its own). */
export type Finding = Omit<Failure, 'check'>;

/** A check's answer for one exchange. */
export type CheckResult = undefined | Finding | readonly Finding[] | { readonly skip: string };

/** One assertion of the verdict profile: a small pure function over (case, exchange). */
export interface Check {
  readonly name: string;
  readonly description: string;
  /**
   * `row`: the verdict table's row for its cases (the status they expect); an advisory case softens its findings to
   * warnings. `request`: a rule that holds for every request, advisory or not (never 5xx, the documented content...).
   */
  readonly scope: 'row' | 'request';
  /** Whether the check speaks about this case at all (not counted when false). */
  applies(c: TestCase): boolean;
  judge(c: TestCase, ex: Exchange, ctx: CheckContext): CheckResult;
}
