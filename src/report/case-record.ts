// The report's record of one case and its exchange (what a failure or a problem shows), written and read back here:
// the runner writes it (redacted, with its curl line), `conformance replay` rebuilds the case from it.
import { markTokens, type CaseKind, type TestCase, type Wire } from '../generators/case.ts';
import type { AuthMode } from '../types.ts';
import { toCurl, type CurlTls } from './curl.ts';
import { curlGap, toScript } from './script.ts';
import type { CaseRecord } from './model.ts';
import { fieldValue, framingOf, type SentWire } from '../wire.ts';
import { REDACTED } from './text.ts';
import { redactHeaderValue } from '../secrets.ts';

/** Most bytes of an answer's body kept in a report. */
export const MAX_BODY = 64 * 1024;

/**
 * Most bytes kept of an answer cut at the read cap (judged `body-too-large`): enough to see what it was; a hostile
 * target's oversized answers, one per distinct failure, then cannot fill the report writers' heap.
 */
const MAX_CUT_BODY = 4 * 1024;

/** What `toCaseRecord` needs of an exchange (the runner's `Exchange` has this shape). */
export interface ExchangeLike {
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | undefined;
    readonly wire?: SentWire | undefined;
  };
  readonly response?: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    /** Cut at the read cap (an oversized answer). */
    readonly truncated?: boolean;
    /** The status line's version when it was not HTTP/1.1 (since 2026-12-05). */
    readonly version?: '1.0';
  };
  readonly error?: { readonly kind: string; readonly message: string };
}

/**
 * The record of a case and its exchange: request as sent (already redacted), answer redacted and capped, curl line
 * (with the run's TLS choice, `tls`).
 */
export function toCaseRecord(
  c: TestCase,
  ex: ExchangeLike,
  seed: number,
  redact: (s: string) => string,
  tls?: CurlTls,
): CaseRecord {
  const request = {
    method: ex.request.method,
    url: ex.request.url,
    headers: ex.request.headers,
    body: ex.request.body ?? null,
    ...(ex.request.wire ? { wire: ex.request.wire } : {}),
  };
  const gap = curlGap(ex.request.wire, ex.request.method);
  const redactHeaders = (h: Readonly<Record<string, string>>) =>
    Object.fromEntries(Object.entries(h).map(([k, v]) => [k, redact(redactHeaderValue(k, v))]));
  return {
    case: {
      id: c.id,
      label: c.label,
      kind: c.kind,
      phase: c.phase,
      auth: c.auth,
      contentType: c.contentType ?? null,
      ...(c.violation ? { violation: c.violation } : {}),
      ...(c.accept ? { accept: c.accept } : {}),
      ...(c.advisory !== undefined ? { advisory: c.advisory } : {}),
      ...(c.httpLayer ? { httpLayer: c.httpLayer } : {}),
      ...(c.pathSuffix !== undefined ? { pathSuffix: c.pathSuffix } : {}),
      ...(c.pathSpelling !== undefined ? { pathSpelling: c.pathSpelling } : {}),
    },
    request,
    response: ex.response
      ? {
          status: ex.response.status,
          headers: redactHeaders(ex.response.headers),
          body: redact(ex.response.body.slice(0, ex.response.truncated === true ? MAX_CUT_BODY : MAX_BODY)),
          ...(ex.response.version ? { version: ex.response.version } : {}),
        }
      : null,
    ...(ex.error ? { error: ex.error } : {}),
    curl: toCurl(request, c.auth, tls),
    ...(gap !== undefined && request.wire
      ? { curlGap: gap, script: toScript({ ...request, wire: request.wire }) }
      : {}),
    seed,
    counterexamplePath: c.counterexamplePath ?? null,
  };
}

const PHASES: readonly TestCase['phase'][] = ['preflight', 'boundary', 'random'];
const KINDS: readonly CaseKind[] = [
  'valid',
  'schema-violation',
  'malformed-json',
  'empty-body',
  'auth',
  'media-type',
  'method',
  'path',
];

