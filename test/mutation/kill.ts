// Stryker's test command: starts the reference provider built from the (mutated) sources of test/provider/ on
// 127.0.0.1 and runs the suite against it at the default budget with a fixed seed. Exit 0 = the suite said the
// mutant conforms (it survives), 1 = any other verdict (killed), 2 = the run could not be made (also a kill).
import { runSuite } from '../../src/runner/run.ts';
import { startProvider } from '../provider/server.ts';
import { suiteOptions } from '../setup/run-options.ts';

/** One seed for every mutant, so that a survivor is reproducible: `node test/mutation/kill.ts` with its id set. */
export const SEED = 1;
/** The CLI's default `--runs`. */
export const RUNS = 100;
const TOKEN = 'mutation-token';

async function main(): Promise<number> {
  const provider = await startProvider({ token: TOKEN });
  try {
    const report = await runSuite(
      suiteOptions(provider.url, TOKEN, { seed: SEED, runs: RUNS, timeoutMs: 3_000, max429WaitMs: 2_000 }),
    );
    const failed = report.checks.filter((c) => c.failed > 0).map((c) => `${c.name}×${c.failed}`);
    console.log(`${report.verdict} (${report.summary.requests} requests) ${failed.join(' ')}`);
    // Any verdict but `conforms` tells the mutant apart: `unusable` (it stopped answering), `incomplete` alike.
    return report.verdict === 'conforms' ? 0 : 1;
  } finally {
    await provider.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
