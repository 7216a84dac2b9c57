// `npm run bench`: throughput against autocannon, start-up, the default Prism run, memory over 100,000, 1M and 5M cases,
// faults found per request budget, and the generation and validation rates on their own. All on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createServer } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { loadSpec } from '../src/spec/load.ts';
import { buildValidators } from '../src/validators/index.ts';
import { planCases } from '../src/generators/index.ts';
import { caseHeaders } from '../src/runner/send.ts';
import { faultsPerBudget } from './budgets.ts';
import { peakRssMb } from './proc.ts';

const NODE = process.execPath;
const CONCURRENCY = 4;
const BODY = JSON.stringify({ type: 'EV', brand: 'conformance-bench', name: 'bench', properties: { a: [1, 2] } });
const quick = process.argv.includes('--quick');
/** `--scale`: the memory-at-scale figures alone (about 14 minutes). */
const scaleOnly = process.argv.includes('--scale');
/** `--throughput`: the full-length throughput figures alone (about 2 minutes). */
const throughputOnly = process.argv.includes('--throughput');
// The suite's run for throughput and memory: runs = 50,000 gives 100,000 random cases besides the boundary phase,
// about as long as autocannon's window at ~7,000 cases/s.
const SUITE_RUNS = quick ? 5_000 : 50_000;

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number;
  /** `min`: value must be at least target; `max`: at most. */
  sense: 'min' | 'max';
  note?: string;
}

/** The V8 heap settings the CLI runs with (bin/conformance.ts shebang, npm start). */
export const HEAP_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'];
/** The malloc setting the CLI runs with (the same shebang and script): two arenas, not eight a core. */
const CLI_ENV = { ...process.env, MALLOC_ARENA_MAX: '2' };

/** A bench helper process, with the CLI's heap settings unless `heap` is false (a tool that holds a whole plan). */
function child(args: string[], heap = true): ChildProcess {
  return spawn(NODE, [...(heap ? HEAP_FLAGS : []), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: CLI_ENV });
}

async function firstLine(p: ChildProcess): Promise<string> {
  let buf = '';
  for await (const chunk of p.stdout!) {
    buf += String(chunk);
    if (buf.includes('\n')) return buf.split('\n')[0];
  }
  throw new Error('child ended without output');
}

async function output(p: ChildProcess): Promise<string> {
  let buf = '';
  for await (const chunk of p.stdout!) buf += String(chunk);
  return buf.trim().split('\n').pop()!;
}

/** The methods autocannon's request builder writes (`autocannon/lib/httpMethods.js`), HEAD and CONNECT aside. */
const AUTOCANNON_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH']);

/** The suite's own request mix (method, headers, body bytes), for autocannon to replay: "the same request body". */
async function suiteRequests(
  runs: number,
): Promise<{ method: string; headers: Record<string, string>; body?: string }[]> {
  // The suite's own plan (bench/child.ts runs seed 7 with the same runs), each case once: the replayed mix is the one
  // the suite sends. Replaying only its first 10,000 cases made the boundary cases (64 KiB strings, deep nesting) 3.8 %
  // of autocannon's traffic against 0.4 % of a 100,000-case run's.
  const spec = await loadSpec('spec/openapi.yaml');
  const plan = planCases({ spec, validators: buildValidators(spec), seed: 7, runs });
  const out: { method: string; headers: Record<string, string>; body?: string }[] = [];
  for (const c of plan.cases()) {
    // autocannon writes only the methods it knows, and reads every answer as if it had a body: a HEAD's answer would
    // hold its connection until the timeout. The one case each of other methods the suite sends is left out.
    if (!AUTOCANNON_METHODS.has(c.method)) continue;
    out.push({
      method: c.method,
      headers: caseHeaders(c, 'bench-token'),
      ...(c.body === undefined ? {} : { body: c.body }),
    });
  }
  return out;
}

