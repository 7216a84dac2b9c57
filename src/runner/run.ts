import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { CheckContext } from '../checks/types.ts';
import { createChecks } from '../checks/index.ts';
import { judge } from '../checks/judge.ts';
import type { TestCase } from '../generators/case.ts';
import { createCoverage, planCases, shrinkCase, type PlanOptions } from '../generators/index.ts';
import { caseSource, WORKER_THRESHOLD, type CaseSource, type ShardSpec } from '../generators/feed.ts';
import { lintSpec } from '../spec/lint.ts';
import { loadSpec, OPERATION } from '../spec/load.ts';
import { MOCK_TOKEN, startTarget, TargetError, type Target } from '../targets/index.ts';
import { buildValidators } from '../validators/index.ts';
import type { PreflightResult, Report } from '../report/model.ts';
import type { BaselineEntry } from '../report/baseline.ts';
import { createWaiverBook, parseWaivers, type Waiver } from '../report/waivers.ts';
import { redactDeep, redactor, type Credentials } from './credentials.ts';
import type { Exchange } from './exchange.ts';
import { createHttpClient, type HttpClient } from './http.ts';
import { createPace, retryAfterMs, sleep, type Pace } from './pace.ts';
import { createTally } from './tally.ts';
import { TOOL } from '../version.ts';

/** Everything a run needs; the CLI builds it from flags. */
export interface RunOptions {
  readonly specPath: string;
  /** `prism` or a provider's base URL. */
  readonly target: string;
  readonly credentials: Credentials;
  readonly seed: number;
  readonly runs: number;
  readonly concurrency: number;
  /** Per-request timeout; the target's default when absent. */
  readonly timeoutMs?: number;
  /** Requests per second at most. */
  readonly rate?: number;
  /** Hard cap on requests sent, retries included. */
  readonly maxRequests?: number;
  /** 1-based shard index and count. */
  readonly shard?: ShardSpec;
  readonly insecure: boolean;
  /** The team's waivers file; `spec/waivers.json` is read when present and nothing is given. */
  readonly waiversFile?: string;
  /** Most bytes of an answer read. */
  readonly maxBodyBytes?: number;
  /** Most 429 answers waited out for one case before giving up on it. */
  readonly max429Retries?: number;
  /** Longest single wait for a 429, ms. */
  readonly max429WaitMs?: number;
  /** Problems whose example is shrunk against the target at most (each with its own budget of 60 attempts). */
  readonly maxShrinks?: number;
  /** Generate the random phase in a worker thread; by default when it has at least `WORKER_THRESHOLD` cases. */
  readonly generateInWorker?: boolean;
  /** A baseline (`--baseline FILE`): the problems it lists are reported but do not fail the run. */
  readonly baseline?: { readonly file: string; readonly entries: readonly BaselineEntry[] };
  /** Today as YYYY-MM-DD, for waiver expiry (tests pin it). */
  readonly today?: string;
}

/** Hooks for the CLI: progress and Ctrl-C. The engine itself prints nothing. */
export interface RunHooks {
  readonly signal?: AbortSignal;
  onStart?(info: { total: number; target: Target }): void;
  onProgress?(p: { done: number; total: number; failures: number }): void;
  /** Every exchange as it completes (preflight, cases, shrinking): `--har-all` streams them to disk. */
  onExchange?(c: TestCase, ex: Exchange): void;
}

const WRONG_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjb25mb3JtYW5jZS13cm9uZy10b2tlbiJ9.';
const DEFAULT_TEAM_WAIVERS = 'spec/waivers.json';

