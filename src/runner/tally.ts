// The streaming bookkeeping of a run: counters, distinct failures, problems, spec gaps, warnings, created ids. What it
// accumulates becomes the Report in the report stage (report/tallied.ts).
import type { Check, Failure } from '../checks/types.ts';
import type { Judged } from '../checks/judge.ts';
import { DEFAULT_PROFILE, type OperationProfile } from '../checks/profile.ts';
import { PROFILE_ONLY_STATUSES, rulesOf } from '../checks/rules.ts';
import { at } from '../checks/echo.ts';
import { jsonBody } from '../checks/util.ts';
import type { TestCase } from '../generators/case.ts';
import { MINIMAL_LABEL } from '../generators/space/bodies.ts';
import { reducible } from '../generators/reduce.ts';
import type { BaselineEntry, CheckSummary, Report, SpecGap } from '../report/model.ts';
import { baselineMatcher } from '../report/baseline.ts';
import {
  causesOf,
  isStatusFailure,
  memberNamedBy,
  familyOf,
  plainer,
  plainness,
  RANDOM_SCOPE,
  SERVER_ERROR,
  signatureOf,
  splitSignature,
  type Cause,
} from '../report/cause.ts';
import { answerOf, orderProblems, problemParts } from '../report/problems.ts';
import {
  acceptedCore,
  CREDENTIALS_SCOPE,
  credentialsCore,
  EVERY_SCOPE,
  INVALID_SCOPE,
  isRunWide,
  LOST,
  METHODS_TAKEN_SCOPE,
  methodTakenCore,
  MINIMAL_SCOPE,
  OUTAGE_SCOPE,
  HANG_SCOPE,
  COMES_AND_GOES_SCOPE,
  NOT_ACCEPTABLE_SCOPE,
  notAcceptableCore,
  redirectCore,
  sameAnswerCore,
  REDIRECTED_SCOPE,
  REFUSALS_SCOPE,
  VALID_SCOPE,
} from '../report/run-wide.ts';
import { reportOfRun, type RunMeta, type TalliedFailure, type TalliedProblem } from '../report/tallied.ts';
import { caseValue } from '../generators/draft.ts';
import { isUpAfter } from './give-up.ts';
import { commonTrigger, featuresOf, sizeScope, triggerScope } from '../report/trigger.ts';
import { ALL_NULL_LABEL } from '../generators/space/bodies.ts';
import { CREATED_FILE, CREATED_KEPT } from '../report/model.ts';
import { MAX_BODY } from '../report/case-record.ts';
import type { createWaiverBook } from '../report/waivers.ts';
import type { Waiver } from '../waivers.ts';
import { carriesToken, sideStatuses, type Exchange, type ReceivedResponse } from '../types.ts';

