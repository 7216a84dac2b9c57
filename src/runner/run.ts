import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Check, CheckContext } from '../checks/types.ts';
import { createChecks } from '../checks/index.ts';
import { profileFor, type OperationProfile } from '../checks/profile.ts';
import { PROFILE_ONLY_STATUSES } from '../checks/rules.ts';
import { judge, type Judged } from '../checks/judge.ts';
import type { TestCase } from '../generators/case.ts';
import { MINIMAL_LABEL } from '../generators/space/bodies.ts';
import { createCoverage, planCases, shrinkCase, type PlanOptions } from '../generators/index.ts';
import { modelFor } from '../generators/model.ts';
import { caseSource, startFeed, WORKER_THRESHOLD, type CaseSource, type Feed } from './feed.ts';
import type { Exchange, ShardSpec } from '../types.ts';
import { lintSpec } from '../spec/lint.ts';
import { loadSpec, resolvePointer, type LoadedSpec } from '../spec/load.ts';
import type { OperationRef } from '../spec/operation.ts';
import { startTarget, TargetError, type Target } from '../targets/index.ts';
import { buildValidators, type Validators } from '../validators/index.ts';
import type { BaselineEntry, PreflightResult, Report } from '../report/model.ts';
import type { TalliedProblem } from '../report/tallied.ts';
import { createWaiverBook } from '../report/waivers.ts';
import { SERVER_ERROR } from '../report/cause.ts';
import { parseWaivers, type Waiver } from '../waivers.ts';
import type { Credentials } from './credentials.ts';
import { createSecrets, type Secrets } from '../secrets.ts';
import { createSession, type Session, type SessionOptions } from './session.ts';
import { onConnectionOfItsOwn } from './send.ts';
import { shardShare } from './shard.ts';
import { scheduled, type ScheduledPlan } from './schedule.ts';
import { fixturesFor, type FixtureApplier, type Fixtures } from './fixtures.ts';
import { createTally, type Tally } from './tally.ts';

/** Everything a run needs; the CLI builds it from flags. */
export interface RunOptions {
  readonly specPath: string;
  /** The operation judged (`--operation`); `POST /v1/onboarding/entities` when absent. */
  readonly operation?: OperationRef;
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
  /** Each check a case failed (not waived or baselined), as it is counted: a caller may stop the run by `signal`. */
  onFailure?(check: string): void;
}

const DEFAULT_TEAM_WAIVERS = 'spec/waivers.json';

/** Runs the suite against one target and returns the report as data. Throws only for unusable input or target. */
export async function runSuite(opts: RunOptions, hooks: RunHooks = {}): Promise<Report> {
  const started = Date.now();
  const spec = await loadSpec(opts.specPath, opts.operation);
  // A large run's generation worker starts now, so that its start-up overlaps the runner's (validators, plan,
  // preflight) and the boundary phase; it was the last ~0.3 s of a 10,000-case run's start. At most 2 × runs random
  // cases: the plan's exact count decides below whether it is used.
  const feed =
    (opts.generateInWorker ?? 2 * opts.runs >= WORKER_THRESHOLD)
      ? startFeed({ spec, seed: opts.seed, runs: opts.runs, shard: opts.shard ?? null })
      : undefined;
  try {
    return await runWith(spec, feed, started, opts, hooks);
  } finally {
    feed?.close();
  }
}

