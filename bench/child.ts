// Bench helpers run in their own process, so that each figure is measured without the others' load or heap.
//   provider PORT?          the reference provider; prints its URL
//   suite URL RUNS CONC     runSuite against URL; prints {cases, durationMs, maxRssMb} as JSON
import module from 'node:module';

// Node's compile cache, as the CLI's entry enables it (bin/conformance.ts), so that the suite starts as the CLI does.
const cache = module.enableCompileCache();
if (cache.directory !== undefined && process.env.NODE_COMPILE_CACHE === undefined)
  process.env.NODE_COMPILE_CACHE = cache.directory;
const { runSuite } = await import('../src/runner/run.ts');
const { startProvider } = await import('../test/provider/server.ts');
const { suiteOptions } = await import('../test/setup/run-options.ts');

/** The suite's options in every bench measurement: a fixed seed, no shrinking (the bench measures sending). */
const benchOptions = (url: string, runs: string, concurrency: string) =>
  suiteOptions(url, 'bench-token', { seed: 7, runs: Number(runs), concurrency: Number(concurrency), maxShrinks: 0 });

const [mode, ...args] = process.argv.slice(2);
if (mode === 'provider') {
  const p = await startProvider({ token: 'bench-token', port: Number(args[0] ?? 0) });
  console.log(p.url);
  process.on('SIGTERM', () => void p.close().then(() => process.exit(0)));
} else if (mode === 'suite') {
  const [url, runs, concurrency] = args;
  const report = await runSuite(benchOptions(url, runs, concurrency));
  console.log(
    JSON.stringify({
      cases: report.summary.cases,
      requests: report.summary.requests,
      durationMs: report.summary.durationMs,
      verdict: report.verdict,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
} else {
  console.error('usage: child.ts provider [PORT] | suite URL RUNS CONCURRENCY');
  process.exit(2);
}
