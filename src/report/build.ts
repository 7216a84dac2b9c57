// The one builder of a Report: `run` (the runner's tally) and `merge-reports` (the shards joined) hand it the body of
// the run, and it derives what both must derive alike: what went untested and the verdict with its reasons.
import type { Report } from './model.ts';
import { untestedOf, verdictOf } from './verdict.ts';

/** A report before its derived parts: everything the run or the merge of its shards measured. */
export type ReportBody = Omit<Report, 'verdict' | 'verdictReasons' | 'untested'>;

/** The Report of a run (or of merged shards): the body, what went untested, and the verdict decided in one place. */
export function buildReport(body: ReportBody): Report {
  const untested = body.rows === undefined ? undefined : untestedOf(body.checks, body.rows);
  return { ...body, ...(untested ? { untested } : {}), ...verdictOf(body) };
}
