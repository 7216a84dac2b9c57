import type { Report } from '../../src/report/model.ts';

/** What two runs of the same cases must agree on: verdict, counts, per-check tallies, distinct failures, coverage. */
export const essence = (r: Report) => ({
  verdict: r.verdict,
  cases: r.summary.cases,
  failures: r.summary.failures,
  checks: r.checks.map(({ name, passed, failed, waived, skipped }) => ({ name, passed, failed, waived, skipped })),
  distinct: r.failures.map((f) => `${f.check}|${f.kind}|${f.rule}|${f.case.label}×${f.occurrences}`).sort(),
  coverage: r.coverage,
});