/** Runs `f` against a reference provider of its own, started fresh and stopped after. */
async function withProvider<T>(f: (url: string, pid: number) => Promise<T>): Promise<T> {
  const p = child(['bench/child.ts', 'provider']);
  try {
    return await f(await firstLine(p), p.pid!);
  } finally {
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
}

/**
 * Rounds of the ratio's two sides (autocannon on the suite's requests, then the suite): three in the quick bench, whose
 * 3 s windows swing most; one in the full bench, whose 15 s windows are steadier and whose rounds would cost 40 s each.
 */
const ROUNDS = quick ? 3 : 1;

/** The suite's child run as the bench reads it (bench/child.ts `suite`). */
interface SuiteOut {
  cases: number;
  durationMs: number;
  sendingMs: number;
  maxRssMb: number;
  cpuMs: number;
}

/** One round: autocannon's rate on the suite's requests, then the suite's run, each against a fresh provider. */
interface Round {
  autocannon: number;
  /** The suite's checked cases per second, start-up included. */
  rate: number;
  /** `rate` over `autocannon`: the figure the target is about. */
  ratio: number;
  suite: SuiteOut;
  /** Where the CPU went while the suite ran (`watchCpu`). */
  budget: string;
}

/** The suite against a fresh provider, its CPU watched. */
async function suiteRun(): Promise<Omit<Round, 'autocannon' | 'ratio'>> {
  return withProvider(async (url, providerPid) => {
    const p = child(['bench/child.ts', 'suite', url, String(SUITE_RUNS), String(CONCURRENCY)]);
    const watch = watchCpu(p.pid!, providerPid);
    const suite = JSON.parse(await output(p)) as SuiteOut;
    return { suite, rate: (suite.cases / suite.durationMs) * 1000, budget: watch.stop(suite.cases, suite.cpuMs) };
  });
}

async function throughput(): Promise<Figure[]> {
  // Side by side over windows of the same length (~15 s each): a short run would mostly measure the JIT warming up.
  // Each measurement gets a fresh provider, so that none is judged against one that has already served the others.
  const duration = quick ? 3 : 15;
  const endpoint = (url: string) => `${url}/v1/onboarding/entities`;
  const requests = await suiteRequests(SUITE_RUNS);
  const single = await withProvider((url) =>
    autocannon({
      url: endpoint(url),
      method: 'POST',
      connections: CONCURRENCY,
      duration,
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-token' },
      body: BODY,
    }),
  );
  // The ratio's two sides alternate, each window against a fresh provider, ROUNDS times: on a shared machine one 3 s
  // window of either side can read 40 % off (autocannon alone gave 7,012 and 12,746 req/s in back-to-back quick runs
  // of one build), so the figure is the round with the median ratio, and every round is listed.
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const mix = await withProvider((url) =>
      autocannon({ url: endpoint(url), connections: CONCURRENCY, duration, requests }),
    );
    const autocannonRate = mix.requests.average;
    const run = await suiteRun();
    rounds.push({ autocannon: autocannonRate, ratio: run.rate / autocannonRate, ...run });
  }
  const byRatio = [...rounds].sort((a, b) => a.ratio - b.ratio);
  const median = byRatio[Math.floor((byRatio.length - 1) / 2)];
  const rawRate = median.autocannon;
  // The suite's client alone on the same requests: how much of the gap to autocannon is the HTTP client's.
  const file = join(await mkdtemp(join(tmpdir(), 'conformance-bench-')), 'requests.json');
  await writeFile(file, JSON.stringify(requests));
  const undici = await withProvider(async (url) => {
    const out = JSON.parse(
      await output(child(['bench/child.ts', 'undici', url, file, String(CONCURRENCY), String(duration)], false)),
    ) as { requests: number };
    return out.requests;
  });
  await rm(dirname(file), { recursive: true, force: true });
  const { suite, budget } = median;
  // The same run from its first judged case on: the hot path alone, its start-up measured on its own below.
  const sendingRate = (suite.cases / suite.sendingMs) * 1000;
  return [
    {
      name: 'autocannon, one small valid body',
      value: Math.round(single.requests.average),
      unit: 'req/s',
      target: 0,
      sense: 'min',
      note: `${CONCURRENCY} connections (for reference)`,
    },
    {
      name: "autocannon, the suite's own requests",
      value: Math.round(rawRate),
      unit: 'req/s',
      target: 0,
      sense: 'min',
      note: `${CONCURRENCY} connections, the suite's plan (${requests.length} requests, each once a round) replayed for ${duration} s`,
    },
    {
      name: "undici alone, the suite's own requests",
      value: Math.round(undici),
      unit: 'req/s',
      target: 0,
      sense: 'min',
      note: `the suite's HTTP client and nothing else, same requests and connections (${(undici / rawRate).toFixed(2)} × autocannon)`,
    },
    {
      name: 'suite checked cases/s',
      value: Math.round(median.rate),
      unit: 'cases/s',
      target: Math.round(rawRate * 0.5),
      sense: 'min',
      note: `${suite.cases} cases in ${(suite.durationMs / 1000).toFixed(1)} s, start-up included; target 0.5 × autocannon on the same requests; ratio ${median.ratio.toFixed(2)}\n       from the first judged case on: ${Math.round(sendingRate)} cases/s in ${(suite.sendingMs / 1000).toFixed(1)} s, ratio ${(sendingRate / rawRate).toFixed(2)}${rounds.length > 1 ? `\n       the round with the median ratio of ${rounds.length} (autocannon, then the suite, each against a fresh provider): ${rounds.map((x) => `${Math.round(x.rate)}/${Math.round(x.autocannon)} = ${x.ratio.toFixed(2)}`).join(' · ')}` : ''}${budget ? `\n       ${budget}` : ''}`,
    },
    // Memory from the same run: results stream to the bookkeeping, generation is a few batches ahead.
    { name: `peak RSS over ${suite.cases} cases`, value: suite.maxRssMb, unit: 'MB', target: 300, sense: 'max' },
  ];
}

