// Bench helpers run in their own process, so that each figure is measured without the others' load or heap.
//   provider PORT?          the reference provider; prints its URL
//   suite URL RUNS CONC     runSuite against URL; prints {cases, durationMs, startMs, sendingMs, maxRssMb, cpuMs} as JSON
//   undici URL FILE CONC S  undici's Client alone replaying FILE's requests (JSON) for S seconds; prints {requests}
import module from 'node:module';
import { readFileSync } from 'node:fs';
import { peakRssMb } from './proc.ts';

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
  // When the first case is judged: the sending phase's rate leaves the start-up out (it has a figure of its own).
  let firstAt = 0;
  const t0 = performance.now();
  const report = await runSuite(benchOptions(url, runs, concurrency), {
    onProgress: () => (firstAt ||= performance.now()),
  });
  const sendingMs = performance.now() - firstAt;
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      cases: report.summary.cases,
      requests: report.summary.requests,
      durationMs: report.summary.durationMs,
      startMs: Math.round(firstAt - t0),
      sendingMs: Math.round(sendingMs),
      verdict: report.verdict,
      // getrusage only where /proc does not tell (not Linux): there it is this process's own.
      maxRssMb: peakRssMb('self') || Math.round(process.resourceUsage().maxRSS / 1024),
      // The whole process's CPU (every thread, start-up included), exact where the bench's /proc readings sample.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    }),
  );
} else if (mode === 'undici') {
  const [url, file, concurrency, seconds] = args;
  console.log(JSON.stringify({ requests: await undiciAlone(url, file, Number(concurrency), Number(seconds)) }));
} else {
  console.error('usage: child.ts provider [PORT] | suite URL RUNS CONCURRENCY | undici URL FILE CONCURRENCY SECONDS');
  process.exit(2);
}

/**
 * The suite's HTTP client with nothing around it: one undici Client per connection, as the runner keeps them
 * (src/runner/http.ts), each sending the next request as soon as its answer's body is read. What the suite could do
 * at most with undici, where autocannon's own client sets the provider's pace.
 */
async function undiciAlone(url: string, file: string, concurrency: number, seconds: number): Promise<number> {
  const { Client, KEEP_ALIVE } = await import('../src/runner/http.ts');
  const requests = JSON.parse(readFileSync(file, 'utf8')) as {
    method: string;
    headers: Record<string, string>;
    body?: string;
  }[];
  const u = new URL(`${url}/v1/onboarding/entities`);
  const end = performance.now() + seconds * 1000;
  let sent = 0;
  const one = (client: InstanceType<typeof Client>, r: (typeof requests)[number]) =>
    new Promise<void>((resolve, reject) => {
      const chunks: Buffer[] = [];
      client.dispatch(
        { path: u.pathname, method: r.method, headers: r.headers, body: r.body ?? null },
        {
          onRequestStart() {},
          onResponseStart() {},
          onResponseData(_c, chunk: Buffer) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            Buffer.concat(chunks).toString('utf8');
            resolve();
          },
          onResponseError(_c, e: Error) {
            reject(e);
          },
        },
      );
    });
  const connection = async () => {
    const client = new Client(u.origin, KEEP_ALIVE);
    while (performance.now() < end) await one(client, requests[sent++ % requests.length]);
    await client.close();
  };
  await Promise.all(Array.from({ length: concurrency }, connection));
  return sent / seconds;
}
