import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { CheckContext } from '../checks/types.ts';
import { createChecks } from '../checks/index.ts';
import { PROFILE_ONLY_STATUSES } from '../checks/rules.ts';
import { judge } from '../checks/judge.ts';
import type { TestCase } from '../generators/case.ts';
import { createCoverage, planCases, shrinkCase, type PlanOptions } from '../generators/index.ts';
import { caseSource, WORKER_THRESHOLD, type CaseSource } from './feed.ts';
import type { Exchange, ShardSpec } from '../types.ts';
import { lintSpec } from '../spec/lint.ts';
import { loadSpec, OPERATION, resolvePointer } from '../spec/load.ts';
import { MOCK_TOKEN, startTarget, TargetError, type Target } from '../targets/index.ts';
import { buildValidators, type Validators } from '../validators/index.ts';
import type { BaselineEntry, PreflightResult, Report } from '../report/model.ts';
import { createWaiverBook } from '../report/waivers.ts';
import { parseWaivers, type Waiver } from '../waivers.ts';
import type { Credentials } from './credentials.ts';
import { createSecrets, type Secrets } from '../secrets.ts';
import { createDeadTargetWatch } from './give-up.ts';
import { createTransport, headerSets, sendCase } from './send.ts';
import { probeTls, speaksTls } from './tls.ts';
import { scheduled, type ScheduledPlan } from './schedule.ts';
import { fixtureApplier, type FixtureApplier, type Fixtures } from './fixtures.ts';
import { createTally } from './tally.ts';

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
  /** `--ca FILE`: its path (for the report) and its PEM certificates, trusted for the target and the token endpoint. */
  readonly ca?: { readonly file: string; readonly pem: string };
  /** The team's waivers file; `spec/waivers.json` is read when present and nothing is given. */
  readonly waiversFile?: string;
  /** `--fixtures FILE`, read: the values the sandbox knows, put into cases as they are sent. */
  readonly fixtures?: Fixtures;
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
  /** Consecutive exchanges without a usable answer (transport failures, 429s) before the run gives up (8; 0 never). */
  readonly giveUpAfter?: number;
  /** Stop sending after this many ms (the run is then incomplete). */
  readonly timeLimitMs?: number;
  /** A baseline (`--baseline FILE`): the problems it lists are reported but do not fail the run. */
  readonly baseline?: { readonly file: string; readonly entries: readonly BaselineEntry[] };
  /** The run's secrets (the CLI's collector, built once per run); the credentials' own are tracked in any case. */
  readonly secrets?: Secrets;
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
  /** Every id the target created, as it is seen (the CLI streams them to `created.ndjson`). */
  readonly onCreated?: (id: string) => void;
}

const DEFAULT_TEAM_WAIVERS = 'spec/waivers.json';

