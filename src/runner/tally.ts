// The streaming bookkeeping of a run: counters, distinct failures, spec gaps, warnings, created ids; then the Report.
import type { Check, Failure } from '../checks/types.ts';
import type { Judged } from '../checks/judge.ts';
import { PROFILE_ONLY_STATUSES, RULES } from '../checks/rules.ts';
import { jsonBody } from '../checks/util.ts';
import type { TestCase } from '../generators/case.ts';
import { toCurl } from '../report/curl.ts';
import { redactHeaderValue } from '../secrets.ts';
import {
  CREATED_FILE,
  CREATED_KEPT,
  type CheckSummary,
  type PreflightResult,
  type Report,
  type ReportedFailure,
  type SpecGap,
} from '../report/model.ts';
import type { createWaiverBook } from '../report/waivers.ts';
import { rowCounts, untestedOf, verdictOf, type StopReason } from '../report/verdict.ts';
import type { Target } from '../targets/index.ts';
import { TOOL } from '../version.ts';
import type { Exchange, ReceivedResponse } from './exchange.ts';

/** Streaming bookkeeping of a run: counters, distinct failures (first example kept), spec gaps, warnings. */
export function createTally(
  checks: readonly Check[],
  seed: number,
  book: ReturnType<typeof createWaiverBook>,
  redact: (s: string) => string,
  /** Every created id, as it is seen (the CLI streams them to `created.ndjson`). */
  onCreated?: (id: string) => void,
) {
  const summaries = new Map<string, CheckSummary>(
    checks.map((c) => [
      c.name,
      { name: c.name, description: c.description, passed: 0, failed: 0, waived: 0, skipped: 0 },
    ]),
  );
  const failures = new Map<
    string,
    { key: string; failure: Failure; case: TestCase; ex: Exchange; occurrences: number; waivedBy?: string }
  >();
  const warnings = new Map<string, { code: string; rule: string; message: string; count: number }>();
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
  let firstFailureAt: number | null = null;

  return {
    record(c: TestCase, ex: Exchange, judged: readonly Judged[], requestsSoFar: number) {
      cases++;
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
      rateLimited += ex.rateLimited;
      let casePassed = true;
      book.exercise(
        c,
        judged.filter((j) => j.outcome !== 'skip').map((j) => j.check.name),
      );
      for (const j of judged) {
        const s = summaries.get(j.check.name)!;
        const byClass = ((s.classes ??= {})[c.label] ??= { passed: 0, failed: 0, waived: 0, skipped: 0 });
        if (j.outcome === 'skip') {
          s.skipped++;
          byClass.skipped++;
          continue;
        }
        let unwaived = 0;
        let waived = 0;
        for (const f of j.failures) {
          if (f.severity === 'warning') {
            // Advisory findings keep their case class: each names its own rule beyond the profile.
            const key = `${f.check}|${f.kind}|${f.rule}${c.advisory ? `|${c.label}` : ''}`;
            const w = warnings.get(key) ?? { code: `${f.check}/${f.kind}`, rule: f.rule, message: f.message, count: 0 };
            w.count++;
            warnings.set(key, w);
            continue;
          }
          const waiver = book.match(c, f);
          if (waiver) waived++;
          else unwaived++;
          const key = `${f.check}|${f.kind}|${f.rule}|${c.label}`;
          const seen = failures.get(key);
          if (seen) seen.occurrences++;
          else
            failures.set(key, {
              key,
              failure: f,
              case: c,
              ex,
              occurrences: 1,
              ...(waiver ? { waivedBy: waiver.id } : {}),
            });
        }
        const outcome = unwaived > 0 ? 'failed' : waived > 0 ? 'waived' : 'passed';
        s[outcome]++;
        byClass[outcome]++;
        if (unwaived > 0) casePassed = false;
        failureCount += unwaived;
        waivedCount += waived;
      }
      if (casePassed) passed++;
      else firstFailureAt ??= requestsSoFar;
      const res = ex.response;
      if (res && PROFILE_ONLY_STATUSES.includes(res.status)) {
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
      }
    },
    noteCreated(ex: Exchange | undefined): Exchange | undefined {
      const id = ex?.response?.status === 201 ? safeId(ex.response) : undefined;
      if (id) {
        createdCount++;
        if (created.length < CREATED_KEPT) created.push(id);
        onCreated?.(id);
      }
      return ex;
    },
    failureCount: () => failureCount,
    /** Distinct unwaived failures of random cases, in order found; never a transport failure (a timeout is not re-sent). */
    shrinkable() {
      return [...failures.values()].filter(
        (f) =>
          f.case.phase === 'random' &&
          f.case.counterexamplePath !== undefined &&
          !f.waivedBy &&
          f.failure.check !== 'response-is-received',
      );
    },
    replaceExample(key: string, c: TestCase, ex: Exchange) {
      const f = failures.get(key);
      if (f) failures.set(key, { ...f, case: c, ex });
    },
    report(meta: {
      spec: { path: string; sha256: string };
      target: Target;
      insecure: boolean;
      runs: number;
      shard: Report['shard'];
      interrupted: boolean;
      budgetExhausted: boolean;
      /** Every case of the plan (this shard) was sent and judged. */
      complete: boolean;
      stopReason?: StopReason | undefined;
      gaveUp?: Report['gaveUp'] | undefined;
      requests: number;
      startedAt: string;
      options?: Report['options'];
      durationMs: number;
      plan: Report['plan'];
      coverage: Report['coverage'];
      lintWarnings: Report['warnings'];
      preflight: PreflightResult[];
    }): Report {
      const reported: ReportedFailure[] = [...failures.values()].map((f, i) => toReported(f, i, seed, redact));
      const waiverStatuses = book.statuses();
      const summary = {
        cases,
        requests: meta.requests,
        failures: failureCount,
        waived: waivedCount,
        passed,
        rateLimited,
        firstFailureAt,
        durationMs: meta.durationMs,
      };
      const stop = {
        complete: meta.complete,
        ...(meta.complete || meta.stopReason === undefined ? {} : { stopReason: meta.stopReason }),
        ...(meta.gaveUp ? { gaveUp: meta.gaveUp } : {}),
      };
      const checkSummaries = [...summaries.values()];
      const rows = rowCounts(byKind);
      const rejectedPreflight = meta.preflight.filter((p) => !p.ok);
      const preflightWarnings = rejectedPreflight.map((p) => ({
        code: 'preflight',
        rule: RULES.responses,
        message: `preflight: the target accepted ${p.label} with ${p.received} (expected ${p.expected}): it does not seem to enforce the contract`,
      }));
      return {
        tool: TOOL,
        spec: meta.spec,
        target: { kind: meta.target.kind, url: meta.target.baseUrl, mock: meta.target.mock, insecure: meta.insecure },
        seed,
        runs: meta.runs,
        shard: meta.shard,
        interrupted: meta.interrupted,
        budgetExhausted: meta.budgetExhausted,
        startedAt: meta.startedAt,
        ...(meta.options ? { options: meta.options } : {}),
        ...stop,
        ...verdictOf({
          failures: reported,
          summary,
          waivers: waiverStatuses,
          interrupted: meta.interrupted,
          budgetExhausted: meta.budgetExhausted,
          ...stop,
        }),
        summary,
        plan: meta.plan,
        checks: checkSummaries,
        rows,
        untested: untestedOf(checkSummaries, rows),
        coverage: meta.coverage,
        failures: reported,
        specGaps: [...gaps.values()].sort((a, b) => a.status - b.status),
        warnings: [
          ...preflightWarnings,
          ...meta.lintWarnings,
          ...[...warnings.values()].map((w) => ({ code: w.code, rule: w.rule, message: `${w.message} (${w.count}×)` })),
        ],
        preflight: meta.preflight,
        normalisations: meta.target.normalisations,
        waivers: waiverStatuses,
        created,
        createdCount,
        ...(onCreated ? { createdFile: CREATED_FILE } : {}),
      };
    },
  };
}

