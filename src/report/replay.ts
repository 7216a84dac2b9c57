// Rebuilding what a reported failure sent, for `conformance replay`: the case (read back by case-record.ts) and where to send it.
import { OPERATION } from '../spec/load.ts';

export { caseFromFailure, inferAuth } from './case-record.ts';

/** The request URL with the report's target (origin and base path) swapped for `base`. */
export function retarget(url: string, reportBase: string, base: string): string {
  if (url.startsWith(reportBase)) return base + url.slice(reportBase.length);
  const at = url.indexOf(OPERATION.path);
  return base + (at >= 0 ? url.slice(at) : OPERATION.path);
}