/** Streaming bookkeeping of a run: counters, distinct failures (first example kept), spec gaps, warnings. */
export function createTally(
  checks: readonly Check[],
  seed: number,
  book: ReturnType<typeof createWaiverBook>,
  redact: (s: string) => string,
  /** The entries of `--baseline FILE`: failures of those problems are baselined, like waived ones not failing. */
  baselineEntries: readonly BaselineEntry[] = [],
  /** Every created id, as it is seen (the CLI streams them to `created.ndjson`). */
  onCreated?: (id: string) => void,
  /** What a spec pointer holds (a rule's value: `uuid` for a `format`), for titles in words. */
  ruleValue: (pointer: string) => unknown = () => undefined,
  /** The operation's verdict profile: its success status and id path say what was created. */
  profile: OperationProfile = DEFAULT_PROFILE,
  /** The request schema's members: an answer refusing a valid request may name one that was not sent (required by mistake). */
  members: readonly string[] = [],
) {
  const RULES = rulesOf(profile);
  const matchBaseline = baselineMatcher(baselineEntries);
  // The cores of server errors a baseline lists as coming and going: a run that meets them again, not sent again (a
  // baselined problem is not), makes them one problem as the baseline's run did.
  const comesAndGoesListed = new Set(
    baselineEntries
      .map((e) => splitSignature(e.signature))
      .filter((e) => e.scope === COMES_AND_GOES_SCOPE)
      .map((e) => e.core),
  );
  /** The signatures of the baseline entries the run's causes matched. */
  const matchedEntries = new Set<string>();
  const inBaseline = (cause: Cause, label: string): boolean => {
    if (baselineEntries.length === 0) return false;
    const entry = matchBaseline(cause, label);
    if (entry !== undefined) matchedEntries.add(entry);
    return entry !== undefined;
  };
  const summaries = new Map<string, CheckSummary>(
    checks.map((c) => [
      c.name,
      { name: c.name, description: c.description, passed: 0, failed: 0, waived: 0, skipped: 0 },
    ]),
  );
  const failures = new Map<string, TalliedFailure>();
  /** Random cases whose answer was lost, kept each as its own failure (`noteFailure`). */
  let lostKept = 0;
  /**
   * Problems by signature: the first case's failures, the plainest example, the failure keys it groups. Causes a
   * random case may owe to a boundary problem wait in `pending` until the report (see `resolved`).
   */
  const problems = new Map<string, TalliedProblem>();
  const pending = new Map<string, TalliedProblem>();
  const shrunk = new Map<string, Pick<TalliedProblem, 'case' | 'ex' | 'plain' | 'shrunk' | 'exampleFailures'>>();
  // What a problem's example got on a connection of its own, where it differs from the run's answer.
  const fresh = new Map<string, string>();
  // The problems whose example was sent again alone, whatever it got: a timeout that came again is confirmed by it.
  const confirmed = new Set<string>();
  const freshOf = (signature: string): { fresh?: string } => {
    const got = fresh.get(signature);
    return got === undefined ? {} : { fresh: got };
  };
  // Valid requests sent, and those answered 2xx: a run where none was is one bug however many families it spans.
  let validSent = 0;
  let validAnswered = 0;
  // Invalid requests sent, and those refused (4xx): a run where none was has no validation at all, one bug.
  let invalidSent = 0;
  let invalidRefused = 0;
  // Answers to requests on the operation's path, and those that were redirects: a run where every one was (an HTTPS
  // redirect, a route declared with a slash) is one bug, not one problem per row that expected something else.
  let answeredOnPath = 0;
  let redirectedOnPath = 0;
  // The one status every answer on the path had, while they had one (null once two differed): `sameAnswerCore`.
  let onlyStatus: number | null | undefined;
  // The kinds of request answered on the path: one status to requests of three rows or more is the layer's, not a row's.
  const kindsOnPath = new Set<string>();
  // The cores the plainest valid request failed with: its variants failing alike fail for the same reason.
  const minimalCores = new Set<string>();
  // What the valid requests of the boundary phase answered 2xx carried: no trigger of a bug (`mergeByTrigger`).
  const answeredFeatures = new Set<string>();
  // The largest body of the boundary phase by its answer: a size no other answer went beyond (`mergeBySize`).
  const largestBy = new Map<string, number>();
  /** `outage`: the run gave up on its target, whose lost answers `mergeOutage` makes one problem of. */
  const problemList = (outage = false) => {
    const list = mergeAboutField(resolved(problems, pending));
    const sameAnswer =
      typeof onlyStatus === 'number' && kindsOnPath.size >= 3 && sameAnswerCore(String(onlyStatus)) !== undefined;
    // Every answer a redirect, or every one the same error: one problem per status, whatever each row was due.
    const alike = (answeredOnPath > 0 && redirectedOnPath === answeredOnPath) || sameAnswer;
    const merged = alike
      ? mergeByCore(list, (p) => redirectCore(p.received) ?? sameAnswerCore(p.received), EVERY_SCOPE)
      : validSent > 0 && validAnswered === 0
        ? mergeByCore(list, crashedAsValid(list), VALID_SCOPE)
        : minimalCores.size > 0
          ? // A refusal that names a member is scoped by it already (`/properties`): that says more than a merge.
            mergeByCore(
              list,
              (p) => validCore(p, (v) => minimalCores.has(v.core) && !v.scope.startsWith('/')),
              MINIMAL_SCOPE,
            )
          : list;
    const triggered = alike ? merged : mergeBySize(mergeByTrigger(merged, answeredFeatures), largestBy);
    const credentials = alike ? triggered : mergeRefusedCredentials(triggered);
    const accepted = !alike && invalidSent > 0 && invalidRefused === 0;
    const refusals = accepted ? mergeRefusalCrashes(credentials, !outage) : credentials;
    const formed = mergeMethodsTaken(
      mergeFormAnswers(
        accepted ? mergeByCore(refusals, (p) => acceptedCore(p.case, p.received), INVALID_SCOPE) : refusals,
      ),
    );
    const settled = outage
      ? formed
      : mergeComeAndGo(mergeWaited(formed, fresh, confirmed), fresh, confirmed, comesAndGoesListed);
    return settled.map((p) => ({
      ...p,
      ...shrunk.get(p.signature),
      ...freshOf(p.signature),
    }));
  };
  /** Warnings by key; an advisory one keeps its class and the first of its labels (the same in every run). */
  const warnings = new Map<
    string,
    {
      code: string;
      rule: string;
      message: string;
      count: number;
      where?: string;
      example?: string;
      /** 1 while the example is an advisory case's: a plain case replaces it. */
      exampleEdge: number;
    }
  >();
  // Sorted: the order answers came in depends on the concurrency, the list must not.
  const warningLines = () =>
    [...warnings.values()]
      .map(({ code, rule, message, count, where, example }) => ({
        code,
        rule,
        count,
        message:
          where === undefined
            ? example === undefined
              ? message
              : `${message} [e.g. ${example}]`
            : `${message} [${where === example ? where : `${where}, e.g. ${example}`}]`,
      }))
      .sort((a, b) => (a.code === b.code ? (a.message < b.message ? -1 : 1) : a.code < b.code ? -1 : 1));
  const gaps = new Map<number, SpecGap>();
  // The first few ids only: the rest go to `onCreated`, so memory stays flat in the number of cases.
  const created: string[] = [];
  let createdCount = 0;
  const byKind = new Map<string, number>();
  let cases = 0;
  let passed = 0;
  let rateLimited = 0;
  let failureCount = 0;
  let waivedCount = 0;
  let baselinedCount = 0;
  let firstFailureAt: number | null = null;

  /**
   * A case's failures with the waivers and the baseline applied. Waivers first: the case's causes (and so whether the
   * baseline lists them) are made of its unwaived failures; a failure is baselined when the cause that explains it is
   * one the baseline lists.
   */
  const findingsOf = (c: TestCase, ex: Exchange, judged: readonly Judged[]): Findings => {
    const waiverOf = new Map<Failure, Waiver | undefined>();
    for (const j of judged) for (const f of j.failures) if (f.severity === 'error') waiverOf.set(f, book.match(c, f));
    const unwaivedErrors = [...waiverOf].filter(([, w]) => !w).map(([f]) => f);
    const causes = causesFor(c, ex, rootCause(c, judged, unwaivedErrors), members);
    const listed = new Set(causes.filter((cause) => inBaseline(cause, c.label)));
    const baselined = new Set<Failure>();
    for (const cause of listed) for (const f of cause.failures) baselined.add(f);
    const explained = new Set(causes.flatMap((x) => x.failures));
    return { waiverOf, unwaivedErrors, causes, listed, baselined, explained };
  };

  /** One check's verdict on a case, counted (overall and in the case's class) and its failures kept; its outcome. */
  const countCheck = (c: TestCase, ex: Exchange, j: Judged, findings: Findings): CheckOutcome => {
    const s = summaries.get(j.check.name)!;
    const byClass = ((s.classes ??= {})[c.label] ??= { passed: 0, failed: 0, waived: 0, skipped: 0 });
    if (j.outcome === 'skip') {
      s.skipped++;
      byClass.skipped++;
      return 'skipped';
    }
    let unwaived = 0;
    let waived = 0;
    let baselined = 0;
    for (const f of j.failures) {
      if (f.severity === 'warning') {
        // A 500 to an advisory case is one problem: its softened status finding is not listed again as a warning.
        if (!findings.explained.has(f)) noteWarning(c, f);
        continue;
      }
      const waiver = findings.waiverOf.get(f);
      const inBaselineOnly = findings.baselined.has(f) && !waiver;
      if (waiver) waived++;
      else if (inBaselineOnly) baselined++;
      else unwaived++;
      noteFailure(c, ex, f, waiver, inBaselineOnly);
    }
    waivedCount += waived;
    baselinedCount += baselined;
    if (baselined > 0 && unwaived === 0) {
      s.baselined = (s.baselined ?? 0) + 1;
      byClass.baselined = (byClass.baselined ?? 0) + 1;
      return 'baselined';
    }
    const outcome = unwaived > 0 ? 'failed' : waived > 0 ? 'waived' : 'passed';
    s[outcome]++;
    byClass[outcome]++;
    failureCount += unwaived;
    return outcome;
  };

  /** A distinct failure (check, kind, rule, class) counted; its first case kept as the example. */
  const noteFailure = (c: TestCase, ex: Exchange, f: Failure, waiver: Waiver | undefined, baselined: boolean) => {
    // A random case whose answer was lost keeps its own record (the first LOST_KEPT): when a target goes down, the one
    // that brought it down is among them, and a random case is not made again without its seed (a long name crashed
    // cpp-httplib's handler, and only another case of its class was in the report).
    const own = LOST.has(f.kind) && c.phase === 'random' && lostKept < LOST_KEPT;
    const key = own ? `${failureKey(f, c)}|${c.id}` : failureKey(f, c);
    if (own && !failures.has(key)) lostKept++;
    const seen = failures.get(key);
    if (seen) {
      seen.occurrences++;
      seen.baselined += baselined ? 1 : 0;
    } else
      failures.set(key, {
        key,
        failure: f,
        case: c,
        ex,
        occurrences: 1,
        baselined: baselined ? 1 : 0,
        ...(waiver ? { waivedBy: waiver.id } : {}),
      });
  };

  /**
   * A warning counted. An advisory case's status finding is kept apart by its request class and the answer, since each
   * class names its own rule beyond the profile, and says which class: the cases of one class (every place of a byte
   * that is not UTF-8) are one line with their count, not as many identical lines. Any other warning (an omitted echo, a
   * 405 without Allow) is the same finding whichever class the case was of: one line.
   */
  const noteWarning = (c: TestCase, f: Failure) => {
    // A status finding of an advisory case, or a lost answer to a message the HTTP layer may refuse: the class says why.
    // A header field missing from the answer (Allow, WWW-Authenticate), or a 403 for a 401, is the same finding in
    // every class: one line.
    const same = SAME_IN_EVERY_CLASS.has(f.kind);
    const where =
      (c.advisory !== undefined || c.httpLayer) && isStatusFailure(f) && !same ? (c.class ?? c.label) : undefined;
    // An omitted echo is a line a field (`at`): which fields a server leaves out is the finding.
    const field = f.kind === 'echo-omission' && f.at !== undefined ? `|${f.at}` : '';
    // A 405 and a 2xx to OPTIONS without Allow are two rules (RFC 9110 §15.5.6, §9.3.7): a line each, by its message
    // (which names no method), so that the 405s are not counted under the OPTIONS line that came first.
    const rfc = f.kind === 'missing-allow-header' ? `|${f.message}` : '';
    const key = `${f.check}|${f.kind}|${f.rule}${field}${rfc}${where === undefined ? '' : `|${where}|${String(f.received)}`}`;
    const w = warnings.get(key) ?? {
      code: `${f.check}/${f.kind}`,
      rule: f.rule,
      message: f.message,
      count: 0,
      // A finding the same in every class still names a case of it, the first in order (a 405 without Allow: which method).
      ...(where === undefined ? (same ? { example: c.label } : {}) : { where, example: c.label }),
      exampleEdge: c.advisory === undefined ? 0 : 1,
    };
    w.count++;
    // The message and the example a line shows are the first in order, not the first answered: the same line in
    // every run.
    if (f.message < w.message) w.message = f.message;
    // A class that is not advisory first (`auth/none`, not `auth/access-token-in-query`: fastify-type-provider-zod probe).
    const edge = c.advisory === undefined ? 0 : 1;
    if (w.example !== undefined && (edge < w.exampleEdge || (edge === w.exampleEdge && c.label < w.example))) {
      w.example = c.label;
      w.exampleEdge = edge;
    }
    warnings.set(key, w);
  };

  /** A status the verdict profile allows but the spec does not document: a gap in the spec, counted by status. */
  const noteGap = (c: TestCase, res: ReceivedResponse | undefined) => {
    if (!res || !PROFILE_ONLY_STATUSES.includes(res.status)) return;
    const g = gaps.get(res.status);
    gaps.set(
      res.status,
      g
        ? { ...g, count: g.count + 1 }
        : {
            status: res.status,
            rule: RULES.responses,
            message: `${res.status} is allowed by the verdict profile but not documented by the spec`,
            count: 1,
            example: c.label,
          },
    );
  };

  return {
    /** `place`: the case's 1-based place in the plan (preflight first), whatever order the answers come in. */
    /** Counts a judged case; the checks it failed (not waived or baselined). */
    record(c: TestCase, ex: Exchange, judged: readonly Judged[], place: number): readonly string[] {
      cases++;
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
      // The boundary phase's valid requests only: the same in every run (src/report/trigger.ts).
      const features = c.kind === 'valid' && c.phase !== 'random' ? featuresOf(caseValue(c), c.body) : undefined;
      const bytes = c.phase === 'random' ? undefined : c.body === undefined ? 0 : Buffer.byteLength(c.body);
      // A request without the run's token is refused before its body is read: its size says nothing of a body limit.
      if (bytes !== undefined && carriesToken(c.auth)) {
        const answer = answerOf(ex);
        largestBy.set(answer, Math.max(largestBy.get(answer) ?? 0, bytes));
      }
      if (c.kind === 'valid') {
        validSent++;
        if (ex.response && ex.response.status >= 200 && ex.response.status < 300) {
          validAnswered++;
          for (const f of features ?? []) answeredFeatures.add(f);
        }
      }
      // A message the HTTP layer may refuse before any redirect (Node's parser: a 400 to a bad Content-Length) aside.
      if (ex.response && c.kind !== 'path' && !c.httpLayer) {
        answeredOnPath++;
        if (ex.response.status >= 300 && ex.response.status < 400) redirectedOnPath++;
        onlyStatus = onlyStatus === undefined || onlyStatus === ex.response.status ? ex.response.status : null;
        kindsOnPath.add(c.kind);
      }
      if (c.kind === 'schema-violation') {
        invalidSent++;
        if (ex.response && ex.response.status >= 400 && ex.response.status < 500) invalidRefused++;
      }
      rateLimited += ex.rateLimited + sideStatuses(ex.response).filter((s) => s === 429).length;
      book.exercise(
        c,
        judged.filter((j) => j.outcome !== 'skip').map((j) => j.check.name),
      );
      // Most cases have no finding at all: nothing to match, no cause (the common case costs no maps or strings).
      const findings = judged.some((j) => j.failures.length > 0) ? findingsOf(c, ex, judged) : NO_FINDINGS;
      let failed: string[] | undefined;
      for (const j of judged) if (countCheck(c, ex, j, findings) === 'failed') (failed ??= []).push(j.check.name);
      if (failed === undefined) {
        if (findings.unwaivedErrors.length === 0) passed++;
      } else firstFailureAt = Math.min(firstFailureAt ?? place, place);
      if (c.label === MINIMAL_LABEL) for (const cause of findings.causes) minimalCores.add(cause.core);
      // Judged: from here on the exchange is an example at most, of which a report shows 64 KiB.
      ex = keptExchange(ex);
      for (const cause of findings.causes)
        noteProblem(
          cause.attachable ? pending : problems,
          c,
          ex,
          cause,
          cause.failures.map((f) => failureKey(f, c)),
          findings.listed.has(cause),
          features,
          bytes,
        );
      noteGap(c, ex.response);
      return failed ?? NO_CHECKS;
    },
    noteCreated(ex: Exchange | undefined): Exchange | undefined {
      const id = ex?.response?.status === profile.success ? safeId(ex.response, profile.idPath) : undefined;
      if (id) {
        createdCount++;
        if (created.length < CREATED_KEPT) created.push(id);
        onCreated?.(id);
      }
      return ex;
    },
    failureCount: () => failureCount,
    /**
     * Problems whose example is a random case or a reducible boundary case (shrinkable), most cases first; the
     * baseline's are known, and a transport failure is never shrunk (a timeout or a reset re-sent is only more waiting).
     */
    shrinkable(): readonly TalliedProblem[] {
      return orderProblems(problemList()).filter(
        (p) =>
          ((p.case.phase === 'random' && p.case.counterexamplePath !== undefined) || reducible(p.case)) &&
          !p.baselined &&
          !p.parts.some((x) => x.startsWith('response-is-received ')),
      );
    },
    /**
     * Problems whose example went over a kept-alive connection (not written byte by byte, which is always on one of
     * its own) and got an answer, and timeouts and server errors, raw ones too (a request that waited behind a slow
     * one is answered alone: `mergeWaited`; a 500 to every nth request is not: `mergeComeAndGo`), not a crash's lost
     * answers; most cases first.
     */
    confirmable(): readonly TalliedProblem[] {
      return orderProblems(problemList()).filter(
        (p) =>
          !p.baselined &&
          // A message written byte by byte is sent again as it is: a timeout, or a server error that may come and go.
          (p.received === 'timeout' ||
            SERVER_ERROR.test(p.received) ||
            (p.case.wire === undefined && !LOST.has(p.received))) &&
          p.received !== 'rate-limited',
      );
    },
    /** The example of a problem sent again on a connection of its own: noted where its answer differs. */
    noteFresh(p: TalliedProblem, ex: Exchange) {
      // A server error sent again that got no answer at all (the target went down) says nothing of its coming and going.
      if (SERVER_ERROR.test(p.received) && ex.response === undefined) return;
      confirmed.add(p.signature);
      const got = ex.response ? String(ex.response.status) : ex.error?.kind;
      if (got !== undefined && got !== p.received) fresh.set(p.signature, got);
    },
    /** Whether an exchange shows the problem still: a cause of the same core (the same answer, failing the same way). */
    showsProblem(p: TalliedProblem, c: TestCase, ex: Exchange, judged: readonly Judged[]): boolean {
      return causeOfProblem(p, c, ex, judged, members) !== undefined;
    },
    /** The shrunk example of a problem, when it is plainer; it becomes the example of its distinct failures in its class too. */
    replaceExample(p: TalliedProblem, c: TestCase, judgedEx: Exchange, judged: readonly Judged[]) {
      const plain = plainness(c, caseValue(c));
      if (!plainer(plain, p.plain)) return;
      const cause = causeOfProblem(p, c, judgedEx, judged, members);
      const ex = keptExchange(judgedEx);
      const exampleFailures = cause === undefined ? p.exampleFailures : primaryFirst(cause);
      // `resolved` builds the problems afresh for each caller: the shrunk example is kept by signature.
      shrunk.set(p.signature, { case: c, ex, plain, shrunk: true, exampleFailures });
      for (const key of p.keys) {
        const f = failures.get(key);
        if (f && f.case.label === c.label && !f.waivedBy) failures.set(key, { ...f, case: c, ex });
      }
    },
    /** The Report of the run: what was tallied, with what the run knows at its end. */
    report(meta: RunMeta): Report {
      return reportOfRun(
        {
          seed,
          counts: {
            cases,
            passed,
            rateLimited,
            failures: failureCount,
            waived: waivedCount,
            baselined: baselinedCount,
            firstFailureAt,
          },
          failures: [...failures.values()],
          problems: meta.gaveUp ? mergeOutage(problemList(true), meta.gaveUp) : problemList(),
          checks: [...summaries.values()],
          warnings: warningLines(),
          specGaps: [...gaps.values()].sort((a, b) => a.status - b.status),
          byKind,
          matchedBaseline: matchedEntries,
          waivers: book.statuses(),
          created,
          createdCount,
          createdFile: onCreated ? CREATED_FILE : undefined,
        },
        meta,
        { redact, ruleValue, responsesRule: RULES.responses },
      );
    },
  };
}

