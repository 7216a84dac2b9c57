// Rebuilding what a reported failure sent, for `conformance replay`: the case the checks judge and where to send it.
import type { AuthMode, CaseKind, TestCase } from '../generators/case.ts';
import type { ReportedFailure } from './model.ts';
import { REDACTED } from './text.ts';
import { OPERATION } from '../spec/load.ts';

const PHASES: readonly TestCase['phase'][] = ['preflight', 'boundary', 'random'];
const KINDS: readonly CaseKind[] = [
  'valid',
  'schema-violation',
  'malformed-json',
  'empty-body',
  'auth',
  'media-type',
  'method',
];

function header(h: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];
}

/** How the reported request authenticated, read back from its (redacted) Authorization header. */
export function inferAuth(authorization: string | undefined): AuthMode {
  if (authorization === undefined) return 'none';
  if (authorization === `Bearer ${REDACTED}`) return 'valid';
  if (authorization === `bearer ${REDACTED}`) return 'lowercase-scheme';
  if (/^Bearer\s*$/i.test(authorization)) return 'empty-bearer';
  if (/^Basic /i.test(authorization)) return 'basic';
  return 'wrong';
}

/** The case behind a reported failure, as far as the checks need it: kind, label, method, media type, body, auth. */
export function caseFromFailure(f: ReportedFailure): TestCase {
  const contentType =
    f.case.contentType !== undefined ? (f.case.contentType ?? undefined) : header(f.request.headers, 'content-type');
  const body = f.request.body ?? undefined;
  let value: unknown;
  let isJson = false;
  if (body !== undefined) {
    try {
      value = JSON.parse(body);
      isJson = true;
    } catch {
      // not JSON: a malformed-json or media-type case
    }
  }
  if (!KINDS.includes(f.case.kind as CaseKind))
    throw new Error(`${f.id}: unknown case kind ${JSON.stringify(f.case.kind)}`);
  return {
    id: f.case.id,
    phase: PHASES.includes(f.case.phase as TestCase['phase']) ? (f.case.phase as TestCase['phase']) : 'boundary',
    kind: f.case.kind as CaseKind,
    label: f.case.label,
    method: f.request.method,
    contentType,
    body,
    ...(isJson ? { value } : {}),
    auth: f.case.auth ?? inferAuth(header(f.request.headers, 'authorization')),
    ...(f.case.violation ? { violation: f.case.violation } : {}),
  };
}

/** The request URL with the report's target (origin and base path) swapped for `base`. */
export function retarget(url: string, reportBase: string, base: string): string {
  if (url.startsWith(reportBase)) return base + url.slice(reportBase.length);
  const at = url.indexOf(OPERATION.path);
  return base + (at >= 0 ? url.slice(at) : OPERATION.path);
}