/**
 * The machine's CPU while the suite runs, by process and thread (Linux /proc; empty elsewhere): on 2 cores the
 * provider, the runner thread, the generation worker and V8's own threads (GC, JIT) share the same two. Beside them,
 * from /proc/stat, what the machine spent that neither process was charged for (its kernel's own work, other
 * processes) and how long it was idle; and from schedstat, how long the runner thread was ready but waited for a core.
 */
function watchCpu(suitePid: number, providerPid: number): { stop(cases: number, cpuMs: number): string } {
  const tick = 100; // USER_HZ on Linux
  /** CPU ticks and ns spent waiting for a core, by thread id, with the thread's name. */
  const threads = (pid: number): Map<string, { name: string; ticks: number; waitNs: number }> => {
    const out = new Map<string, { name: string; ticks: number; waitNs: number }>();
    try {
      for (const t of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // schedstat: ns on a core, ns runnable but waiting for one, time slices.
        const waitNs = Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[1]);
        out.set(t, {
          name: readFileSync(`/proc/${pid}/task/${t}/comm`, 'utf8').trim(),
          ticks: Number(fields[11]) + Number(fields[12]),
          waitNs: Number.isFinite(waitNs) ? waitNs : 0,
        });
      }
    } catch {
      // The process is gone, or this is not Linux.
    }
    return out;
  };
  /** The machine's busy and idle ticks, all cores (the first line of /proc/stat). */
  const machine = (): { busy: number; idle: number } => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
      // user nice system idle iowait irq softirq steal: idle and iowait are idle, steal is neither.
      return { busy: f[0] + f[1] + f[2] + f[5] + f[6], idle: f[3] + f[4] };
    } catch {
      return { busy: 0, idle: 0 };
    }
  };
  const sum = (m: Map<string, { ticks: number }>) => [...m.values()].reduce((a, b) => a + b.ticks, 0);
  const provider0 = sum(threads(providerPid));
  const machine0 = machine();
  const t0 = performance.now();
  // Read while the suite runs (a thread that ended, and the process once it exits, are gone from /proc): the first
  // and the last reading of every thread id are kept.
  const first = new Map<string, { waitNs: number }>();
  const seen = new Map<string, { name: string; ticks: number; waitNs: number }>();
  const read = () => {
    for (const [tid, t] of threads(suitePid)) {
      if (!first.has(tid)) first.set(tid, t);
      seen.set(tid, t);
    }
  };
  read();
  const timer = setInterval(read, 200);
  return {
    stop(cases, cpuMs) {
      clearInterval(timer);
      const m = machine();
      const seconds = (performance.now() - t0) / 1000;
      if (seen.size === 0) return '';
      const by = (test: (name: string) => boolean) =>
        [...seen.values()].filter((t) => test(t.name)).reduce((a, t) => a + t.ticks, 0);
      const core = (ticks: number) => (ticks / tick / seconds).toFixed(2);
      const provider = sum(threads(providerPid)) - provider0;
      const charged = provider + sum(seen);
      const runner = by((n) => n === 'MainThread');
      const worker = by((n) => n === 'WorkerThread');
      const v8 = by((n) => n.startsWith('V8'));
      // A thread seen first after the start (the worker) waited from zero.
      const runnerWaitNs = [...seen]
        .filter(([, t]) => t.name === 'MainThread')
        .reduce((a, [tid, t]) => a + t.waitNs - (first.get(tid)?.waitNs ?? 0), 0);
      // The same ticks per checked case: steadier than a rate on a shared machine (a run's CPU per case moves by a few
      // per cent where its cases/s move by 15), so the figure to compare builds by.
      const us = (ticks: number) => Math.round(((ticks / tick) * 1e6) / cases);
      const whole = m.busy + m.idle - machine0.busy - machine0.idle;
      const machineLine =
        whole > 0
          ? ` · not charged to either (kernel, other processes) ${core(Math.max(0, m.busy - machine0.busy - charged))} · idle ${core(m.idle - machine0.idle)}`
          : ` · unused ${Math.max(0, cpus().length - charged / tick / seconds).toFixed(2)}`;
      return (
        `CPU in cores while it ran (${cpus().length} cores): provider ${core(provider)} · runner thread ${core(runner)} · generation worker ${core(worker)} · V8 GC/JIT threads ${core(v8)}${machineLine}\n` +
        `       CPU per checked case: suite ${Math.round((cpuMs * 1000) / cases)} µs, start-up included (runner thread ${us(runner)}, generation worker ${us(worker)}, V8 GC/JIT ${us(v8)}) · provider ${us(provider)} µs · the runner thread waited for a core ${Math.round(runnerWaitNs / 1e7 / seconds)} % of the time`
      );
    },
  };
}