/** Runs the suite against one target and returns the report as data. Throws only for unusable input or target. */
export async function runSuite(opts: RunOptions, hooks: RunHooks = {}): Promise<Report> {
  const started = Date.now();
  const spec = await loadSpec(opts.specPath);
  const validators = buildValidators(spec);
  const lintWarnings = lintSpec(spec);
  const teamWaivers = await readTeamWaivers(opts.waiversFile);
  const planOpts: PlanOptions = { spec, validators, seed: opts.seed, runs: opts.runs };
  const plan = planCases(planOpts);
  const token = await opts.credentials.token();

  const target = await startTarget(spec, opts.target);
  let source: CaseSource | undefined;
  const http = createHttpClient({
    timeoutMs: opts.timeoutMs ?? target.defaultTimeoutMs,
    maxBodyBytes: opts.maxBodyBytes ?? 1 << 20,
    insecure: opts.insecure,
    maxSockets: opts.concurrency,
  });
  try {
    const url = target.baseUrl + OPERATION.path;
    const validToken = token ?? (target.mock ? MOCK_TOKEN : undefined);
    if (validToken === undefined)
      throw new TargetError(
        'the spec requires a bearer token: pass --token T or set CONNECT_TOKEN (or use --token-url)',
      );
    const secrets = () => [...new Set([...opts.credentials.secrets(), validToken])].filter((s) => s.length >= 4);
    const redact = redactor(secrets);
    const pace = createPace(opts.rate, opts.maxRequests);
    // Every 201 creates an entity in the target, whatever the case (shrinking and lax providers create too).
    const wireHeaders = headerSets(redact);
    const exec = async (c: TestCase) => {
      const ex = await execute(c, url, http, pace, opts, hooks.signal, wireHeaders);
      if (ex) hooks.onExchange?.(c, ex);
      return tally.noteCreated(ex);
    };

    const checks = createChecks();
    const ctx: CheckContext = { validators, mockTarget: target.mock };
    const book = createWaiverBook(
      [...target.waivers, ...teamWaivers],
      target.kind,
      opts.today ?? new Date().toISOString().slice(0, 10),
    );
    const tally = createTally(checks, opts.seed, book, redact, new Set(opts.baseline?.entries.map((e) => e.signature)));
    const coverage = createCoverage(planOpts);

    // Preflight: certain verdicts first, so a target that validates nothing is named in one line.
    const preflight: PreflightResult[] = [];
    for (const c of plan.preflight) {
      const ex = await exec(c);
      if (!ex) break;
      if (ex.error && ['connection-refused', 'dns', 'tls'].includes(ex.error.kind)) {
        throw new TargetError(`target ${target.baseUrl} is unreachable: ${ex.error.message}`);
      }
      const expected = c.kind === 'auth' ? '401/403' : '400';
      const received = ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'nothing');
      preflight.push({
        label: c.label,
        expected,
        received,
        ok: !ex.response || ex.response.status < 200 || ex.response.status >= 300,
      });
      // Every shard probes the target, but only the first judges the probes: merged shards count them once.
      if (!opts.shard || opts.shard.index === 1) tally.record(c, ex, judge(checks, c, ex, ctx), pace.used);
    }

    const worker = opts.generateInWorker ?? plan.count - plan.boundaryCount >= WORKER_THRESHOLD;
    source = caseSource(plan, { spec, seed: opts.seed, runs: opts.runs, shard: opts.shard, worker });
    const cases = source;
    const total = opts.shard ? Math.ceil(plan.count / opts.shard.count) : plan.count;
    hooks.onStart?.({ total, target });
    let done = 0;
    const take = () => (hooks.signal?.aborted || pace.exhausted ? undefined : cases.next());
    const sender = async () => {
      for (let c = await take(); c !== undefined; c = await take()) {
        const ex = await exec(c);
        if (ex === undefined) return;
        coverage.record(c);
        tally.record(c, ex, judge(checks, c, ex, ctx), pace.used);
        hooks.onProgress?.({ done: ++done, total, failures: tally.failureCount() });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, sender));

    // Shrink: the example of each problem, with a budget of its own, re-sent in smaller forms while it shows the problem.
    for (const p of tally.shrinkable().slice(0, opts.maxShrinks ?? 10)) {
      if (hooks.signal?.aborted || pace.exhausted) break;
      const stillFails = async (candidate: TestCase) => {
        const ex = await exec(candidate);
        return ex !== undefined && tally.showsProblem(p, ex, judge(checks, candidate, ex, ctx));
      };
      const smallest = await shrinkCase(p.case, planOpts, stillFails, 60);
      if (smallest !== p.case) {
        const ex = await exec(smallest);
        if (ex) tally.replaceExample(p, smallest, ex);
      }
    }

    const interrupted = hooks.signal?.aborted ?? false;
    // The last guard: no secret survives anywhere in the report, wherever a provider echoed it.
    return redactDeep(
      tally.report({
        spec,
        target,
        insecure: opts.insecure,
        runs: opts.runs,
        shard: opts.shard ?? null,
        interrupted,
        budgetExhausted: pace.exhausted,
        requests: pace.used,
        startedAt: new Date(started).toISOString(),
        durationMs: Date.now() - started,
        plan: plan.byClass,
        coverage: coverage.rows(),
        lintWarnings,
        preflight,
        ...(opts.baseline ? { baseline: opts.baseline } : {}),
      }),
      redact,
    );
  } finally {
    source?.close();
    http.close();
    await target.stop();
  }
}