/** The bookkeeping of one run (see `createTally`). */
export type Tally = ReturnType<typeof createTally>;

/** How one check's verdict on a case was counted. */
type CheckOutcome = 'passed' | 'failed' | 'waived' | 'baselined' | 'skipped';

/** A case's failures with the waivers and the baseline applied (`findingsOf`). */
interface Findings {
  /** Each error failure and the waiver that covers it, if any. */
  readonly waiverOf: ReadonlyMap<Failure, Waiver | undefined>;
  readonly unwaivedErrors: readonly Failure[];
  /** What the unwaived errors come to: the problems the case shows. */
  readonly causes: readonly Cause[];
  /** The causes the baseline lists (matched once: matching also records the entry as seen). */
  readonly listed: ReadonlySet<Cause>;
  /** The failures a cause the baseline lists explains. */
  readonly baselined: ReadonlySet<Failure>;
  /** Every failure a cause explains: an advisory row's warning there is part of a problem, not a warning of its own. */
  readonly explained: ReadonlySet<Failure>;
}

/**
 * Warnings about how the server answers whatever the class: a header field of the answer (missing, or naming the
 * wrong thing), or 403 where credentials are missing or not valid (five lines, one per advisory class, for one
 * authorization layer in two probes). One line in every class.
 */
const SAME_IN_EVERY_CLASS: ReadonlySet<string> = new Set([
  'missing-allow-header',
  'missing-www-authenticate',
  'non-bearer-challenge',
  'unregistered-allow-method',
  'forbidden-without-valid-credentials',
]);

