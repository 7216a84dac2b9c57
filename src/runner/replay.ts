// The replay engine (`conformance replay`): a report's failing requests rebuilt, sent again through a session as the
// run sent them, and judged as the run judged them, by the check that reported each.
import { createChecks } from '../checks/index.ts';
import { profileFor, type OperationProfile } from '../checks/profile.ts';
import { judge } from '../checks/judge.ts';
import type { CheckContext } from '../checks/types.ts';
import type { TestCase } from '../generators/case.ts';
import type { ReportedFailure } from '../report/model.ts';
import { caseFromFailure } from '../report/replay.ts';
import { loadSpec } from '../spec/load.ts';
import type { OperationRef } from '../spec/operation.ts';
import { buildValidators } from '../validators/index.ts';
import type { Exchange } from '../types.ts';
import { createSession, type Session, type SessionOptions } from './session.ts';

/** What became of one replayed failure. */
export type ReplayOutcome =
  | { readonly state: 'fixed'; readonly note: string }
  | { readonly state: 'failing' | 'inconclusive' | 'rate-limited' | 'not-sent'; readonly message: string };

/** A replay, the spec loaded: open it against a target to replay failures there. */
export interface Replay {
  /** The sha256 of the spec the answers are judged by (a report's may differ: the caller says so). */
  readonly specSha256: string;
  /** A session to the target (never the embedded mock); every failure is replayed through it. */
  open(o: Omit<SessionOptions, 'path' | 'mock'>): ReplaySession;
}

/** Failures replayed through one session. */
export interface ReplaySession {
  /** Sends the failure's case again (twice for a duplicate id) and judges the answer by the failure's check. */
  replay(f: ReportedFailure): Promise<ReplayOutcome>;
  close(): void;
}

const NOT_SENT: ReplayOutcome = {
  state: 'not-sent',
  message: 'the budget (--max-requests) was spent, the replay was interrupted or gave up on the target',
};

/**
 * Loads the spec the answers are judged by, for the report's operation (judged by that operation's profile; a report
 * of an older version names none: the default one); throws a `SpecError` when it is unusable or has no such operation.
 */
export async function prepareReplay(specPath: string, operation?: OperationRef): Promise<Replay> {
  const spec = await loadSpec(specPath, operation);
  const profile = profileFor(spec.operationRef);
  const ctx: CheckContext = { validators: buildValidators(spec), mockTarget: false };
  return {
    specSha256: spec.sha256,
    open(o) {
      const session = createSession({ ...o, path: spec.operationRef.path, mock: false });
      // Replay sends a handful of requests: a target that cannot be reached stops it at any of them.
      const send = async (c: TestCase): Promise<Exchange | undefined> => {
        const ex = await session.send(c);
        if (ex) await session.reachable(ex);
        return ex;
      };
      // The whole-second creation rule reads the timeout: an answer judged at all came within it.
      const judgedWith: CheckContext = { ...ctx, timeoutMs: o.timeoutMs };
      return { replay: (f) => replayOne(f, send, judgedWith, profile), close: () => session.close() };
    },
  };
}

async function replayOne(
  f: ReportedFailure,
  send: Session['send'],
  ctx: CheckContext,
  profile: OperationProfile,
): Promise<ReplayOutcome> {
  const c = caseFromFailure(f);
  const checks = createChecks(profile);
  let ex = await send(c);
  if (!ex) return NOT_SENT;
  let judged = judge(checks, c, ex, ctx);
  if (f.check === 'unique-id') {
    // A duplicate id needs two answers: send the same request again and judge it with the same (stateful) check.
    const again = { ...c, id: `${c.id}-again` };
    ex = await send(again);
    if (!ex) return NOT_SENT;
    judged = judge(checks, again, ex, ctx);
  }
  // A 429 says nothing about the failure: waited out as the run does, then reported, never taken for a fix.
  if (ex.error?.kind === 'rate-limited')
    return {
      state: 'rate-limited',
      message: `${ex.error.message}; lower --rate or replay later`,
    };
  const mine = judged.find((j) => j.check.name === f.check);
  const answer = ex.response ? `${ex.response.status}` : `${ex.error?.kind ?? 'no answer'}`;
  // A comparison with an earlier answer of the run: one answer alone can neither show it again nor show it gone.
  if (COMPARED_WITH_EARLIER.some(([kind, marker]) => f.kind === kind && f.message.includes(marker)))
    return {
      state: 'inconclusive',
      message: `${f.check} compared this answer with an earlier one of the run; sent alone, it cannot be judged (answer ${answer})`,
    };
  if (!mine)
    return { state: 'inconclusive', message: `${f.check} does not apply to the rebuilt case (answer ${answer})` };
  if (mine.outcome === 'skip')
    return { state: 'inconclusive', message: `${f.check} could not judge the answer (${answer})` };
  // A failure judged against the run's earlier answers is only its warning when its case is judged alone: that warning
  // again is the failure still there, and its absence the fix.
  const alone = ALONE[f.kind];
  const still = alone && mine.failures.find((x) => x.kind === alone && (x.at === undefined || x.at === f.at));
  if (still)
    return {
      state: 'failing',
      message: `${still.message} [${f.kind}: judged alone, without the run's earlier answers]`,
    };
  const errors = mine.failures.filter((x) => x.severity === 'error');
  if (mine.outcome === 'fail')
    return {
      state: 'failing',
      message: `${errors[0].message}${errors[0].kind !== f.kind ? ` [now ${errors[0].kind}]` : ''}`,
    };
  const others = judged.filter((j) => j.outcome === 'fail').map((j) => j.check.name);
  const now = others.length ? ` (answer ${answer}; now failing ${others.join(', ')})` : '';
  return { state: 'fixed', note: `${now}${COMES_AND_GOES.has(f.check) ? INTERMITTENT_NOTE : ''}` };
}

/**
 * Failure kinds judged against the run's earlier answers (`echo-dropped`: other answers echoed the member;
 * `challenge-dropped`, `challenge-scheme-changed`, `challenge-malformed`: other 401s challenged Bearer, in a form that
 * parses), with the warning their case gets when it is judged alone.
 */
const ALONE: Readonly<Record<string, string>> = {
  'echo-dropped': 'echo-omission',
  'challenge-dropped': 'missing-www-authenticate',
  'challenge-scheme-changed': 'non-bearer-challenge',
  'challenge-malformed': 'challenge-malformed',
};

/**
 * Failures found by comparing an answer with an earlier one of the run (their kind, and what their message says of it
 * where the kind has other forms): a Location another request got or shaped otherwise than the run's others, an entity
 * id another entity got, a creation time repeated, a member another request sent, a twin's reference refused.
 */
const COMPARED_WITH_EARLIER: readonly (readonly [string, string])[] = [
  ['location-names-another', 'earlier 201'],
  ['entity-id-reused', ''],
  ['created-not-now', "an earlier answer's"],
  ['echo-leaked', 'an earlier request'],
  ['media-types-disagree', 'under the primary media type'],
];

/** Failures that may come and go with the same request: a crash on a race or a resource, a lost answer. */
const COMES_AND_GOES: ReadonlySet<string> = new Set(['not-a-server-error', 'response-is-received']);
/** What a passing replay of such a failure cannot tell apart (a shared validator raced in 1 run of 5 in a probe). */
const INTERMITTENT_NOTE = ' (a server error or a lost answer: if nothing changed on the server, it comes and goes)';