/** `runSuite` once the spec is loaded (and the generation worker, if any, started). */
async function runWith(
  spec: LoadedSpec,
  feed: Feed | undefined,
  started: number,
  opts: RunOptions,
  hooks: RunHooks,
): Promise<Report> {
  const planned = await planPhase(spec, opts);
  const { plan } = planned;
  const worker = feed !== undefined && (opts.generateInWorker ?? plan.count - plan.boundaryCount >= WORKER_THRESHOLD);
  // The worker is told where the random phase starts as soon as the plan is known: it generates while the target
  // starts, the preflight and the boundary phase run, and its first batch no longer keeps the senders waiting.
  const source = caseSource(plan, { spec, seed: opts.seed, runs: opts.runs, shard: opts.shard, worker, feed });
  // The token before the target: a token endpoint that fails does so before Prism is started.
  await opts.credentials.token();
  const target = await startTarget(planned.spec, opts.target);
  const secrets = opts.secrets ?? createSecrets();
  const session = createSession(sessionOptions(opts, hooks, target, secrets, started, planned.spec));
  try {
    if ((await session.token()) === undefined)
      throw new TargetError(
        'the spec requires a bearer token: pass --token T or set CONNECT_TOKEN (or use --token-url)',
      );
    const run = startRun(opts, hooks, planned, target, session, secrets);
    await session.handshake();
    const preflight = await preflightPhase(run);
    if (planned.applier) await probeFixtures(run, planned.applier);
    const sent = await sendPlan(run, source, run.judgesProbes ? preflight.results.length : 0);
    await livenessPhase(run);
    await shrinkPhase(run);
    await confirmPhase(run);
    return finish(run, {
      started,
      complete: preflight.complete && sent.complete,
      preflight: preflight.results,
      coverage: sent.coverage,
      secrets,
    });
  } finally {
    source.close();
    session.close();
    await target.stop();
  }
}

/** What a run decides before it starts anything: the spec, its validators and warnings, the waivers, the plan. */
interface Planned {
  readonly spec: LoadedSpec;
  /** The operation's verdict profile, which the checks and the tally are built from. */
  readonly profile: OperationProfile;
  /** The checks built from the profile, in report order: the schedule, the waivers and the judging use these. */
  readonly checks: readonly Check[];
  readonly validators: Validators;
  readonly lintWarnings: Report['warnings'];
  readonly teamWaivers: readonly Waiver[];
  readonly planOpts: PlanOptions;
  readonly plan: ScheduledPlan;
  readonly applier: FixtureApplier | undefined;
}

/** Plan: the spec's validators and warnings, the team's waivers read, the cases planned and scheduled, the fixtures checked. */
async function planPhase(spec: LoadedSpec, opts: RunOptions): Promise<Planned> {
  const profile = profileFor(spec.operationRef);
  const checks = createChecks(profile);
  const validators = buildValidators(spec);
  const lintWarnings = lintSpec(spec, PROFILE_ONLY_STATUSES);
  const teamWaivers = await readTeamWaivers(opts.waiversFile, checks);
  const planOpts: PlanOptions = { spec, validators, seed: opts.seed, runs: opts.runs };
  const plan = scheduled(planCases(planOpts), checks);
  // Fixtures: checked against the spec before anything is sent, and put in from the plan's first valid case (the one
  // with every field, breadth first).
  const applier = opts.fixtures && fixturesFor(opts.fixtures, plan.cases(), validators);
  return { spec, profile, checks, validators, lintWarnings, teamWaivers, planOpts, plan, applier };
}

/** The session of a run: its flags, the target's default timeout, Ctrl-C and the time limit. */
function sessionOptions(
  opts: RunOptions,
  hooks: RunHooks,
  target: Target,
  secrets: Secrets,
  started: number,
  spec: LoadedSpec,
): SessionOptions {
  return {
    baseUrl: target.baseUrl,
    path: spec.operationRef.path,
    mock: target.mock,
    credentials: opts.credentials,
    secrets,
    timeoutMs: opts.timeoutMs ?? target.defaultTimeoutMs,
    insecure: opts.insecure,
    ca: opts.ca?.pem,
    concurrency: opts.concurrency,
    rate: opts.rate,
    maxRequests: opts.maxRequests,
    maxBodyBytes: opts.maxBodyBytes,
    max429Retries: opts.max429Retries,
    max429WaitMs: opts.max429WaitMs,
    giveUpAfter: opts.giveUpAfter,
    deadline: opts.timeLimitMs === undefined ? undefined : started + opts.timeLimitMs,
    signal: hooks.signal,
  };
}

