// Problems, not symptoms: the distinct failures of a run grouped by root cause. A case's problem is its answer and the
// set of (check, kind, rule) it failed; cases of any class that share both are one problem.
import type { Failure } from '../checks/types.ts';
import type { ReportedFailure, ReportedProblem } from './model.ts';

/** What a problem is made of, in a stable order: each failure as `check kind rule`. */
export function problemParts(failures: readonly Pick<Failure, 'check' | 'kind' | 'rule'>[]): string[] {
  return [...new Set(failures.map((f) => `${f.check} ${f.kind} ${f.rule}`))].sort();
}

/** The answer as a problem names it: the status, or the transport error kind. */
export function answerOf(ex: {
  readonly response?: { readonly status: number } | null;
  readonly error?: { readonly kind: string };
}): string {
  return ex.response ? String(ex.response.status) : (ex.error?.kind ?? 'no-answer');
}

/** The signature of a problem: stable across runs, seeds and shards (a baseline stores it). */
export function problemSignature(received: string, parts: readonly string[]): string {
  return [`received ${received}`, ...parts].join(' | ');
}

const STATUS_KINDS = new Set(['unexpected-status', 'undocumented-status']);

function shown(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => shown(x)).join(' or ');
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** The title and the due answer of a problem from its example's failures (the narrowest `documented` is due). */
export function describeProblem(
  received: string,
  failures: readonly Pick<Failure, 'kind' | 'message' | 'documented'>[],
): { title: string; due: string } {
  const documented = failures
    .map((f) => f.documented)
    .filter((d) => d !== undefined)
    .sort((a, b) => (Array.isArray(a) ? a.length : 1) - (Array.isArray(b) ? b.length : 1));
  const due = documented.length ? shown(documented[0]) : '';
  if (failures.every((f) => STATUS_KINDS.has(f.kind)) && due)
    return { title: `status ${received} where ${due} is due`, due };
  const [first] = failures;
  const message = first ? first.message : `received ${received}`;
  return { title: message.length > 160 ? `${message.slice(0, 159)}…` : message, due };
}

/** Most cases first, then by signature: the same problems come in the same order in every run. */
export function orderProblems<T extends Pick<ReportedProblem, 'cases' | 'signature'>>(problems: readonly T[]): T[] {
  return [...problems].sort((a, b) => b.cases - a.cases || (a.signature < b.signature ? -1 : 1));
}

/** The unwaived distinct failures a problem groups: its parts, in its classes. */
function failuresOf(p: Pick<ReportedProblem, 'signature' | 'classes'>, failures: readonly ReportedFailure[]): string[] {
  const parts = new Set(p.signature.split(' | ').slice(1));
  const classes = new Set(p.classes);
  return failures
    .filter((f) => !f.waivedBy && classes.has(f.case.label) && parts.has(`${f.check} ${f.kind} ${f.rule}`))
    .map((f) => f.id);
}

/** The problems of shards joined by signature: cases summed, classes united, the first shard's example. */
export function mergeProblems(
  lists: readonly (readonly ReportedProblem[] | undefined)[],
  failures: readonly ReportedFailure[],
): ReportedProblem[] {
  const bySig = new Map<string, ReportedProblem>();
  for (const p of lists.flatMap((l) => l ?? [])) {
    const seen = bySig.get(p.signature);
    bySig.set(
      p.signature,
      seen
        ? {
            ...seen,
            cases: seen.cases + p.cases,
            classes: [...new Set([...seen.classes, ...p.classes])].sort(),
          }
        : p,
    );
  }
  return orderProblems([...bySig.values()]).map((p, i) => ({
    ...p,
    id: `P${i + 1}`,
    failures: failuresOf(p, failures),
  }));
}

/** How far a problem reaches, for people: `140 cases in 70 classes`. */
export function problemScope(p: Pick<ReportedProblem, 'cases' | 'classes'>): string {
  const classes = p.classes.length;
  return `${p.cases} case${p.cases === 1 ? '' : 's'} in ${classes} class${classes === 1 ? '' : 'es'}`;
}

/** What broke, for people: the title, with the answer when the title does not say it already. */
export function problemHeadline(p: Pick<ReportedProblem, 'title' | 'received' | 'due'>): string {
  if (p.title.startsWith(`status ${p.received} `)) return p.title;
  return `${p.title} (received ${p.received}${p.due ? `, due ${p.due}` : ''})`;
}

/** The rules a problem breaks, each with its check: `status-is-allowed /paths/…/responses`. */
export function problemRules(p: Pick<ReportedProblem, 'signature'>): string[] {
  return p.signature
    .split(' | ')
    .slice(1)
    .map((x) => x.replace(/^(\S+) \S+ /, '$1 '));
}

/** The ids of a problem's distinct failures, the first `max` of them: `F1, F2, F3 and 40 more`. */
export function problemDetails(p: Pick<ReportedProblem, 'failures'>, max = 8): string {
  if (p.failures.length === 0) return '—';
  const shown = p.failures.slice(0, max).join(', ');
  return p.failures.length > max ? `${shown} and ${p.failures.length - max} more` : shown;
}