async function readTeamWaivers(file: string | undefined): Promise<Waiver[]> {
  const path = file ?? (existsSync(DEFAULT_TEAM_WAIVERS) ? DEFAULT_TEAM_WAIVERS : undefined);
  if (path === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new TargetError(`waivers file ${path}: ${(e as Error).message}`);
  }
  return parseWaivers(json, path);
}

/** Builds the wire headers of a case (and their redacted twin for reports). */
export function caseHeaders(c: TestCase, token: string): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', 'user-agent': `${TOOL.name}/${TOOL.version}` };
  if (c.contentType !== undefined) h['content-type'] = c.contentType;
  switch (c.auth) {
    case 'valid':
      h['authorization'] = `Bearer ${token}`;
      break;
    case 'lowercase-scheme':
      h['authorization'] = `bearer ${token}`;
      break;
    case 'wrong':
      h['authorization'] = `Bearer ${WRONG_TOKEN}`;
      break;
    case 'basic':
      h['authorization'] = `Basic ${Buffer.from('conformance:wrong-password').toString('base64')}`;
      break;
    case 'empty-bearer':
      h['authorization'] = 'Bearer ';
      break;
    case 'none':
      break;
  }
  return h;
}

/** The wire headers of a case and their redacted twin (what reports show). */
type WireHeaders = (
  c: TestCase,
  token: string,
) => { headers: Readonly<Record<string, string>>; shown: Readonly<Record<string, string>> };

/** A run sends a handful of distinct header sets (auth mode × media type × token): each is built and redacted once. */
function headerSets(redact: (s: string) => string): WireHeaders {
  const sets = new Map<string, { headers: Record<string, string>; shown: Record<string, string> }>();
  return (c, token) => {
    const key = `${c.auth}\n${c.contentType ?? ''}\n${c.contentType === undefined ? 0 : 1}\n${token}`;
    let set = sets.get(key);
    if (!set) {
      const headers = caseHeaders(c, token);
      set = { headers, shown: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(v)])) };
      // A token refreshed many times must not grow the map without bound.
      if (sets.size > 256) sets.clear();
      sets.set(key, set);
    }
    return set;
  };
}

/** Sends one case, waiting out 429s and refreshing credentials once on a 401; undefined when the budget is spent. */
async function execute(
  c: TestCase,
  url: string,
  http: HttpClient,
  pace: Pace,
  opts: RunOptions,
  signal: AbortSignal | undefined,
  wireHeaders: WireHeaders,
): Promise<Exchange | undefined> {
  let rateLimited = 0;
  let refreshed = false;
  for (;;) {
    if (!(await pace.acquire(signal))) return undefined;
    const token = (await opts.credentials.token()) ?? MOCK_TOKEN;
    const { headers, shown } = wireHeaders(c, token);
    const ex = await http.send({ method: c.method, url, headers, body: c.body }, shown, () => pace.acquire(signal));
    const res = ex.response;
    if (res?.status === 429) {
      rateLimited++;
      if (rateLimited > (opts.max429Retries ?? 5)) {
        return {
          request: ex.request,
          durationMs: ex.durationMs,
          error: { kind: 'rate-limited', message: `still 429 after ${rateLimited} tries; gave up on this case` },
          rateLimited,
        };
      }
      // A 429 is not a verdict (RFC 6585 §4): wait as told, or back off exponentially, then retry the same case.
      const wait = Math.min(
        retryAfterMs(res.headers['retry-after']) ?? 500 * 2 ** (rateLimited - 1),
        opts.max429WaitMs ?? 30_000,
      );
      await sleep(wait, signal);
      // Interrupted while waiting: the case is not judged on a 429.
      if (signal?.aborted) return undefined;
      continue;
    }
    if (res?.status === 401 && (c.auth === 'valid' || c.auth === 'lowercase-scheme') && !refreshed) {
      refreshed = true;
      if (await opts.credentials.refresh(token)) continue;
    }
    return { ...ex, rateLimited };
  }
}