/** Runs the suite against one target and returns the report as data. Throws only for unusable input or target. */
export async function runSuite(opts: RunOptions, hooks: RunHooks = {}): Promise<Report> {
  const started = Date.now();
  const spec = await loadSpec(opts.specPath);
  const validators = buildValidators(spec);
  const lintWarnings = lintSpec(spec, PROFILE_ONLY_STATUSES);
  const teamWaivers = await readTeamWaivers(opts.waiversFile);
  const planOpts: PlanOptions = { spec, validators, seed: opts.seed, runs: opts.runs };
  const plan = scheduled(planCases(planOpts), createChecks());
  // Fixtures: checked against the spec before anything is sent, and put in from the plan's first valid case (the one
  // with every field, breadth first).
  const applier = opts.fixtures && fixturesFor(opts.fixtures, plan, validators);
  const token = await opts.credentials.token();

  const target = await startTarget(spec, opts.target);
  let source: CaseSource | undefined;
  const { http, pace } = createTransport({
    timeoutMs: opts.timeoutMs ?? target.defaultTimeoutMs,
    maxBodyBytes: opts.maxBodyBytes,
    insecure: opts.insecure,
    ca: opts.ca?.pem,
    concurrency: opts.concurrency,
    rate: opts.rate,
    maxRequests: opts.maxRequests,
  });
  try {
    const url = target.baseUrl + OPERATION.path;
    const validToken = token ?? (target.mock ? MOCK_TOKEN : undefined);
    if (validToken === undefined)
      throw new TargetError(
        'the spec requires a bearer token: pass --token T or set CONNECT_TOKEN (or use --token-url)',
      );
    const secrets = opts.secrets ?? createSecrets();
    secrets.add(validToken);
    secrets.track(() => opts.credentials.secrets());
    const redact = secrets.redact;
    const watch = createDeadTargetWatch(opts.giveUpAfter);
    const deadline = opts.timeLimitMs === undefined ? undefined : started + opts.timeLimitMs;
    const timeUp = () => deadline !== undefined && Date.now() >= deadline;
    const deps = {
      url,
      http,
      pace,
      credentials: opts.credentials,
      signal: hooks.signal ? AbortSignal.any([hooks.signal, watch.signal]) : watch.signal,
      max429Retries: opts.max429Retries,
      max429WaitMs: opts.max429WaitMs,
      watch,
      wireHeaders: headerSets(redact),
      redact,
    };
    // Every 201 creates an entity in the target, whatever the case (shrinking and lax providers create too).
    const onAttempt = hooks.onExchange && ((c: TestCase) => (ex: Exchange) => hooks.onExchange?.(c, ex));
    const prepared = (c: TestCase) => applier?.apply(c) ?? c;
    const exec = async (c: TestCase) => {
      const ex = await sendCase(c, deps, onAttempt?.(c));
      if (ex) hooks.onExchange?.(c, ex);
      return tally.noteCreated(ex);
    };
    const stopped = () => hooks.signal?.aborted === true || watch.gaveUp || pace.exhausted || timeUp();
    let complete = true;

    const checks = createChecks();
    const ctx: CheckContext = { validators, mockTarget: target.mock };
    const book = createWaiverBook(
      [...target.waivers, ...teamWaivers],
      target.kind,
      opts.today ?? new Date().toISOString().slice(0, 10),
    );
    const tally = createTally(
      checks,
      opts.seed,
      book,
      redact,
      opts.baseline?.entries ?? [],
      hooks.onCreated,
      (pointer) => resolvePointer(spec.document, pointer),
    );
    const coverage = createCoverage(planOpts);

    // A case's place in the plan as sent (preflight, then the scheduled boundary and random phases): firstFailureAt
    // counts in plan order, not in the order answers complete, so one seed gives one figure.
    const placeOf = (c: TestCase) =>
      c.phase === 'preflight' ? Number(c.id.slice(1)) : plan.preflight.length + plan.placeOf(c);

    // TLS before any case: a certificate the suite does not trust is one line with its hint, not a run of failures.
    const timeoutMs = opts.timeoutMs ?? target.defaultTimeoutMs;
    const base = new URL(target.baseUrl);
    if (base.protocol === 'https:') {
      const failed = await probeTls(base, { insecure: opts.insecure, ca: opts.ca?.pem }, timeoutMs);
      if (failed !== undefined) throw new TargetError(`target ${target.baseUrl}: TLS handshake failed: ${failed}`);
    }

    // Preflight: certain verdicts first, so a target that validates nothing is named in one line.
    const preflight: PreflightResult[] = [];
    for (const c of plan.preflight) {
      const ex = stopped() ? undefined : await exec(c);
      if (!ex) {
        complete = false;
        break;
      }
      if (ex.error && ['connection-refused', 'dns', 'tls'].includes(ex.error.kind)) {
        throw new TargetError(`target ${target.baseUrl} is unreachable: ${ex.error.message}`);
      }
      // http:// to a port that speaks TLS: the server hangs up on the plain request; a handshake there says why.
      if (
        preflight.length === 0 &&
        ex.error?.kind === 'connection-reset' &&
        base.protocol === 'http:' &&
        (await speaksTls(base, timeoutMs))
      )
        throw new TargetError(`target ${target.baseUrl}: the port speaks TLS; use https://`);
      const expected = c.kind === 'auth' ? [401, 403] : [400];
      const received = ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'nothing');
      // ok only for the certain verdict: a 500 or a timeout does not enforce the contract any more than a 201 does.
      preflight.push({
        label: c.label,
        expected: expected.join('/'),
        received,
        ok: ex.response !== undefined && expected.includes(ex.response.status),
      });
      // Every shard probes the target, but only the first judges the probes: merged shards count them once.
      if (!opts.shard || opts.shard.index === 1) tally.record(c, ex, judge(checks, c, ex, ctx), placeOf(c));
    }

    // Each fixture value once, before the cases: one the sandbox refuses is stale, reported and not used.
    for (const { probe, choice, option } of applier?.probes() ?? []) {
      const ex = stopped() ? undefined : await exec(probe);
      if (!ex) break;
      const status = ex.response?.status;
      // A 4xx other than auth and rate limit: the sandbox does not know the value (or the combination).
      const refused = status !== undefined && status >= 400 && status < 500 && ![401, 403, 429].includes(status);
      applier?.probed(choice, option, status === undefined ? (ex.error?.kind ?? 'nothing') : String(status), refused);
    }

    const worker = opts.generateInWorker ?? plan.count - plan.boundaryCount >= WORKER_THRESHOLD;
    source = caseSource(plan, { spec, seed: opts.seed, runs: opts.runs, shard: opts.shard, worker });
    const cases = source;
    // The console's count is the report's: the shard's exact share, and the preflight probes this run judges.
    const judgedProbes = !opts.shard || opts.shard.index === 1 ? preflight.length : 0;
    const share = opts.shard
      ? Math.max(0, Math.floor((plan.count - opts.shard.index) / opts.shard.count) + 1)
      : plan.count;
    const total = share + judgedProbes;
    hooks.onStart?.({ total, target });
    let done = judgedProbes;
    const take = () => {
      if (!stopped()) return cases.next();
      complete = false;
      return undefined;
    };
    const sender = async () => {
      for (let next = await take(); next !== undefined; next = await take()) {
        const c = prepared(next);
        const ex = await exec(c);
        if (ex === undefined) {
          complete = false;
          return;
        }
        coverage.record(c);
        tally.record(c, ex, judge(checks, c, ex, ctx), placeOf(c));
        hooks.onProgress?.({ done: ++done, total, failures: tally.failureCount() });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, sender));

    // Shrink: the example of each problem, with a budget of its own, re-sent in smaller forms while it shows the problem.
    for (const p of tally.shrinkable().slice(0, opts.maxShrinks ?? 10)) {
      if (stopped()) break;
      const stillFails = async (generated: TestCase) => {
        const candidate = prepared(generated);
        const ex = await exec(candidate);
        return ex !== undefined && tally.showsProblem(p, candidate, ex, judge(checks, candidate, ex, ctx));
      };
      const shrunk = await shrinkCase(p.case, planOpts, stillFails, 60);
      const smallest = shrunk === p.case ? shrunk : prepared(shrunk);
      if (smallest !== p.case) {
        const ex = await exec(smallest);
        if (ex) tally.replaceExample(p, smallest, ex);
      }
    }

    const interrupted = hooks.signal?.aborted ?? false;
    // The last guard: no secret survives anywhere in the report, wherever a provider echoed it.
    return secrets.deep(
      tally.report({
        spec,
        target,
        insecure: opts.insecure,
        runs: opts.runs,
        shard: opts.shard ?? null,
        interrupted,
        budgetExhausted: pace.exhausted,
        complete: complete && !interrupted,
        stopReason: interrupted
          ? 'interrupted'
          : watch.gaveUp
            ? 'gave-up'
            : pace.exhausted
              ? 'max-requests'
              : timeUp()
                ? 'time-limit'
                : undefined,
        gaveUp: watch.message === undefined ? undefined : { after: watch.limit, message: watch.message },
        requests: pace.used,
        pacing: pace.state(),
        ...(applier ? { fixtures: applier.report() } : {}),
        startedAt: new Date(started).toISOString(),
        options: {
          concurrency: opts.concurrency,
          timeoutMs: opts.timeoutMs ?? target.defaultTimeoutMs,
          ...(opts.rate === undefined ? {} : { rate: opts.rate }),
          ...(opts.maxRequests === undefined ? {} : { maxRequests: opts.maxRequests }),
          ...(opts.credentials.oauth ?? {}),
          ...(opts.waiversFile === undefined ? {} : { waivers: opts.waiversFile }),
          ...(opts.giveUpAfter === undefined ? {} : { giveUpAfter: opts.giveUpAfter }),
          ...(opts.timeLimitMs === undefined ? {} : { timeLimitS: opts.timeLimitMs / 1000 }),
          ...(opts.ca === undefined ? {} : { ca: opts.ca.file }),
        },
        durationMs: Date.now() - started,
        plan: plan.byClass,
        coverage: coverage.rows(),
        lintWarnings,
        preflight,
        ...(opts.baseline ? { baseline: opts.baseline } : {}),
      }),
    );
  } finally {
    source?.close();
    http.close();
    await target.stop();
  }
}

/** The fixtures' applier, based on the plan's first valid case with a JSON body and that body's validator. */
function fixturesFor(fx: Fixtures, plan: ScheduledPlan, validators: Validators): FixtureApplier {
  for (const c of plan.cases()) {
    const validator = c.kind === 'valid' && c.body !== undefined ? validators.requestFor(c.contentType) : undefined;
    if (validator) return fixtureApplier(fx, validator, c);
  }
  throw new TargetError(`fixtures file ${fx.file}: the plan has no valid case to put them in`);
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
  return parseWaivers(
    json,
    path,
    createChecks().map((c) => c.name),
  );
}