/** The findings of a case without any failure: shared, nothing to build. */
const NO_FINDINGS: Findings = {
  waiverOf: new Map(),
  unwaivedErrors: [],
  causes: [],
  listed: new Set(),
  baselined: new Set(),
  explained: new Set(),
};

/** The checks a passing case failed: none. */
const NO_CHECKS: readonly string[] = [];

/** A distinct failure: the same check, kind and rule in the same case class. */
function failureKey(f: Failure, c: TestCase): string {
  return `${f.check}|${f.kind}|${f.rule}|${c.label}`;
}

function safeId(res: ReceivedResponse, idPath: readonly string[]): string | undefined {
  const parsed = jsonBody(res);
  const id = parsed.ok ? at(parsed.value, ...idPath) : undefined;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The failures that name a case's problem: its unwaived errors and, on an advisory case that has any, the row finding
 * its advice softened to a warning. Softening changes the verdict, not the root cause, so a 200 for a valid advisory
 * case is the same problem as a 200 for any other valid case.
 */
function rootCause(c: TestCase, judged: readonly Judged[], errors: readonly Failure[]): readonly Failure[] {
  // The row's advisory findings ride along with a status error that explains them (a 500 explains the wrong status),
  // never alone: a warning must not become the cause that swallows a content error of the same answer.
  if (c.advisory === undefined || !errors.some(isStatusFailure)) return errors;
  return [...errors, ...judged.filter((j) => j.check.scope === 'row').flatMap((j) => j.failures)];
}

/** An exchange as kept for an example: its answer's body cut to what a report shows (`toCaseRecord`), no more. */
function keptExchange(ex: Exchange): Exchange {
  const res = ex.response;
  return res === undefined || res.body.length <= MAX_BODY
    ? ex
    : { ...ex, response: { ...res, body: res.body.slice(0, MAX_BODY) } };
}

function noteProblem(
  into: Map<string, TalliedProblem>,
  c: TestCase,
  ex: Exchange,
  cause: Cause,
  keys: readonly string[],
  baselined: boolean,
  /** What the case carried, for a valid request of the boundary phase (`featuresOf`). */
  features?: readonly string[],
  /** The bytes of its body, for a request of the boundary phase. */
  bytes?: number,
): void {
  const parts = problemParts(cause.failures);
  const p = into.get(cause.signature);
  if (!p) {
    const first = primaryFirst(cause);
    into.set(cause.signature, {
      signature: cause.signature,
      core: cause.core,
      scope: cause.scope,
      received: answerOf(ex),
      parts,
      failures: first,
      exampleFailures: first,
      cases: 1,
      classes: new Set([c.label]),
      families: new Set([familyOf(c)]),
      keys: new Set(keys),
      at: new Set(cause.at),
      baselined,
      case: c,
      ex,
      plain: plainness(c, caseValue(c)),
      shrunk: false,
      ...(features ? { triggers: new Set(features) } : {}),
      ...(bytes === undefined ? {} : { smallest: bytes }),
    });
    return;
  }
  if (features) p.triggers = p.triggers ? common(p.triggers, features) : new Set(features);
  if (bytes !== undefined) p.smallest = Math.min(p.smallest ?? bytes, bytes);
  p.cases++;
  p.classes.add(c.label);
  p.families.add(familyOf(c));
  for (const k of keys) p.keys.add(k);
  for (const a of cause.at) p.at.add(a);
  for (const x of parts) if (!p.parts.includes(x)) p.parts = [...p.parts, x].sort();
  const plain = plainness(c, caseValue(c));
  // The answer goes with the example: a cause of any status (no Content-Type) has one per case.
  if (plainer(plain, p.plain))
    Object.assign(p, { case: c, ex, plain, received: answerOf(ex), exampleFailures: primaryFirst(cause) });
}

/** The cause of an exchange that is the problem's (its core: the same answer, failing the same way), if any. */
function causeOfProblem(
  p: Pick<TalliedProblem, 'core'>,
  c: TestCase,
  ex: Exchange,
  judged: readonly Judged[],
  members: readonly string[],
): Cause | undefined {
  const errors = judged.flatMap((j) => j.failures.filter((f) => f.severity === 'error'));
  return causesFor(c, ex, rootCause(c, judged, errors), members).find((x) => x.core === p.core);
}

/** The causes of an exchange's failures, a refused valid request's by the member its answer names, if one. */
function causesFor(c: TestCase, ex: Exchange, failures: readonly Failure[], members: readonly string[]): Cause[] {
  const refusal = c.kind === 'valid' && ex.response && ex.response.status >= 400 && ex.response.status < 500;
  const value = refusal ? caseValue(c) : undefined;
  // The members sent, and the schema's others: a member left out and refused as missing (made required by mistake).
  const named =
    ex.response && value !== null && typeof value === 'object' && !Array.isArray(value)
      ? memberNamedBy(ex.response.body, [...new Set([...Object.keys(value), ...members])])
      : undefined;
  return causesOf(c, answerOf(ex), failures, named);
}

/** A cause's failures, one per check, its primary first. */
function primaryFirst(cause: Cause): Failure[] {
  const byCheck = new Map<string, Failure>([[cause.primary.check, cause.primary]]);
  for (const f of cause.failures) if (!byCheck.has(f.check)) byCheck.set(f.check, f);
  return [...byCheck.values()];
}

/** What both carried. */
function common(a: ReadonlySet<string>, b: Iterable<string>): Set<string> {
  return new Set([...b].filter((f) => a.has(f)));
}

/** `b` counted under `into`: cases and classes summed; the example stays `into`'s; baselined when both are. */
function absorb(into: TalliedProblem, b: TalliedProblem): TalliedProblem {
  const triggers = into.triggers && b.triggers ? common(into.triggers, b.triggers) : (into.triggers ?? b.triggers);
  const smallest = Math.min(into.smallest ?? Infinity, b.smallest ?? Infinity);
  return {
    ...into,
    ...(triggers ? { triggers } : {}),
    ...(smallest === Infinity ? {} : { smallest }),
    cases: into.cases + b.cases,
    classes: new Set([...into.classes, ...b.classes]),
    families: new Set([...into.families, ...b.families]),
    keys: new Set([...into.keys, ...b.keys]),
    at: new Set([...into.at, ...b.at]),
    parts: [...new Set([...into.parts, ...b.parts])].sort(),
    // A problem is baselined when the baseline lists every cause of it: one it does not list is news.
    baselined: into.baselined && b.baselined,
  };
}

/** `b` counted under `into`'s problem (its core, signature and scope), with `b`'s example when `takeExample`. */
function absorbInto(into: TalliedProblem, b: TalliedProblem, takeExample: boolean): TalliedProblem {
  return takeExample
    ? absorb({ ...b, core: into.core, signature: into.signature, scope: into.scope }, into)
    : absorb(into, b);
}

/**
 * The problems `coreOf` gives a core are one problem per core whatever their families, scoped `scope`, the plainest
 * example first (of two as plain, the minimal request itself: the example a reader starts from); the rest stay as
 * they are.
 */
function mergeByCore(
  problems: TalliedProblem[],
  coreOf: (p: TalliedProblem) => string | undefined,
  scope: string | ((p: TalliedProblem) => string),
): TalliedProblem[] {
  const out: TalliedProblem[] = [];
  const byCore = new Map<string, number>();
  const first = (a: TalliedProblem, b: TalliedProblem) =>
    plainer(a.plain, b.plain) || (!plainer(b.plain, a.plain) && a.case.label === MINIMAL_LABEL);
  for (const p of [...problems].sort((a, b) => (a.signature < b.signature ? -1 : 1))) {
    const core = coreOf(p);
    if (core === undefined) {
      out.push(p);
      continue;
    }
    const within = typeof scope === 'string' ? scope : scope(p);
    const signature = signatureOf(core, within);
    const merged = { ...p, core, scope: within, signature };
    const at = byCore.get(signature);
    if (at === undefined) {
      byCore.set(signature, out.length);
      out.push(merged);
    } else out[at] = absorbInto(out[at], merged, first(p, out[at]));
  }
  return out;
}

/**
 * The problems of a status that answers a request's form whatever its row, where there are several, are one: those of
 * one redirect status, a route declared with a slash (gorilla/mux's
 * StrictSlash) redirects every request that reaches it, whatever each row expected, while the anonymous ones and other
 * methods are refused before it (three problems, the first titled by an empty body); those of a 406.
 */
function mergeFormAnswers(problems: TalliedProblem[]): TalliedProblem[] {
  return mergeSeveral(mergeSeveral(problems, redirectCore, REDIRECTED_SCOPE), notAcceptableCore, NOT_ACCEPTABLE_SCOPE);
}

/**
 * Where another method on the path was answered with a success, its handler is the operation's: the other methods'
 * successes and refusals of their content are one problem (`methodTakenCore`), not one per status.
 */
function mergeMethodsTaken(problems: TalliedProblem[]): TalliedProblem[] {
  const taken = (p: TalliedProblem) => p.case.kind === 'method' && methodTakenCore(p.core) !== undefined;
  if (!problems.some((p) => taken(p) && /^2\d\d$/.test(p.received))) return problems;
  return mergeByCore(problems, (p) => (taken(p) ? methodTakenCore(p.core) : undefined), METHODS_TAKEN_SCOPE);
}

/**
 * The problems `statusCore` gives one core, where there are several, are one (`mergeFormAnswers`): a 406 too, which
 * answers the Accept field whatever the row (restify's acceptParser: three problems, none naming Accept).
 */
function mergeSeveral(
  problems: TalliedProblem[],
  statusCore: (received: string) => string | undefined,
  scope: string,
): TalliedProblem[] {
  const counts = new Map<string, number>();
  for (const p of problems) {
    const core = statusCore(p.received);
    if (core !== undefined) counts.set(core, (counts.get(core) ?? 0) + 1);
  }
  const core = (p: TalliedProblem) => {
    const c = statusCore(p.received);
    return c !== undefined && (counts.get(c) ?? 0) > 1 ? c : undefined;
  };
  return counts.size === 0 ? problems : mergeByCore(problems, core, scope);
}

/**
 * A problem scoped by its family whose classes are all about one member (`valid/null/brand`: the family is kept so
 * that every nullable member refused is one bug) counts under the problem of the same core scoped by that member,
 * when the run has one: a `brand` that refuses null was two problems of one title, the plainest example in the second.
 */
function mergeAboutField(problems: TalliedProblem[]): TalliedProblem[] {
  const byField = problems.filter((p) => p.scope.startsWith('/'));
  const into = (p: TalliedProblem): TalliedProblem | undefined =>
    p.scope === '' || p.scope.startsWith('/')
      ? undefined
      : byField.find(
          (q) =>
            q.core === p.core &&
            // Every nullable member null at once is about each of them (`valid/null/brand` beside it: go-restful probe).
            [...p.classes].every((label) => label === ALL_NULL_LABEL || label.split('/').includes(q.scope.slice(1))),
        );
  return intoFamily(absorbEach(problems, into));
}

/** Each problem `into` gives a target counted under it (the plainer example kept); the others as they are. */
function absorbEach(
  problems: TalliedProblem[],
  into: (p: TalliedProblem) => TalliedProblem | undefined,
): TalliedProblem[] {
  const merged = new Map<TalliedProblem, TalliedProblem>();
  const rest: TalliedProblem[] = [];
  for (const p of problems) {
    const target = into(p);
    if (target === undefined) {
      rest.push(p);
      continue;
    }
    const seen = merged.get(target) ?? target;
    merged.set(target, absorbInto(seen, p, plainer(p.plain, seen.plain)));
  }
  return rest.map((p) => merged.get(p) ?? p);
}

/**
 * A problem scoped by a member counts under the problem of the same core scoped by a family one of its classes is of:
 * a length limit refused the 15,000-character strings naming one member and the 256-character ones naming them all,
 * two problems of one bug (hapi, Slim and DRF probes).
 */
function intoFamily(problems: TalliedProblem[]): TalliedProblem[] {
  const byFamily = problems.filter((p) => p.scope !== '' && !p.scope.startsWith('/') && !isRunWide(p.signature));
  const into = (q: TalliedProblem): TalliedProblem | undefined =>
    q.scope.startsWith('/') ? byFamily.find((p) => p.core === q.core && q.families.has(p.scope)) : undefined;
  return absorbEach(problems, into);
}

/**
 * A valid request's problem keeps its core when `merges` picks it: when no valid request of the run got a 2xx (a
 * handler that answers 500, or 400, to every valid request is one bug, not one per family), or where the plainest
 * valid request failed so too (a crash on a member it leaves out fails every variant of it alike: one Go panic on a
 * missing `name` was 17 problems).
 */
function validCore(p: TalliedProblem, merges: (p: TalliedProblem) => boolean): string | undefined {
  return p.case.kind === 'valid' && p.scope !== '' && merges(p) ? p.core : undefined;
}

/**
 * In a run where no valid request got a 2xx: every valid request's problem by its core (`validCore`), and a request of
 * another kind that crashed with a core a valid request crashed with, since the server took it for a valid one (bytes
 * that are not UTF-8, a coding it ignores) and met the same crash (a response writer failing on every 201: three
 * problems, two titled by decoding, fastify-openapi-glue probe).
 */
function crashedAsValid(problems: readonly TalliedProblem[]): (p: TalliedProblem) => string | undefined {
  const crashes = new Set(
    problems.filter((p) => p.case.kind === 'valid' && SERVER_ERROR.test(p.received)).map((p) => p.core),
  );
  return (p) => validCore(p, () => true) ?? (p.case.kind !== 'valid' && crashes.has(p.core) ? p.core : undefined);
}

/**
 * Valid requests' problems of one core, each scoped by its family, count as one where every request of them carried
 * something no valid request answered 2xx carried (`featuresOf`): a number inside `properties` (a Go type switch
 * without json.Number: nine problems, Echo probe), text that is not ASCII in `brand`. The trigger shared by the most
 * problems first; a problem with none stays as it is.
 */
function mergeByTrigger(problems: TalliedProblem[], answered: ReadonlySet<string>): TalliedProblem[] {
  const unanswered = new Map<TalliedProblem, string[]>();
  for (const p of problems)
    if (p.case.kind === 'valid' && p.triggers && p.scope !== '' && !p.scope.startsWith('/') && !isRunWide(p.signature))
      unanswered.set(
        p,
        [...p.triggers].filter((f) => !answered.has(f)),
      );
  const byCore = new Map<string, TalliedProblem[]>();
  for (const p of unanswered.keys()) byCore.set(p.core, [...(byCore.get(p.core) ?? []), p]);
  const chosen = new Map<TalliedProblem, string>();
  const featuresOfProblem = (p: TalliedProblem) => unanswered.get(p) ?? [];
  for (const group of byCore.values()) {
    let left = group;
    for (let found = commonTrigger(left, featuresOfProblem); found; found = commonTrigger(left, featuresOfProblem)) {
      for (const p of found.covered) chosen.set(p, triggerScope(found.feature));
      left = left.filter((p) => !chosen.has(p));
    }
  }
  return mergeInScopes(problems, chosen);
}

/** The problems given a scope, those of one core and scope one problem (`mergeByCore`); the others as they are. */
function mergeInScopes(problems: TalliedProblem[], scopes: ReadonlyMap<TalliedProblem, string>): TalliedProblem[] {
  return scopes.size === 0
    ? problems
    : mergeByCore(
        problems,
        (p) => (scopes.has(p) ? p.core : undefined),
        (p) => scopes.get(p) ?? p.scope,
      );
}

/**
 * Problems of one answer, each scoped by its family, whose requests of the boundary phase were all larger than any that
 * got another answer there, count as one (`sizeScope`): a body limit answered 500 (or a reset) fails the long strings,
 * the deep nesting and the invalid requests as big alike, three problems. A crash on deep nesting alone is not merged
 * with one on long strings: the invalid request nested as deep was refused.
 */
function mergeBySize(problems: TalliedProblem[], largestBy: ReadonlyMap<string, number>): TalliedProblem[] {
  const under = (answer: string) => Math.max(0, ...[...largestBy].filter(([a]) => a !== answer).map(([, n]) => n));
  const over = (p: TalliedProblem) =>
    p.smallest !== undefined && p.scope !== '' && !p.scope.startsWith('/') && !isRunWide(p.signature)
      ? p.smallest > under(p.received)
      : false;
  const byCore = new Map<string, TalliedProblem[]>();
  for (const p of problems) if (over(p)) byCore.set(p.core, [...(byCore.get(p.core) ?? []), p]);
  const scopes = new Map<TalliedProblem, string>();
  for (const group of byCore.values())
    if (group.length > 1) {
      const scope = sizeScope(under(group[0].received), Math.min(...group.map((p) => p.smallest ?? Infinity)));
      for (const p of group) scopes.set(p, scope);
    }
  return mergeInScopes(problems, scopes);
}

/**
 * In a run where the valid requests were refused with 401 or 403 (none got a 2xx, or the plainest did not): every
 * request that carried the run's credentials and got that status is one problem, whatever each was due (fasthttp's
 * DisableHeaderNamesNormalizing lost the Authorization field: three problems, by valid, invalid and media-type
 * requests; an expired token does the same).
 */
function mergeRefusedCredentials(problems: TalliedProblem[]): TalliedProblem[] {
  const runWide = (p: TalliedProblem) => p.scope === VALID_SCOPE || p.scope === MINIMAL_SCOPE;
  const refused = new Set(
    problems.filter((p) => p.case.kind === 'valid' && runWide(p) && credentialsCore(p.received)).map((p) => p.received),
  );
  const ofTheOperation = (p: TalliedProblem) => !['auth', 'method', 'path'].includes(p.case.kind);
  return refused.size === 0
    ? problems
    : mergeByCore(
        problems,
        (p) =>
          refused.has(p.received) && p.case.auth === 'valid' && ofTheOperation(p)
            ? credentialsCore(p.received)
            : undefined,
        CREDENTIALS_SCOPE,
      );
}

/**
 * In a run where no invalid request was refused, the server errors (or lost answers) of requests that must be refused,
 * whatever their kind, are one problem per answer when invalid requests had them: the error path crashes (an error
 * handler that throws answers 500 to every refusal: four problems, one per kind, fastify-openapi-glue probe).
 */
function mergeRefusalCrashes(problems: TalliedProblem[], lost: boolean): TalliedProblem[] {
  // No answer is a crash too: a parse error unwrapped panics and drops the connection (hyper, Rust probe: six problems),
  // unless the run gave up on its target, whose lost answers are its outage's (`mergeOutage`).
  const crash = (p: TalliedProblem) =>
    p.case.kind !== 'valid' && (SERVER_ERROR.test(p.received) || (lost && LOST.has(p.received)));
  if (!problems.some((p) => crash(p) && p.case.kind === 'schema-violation')) return problems;
  return mergeByCore(problems, (p) => (crash(p) ? p.core : undefined), REFUSALS_SCOPE);
}

/** How many random cases with a lost answer keep a record of their own (twice the default --give-up-after). */
const LOST_KEPT = 16;

/**
 * In a run that gave up on its target, the problems of requests that got no answer are one: the target went down (a
 * crash resets the requests in flight and refuses those after, whatever their families: one h3 crash was 11
 * problems). Its example is that of the problem of the first suspect, by its case or its class (`DeadTargetWatch.suspects`).
 */
function mergeOutage(problems: TalliedProblem[], gaveUp: NonNullable<Report['gaveUp']>): TalliedProblem[] {
  const lost = problems.filter((p) => LOST.has(p.received));
  if (lost.length < 2) return problems;
  // A target that answered a valid request once the run gave up is up: it hangs on such requests, and the plainest of
  // them shows it (an empty body left unanswered), not the first in flight (Mono probe: every refusal hung).
  const up = isUpAfter(gaveUp.answeredAfter);
  const suspects = up ? [] : (gaveUp.suspects ?? []);
  const scope = up ? HANG_SCOPE : OUTAGE_SCOPE;
  // A suspect is `<id> <label>`: the problem it failed in may show another case of its class (SBCL killed by a body
  // nested 10,000 deep was shown with a byte-order mark in flight beside it: Hunchentoot probe).
  const rank = (p: TalliedProblem) => {
    const i = suspects.findIndex((s) => {
      const space = s.indexOf(' ');
      return s.slice(0, space) === p.case.id || p.classes.has(s.slice(space + 1));
    });
    return i < 0 ? suspects.length : i;
  };
  return [...problems.filter((p) => !LOST.has(p.received)), oneProblem(lost, rank, scope)];
}

/**
 * `problems` as one, in `scope` under the core of the first by `rank` (lowest first), then by plainness, then by
 * signature (the same in every run), whose example it keeps.
 */
function oneProblem(
  problems: readonly TalliedProblem[],
  rank: (p: TalliedProblem) => number,
  scope: string,
): TalliedProblem {
  const [first, ...rest] = [...problems].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (plainer(a.plain, b.plain) ? -1 : plainer(b.plain, a.plain) ? 1 : a.signature < b.signature ? -1 : 1),
  );
  return rest.reduce((into, p) => absorb(into, p), { ...first, scope, signature: signatureOf(first.core, scope) });
}