function safeId(res: ReceivedResponse): string | undefined {
  const parsed = jsonBody(res);
  const id = parsed.ok ? (parsed.value as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function toReported(
  f: { failure: Failure; case: TestCase; ex: Exchange; occurrences: number; waivedBy?: string },
  i: number,
  seed: number,
  redact: (s: string) => string,
): ReportedFailure {
  const { failure, case: c, ex } = f;
  const request = {
    method: ex.request.method,
    url: ex.request.url,
    headers: ex.request.headers,
    body: ex.request.body ?? null,
  };
  const redactHeaders = (h: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k, redact(redactHeaderValue(k, v))]));
  return {
    id: `F${i + 1}`,
    check: failure.check,
    kind: failure.kind,
    severity: failure.severity,
    rule: failure.rule,
    message: redact(failure.message),
    ...(failure.received === undefined ? {} : { received: failure.received }),
    ...(failure.documented === undefined ? {} : { documented: failure.documented }),
    case: {
      id: c.id,
      label: c.label,
      kind: c.kind,
      phase: c.phase,
      auth: c.auth,
      contentType: c.contentType ?? null,
      ...(c.violation ? { violation: c.violation } : {}),
    },
    request,
    response: ex.response
      ? {
          status: ex.response.status,
          headers: redactHeaders(ex.response.headers),
          body: redact(ex.response.body.slice(0, 64 * 1024)),
        }
      : null,
    ...(ex.error ? { error: ex.error } : {}),
    curl: toCurl(request, c.auth),
    seed,
    counterexamplePath: c.counterexamplePath ?? null,
    occurrences: f.occurrences,
    ...(f.waivedBy ? { waivedBy: f.waivedBy } : {}),
  };
}
