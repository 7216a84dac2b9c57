// The verdict of a run, decided in one place: the runner's tally and merge-reports both ask this module.
import type { CaseKind } from '../generators/case.ts';
import type { CheckSummary, Report, StopReason, Verdict } from './model.ts';

/**
 * The rows of the verdict table (README "What conforms means"), one per case kind: a run that sent no case of a row
 * has not judged that row.
 */
export const VERDICT_ROWS: readonly { readonly row: CaseKind; readonly answer: string }[] = [
  { row: 'valid', answer: 'a schema-valid request is created (201)' },
  { row: 'schema-violation', answer: 'one schema violation is refused (400)' },
  { row: 'malformed-json', answer: 'malformed JSON is refused (400)' },
  { row: 'empty-body', answer: 'an empty body is refused (400)' },
  { row: 'auth', answer: 'missing or wrong credentials are refused (401/403)' },
  { row: 'media-type', answer: 'an undeclared media type is refused (415/400)' },
  { row: 'method', answer: 'another method is refused (405)' },
  { row: 'path', answer: 'a path the spec does not define is not found (404)' },
];

/** What the verdict depends on. `complete` and `stopReason` are absent in reports older than the field. */
export type VerdictInput = Pick<Report, 'failures' | 'summary' | 'waivers' | 'interrupted' | 'budgetExhausted'> &
  Partial<Pick<Report, 'complete' | 'stopReason' | 'gaveUp'>>;

const STOPPED: Readonly<Record<StopReason, string>> = {
  'max-requests': '--max-requests was reached before every case was sent',
  'time-limit': '--time-limit was reached before every case was sent',
  interrupted: 'the run was interrupted',
  'gave-up': 'the run gave up on the target',
};

/**
 * The verdict and its reasons. Precedence: an interrupted run is `interrupted` (exit 130, whatever it found); a run
 * that gave up on a dead target is `unusable`, unless the target had answered before, or had taken a connection before
 * it refused one, and failures were found (a request that crashed it is the provider failing, not a run that could not
 * be made); unwaived failures or an
 * expired waiver `fails`; a run that stopped before its plan was done found nothing wrong in what it sent, which is
 * `incomplete`, never `conforms`.
 */
export function verdictOf(r: VerdictInput): { verdict: Verdict; verdictReasons: string[] } {
  const reasons: string[] = [];
  if (r.gaveUp) reasons.push(r.gaveUp.message);
  if (r.summary.failures > 0)
    reasons.push(
      `${r.failures.filter((f) => !f.waivedBy && !f.baselined).length} distinct failures (${r.summary.failures} in all)`,
    );
  const expired = r.waivers.filter((x) => x.expired);
  for (const w of expired) reasons.push(`waiver ${w.id} expired on ${w.expires}`);
  // Older reports: a run whose budget ran out is taken as incomplete.
  const complete = r.complete ?? (!r.budgetExhausted && !r.interrupted);
  const stop = r.stopReason ?? (r.interrupted ? 'interrupted' : r.budgetExhausted ? 'max-requests' : undefined);
  if (!complete && stop !== undefined && stop !== 'gave-up') reasons.push(STOPPED[stop]);
  else if (!complete && stop === undefined) reasons.push('the run stopped before every case was sent');
  const failed = r.summary.failures > 0 || expired.length > 0;
  const wentDown =
    r.gaveUp !== undefined && ((r.gaveUp.answered ?? 0) > 0 || r.gaveUp.wentDown === true) && r.summary.failures > 0;
  const verdict: Verdict = r.interrupted
    ? 'interrupted'
    : r.gaveUp && !wentDown
      ? 'unusable'
      : failed
        ? 'fails'
        : complete
          ? 'conforms'
          : 'incomplete';
  return { verdict, verdictReasons: reasons };
}

/** Cases sent per verdict-table row, counted from case kinds. */
export function rowCounts(byKind: ReadonlyMap<string, number>): NonNullable<Report['rows']> {
  return VERDICT_ROWS.map(({ row }) => ({ row, cases: byKind.get(row) ?? 0 }));
}

/**
 * The checks that judged no case (every case skipped or none applied) and the rows no case was sent for: what the
 * verdict does not speak about.
 */
export function untestedOf(
  checks: readonly CheckSummary[],
  rows: NonNullable<Report['rows']>,
): NonNullable<Report['untested']> {
  return {
    checks: checks.filter((c) => c.passed + c.failed + c.waived === 0).map((c) => c.name),
    rows: rows.filter((r) => r.cases === 0).map((r) => r.row),
  };
}

/** What the verdict does not speak about, as lines for every writer: `untested checks (2): a, b`. */
export function untestedLines(r: Pick<Report, 'untested'>): string[] {
  const u = r.untested;
  if (!u) return [];
  return [
    ...(u.checks.length ? [`untested checks (${u.checks.length}): ${u.checks.join(', ')}`] : []),
    ...(u.rows.length ? [`untested verdict-table rows (${u.rows.length}): ${u.rows.join(', ')}`] : []),
  ];
}
