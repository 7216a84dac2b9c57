// Baselines and triage. A baseline is a ratchet: the problems a provider is known to have, by signature, which a run
// reports but does not fail on; entries that no longer occur are reported as fixed, so that the file only shrinks.
// Triage compares a run with a previous report: new problems, problems still failing, problems fixed.
import type { Report, ReportedProblem } from './model.ts';

/** One known problem of a baseline file: its signature (what is matched) and, for people, what it is. */
export interface BaselineEntry {
  readonly signature: string;
  readonly title: string;
  readonly checks: readonly string[];
  readonly rules: readonly string[];
}

/** The baseline file a team commits (`conformance baseline REPORT --out FILE`). */
export interface BaselineFile {
  /** The format's version. */
  readonly baseline: 1;
  readonly problems: readonly BaselineEntry[];
}

/** How a run stood against its baseline (report.json → `baseline`). */
export interface BaselineStatus {
  readonly file: string;
  readonly entries: number;
  /** Entries the run still showed: reported, not failing the run. */
  readonly matched: number;
  /** Entries the run did not show: fixed (or not reached), to be removed from the file with `conformance baseline`. */
  readonly fixed: readonly BaselineEntry[];
}

/** A run compared with a previous report (report.json → `triage`, from `run --compare`). */
export interface Triage {
  readonly previous: { readonly file: string; readonly seed: number; readonly startedAt: string };
  /** Ids of this run's problems the previous report did not have. */
  readonly new: readonly string[];
  /** Ids of this run's problems the previous report had too. */
  readonly stillFailing: readonly string[];
  /** Problems of the previous report this run did not show. */
  readonly fixed: readonly BaselineEntry[];
}

/** A baseline file that cannot be used: one line, exit code 2. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

function entryOf(p: ReportedProblem): BaselineEntry {
  return { signature: p.signature, title: p.title, checks: p.checks, rules: p.rules };
}

/** The baseline of a report: its unwaived problems by signature, sorted, with nothing of the run (seed, ids, times). */
export function toBaseline(r: Pick<Report, 'problems'>): BaselineFile {
  if (r.problems === undefined)
    throw new BaselineError('the report has no problems field (written by an older version): run again to make one');
  const entries = r.problems.map(entryOf).sort((a, b) => (a.signature < b.signature ? -1 : 1));
  return { baseline: 1, problems: [...new Map(entries.map((e) => [e.signature, e])).values()] };
}

/** The entries of a parsed baseline file, checked. */
export function parseBaseline(json: unknown, source: string): BaselineEntry[] {
  const file = json as Partial<BaselineFile> | null;
  if (file === null || typeof file !== 'object' || file.baseline !== 1 || !Array.isArray(file.problems))
    throw new BaselineError(`${source}: not a baseline file (expected {"baseline": 1, "problems": [...]})`);
  return file.problems.map((e: Partial<BaselineEntry>, i) => {
    if (typeof e?.signature !== 'string' || e.signature === '')
      throw new BaselineError(`${source}: problem #${i + 1} needs a "signature" string`);
    return {
      signature: e.signature,
      title: typeof e.title === 'string' ? e.title : e.signature,
      checks: Array.isArray(e.checks) ? e.checks.map(String) : [],
      rules: Array.isArray(e.rules) ? e.rules.map(String) : [],
    };
  });
}

/** Where a run stands against a baseline: how many entries still occur, which no longer do. */
export function baselineStatus(
  file: string,
  entries: readonly BaselineEntry[],
  problems: readonly Pick<ReportedProblem, 'signature'>[],
): BaselineStatus {
  const seen = new Set(problems.map((p) => p.signature));
  const fixed = entries.filter((e) => !seen.has(e.signature));
  return { file, entries: entries.length, matched: entries.length - fixed.length, fixed };
}

/** Triage of a run against a previous report: new, still failing, fixed (by problem signature). */
export function triage(current: Pick<Report, 'problems'>, previous: Report, file: string): Triage {
  const before = new Map((previous.problems ?? []).map((p) => [p.signature, p]));
  const now = current.problems ?? [];
  const after = new Set(now.map((p) => p.signature));
  return {
    previous: { file, seed: previous.seed, startedAt: previous.startedAt },
    new: now.filter((p) => !before.has(p.signature)).map((p) => p.id),
    stillFailing: now.filter((p) => before.has(p.signature)).map((p) => p.id),
    fixed: [...before.values()].filter((p) => !after.has(p.signature)).map(entryOf),
  };
}

/** The baseline status of merged shards: an entry is fixed only when no shard showed it. */
export function mergeBaselineStatus(statuses: readonly (BaselineStatus | undefined)[]): BaselineStatus | undefined {
  const given = statuses.filter((s): s is BaselineStatus => s !== undefined);
  if (given.length === 0) return undefined;
  const fixedEverywhere = given
    .map((s) => new Set(s.fixed.map((e) => e.signature)))
    .reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const fixed = given[0].fixed.filter((e) => fixedEverywhere.has(e.signature));
  return { ...given[0], matched: given[0].entries - fixed.length, fixed };
}

/** The marks of a problem for people: `baselined`, `new`, `still failing`. */
export function problemMarks(r: Pick<Report, 'triage'>, p: Pick<ReportedProblem, 'id' | 'baselined'>): string[] {
  const marks: string[] = [];
  if (p.baselined) marks.push('baselined');
  if (r.triage?.new.includes(p.id)) marks.push('new');
  if (r.triage?.stillFailing.includes(p.id)) marks.push('still failing');
  return marks;
}

/** The baseline and triage of a report as plain-text sections (every writer shows them, each in its own markup). */
export function ratchetSections(r: Pick<Report, 'baseline' | 'triage' | 'problems'>): {
  heading: string;
  lines: string[];
}[] {
  const out: { heading: string; lines: string[] }[] = [];
  const titled = (ids: readonly string[]) =>
    ids.map((id) => `${id} ${(r.problems ?? []).find((p) => p.id === id)?.title ?? ''}`.trimEnd());
  if (r.baseline) {
    const b = r.baseline;
    out.push({
      heading: `baseline ${b.file}: ${b.matched} of ${b.entries} entries still occur (reported, not failing the run), ${b.fixed.length} fixed`,
      lines: [
        ...b.fixed.map(
          (e) => `fixed: ${e.title} — remove it from the baseline (conformance baseline REPORT --out FILE)`,
        ),
      ],
    });
  }
  if (r.triage) {
    const t = r.triage;
    out.push({
      heading: `triage against ${t.previous.file} (seed ${t.previous.seed}, ${t.previous.startedAt}): ${t.new.length} new, ${t.stillFailing.length} still failing, ${t.fixed.length} fixed`,
      lines: [
        ...titled(t.new).map((x) => `new: ${x}`),
        ...titled(t.stillFailing).map((x) => `still failing: ${x}`),
        ...t.fixed.map((e) => `fixed: ${e.title}`),
      ],
    });
  }
  return out;
}
