// Runs the suite against one framework provider at a small budget, as test/faults/harness.ts does.
import { runSuite } from '../../src/runner/run.ts';
import { staticToken } from '../../src/runner/credentials.ts';
import type { Report } from '../../src/report/model.ts';
import { TOKEN } from './onboarding.ts';

/** The tier's budget: the whole boundary phase and a few random cases, one seed. */
export const BUDGET = { seed: 13, runs: 10 } as const;

/** The suite's report on the provider at `url`. */
export function judge(url: string): Promise<Report> {
  return runSuite({
    specPath: 'spec/openapi.yaml',
    target: url,
    credentials: staticToken(TOKEN),
    seed: BUDGET.seed,
    runs: BUDGET.runs,
    concurrency: 4,
    timeoutMs: 5_000,
    insecure: false,
    waiversFile: 'test/faults/no-waivers.json',
  });
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