/** What the phases of one run share: its options and hooks, the plan, the session and the tally. */
interface Run {
  readonly opts: RunOptions;
  readonly hooks: RunHooks;
  readonly planned: Planned;
  readonly target: Target;
  readonly session: Session;
  readonly tally: Tally;
  /** This run judges the preflight probes (unsharded, or the first shard). */
  readonly judgesProbes: boolean;
  /** The case as sent: the fixtures put in. */
  prepared(c: TestCase): TestCase;
  /** Sends a case through the session, streams its exchanges to the hooks, notes the id it created. */
  send(c: TestCase): Promise<Exchange | undefined>;
  judge(c: TestCase, ex: Exchange): readonly Judged[];
  /** The case's 1-based place in the plan (preflight first). */
  placeOf(c: TestCase): number;
}

/** The checks, the waivers and the tally of a run, and how its phases send and judge a case. */
function startRun(
  opts: RunOptions,
  hooks: RunHooks,
  planned: Planned,
  target: Target,
  session: Session,
  secrets: Secrets,
): Run {
  const { spec, profile, checks, validators, plan, applier } = planned;
  const ctx: CheckContext = {
    validators,
    mockTarget: target.mock,
    timeoutMs: opts.timeoutMs ?? target.defaultTimeoutMs,
  };
  const book = createWaiverBook(
    [...target.waivers, ...planned.teamWaivers],
    target.kind,
    opts.today ?? new Date().toISOString().slice(0, 10),
  );
  const tally = createTally(
    checks,
    opts.seed,
    book,
    secrets.redact,
    opts.baseline?.entries ?? [],
    hooks.onCreated,
    (pointer) => resolvePointer(spec.document, pointer),
    profile,
    modelFor(spec, validators).fields.map((f) => f.name),
  );
  // Every 201 creates an entity in the target, whatever the case (shrinking and lax providers create too).
  const onAttempt = hooks.onExchange && ((c: TestCase) => (ex: Exchange) => hooks.onExchange?.(c, ex));
  return {
    opts,
    hooks,
    planned,
    target,
    session,
    tally,
    // Every shard probes the target, but only the first judges the probes: merged shards count them once.
    judgesProbes: !opts.shard || opts.shard.index === 1,
    prepared: (c) => applier?.apply(c) ?? c,
    async send(c) {
      const ex = await session.send(c, onAttempt?.(c));
      if (ex) hooks.onExchange?.(c, ex);
      return tally.noteCreated(ex);
    },
    judge: (c, ex) => judge(checks, c, ex, ctx),
    // A case's place in the plan as sent (preflight, then the scheduled boundary and random phases): firstFailureAt
    // counts in plan order, not in the order answers complete, so one seed gives one figure.
    placeOf: (c) => (c.phase === 'preflight' ? Number(c.id.slice(1)) : plan.preflight.length + plan.placeOf(c)),
  };
}

/**
 * Preflight: certain verdicts first, so a target that validates nothing is named in one line, and an unreachable
 * one stops the run before its plan. `complete` is false when sending stopped during it.
 */
async function preflightPhase(run: Run): Promise<{ results: PreflightResult[]; complete: boolean }> {
  const results: PreflightResult[] = [];
  for (const c of run.planned.plan.preflight) {
    const ex = run.session.stopped() ? undefined : await run.send(c);
    if (!ex) return { results, complete: false };
    await run.session.reachable(ex, results.length === 0);
    const expected = c.kind === 'auth' ? [401, 403] : [400];
    const received = ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'nothing');
    // ok only for the certain verdict: a 500 or a timeout does not enforce the contract any more than a 201 does.
    results.push({
      label: c.label,
      expected: expected.join('/'),
      received,
      ok: ex.response !== undefined && expected.includes(ex.response.status),
    });
    if (run.judgesProbes) failed(run, run.tally.record(c, ex, run.judge(c, ex), run.placeOf(c)));
  }
  return { results, complete: true };
}

/** The checks a case failed, told to the hooks. */
function failed(run: Run, checks: readonly string[]): void {
  for (const check of checks) run.hooks.onFailure?.(check);
}

