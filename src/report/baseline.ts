// Baselines and triage. A baseline is a ratchet: the problems a provider is known to have, by signature, which a run
// reports but does not fail on; entries that no longer occur are reported as fixed, so that the file only shrinks.
// Triage compares a run with a previous report: new problems, problems still failing, problems fixed.
import { coreOf, RANDOM_SCOPE, splitSignature, type Cause } from './cause.ts';
import { isRunWide, listsRunWide } from './run-wide.ts';
import type { BaselineEntry, BaselineStatus, CheckSummary, Report, ReportedProblem, Triage } from './model.ts';
import { DEFAULT_OPERATION, operationOf, type OperationRef } from '../spec/operation.ts';

/** The baseline file a team commits (`conformance baseline REPORT --out FILE`). */
export interface BaselineFile {
  /** The format's version: 2 (problems by cause); version 1 files (problems by the failures of one case) are read. */
  readonly baseline: 2;
  /**
   * The operation whose problems it lists: a run of another operation refuses it. Absent in files written before it
   * was added, which are of `POST /v1/onboarding/entities` (the only operation judged then) and match as before.
   */
  readonly operation?: OperationRef;
  readonly problems: readonly BaselineEntry[];
}

/** A baseline file that cannot be used: one line, exit code 2. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

function entryOf(p: ReportedProblem): BaselineEntry {
  return { signature: p.signature, title: p.title, checks: p.checks, rules: p.rules, classes: p.classes };
}

/** The baseline of a report: its unwaived problems by signature, sorted, with nothing of the run (seed, ids, times). */
export function toBaseline(r: Pick<Report, 'problems' | 'operation'>): BaselineFile {
  if (r.problems === undefined)
    throw new BaselineError('the report has no problems field (written by an older version): run again to make one');
  const entries = r.problems.map(entryOf).sort((a, b) => (a.signature < b.signature ? -1 : 1));
  const { method, path } = operationOf(r);
  return {
    baseline: 2,
    operation: { method, path },
    problems: [...new Map(entries.map((e) => [e.signature, e])).values()],
  };
}

/**
 * The operation of a parsed baseline file: its `operation`, or for a file written before baselines named one, the
 * default operation (the only one judged then).
 */
export function baselineOperation(json: unknown, source: string): OperationRef {
  const op = (json as { operation?: unknown } | null)?.operation;
  if (op === undefined) return DEFAULT_OPERATION;
  const { method, path } = (op ?? {}) as { method?: unknown; path?: unknown };
  if (typeof method !== 'string' || typeof path !== 'string')
    throw new BaselineError(`${source}: "operation" must be {"method": "POST", "path": "/…"}`);
  return { method: method.toUpperCase(), path };
}

/** The entries of a parsed baseline file, checked. */
export function parseBaseline(json: unknown, source: string): BaselineEntry[] {
  const file = json as Partial<BaselineFile> | null;
  // Read as data: the version is checked here, so a literal type does not narrow it.
  const version = (file as { baseline?: unknown } | null)?.baseline;
  if (file === null || typeof file !== 'object' || (version !== 1 && version !== 2) || !Array.isArray(file.problems))
    throw new BaselineError(`${source}: not a baseline file (expected {"baseline": 2, "problems": [...]})`);
  return file.problems.map((e: Partial<BaselineEntry>, i) => {
    if (typeof e?.signature !== 'string' || e.signature === '')
      throw new BaselineError(`${source}: problem #${i + 1} needs a "signature" string`);
    return {
      signature: e.signature,
      title: typeof e.title === 'string' ? e.title : e.signature,
      checks: Array.isArray(e.checks) ? e.checks.map(String) : [],
      rules: Array.isArray(e.rules) ? e.rules.map(String) : [],
      ...(version === 2 && Array.isArray(e.classes) ? { classes: e.classes.map(String) } : {}),
    };
  });
}

/** A version 1 signature: `received 200 | check kind rule | …`, the failures of one case. */
function v1Parts(e: BaselineEntry): { received: string; parts: Set<string> } | undefined {
  if (e.classes !== undefined || !e.signature.startsWith('received ')) return undefined;
  const [received, ...parts] = e.signature.split(' | ');
  return { received: received.slice('received '.length), parts: new Set(parts) };
}

/**
 * Which entry of the baseline lists a cause (its signature), if any: the entry of its signature; for a random case's
 * cause, an entry of its core (the boundary problem it counts under); for a version 1 entry, the same answer and one
 * of the failures the entry names.
 */
