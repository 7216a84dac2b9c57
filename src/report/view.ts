// What every writer shows of a report, derived once: the verdict word and its mark, the reasons, what went untested,
// the baseline and triage sections, the counts. The console, report.md, report.html, junit.xml and the Action's
// outputs read this, so that one run has one name everywhere (issue #23: `FAILS` in report.md for an `unusable` run).
import { ratchetSections } from './baseline.ts';
import type { Report, Verdict } from './model.ts';
import { untestedLines } from './verdict.ts';
import { operationName, operationOf } from '../spec/operation.ts';

/** How a writer colours a verdict: passed, failed, or a run that did not judge its whole plan. */
export type VerdictTone = 'conforms' | 'fails' | 'partial';

/** The parts of a report every writer shows, each derived in one place. */
export interface ReportView {
  /** The operation judged, as every title names it: `POST /v1/onboarding/entities`. */
  readonly operation: string;
  readonly verdict: Verdict;
  /** The verdict as a person reads it first: `CONFORMS`, `FAILS`, `INCOMPLETE`, `INTERRUPTED`, `UNUSABLE`. */
  readonly word: string;
  /** A mark for Markdown and the console's first line. */
  readonly icon: string;
  readonly tone: VerdictTone;
  /** True when the run did not judge its whole plan (incomplete, interrupted, unusable): writers say so first. */
  readonly partial: boolean;
  readonly reasons: readonly string[];
  /** `untested checks (2): a, b`, `untested verdict-table rows (1): auth`. */
  readonly untested: readonly string[];
  /** The baseline and triage sections, plain text. */
  readonly ratchet: readonly { readonly heading: string; readonly lines: readonly string[] }[];
  readonly counts: {
    /** Problems (causes) in all, baselined ones included. */
    readonly problems: number;
    /** Problems the baseline lists. */
    readonly baselinedProblems: number;
    /** Distinct failures neither waived nor baselined. */
    readonly distinct: number;
    /** Failing checks summed over cases (`summary.failures`). */
    readonly occurrences: number;
  };
  /** The count every output leads with: `3 problems · 12 distinct failures (40 in all)`. */
  readonly headline: string;
}

const WORDS: Readonly<Record<Verdict, { word: string; icon: string; tone: VerdictTone }>> = {
  conforms: { word: 'CONFORMS', icon: '✅', tone: 'conforms' },
  fails: { word: 'FAILS', icon: '❌', tone: 'fails' },
  incomplete: { word: 'INCOMPLETE', icon: '⚠️', tone: 'partial' },
  interrupted: { word: 'INTERRUPTED', icon: '⏸️', tone: 'partial' },
  unusable: { word: 'UNUSABLE', icon: '⛔', tone: 'partial' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The view of a report: what every writer shows, the same words in each. */
export function viewOf(
  r: Pick<
    Report,
    | 'operation'
    | 'verdict'
    | 'verdictReasons'
    | 'untested'
    | 'baseline'
    | 'triage'
    | 'problems'
    | 'failures'
    | 'summary'
  >,
): ReportView {
  const w = WORDS[r.verdict];
  const problems = r.problems ?? [];
  const baselinedProblems = problems.filter((p) => p.baselined).length;
  const distinct = r.failures.filter((f) => !f.waivedBy && !f.baselined).length;
  const occurrences = r.summary.failures;
  const headline = [
    `${plural(problems.length, 'problem')}${baselinedProblems ? ` (${baselinedProblems} baselined)` : ''}`,
    `${plural(distinct, 'distinct failure')} (${occurrences} in all)`,
  ].join(' · ');
  return {
    operation: operationName(operationOf(r)),
    verdict: r.verdict,
    word: w.word,
    icon: w.icon,
    tone: w.tone,
    partial: w.tone === 'partial',
    reasons: r.verdictReasons,
    untested: untestedLines(r),
    ratchet: ratchetSections(r),
    counts: { problems: problems.length, baselinedProblems, distinct, occurrences },
    headline,
  };
}