/** Each fixture value once, before the cases: one the sandbox refuses is stale, reported and not used. */
async function probeFixtures(run: Run, applier: FixtureApplier): Promise<void> {
  for (const { probe, choice, option } of applier.probes()) {
    const ex = run.session.stopped() ? undefined : await run.send(probe);
    if (!ex) return;
    const status = ex.response?.status;
    // A 4xx other than auth and rate limit: the sandbox does not know the value (or the combination).
    const refused = status !== undefined && status >= 400 && status < 500 && ![401, 403, 429].includes(status);
    applier.probed(choice, option, status === undefined ? (ex.error?.kind ?? 'nothing') : String(status), refused);
  }
}

/** The plan (this shard's share), sent by `concurrency` senders and judged; false when sending stopped before its end. */
async function sendPlan(
  run: Run,
  cases: CaseSource,
  judgedProbes: number,
): Promise<{ complete: boolean; coverage: Report['coverage'] }> {
  const { session, tally, hooks } = run;
  const coverage = createCoverage(run.planned.planOpts);
  // The console's count is the report's: the shard's exact share, and the preflight probes this run judges.
  const total = shardShare(run.planned.plan.count, run.opts.shard) + judgedProbes;
  hooks.onStart?.({ total, target: run.target });
  let done = judgedProbes;
  let complete = true;
  const take = () => {
    if (!session.stopped()) return cases.next();
    complete = false;
    return undefined;
  };
  const sender = async () => {
    for (let next = await take(); next !== undefined; next = await take()) {
      const c = run.prepared(next);
      const ex = await run.send(c);
      if (ex === undefined) {
        complete = false;
        return;
      }
      coverage.record(c);
      failed(run, tally.record(c, ex, run.judge(c, ex), run.placeOf(c)));
      hooks.onProgress?.({ done: ++done, total, failures: tally.failureCount() });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, run.opts.concurrency) }, sender));
  return { complete, coverage: coverage.rows() };
}

/**
 * Shrink: the example of each problem, with a budget of its own, re-sent in smaller forms while it shows the problem.
 * Under --max-requests it leaves what the confirm phase sends: a smaller example is worth less than telling a server
 * error that comes and goes from a crash (a 500 to every 37th request was seven problems with 6 requests to spare).
 */
async function shrinkPhase(run: Run): Promise<void> {
  const { session, tally } = run;
  // Without a budget nothing needs keeping back, and the problems are not listed for it.
  const reserve = session.left() === Infinity ? 0 : CONFIRM_SENDS * toConfirm(run).length;
  const mayShrink = () => !session.stopped() && session.left() > reserve;
  for (const p of tally.shrinkable().slice(0, run.opts.maxShrinks ?? 10)) {
    if (!mayShrink()) break;
    const stillFails = async (generated: TestCase) => {
      if (!mayShrink()) return false;
      const candidate = run.prepared(generated);
      const ex = await run.send(candidate);
      return ex !== undefined && tally.showsProblem(p, candidate, ex, run.judge(candidate, ex));
    };
    const shrunk = await shrinkCase(p.case, run.planned.planOpts, stillFails, 60);
    const smallest = shrunk === p.case ? shrunk : run.prepared(shrunk);
    if (smallest !== p.case && mayShrink()) {
      const ex = await run.send(smallest);
      if (ex) tally.replaceExample(p, smallest, ex, run.judge(smallest, ex));
    }
  }
}

/** How many problems' examples are sent again on a connection of their own: one request each. */
const MAX_CONFIRMS = 5;
/** Requests the confirm phase may send per problem: a server error that comes again is sent once more. */
const CONFIRM_SENDS = 2;

/** The problems the confirm phase sends again: the first few, and server errors past them. */
function toConfirm(run: Run): readonly TalliedProblem[] {
  const confirmable = run.tally.confirmable();
  // Two server errors that do not come again alone make their like one problem (`mergeComeAndGo`).
  const errors = confirmable.slice(MAX_CONFIRMS).filter((p) => SERVER_ERROR.test(p.received));
  return [...confirmable.slice(0, MAX_CONFIRMS), ...errors.slice(0, MAX_CONFIRMS)];
}

/**
 * Liveness, once the run gave up on its target: the plainest valid request (the required members, the run's
 * credentials) sent once more, past the watch. An answer says the target is up and hangs on some requests (every
 * refusal left unanswered: Mono probe), which the report then says, its example the plainest of them, not a suspect
 * of a crash; no answer leaves the outage as it was. Its creation is recorded like any other.
 */