/** Where the suite's process spends its time, by thread and stage, from V8 CPU profiles of a run (self time by source). */
async function profileStages(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-prof-'));
  await withProvider((url) =>
    output(
      child([
        '--cpu-prof',
        `--cpu-prof-dir=${dir}`,
        'bench/child.ts',
        'suite',
        url,
        String(SUITE_RUNS),
        String(CONCURRENCY),
      ]),
    ),
  );
  // One profile per thread, named in start order: the runner's (main) thread, then the generation worker's.
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
  const stage = (n: { callFrame: { functionName: string; url: string } }): string => {
    const { url: u, functionName: f } = n.callFrame;
    if (f === '(idle)') return 'idle (waiting for the target, or for work)';
    if (f === '(garbage collector)') return 'garbage collection';
    if (/\/src\/generators\/|fast-check|pure-rand/.test(u)) return 'generation (fast-check, certification)';
    if (/\/src\/(checks|validators)\/|\/ajv/.test(u)) return 'checks and validation';
    if (
      /\/src\/runner\/|undici|node:_http|node:net|node:internal\/stream|^$/.test(u) ||
      ['writev', 'writeUtf8String', 'utf8Write'].includes(f)
    )
      return 'HTTP exchange (client, sockets, syscalls)';
    return 'other (bookkeeping, start-up)';
  };
  const parts: string[] = [];
  for (const [i, file] of files.entries()) {
    const prof = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string; url: string } }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const totals = new Map<string, number>();
    let all = 0;
    prof.samples.forEach((id, k) => {
      const us = prof.timeDeltas[k] ?? 0;
      all += us;
      const key = stage(byId.get(id)!);
      totals.set(key, (totals.get(key) ?? 0) + us);
    });
    parts.push(`  ${i === 0 ? 'runner (main) thread' : 'generation worker thread'}:`);
    parts.push(
      ...[...totals]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `    ${((100 * v) / all).toFixed(0).padStart(3)}%  ${k}`),
    );
  }
  await rm(dir, { recursive: true, force: true });
  return parts.join('\n');
}

