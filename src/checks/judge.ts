import type { TestCase } from '../generators/case.ts';
import type { Exchange } from '../types.ts';
import type { Check, CheckContext, Failure, Finding } from './types.ts';
import { reportable } from './util.ts';

/** One check's outcome for one case. */
export interface Judged {
  readonly check: Check;
  readonly outcome: 'pass' | 'fail' | 'skip';
  readonly failures: readonly Failure[];
}

// A pass or a skip carries nothing of the case: one shared, frozen outcome per check (judge runs for every case).
const verdicts = new WeakMap<Check, { pass: Judged; skip: Judged }>();
const NONE: readonly Failure[] = Object.freeze([]);

function verdictOf(check: Check): { pass: Judged; skip: Judged } {
  let v = verdicts.get(check);
  if (!v)
    verdicts.set(
      check,
      (v = {
        pass: Object.freeze({ check, outcome: 'pass', failures: NONE }),
        skip: Object.freeze({ check, outcome: 'skip', failures: NONE }),
      }),
    );
  return v;
}

/** Runs every applicable check on one exchange. */
export function judge(checks: readonly Check[], c: TestCase, ex: Exchange, ctx: CheckContext): Judged[] {
  const out: Judged[] = [];
  for (const check of checks) {
    if (!check.applies(c)) continue;
    const r = check.judge(c, ex, ctx);
    if (r === undefined) out.push(verdictOf(check).pass);
    else if ('skip' in r) out.push(verdictOf(check).skip);
    else {
      const found = Array.isArray(r) ? (r as readonly Finding[]) : [r as Finding];
      // The registry's name, stamped here: a check never writes its own.
      const failures = soften(
        check,
        c,
        found.map((f) => ({ check: check.name, ...f, ...bounded(f) })),
      );
      out.push({ check, outcome: failures.some((f) => f.severity === 'error') ? 'fail' : 'pass', failures });
    }
  }
  return out;
}

/** A finding's values as a report can hold them (a value nested 10,000 levels deep is shown as the start of its text). */
function bounded(f: Finding): Partial<Finding> {
  return {
    ...(f.received === undefined ? {} : { received: reportable(f.received) }),
    ...(f.documented === undefined ? {} : { documented: reportable(f.documented) }),
  };
}

/**
 * An advisory case tests a rule beyond the verdict profile in the status it expects: its row check's findings are
 * warnings. Every other check states a rule that holds for every request (never 5xx, the documented content, the
 * echo): an advisory case is judged by it like any other.
 */
function soften(check: Check, c: TestCase, found: readonly Failure[]): readonly Failure[] {
  if (c.advisory === undefined || check.scope !== 'row') return found;
  return found.map((f) => ({ ...f, severity: 'warning' as const, message: `${f.message} (advisory: ${c.advisory})` }));
}