/**
 * Timeouts of a server busy with one request: where one problem's example got no answer alone again (`confirmPhase`)
 * and another's was answered alone, every timeout is one problem, `in the requests left unanswered while the target
 * answered others`, its example the one that hung alone. A body that blocked a single-threaded server for 9.5 s left
 * the requests in flight beside it unanswered, other requests in every run (Bun probe: three problems, the first of
 * a request that answers 400 at once).
 */
function mergeWaited(
  problems: TalliedProblem[],
  fresh: ReadonlyMap<string, string>,
  confirmed: ReadonlySet<string>,
): TalliedProblem[] {
  const timedOut = problems.filter((p) => p.received === 'timeout');
  const hung = (p: TalliedProblem) => confirmed.has(p.signature) && !fresh.has(p.signature);
  const waited = (p: TalliedProblem) => /^\d{3}$/.test(fresh.get(p.signature) ?? '');
  if (!timedOut.some(hung) || !timedOut.some(waited)) return problems;
  return [
    ...problems.filter((p) => p.received !== 'timeout'),
    oneProblem(timedOut, (p) => (hung(p) ? 0 : 1), HANG_SCOPE),
  ];
}

/**
 * Server errors that come and go: where the examples of two or more 5xx problems got another answer sent again alone
 * (`confirmPhase`), the 5xx problems of one core not shown to come again alone are one problem, `in the requests whose
 * server error came and went`, its example one that did not (nginx + PHP-FPM probe: a 500 to every 37th request was six
 * problems, one per class it happened to hit). A 5xx that came again alone stays a problem of its own: a crash on it.
 * Baselined problems of a core the baseline `listed` so count as gone: they are not sent again.
 */