async function startup(): Promise<Figure> {
  // A listener that notes when the first request arrives, then answers 401 so that the run ends fast.
  let first = 0;
  const server = createServer((req, res) => {
    first ||= performance.now();
    req.resume();
    res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const t0 = performance.now();
  const p = spawn(
    NODE,
    [
      ...HEAP_FLAGS,
      'bin/conformance.ts',
      'run',
      '--target',
      `http://127.0.0.1:${port}/connect`,
      '--token',
      'x',
      '--max-requests',
      '1',
      '--report-dir',
      'reports/bench-startup',
    ],
    { stdio: 'ignore', env: CLI_ENV },
  );
  await new Promise((r) => p.once('exit', r));
  server.close();
  return {
    name: 'start-up to first request (URL target)',
    value: Math.round(first - t0),
    unit: 'ms',
    target: 1000,
    sense: 'max',
  };
}

async function prismRun(): Promise<Figure> {
  const t0 = performance.now();
  const p = spawn(
    NODE,
    [...HEAP_FLAGS, 'bin/conformance.ts', 'run', '--seed', '1', '--report-dir', 'reports/bench-prism'],
    { stdio: 'ignore', env: CLI_ENV },
  );
  const code = await new Promise<number | null>((r) => p.once('exit', r));
  return {
    name: 'default run against embedded Prism',
    value: Math.round(performance.now() - t0),
    unit: 'ms',
    target: 15_000,
    sense: 'max',
    note: `exit ${code}`,
  };
}

async function rates(): Promise<Figure[]> {
  const spec = await loadSpec('spec/openapi.yaml');
  const validators = buildValidators(spec);
  const runs = quick ? 5_000 : 20_000;
  const plan = planCases({ spec, validators, seed: 3, runs });
  const values: unknown[] = [];
  let t0 = performance.now();
  let n = 0;
  for (const c of plan.cases()) {
    n++;
    if (c.kind === 'valid' && values.length < 5_000) values.push(c.value);
  }
  const genRate = (n / (performance.now() - t0)) * 1000;
  const v = validators.request.get('application/json')!;
  t0 = performance.now();
  let m = 0;
  while (performance.now() - t0 < 2_000)
    for (const x of values) {
      v.validate(x);
      m++;
    }
  const valRate = (m / (performance.now() - t0)) * 1000;
  return [
    {
      name: 'cases generated/s',
      value: Math.round(genRate),
      unit: 'cases/s',
      target: 5_000,
      sense: 'min',
      note: `${n} cases`,
    },
    { name: 'request validations/s', value: Math.round(valRate), unit: 'validations/s', target: 50_000, sense: 'min' },
  ];
}

/**
 * Memory at scale (issue #18): peak RSS and report sizes of a 100,284-, a 1,000,284- and a 5,000,284-case conforming
 * run of the CLI as a user installs it (the compiled package, built here first), with its shebang's settings, so that
 * growth shows; created ids stream to created.ndjson. About 14 minutes of both cores; `--quick` skips them.
 */
async function scale(): Promise<Figure[]> {
  if (quick) return [];
  await new Promise<void>((resolve, reject) =>
    spawn('npm', ['run', 'build'], { stdio: 'ignore' }).once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}`)),
    ),
  );
  const figures: Figure[] = [];
  for (const runs of [50_000, 500_000, 2_500_000]) {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-scale-'));
    try {
      const out = await withProvider(async (url) => {
        const p = spawn(
          NODE,
          [
            ...HEAP_FLAGS,
            'dist/cli/bin.js',
            'run',
            '--target',
            url,
            '--seed',
            '7',
            '--runs',
            String(runs),
            '--concurrency',
            String(CONCURRENCY),
            '--report-dir',
            dir,
          ],
          { stdio: 'ignore', env: { ...CLI_ENV, CONNECT_TOKEN: 'bench-token' } },
        );
        // VmHWM only grows: the last reading before the exit is the peak but for the last half second.
        let peak = 0;
        const timer = setInterval(() => (peak = Math.max(peak, peakRssMb(p.pid!))), 500);
        const code = await new Promise<number | null>((r) => p.once('exit', r));
        clearInterval(timer);
        const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as {
          verdict: string;
          summary: { cases: number; durationMs: number };
        };
        return { code, peak, report, jsonMb: statSync(join(dir, 'report.json')).size / 2 ** 20 };
      });
      const { cases, durationMs } = out.report.summary;
      const note = `verdict ${out.report.verdict} (exit ${out.code}), ${Math.round(cases / (durationMs / 1000))} cases/s; report.json ${out.jsonMb.toFixed(2)} MB`;
      figures.push(
        { name: `peak RSS over ${cases} cases`, value: out.peak, unit: 'MB', target: 300, sense: 'max', note },
        {
          name: `report.html over ${cases} cases`,
          value: Math.round(statSync(join(dir, 'report.html')).size / 1024),
          unit: 'KB',
          target: 1024,
          sense: 'max',
        },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

{
  const figures: Figure[] = scaleOnly
    ? await scale()
    : throughputOnly
      ? await throughput()
      : [...(await rates()), ...(await throughput()), await startup(), await prismRun(), ...(await scale())];
  let ok = true;
  for (const f of figures) {
    const met = f.sense === 'min' ? f.value >= f.target : f.value <= f.target;
    ok &&= met;
    const ratio =
      f.target === 0
        ? ''
        : ` (${(f.sense === 'min' ? f.value / f.target : f.target / Math.max(1, f.value)).toFixed(2)}× target)`;
    console.log(
      `${met ? 'ok  ' : 'MISS'} ${f.name.padEnd(42)} ${String(f.value).padStart(8)} ${f.unit.padEnd(14)} target ${f.sense === 'min' ? '≥' : '≤'} ${f.target}${ratio}${f.note ? ' · ' + f.note : ''}`,
    );
  }
  const missed = figures.find((f) => f.name === 'suite checked cases/s' && f.value < f.target);
  if (missed)
    console.log(
      `throughput below target; where the suite's process spends its time (CPU profiles):\n${await profileStages()}`,
    );
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  await mkdir('reports', { recursive: true });
  const out = scaleOnly
    ? 'reports/bench-scale.json'
    : throughputOnly
      ? 'reports/bench-throughput.json'
      : 'reports/bench.json';
  await writeFile(out, JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n');
  console.log(`machine: ${machine.cpus} × ${machine.model}, ${machine.memoryGb} GiB, Node ${machine.node} · ${out}`);
  if (!quick && !scaleOnly && !throughputOnly) {
    console.log('faults found per request budget (seed 1, --runs 25, breadth-first order):');
    for (const r of await faultsPerBudget({ seed: 1, runs: 25 }))
      console.log(`  --max-requests ${r.budget.padStart(4)}  ${String(r.found).padStart(3)}/${r.of}`);
  }
  process.exitCode = ok ? 0 : 1;
}
