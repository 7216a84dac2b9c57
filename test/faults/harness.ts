// Runs the suite against the reference provider, each benign variation and each seeded fault, and measures
// the suite's own power: faults caught, false alarms raised, requests needed before the first failure.
import { runSuite } from '../../src/runner/run.ts';
import type { Report } from '../../src/report/model.ts';
import { startProvider } from '../provider/server.ts';
import { VARIATIONS } from '../provider/variations.ts';
import { FAULTS } from '../provider/faults.ts';
import { assertValidReport } from '../setup/report-schema.ts';
import { suiteOptions } from '../setup/run-options.ts';

/** One provider run and what the suite said of it. */
export interface Trial {
  readonly kind: 'reference' | 'variation' | 'fault';
  readonly name: string;
  /** A fault is caught (the run fails, and every check it names failed), a reference or variation passes. */
  readonly ok: boolean;
  readonly verdict: Report['verdict'];
  readonly requests: number;
  readonly firstFailureAt: number | null;
  /** Checks that failed, with counts. */
  readonly failedChecks: readonly string[];
  /** For a fault: the checks of its `caughtBy` that did not fail. */
  readonly missed: readonly string[];
  readonly durationMs: number;
}

const TOKEN = 'reference-token';

/** Runs the suite once against a fresh provider. */
export async function trial(
  kind: Trial['kind'],
  name: string,
  opts: { seed: number; runs: number; maxRequests?: number },
): Promise<Trial> {
  const provider = await startProvider({
    token: TOKEN,
    ...(kind === 'variation' ? { variation: name } : {}),
    ...(kind === 'fault' ? { fault: name } : {}),
  });
  try {
    const report = await runSuite(
      suiteOptions(provider.url, TOKEN, {
        seed: opts.seed,
        runs: opts.runs,
        timeoutMs: 3_000,
        max429WaitMs: 2_000,
        ...(opts.maxRequests === undefined ? {} : { maxRequests: opts.maxRequests }),
      }),
    );
    assertValidReport(report, `the report on ${name}`);
    // A target given up on (unusable) is a fault found as much as a failure is.
    const fails = report.verdict === 'fails' || report.verdict === 'unusable';
    const failed = new Set(report.checks.filter((c) => c.failed > 0).map((c) => c.name));
    const missed = kind === 'fault' ? faultNamed(name).caughtBy.filter((c) => !failed.has(c)) : [];
    return {
      kind,
      name,
      ok: kind === 'fault' ? fails && missed.length === 0 : !fails,
      verdict: report.verdict,
      requests: report.summary.requests,
      firstFailureAt: report.summary.firstFailureAt,
      failedChecks: report.checks.filter((c) => c.failed > 0).map((c) => `${c.name}×${c.failed}`),
      missed,
      durationMs: report.summary.durationMs,
    };
  } finally {
    await provider.close();
  }
}

function faultNamed(name: string) {
  const fault = FAULTS.find((f) => f.name === name);
  if (!fault) throw new Error(`unknown fault ${name}`);
  return fault;
}

/** Every trial, a few at a time. */
export async function allTrials(opts: {
  seed: number;
  runs: number;
  parallel: number;
  onTrial?: (t: Trial) => void;
}): Promise<Trial[]> {
  const jobs: [Trial['kind'], string][] = [
    ['reference', 'reference'],
    ...VARIATIONS.map((v): [Trial['kind'], string] => ['variation', v.name]),
    ...FAULTS.map((f): [Trial['kind'], string] => ['fault', f.name]),
  ];
  const results: Trial[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const [kind, name] = jobs[i];
      results[i] = await trial(kind, name, opts);
      opts.onTrial?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, worker));
  return results;
}

/** The one-line figure docs/self-test.md shows. */
export function figure(trials: readonly Trial[]): string {
  const faults = trials.filter((t) => t.kind === 'fault');
  const benign = trials.filter((t) => t.kind !== 'fault');
  const caught = faults.filter((t) => t.ok).length;
  const alarms = benign.filter((t) => !t.ok).length;
  return `caught ${caught}/${faults.length} faults, ${alarms}/${benign.length} false alarms`;
}