/** A record's field by name, in any case. */
const header = (h: Readonly<Record<string, string>>, name: string) => fieldValue(Object.entries(h), name);

/** How the reported request authenticated, read back from its (redacted) Authorization header. */
export function inferAuth(authorization: string | undefined): AuthMode {
  if (authorization === undefined) return 'none';
  if (authorization === `Bearer ${REDACTED}`) return 'valid';
  if (authorization === `bearer ${REDACTED}`) return 'lowercase-scheme';
  if (/^Bearer\s*$/i.test(authorization)) return 'empty-bearer';
  if (/^Basic /i.test(authorization)) return 'basic';
  return 'wrong';
}

/** The query string a recorded request was sent with (`TestCase.query`, the token's marks where it shows it redacted). */
function queryOf(url: string): { query?: string } {
  const i = url.indexOf('?');
  if (i < 0 || i === url.length - 1) return {};
  return { query: markTokens(url.slice(i + 1), (t) => encodeURIComponent(t.shown)) };
}

/**
 * Whether the raw sender added a field itself (`src/wire.ts` framedHeaders): Host always, `Connection: close` and
 * `Transfer-Encoding: chunked` as it writes them (a field of the message's own, `Close` or `Chunked`, stands in their
 * place), the Content-Length its framing asks for; left out of the wire form it is given.
 */
function addedBySender(name: string, value: string, framing: Wire['framing']): boolean {
  const n = name.toLowerCase();
  return (
    n === 'host' ||
    (n === 'connection' && value === 'close') ||
    (n === 'content-length' && framing === 'length') ||
    (n === 'transfer-encoding' && framing === 'chunked' && value === 'chunked')
  );
}

/** The wire form of a case from a record's raw message: the token where the record shows it redacted. */
function wireFromRecord(w: SentWire): Wire {
  const marked = (fields: SentWire['headers']) =>
    fields.map(([k, v]): [string, string] => [k, markTokens(v, (t) => t.shown)]);
  return {
    ...framingOf(w),
    // The message sent next, its credentials too (`Framing.next`).
    ...(w.next ? { next: { ...w.next, headers: marked(w.next.headers) } } : {}),
    headers: marked(w.headers.filter(([k, v]) => !addedBySender(k, v, w.framing))),
    ...(w.bodyBase64 !== undefined ? { bodyBase64: w.bodyBase64 } : {}),
  };
}

/**
 * The case behind a record (a failure's or a problem's example), as far as the checks need it: kind, label, method,
 * media type, body, auth. `name` (F2, P1) is for the error a record of an unknown kind raises.
 */
export function caseFromRecord(f: CaseRecord, name: string): TestCase {
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
    throw new Error(`${name}: unknown case kind ${JSON.stringify(f.case.kind)}`);
  return {
    id: f.case.id,
    phase: PHASES.includes(f.case.phase as TestCase['phase']) ? (f.case.phase as TestCase['phase']) : 'boundary',
    kind: f.case.kind as CaseKind, // checked against KINDS above
    label: f.case.label,
    method: f.request.method,
    contentType,
    body,
    ...(isJson ? { value } : {}),
    auth: f.case.auth ?? inferAuth(header(f.request.headers, 'authorization')),
    ...(f.case.violation ? { violation: f.case.violation } : {}),
    ...(f.case.accept ? { accept: f.case.accept } : {}),
    ...(f.case.advisory !== undefined ? { advisory: f.case.advisory } : {}),
    ...(f.case.httpLayer ? { httpLayer: f.case.httpLayer } : {}),
    ...(f.case.pathSuffix !== undefined ? { pathSuffix: f.case.pathSuffix } : {}),
    ...(f.case.pathSpelling !== undefined ? { pathSpelling: f.case.pathSpelling } : {}),
    ...(f.request.wire ? { wire: wireFromRecord(f.request.wire) } : {}),
    ...queryOf(f.request.url),
  };
}

/** The case behind a reported failure (`conformance replay`). */
export function caseFromFailure(f: CaseRecord & { readonly id: string }): TestCase {
  return caseFromRecord(f, f.id);
}
