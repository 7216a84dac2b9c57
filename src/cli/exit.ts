import type { Verdict } from '../report/model.ts';

/**
 * The exit code of each verdict: 0 conforms, 1 fails, 2 unusable (a target error, as an unreachable one is),
 * 3 incomplete (stopped before the plan was done, nothing failed), 130 interrupted (128 + SIGINT, as shells say).
 */
export const EXIT_CODES: Readonly<Record<Verdict, number>> = {
  conforms: 0,
  fails: 1,
  unusable: 2,
  incomplete: 3,
  interrupted: 130,
};
