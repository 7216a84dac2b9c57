// Joins the reports of the shards of one run (`--shard i/n`, same seed, spec and tool) into the report of the whole run.
import {
  CREATED_FILE,
  CREATED_KEPT,
  type BaselineStatus,
  type CheckSummary,
  type FixturesReport,
  type Pacing,
  type Report,
  type ReportedFailure,
  type SpecGap,
  type WaiverStatus,
} from './model.ts';
import { mergeBaselineStatus } from './baseline.ts';
import { mergeProblems } from './problems.ts';
import { operationName, operationOf } from '../spec/operation.ts';
import { buildReport } from './build.ts';

/** Shard reports that do not make up one run: one line, exit code 2. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function sameEverywhere<T>(reports: readonly Report[], what: string, get: (r: Report) => T): void {
  const first = get(reports[0]);
  const other = reports.find((r) => get(r) !== first);
  if (other)
    throw new MergeError(
      `shard reports differ in ${what} (${String(first)} and ${String(get(other))}): they are not shards of one run`,
    );
}

/** `(12×)` at the end of a runner warning: merged by summing. */
const COUNT = /\s\((\d+)×\)$/;

function mergeWarnings(lists: readonly Report['warnings'][]): Report['warnings'] {
  const byKey = new Map<string, { w: Report['warnings'][number]; count: number | null }>();
  for (const w of lists.flat()) {
    const m = COUNT.exec(w.message);
    const base = m ? w.message.slice(0, m.index) : w.message;
    const key = `${w.code}\n${w.rule}\n${base}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { w: { ...w, message: base }, count: m ? Number(m[1]) : null });
    else if (m) seen.count = (seen.count ?? 0) + Number(m[1]);
  }
  return [...byKey.values()].map(({ w, count }) =>
    count === null ? w : { ...w, message: `${w.message} (${count}×)` },
  );
}

function mergeChecks(lists: readonly (readonly CheckSummary[])[]): CheckSummary[] {
  const byName = new Map<string, CheckSummary>();
  for (const c of lists.flat()) {
    const m = byName.get(c.name) ?? {
      name: c.name,
      description: c.description,
      passed: 0,
      failed: 0,
      waived: 0,
      skipped: 0,
    };
    m.passed += c.passed;
    m.failed += c.failed;
    m.waived += c.waived;
    m.skipped += c.skipped;
    if (c.baselined !== undefined) m.baselined = (m.baselined ?? 0) + c.baselined;
    if (c.classes) {
      m.classes ??= {};
      for (const [label, t] of Object.entries(c.classes)) {
        const into = (m.classes[label] ??= { passed: 0, failed: 0, waived: 0, skipped: 0 });
        into.passed += t.passed;
        into.failed += t.failed;
        into.waived += t.waived;
        into.skipped += t.skipped;
        if (t.baselined !== undefined) into.baselined = (into.baselined ?? 0) + t.baselined;
      }
    }
    byName.set(c.name, m);
  }
  return [...byName.values()];
}

/**
 * Equal failures (same check, kind, rule, case class and waiver, the runner's own key) found by several shards become
 * one, with their occurrences summed and the first shard's example; then all are numbered F1, F2, … again.
 */
function mergeFailures(lists: readonly (readonly ReportedFailure[])[]): ReportedFailure[] {
  const byKey = new Map<string, ReportedFailure>();
  for (const f of lists.flat()) {
    const key = [f.check, f.kind, f.rule, f.case.label, f.waivedBy ?? ''].join('\n');
    const seen = byKey.get(key);
    // Baselined only if every shard's occurrences were (a shard that failed on it fails the whole run).
    const { baselined: _b, ...unbaselined } = seen ?? f;
    byKey.set(
      key,
      seen
        ? { ...(seen.baselined && f.baselined ? seen : unbaselined), occurrences: seen.occurrences + f.occurrences }
        : f,
    );
  }
  return [...byKey.values()].map((f, i) => ({ ...f, id: `F${i + 1}` }));
}

function mergeWaivers(lists: readonly (readonly WaiverStatus[])[]): WaiverStatus[] {
  const byId = new Map<string, WaiverStatus>();
  for (const w of lists.flat()) {
    const seen = byId.get(w.id);
    // Stale only if it matched nothing in every shard.
    byId.set(
      w.id,
      seen
        ? {
            ...seen,
            matched: seen.matched + w.matched,
            expired: seen.expired || w.expired,
            // Exercised (stale or matched) in any shard is exercised in the whole run.
            ...(seen.notExercised && w.notExercised ? { notExercised: true } : {}),
            stale: seen.matched + w.matched === 0 && !(seen.notExercised && w.notExercised),
          }
        : w,
    );
  }
  return [...byId.values()];
}

function mergeGaps(lists: readonly (readonly SpecGap[])[]): SpecGap[] {
  const byStatus = new Map<number, SpecGap>();
  for (const g of lists.flat()) {
    const seen = byStatus.get(g.status);
    byStatus.set(g.status, seen ? { ...seen, count: seen.count + g.count } : g);
  }
  return [...byStatus.values()].sort((a, b) => a.status - b.status);
}

/** Rows summed over the shards; undefined when a shard's report is older than the field. */
function mergeRows(lists: readonly Report['rows'][]): Report['rows'] {
  if (lists.some((l) => l === undefined)) return undefined;
  const byRow = new Map<string, number>();
  for (const r of lists.flatMap((l) => l ?? [])) byRow.set(r.row, (byRow.get(r.row) ?? 0) + r.cases);
  return [...byRow].map(([row, cases]) => ({ row, cases }));
}

/**
 * The pace of shards run side by side: 429s and halvings summed; the pause the longest shard's (like the duration); the
 * settled pace and ceiling the lowest shard's, the pace every shard could keep. Absent when no shard has one.
 */
function mergePacing(list: readonly (Pacing | undefined)[]): Pacing | undefined {
  const all = list.filter((p) => p !== undefined);
  if (all.length === 0) return undefined;
  const least = (xs: readonly (number | undefined)[]) => {
    const n = xs.filter((x) => x !== undefined);
    return n.length ? Math.min(...n) : undefined;
  };
  const settled = least(all.map((p) => p.settledRate));
  const ceiling = least(all.map((p) => p.ceiling));
  const policy = all.find((p) => p.policy !== undefined)?.policy;
  const unavailable = all.reduce((n, p) => n + (p.unavailable ?? 0), 0);
  return {
    rateLimited: all.reduce((n, p) => n + p.rateLimited, 0),
    ...(unavailable === 0 ? {} : { unavailable }),
    ...(settled === undefined ? {} : { settledRate: settled }),
    ...(ceiling === undefined ? {} : { ceiling }),
    lowered: all.reduce((n, p) => n + p.lowered, 0),
    pausedMs: Math.max(...all.map((p) => p.pausedMs)),
    ...(policy === undefined ? {} : { policy }),
  };
}

/**
 * What the fixtures did over all shards (each shard probes every value): per field the cases summed, the values the
 * file's, the usable ones the fewest any shard kept; every stale value once. Absent when no shard had fixtures.
 */
function mergeFixtures(list: readonly (FixturesReport | undefined)[]): FixturesReport | undefined {
  const all = list.filter((f) => f !== undefined);
  if (all.length === 0) return undefined;
  const fields = new Map<string, FixturesReport['fields'][number]>();
  for (const f of all.flatMap((x) => x.fields)) {
    const seen = fields.get(f.field);
    fields.set(
      f.field,
      seen
        ? {
            field: f.field,
            values: Math.max(seen.values, f.values),
            usable: Math.min(seen.usable, f.usable),
            cases: seen.cases + f.cases,
          }
        : f,
    );
  }
  return {
    file: all[0].file,
    fields: [...fields.values()],
    stale: unique(
      all.flatMap((x) => x.stale),
      (s) => `${s.field}\n${s.value}`,
    ),
  };
}

function unique<T>(items: readonly T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((x) => !seen.has(key(x)) && (seen.add(key(x)), true));
}

/**
 * The report of the whole run from the reports of its shards: every shard i/n of one n exactly once, with the same
 * operation, seed, runs, spec, tool and target (a report without an operation, of an older version, judged the default
 * one). Counts are summed; the duration is the longest shard's (shards run side by side).
 */
export function mergeReports(input: readonly Report[]): Report {
  if (input.length === 0) throw new MergeError('merge-reports needs at least one shard report');
  const unsharded = input.find((r) => r.shard === null);
  if (unsharded) throw new MergeError(`a report of seed ${unsharded.seed} is not a shard (run with --shard i/n)`);
  const reports = [...input].sort((a, b) => a.shard!.index - b.shard!.index);
  sameEverywhere(reports, 'operation', (r) => operationName(operationOf(r)));
  sameEverywhere(reports, 'seed', (r) => r.seed);
  sameEverywhere(reports, 'spec sha256', (r) => r.spec.sha256);
  sameEverywhere(reports, 'shard count', (r) => r.shard!.count);
  sameEverywhere(reports, '--runs', (r) => r.runs);
  sameEverywhere(reports, 'tool version', (r) => r.tool.version);
  sameEverywhere(reports, 'target kind', (r) => r.target.kind);
  // Each shard starts its own Prism on its own port; a provider URL must be the same.
  if (reports[0].target.kind === 'url') sameEverywhere(reports, 'target', (r) => r.target.url);
  const count = reports[0].shard!.count;
  for (let i = 1; i <= count; i++) {
    const n = reports.filter((r) => r.shard!.index === i).length;
    if (n === 0)
      throw new MergeError(
        `shard ${i}/${count} is missing (got ${reports.map((r) => `${r.shard!.index}/${count}`).join(', ')})`,
      );
    if (n > 1) throw new MergeError(`shard ${i}/${count} is given ${n} times`);
  }

  const first = reports[0];
  const sum = (get: (r: Report) => number) => reports.reduce((n, r) => n + get(r), 0);
  const firsts = reports.map((r) => r.summary.firstFailureAt).filter((x): x is number => x !== null);
  const checks = mergeChecks(reports.map((r) => r.checks));
  const rows = mergeRows(reports.map((r) => r.rows));
  const stopReason = reports.find((r) => r.stopReason !== undefined)?.stopReason;
  const gaveUp = reports.find((r) => r.gaveUp)?.gaveUp;
  const failures = mergeFailures(reports.map((r) => r.failures));
  const pacing = mergePacing(reports.map((r) => r.pacing));
  const fixtures = mergeFixtures(reports.map((r) => r.fixtures));
  const merged = {
    tool: first.tool,
    spec: first.spec,
    // A shard of an older version names none: the one another shard names (with its operationId), else the default.
    operation: operationOf(reports.find((r) => r.operation !== undefined) ?? first),
    target: first.target,
    seed: first.seed,
    runs: first.runs,
    shard: null,
    mergedShards: count,
    interrupted: reports.some((r) => r.interrupted),
    budgetExhausted: reports.some((r) => r.budgetExhausted),
    startedAt: reports.map((r) => r.startedAt).sort()[0],
    // The whole run is complete when every shard was (older reports: when none ran out of budget).
    complete: reports.every((r) => r.complete ?? (!r.budgetExhausted && !r.interrupted)),
    // The flags are one run's: the first shard's say how every shard sent (the repeat line and replay read them).
    ...(first.options === undefined ? {} : { options: first.options }),
    ...(pacing === undefined ? {} : { pacing }),
    ...(fixtures === undefined ? {} : { fixtures }),
    ...(stopReason === undefined ? {} : { stopReason }),
    ...(gaveUp === undefined ? {} : { gaveUp }),
    summary: {
      cases: sum((r) => r.summary.cases),
      requests: sum((r) => r.summary.requests),
      failures: sum((r) => r.summary.failures),
      waived: sum((r) => r.summary.waived),
      ...(reports.some((r) => r.summary.baselined !== undefined)
        ? { baselined: sum((r) => r.summary.baselined ?? 0) }
        : {}),
      passed: sum((r) => r.summary.passed),
      rateLimited: sum((r) => r.summary.rateLimited),
      // Requests into the fastest-failing shard: how soon the sharded gate knew.
      firstFailureAt: firsts.length ? Math.min(...firsts) : null,
      durationMs: Math.max(...reports.map((r) => r.summary.durationMs)),
    },
    // The plan is the whole run's in every shard.
    plan: first.plan,
    checks,
    ...(rows === undefined ? {} : { rows }),
    coverage: [
      ...reports
        .flatMap((r) => r.coverage)
        .reduce((m, c) => {
          const key = `${c.pointer}\n${c.keyword}`;
          const seen = m.get(key);
          m.set(key, seen ? { ...seen, valid: seen.valid + c.valid, invalid: seen.invalid + c.invalid } : c);
          return m;
        }, new Map<string, Report['coverage'][number]>())
        .values(),
    ],
    failures,
    ...optionalBaseline(mergeBaselineStatus(reports.map((r) => r.baseline))),
    problems: mergeProblems(
      reports.map((r) => r.problems),
      failures,
    ),
    specGaps: mergeGaps(reports.map((r) => r.specGaps)),
    warnings: mergeWarnings(reports.map((r) => r.warnings)),
    // Every shard sends the same preflight; a probe the target accepted in any shard is kept.
    preflight: [
      ...reports
        .flatMap((r) => r.preflight)
        .reduce(
          (m, p) => (m.get(p.label)?.ok === false ? m : m.set(p.label, p)),
          new Map<string, Report['preflight'][number]>(),
        )
        .values(),
    ],
    normalisations: unique(
      reports.flatMap((r) => r.normalisations),
      (n) => `${n.rule}\n${n.change}`,
    ),
    waivers: mergeWaivers(reports.map((r) => r.waivers)),
    created: reports.flatMap((r) => r.created).slice(0, CREATED_KEPT),
    createdCount: sum((r) => r.createdCount ?? r.created.length),
    // merge-reports joins the shards' files into its own (src/cli/merge.ts).
    ...(reports.some((r) => r.createdFile) ? { createdFile: CREATED_FILE } : {}),
  };
  return buildReport(merged);
}

function optionalBaseline(b: BaselineStatus | undefined): { baseline?: BaselineStatus } {
  return b ? { baseline: b } : {};
}
