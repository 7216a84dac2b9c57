// Runs the suite against one framework provider at a small budget, as test/faults/harness.ts does.
import { runSuite } from '../../src/runner/run.ts';
import type { Report } from '../../src/report/model.ts';
import { TOKEN } from './onboarding.ts';
import { suiteOptions } from '../setup/run-options.ts';

/** The tier's budget: the whole boundary phase and a few random cases, one seed. */
export const BUDGET = { seed: 13, runs: 10 } as const;

/** The suite's report on the provider at `url`. */
export function judge(url: string): Promise<Report> {
  return runSuite(suiteOptions(url, TOKEN, { seed: BUDGET.seed, runs: BUDGET.runs, timeoutMs: 5_000 }));
}

/** The checks that failed, by name, sorted. */
export function failedChecks(report: Report): string[] {
  return report.checks
    .filter((c) => c.failed > 0)
    .map((c) => c.name)
    .sort();
}

/** Failing case labels per check (what a reader needs when an assertion on the checks breaks). */
export function failingLabels(report: Report): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of report.failures) (out[f.check] ??= []).push(f.case.label);
  for (const labels of Object.values(out)) labels.sort();
  return out;
}