async function livenessPhase(run: Run): Promise<void> {
  // A target that never gave a usable answer is unusable whatever this one gets: nothing to tell apart.
  if ((run.session.gaveUp()?.answered ?? 0) === 0) return;
  const anonymous = run.planned.plan.preflight.find((c) => c.kind === 'auth' && c.auth === 'none');
  if (anonymous === undefined) return;
  const plain: TestCase = { ...anonymous, id: 'p-alive', kind: 'valid', label: MINIMAL_LABEL, auth: 'valid' };
  run.tally.noteCreated(await run.session.sendPastWatch(run.prepared(plain)));
}

/**
 * Confirm: the example of each of the first problems sent again on a connection of its own. An answer that differs
 * says the run's depended on what came before it on its connection (an unread body, a buffer not reset, Jetty's
 * header cache): a curl line, which opens a connection of its own, would not show it (three probes; the problem stays).
 * A timeout answered alone waited behind another request, one that still gets none alone blocked it (`mergeWaited`).
 */
async function confirmPhase(run: Run): Promise<void> {
  for (const p of toConfirm(run)) {
    if (run.session.stopped()) break;
    // A message written byte by byte has a connection of its own already: a timeout's is sent again as it is.
    const alone = p.case.wire !== undefined ? p.case : onConnectionOfItsOwn(p.case);
    if (alone === undefined) continue;
    let ex = await run.send(alone);
    // A server error again may be every nth request's: once more tells that from a crash on this request.
    if (ex?.response !== undefined && String(ex.response.status) === p.received && SERVER_ERROR.test(p.received))
      ex = run.session.stopped() ? ex : ((await run.send(alone)) ?? ex);
    if (ex) run.tally.noteFresh(p, ex);
  }
}

/** The report of the run, its options as given and how sending ended; no secret survives in it. */
function finish(
  run: Run,
  r: {
    started: number;
    complete: boolean;
    preflight: PreflightResult[];
    coverage: Report['coverage'];
    secrets: Secrets;
  },
): Report {
  const { opts, session, planned } = run;
  const fixtures = planned.applier?.report();
  const interrupted = session.interrupted;
  // The last guard: no secret survives anywhere in the report, wherever a provider echoed it.
  return r.secrets.deep(
    run.tally.report({
      spec: planned.spec,
      operation: planned.spec.operationRef,
      target: run.target,
      insecure: opts.insecure,
      runs: opts.runs,
      shard: opts.shard ?? null,
      interrupted,
      budgetExhausted: session.budgetExhausted,
      complete: r.complete && !interrupted,
      stopReason: session.stopReason(),
      gaveUp: session.gaveUp(),
      requests: session.requests,
      pacing: session.pacing(),
      ...(fixtures ? { fixtures } : {}),
      startedAt: new Date(r.started).toISOString(),
      options: {
        concurrency: opts.concurrency,
        timeoutMs: opts.timeoutMs ?? run.target.defaultTimeoutMs,
        ...(opts.rate === undefined ? {} : { rate: opts.rate }),
        ...(opts.maxRequests === undefined ? {} : { maxRequests: opts.maxRequests }),
        ...(opts.credentials.oauth ?? {}),
        ...(opts.waiversFile === undefined ? {} : { waivers: opts.waiversFile }),
        ...(opts.giveUpAfter === undefined ? {} : { giveUpAfter: opts.giveUpAfter }),
        ...(opts.timeLimitMs === undefined ? {} : { timeLimitS: opts.timeLimitMs / 1000 }),
        ...(opts.ca === undefined ? {} : { ca: opts.ca.file }),
      },
      durationMs: Date.now() - r.started,
      plan: planned.plan.byClass,
      coverage: r.coverage,
      lintWarnings: planned.lintWarnings,
      preflight: r.preflight,
      ...(opts.baseline ? { baseline: opts.baseline } : {}),
    }),
  );
}

async function readTeamWaivers(file: string | undefined, checks: readonly Check[]): Promise<Waiver[]> {
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
    checks.map((c) => c.name),
  );
}