function mergeComeAndGo(
  problems: TalliedProblem[],
  fresh: ReadonlyMap<string, string>,
  confirmed: ReadonlySet<string>,
  listed: ReadonlySet<string>,
): TalliedProblem[] {
  const gone = (p: TalliedProblem) =>
    /^[1-4]\d\d$/.test(fresh.get(p.signature) ?? '') || (p.baselined && listed.has(p.core));
  const errored = problems.filter((p) => SERVER_ERROR.test(p.received) && (gone(p) || !confirmed.has(p.signature)));
  if (errored.filter(gone).length < 2) return problems;
  const byCore = new Map<string, TalliedProblem[]>();
  for (const p of errored) byCore.set(p.core, [...(byCore.get(p.core) ?? []), p]);
  const groups = [...byCore.values()].filter((g) => g.length > 1 && g.some(gone));
  if (groups.length === 0) return problems;
  const merged = new Set(groups.flat());
  return [
    ...problems.filter((p) => !merged.has(p)),
    ...groups.map((g) => {
      const one = oneProblem(g, (p) => (gone(p) ? 0 : 1), COMES_AND_GOES_SCOPE);
      const example = g.find((p) => p.case.id === one.case.id);
      const got = example === undefined ? undefined : fresh.get(example.signature);
      return got === undefined ? one : { ...one, fresh: got };
    }),
  ];
}