export function baselineMatcher(entries: readonly BaselineEntry[]): (
  cause: Pick<Cause, 'signature' | 'core' | 'attachable' | 'failures' | 'alsoKnownAs'>,
  /** The label of the case the cause was found in (`valid/null/brand`). */
  label?: string,
) => string | undefined {
  const signatures = new Set(entries.map((e) => e.signature));
  const runWide = entries.filter((e) => e.classes !== undefined && isRunWide(e.signature));
  // An entry scoped by a member (`| in /brand`) lists the causes of classes about that member which the tally counts
  // under it (`valid/null/brand`, scoped by its family so that every nullable member refused is one bug).
  const byMember = entries.flatMap((e) => {
    const { core, scope } = splitSignature(e.signature);
    return e.classes !== undefined && scope.startsWith('/')
      ? [{ core, member: scope.slice(1), signature: e.signature }]
      : [];
  });
  // An entry lists the causes of its core found in its classes: each is scoped by its own family in the run, and the
  // tally merges them at its end, by a trigger (`| in valid requests with a number in properties`:
  // src/report/trigger.ts) or by what else the answers share (a body size: the 4 KiB 100-continue body counted under
  // the long strings' refusal).
  const byListed = entries.flatMap((e) =>
    e.classes !== undefined && e.classes.length > 0
      ? [{ core: coreOf(e.signature), classes: new Set(e.classes), signature: e.signature }]
      : [],
  );
  const cores = new Map(entries.filter((e) => e.classes !== undefined).map((e) => [coreOf(e.signature), e.signature]));
  const old = entries.flatMap((e) => {
    const v1 = v1Parts(e);
    return v1 ? [{ ...v1, signature: e.signature }] : [];
  });
  // An entry made when its cause had a narrower scope (a server error was scoped by family until 2026-12-03: `| in
  // auth/basic`, now `| in auth`) still lists it, so that a baseline made before keeps matching.
  const scoped = entries.map((e) => ({ core: coreOf(e.signature), signature: e.signature }));
  return (cause, label) => {
    if (signatures.has(cause.signature)) return cause.signature;
    if (cause.alsoKnownAs !== undefined && signatures.has(cause.alsoKnownAs)) return cause.alsoKnownAs;
    const wide = runWide.find((e) => listsRunWide(e.signature, cause));
    if (wide !== undefined) return wide.signature;
    const parts = label?.split('/') ?? [];
    const member = byMember.find((e) => e.core === cause.core && parts.includes(e.member));
    if (member !== undefined) return member.signature;
    const listed = byListed.find((e) => e.core === cause.core && label !== undefined && e.classes.has(label));
    if (listed !== undefined) return listed.signature;
    const byCore = cause.attachable ? cores.get(cause.core) : undefined;
    if (byCore !== undefined) return byCore;
    const scope = cause.signature.slice(cause.core.length);
    const narrower =
      scope === ''
        ? undefined
        : scoped.find((e) => e.core === cause.core && e.signature.startsWith(`${cause.signature}/`));
    if (narrower !== undefined) return narrower.signature;
    return old.find(
      (e) =>
        cause.core.startsWith(`received ${e.received} | `) &&
        cause.failures.some((f) => e.parts.has(`${f.check} ${f.kind} ${f.rule}`)),
    )?.signature;
  };
}

/**
 * Where a run stands against a baseline: entries still seen; entries fixed (not seen although cases of their classes
 * were sent and passed the entry's checks); entries not seen (their cases were not sent or did not pass, found by
 * random cases only, or version 1). Only a fixed entry asks to be removed: a gate with a fresh seed per run is stable.
 */
export function baselineStatus(
  file: string,
  entries: readonly BaselineEntry[],
  /** The signatures of the entries the run's causes matched (`baselineMatcher`). */
  seen: ReadonlySet<string>,
  checks: readonly Pick<CheckSummary, 'name' | 'classes'>[] = [],
): BaselineStatus {
  const passedIn = (e: BaselineEntry) =>
    e.classes !== undefined &&
    !e.signature.endsWith(`| in ${RANDOM_SCOPE}`) &&
    e.classes.some((label) => checks.some((c) => e.checks.includes(c.name) && (c.classes?.[label]?.passed ?? 0) > 0));
  const unseen = entries.filter((e) => !seen.has(e.signature));
  const fixed = unseen.filter(passedIn);
  const notSeen = unseen.filter((e) => !passedIn(e));
  return { file, entries: entries.length, matched: entries.length - unseen.length, fixed, notSeen };
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

/**
 * The baseline status of merged shards: an entry any shard showed is matched; else fixed when a shard found it fixed;
 * else not seen.
 */
export function mergeBaselineStatus(statuses: readonly (BaselineStatus | undefined)[]): BaselineStatus | undefined {
  const given = statuses.filter((s): s is BaselineStatus => s !== undefined);
  if (given.length === 0) return undefined;
  const unseenIn = (s: BaselineStatus) => new Set([...s.fixed, ...(s.notSeen ?? [])].map((e) => e.signature));
  const unseenEverywhere = given.map(unseenIn).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const fixedSomewhere = new Set(given.flatMap((s) => s.fixed.map((e) => e.signature)));
  const all = [
    ...new Map(given.flatMap((s) => [...s.fixed, ...(s.notSeen ?? [])]).map((e) => [e.signature, e])).values(),
  ];
  const unseen = all.filter((e) => unseenEverywhere.has(e.signature));
  const fixed = unseen.filter((e) => fixedSomewhere.has(e.signature));
  const notSeen = unseen.filter((e) => !fixedSomewhere.has(e.signature));
  return { ...given[0], matched: given[0].entries - unseen.length, fixed, notSeen };
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
    const notSeen = b.notSeen ?? [];
    out.push({
      heading: `baseline ${b.file}: ${b.matched} of ${b.entries} entries still occur (reported, not failing the run), ${b.fixed.length} fixed${notSeen.length ? `, ${notSeen.length} not seen` : ''}`,
      lines: [
        ...b.fixed.map(
          (e) => `fixed: ${e.title} — remove it from the baseline (conformance baseline REPORT --out FILE)`,
        ),
        ...notSeen.map(
          (e) =>
            `not seen: ${e.title} — ${e.classes === undefined ? 'a version 1 entry: regenerate the baseline to tell fixed from not sent' : 'no case of its classes passed in this run (not sent, or found by random cases only): kept'}`,
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