/**
 * The problems of the run: a random case's pending cause counts under the boundary problem of the same core and
 * family when there is one (a random case under another media type, `valid/media`), else under the first of the same
 * core by signature; the rest of one core make one problem of their own, `in random cases` (a preflight's its own).
 */
function resolved(problems: ReadonlyMap<string, TalliedProblem>, pending: ReadonlyMap<string, TalliedProblem>) {
  const out = new Map(problems);
  const byCore = new Map<string, string>();
  for (const p of [...problems.values()].sort((a, b) => (a.signature < b.signature ? -1 : 1)))
    if (!byCore.has(p.core)) byCore.set(p.core, p.signature);
  for (const p of pending.values()) {
    // A preflight case met alone keeps its own scope (`invalid/preflight`): it is no random case.
    const alone = p.case.phase === 'preflight' ? p.signature : signatureOf(p.core, RANDOM_SCOPE);
    const target = problems.has(p.signature) ? p.signature : (byCore.get(p.core) ?? alone);
    const seen = out.get(target);
    out.set(
      target,
      seen
        ? absorbInto(seen, p, plainer(p.plain, seen.plain) && seen.scope === RANDOM_SCOPE)
        : target === p.signature
          ? p
          : { ...p, signature: target, scope: RANDOM_SCOPE },
    );
  }
  return [...out.values()];
}
