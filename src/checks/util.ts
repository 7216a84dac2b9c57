import type { Exchange, ReceivedResponse } from '../types.ts';
import type { Check, CheckContext, CheckResult, Finding } from './types.ts';
import type { TestCase } from '../generators/case.ts';
import { writeJson } from '../generators/json-writer.ts';
import { shallow } from '../generators/shallow.ts';
import { LARGE_CONTENT_BYTES } from '../generators/values.ts';
import { allowedStatuses, caseAccepts, type RowStatuses } from './rules.ts';

/** A header field that is missing or empty: an empty `Allow` or `WWW-Authenticate` says nothing (RFC 9110 §5.5). */
export function absent(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** A wait as a message says it: whole seconds from a second on (2,000 and 2,013 ms are `2 s`), the same every run. */
export function waitedFor(ms: number): string {
  return ms >= 1000 ? `${Math.floor(ms / 1000)} s` : `${ms} ms`;
}

/** Builds a finding with the usual `Received` / `Documented` fields (judge() stamps it with its check's name). */
export function fail(kind: string, rule: string, message: string, received?: unknown, documented?: unknown): Finding {
  return {
    kind,
    severity: 'error',
    rule,
    message,
    // A value nested 10,000 deep would overflow every writer of the report (JSON.stringify recurses).
    ...(received === undefined ? {} : { received: shallow(received) }),
    ...(documented === undefined ? {} : { documented: shallow(documented) }),
  };
}

/** A finding that is advice, never a failure: what `fail` builds, with severity `warning`. */
export function warn(kind: string, rule: string, message: string, received?: unknown, documented?: unknown): Finding {
  return { ...fail(kind, rule, message, received, documented), severity: 'warning' };
}

/** Skip wrapper: a check that needs an answer says nothing when the transport failed (that is `response-is-received`'s). */
export function withResponse(
  judge: (c: TestCase, res: ReceivedResponse, ctx: CheckContext, ex: Exchange) => CheckResult,
): Check['judge'] {
  return (c, ex, ctx) => (ex.response ? judge(c, ex.response, ctx, ex) : { skip: 'no response' });
}

/** Skip wrapper: echo checks judge real providers only; a mock answers with example data. */
export function onRealProviders(judge: Check['judge']): Check['judge'] {
  return (c, ex, ctx) => (ctx.mockTarget ? { skip: 'the target is a mock answering example data' } : judge(c, ex, ctx));
}

/**
 * Whether a case is a request of the operation, whose answers its `responses` describe (OpenAPI 3.0.4 §4.8.10); another
 * method or another path is not: a 400 to OPTIONS (@fastify/cors without Origin) is no answer of the POST's 400.
 */
export function ofTheOperation(c: Pick<TestCase, 'kind'>): boolean {
  return c.kind !== 'method' && c.kind !== 'path';
}

/**
 * Skips a 4xx to a message the server's HTTP layer may refuse before the operation sees it (`TestCase.httpLayer`: no
 * framing, an unknown method token): such an answer (Node's bare 400, a framework's own error body) is the HTTP
 * layer's, which the operation's documented content does not describe.
 */
export function unlessRefusedByHttpLayer(judge: Check['judge']): Check['judge'] {
  return (c, ex, ctx) => {
    const res = ex.response;
    return c.httpLayer && res !== undefined && res.status >= 400 && res.status < 500
      ? { skip: 'a 4xx to a message the HTTP layer may refuse before the operation sees it' }
      : judge(c, ex, ctx);
  };
}

/** Why a 413 under the limit is not accepted (RFC 9110 §15.5.14 sets no minimum; the spec sets no maximum). */
const TOO_LARGE_NOTE = ` (413 is accepted for content over ${LARGE_CONTENT_BYTES} bytes: the spec sets no size limit, and a smaller limit refuses this operation's ordinary documents)`;

/** A row's status check: the answer's status must be one the case's row allows (`allowedStatuses`, ./rules.ts). */
export function statusIn(
  rule: string,
  what: string | ((c: TestCase, status: number) => string),
  rows: RowStatuses,
): Check['judge'] {
  return withResponse((c, res) => {
    const allowed = allowedStatuses(c, rows);
    return allowed.includes(res.status) || caseAccepts(c, res.status)
      ? undefined
      : fail(
          'unexpected-status',
          rule,
          `${typeof what === 'string' ? what : what(c, res.status)}: Received: ${res.status} / Due: ${allowed.join(', ')}${res.status === 413 ? TOO_LARGE_NOTE : ''}`,
          res.status,
          allowed,
        );
  });
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };
// Every check of an exchange reads the same body, and the bookkeeping reads the id of a 201: parse once. The last
// few parses are kept in a ring (a response is never mutated), not a WeakMap: an entry per response is work for every
// garbage collection, and only the exchanges being judged (one per connection) are ever asked for again.
const RING = 16;
// A larger body has a slot of its own: sixteen kept parses of answers near the read cap (2 MiB) would hold a hostile
// target's garbage in the heap, where one is the answer being judged (every check of it asks: a dozen parses of an
// echo of 1 MiB were a tenth of a run's CPU).
const RING_MAX_CHARS = 256 * 1024;
const seen = new Array<ReceivedResponse | undefined>(RING);
const parses = new Array<Parsed>(RING);
let slot = 0;
let largeSeen: ReceivedResponse | undefined;
let largeParse: Parsed | undefined;

/** The JSON body of a response, or why it is not JSON; parsed once while it is being judged. */
export function jsonBody(res: ReceivedResponse): Parsed {
  if (res === largeSeen && largeParse !== undefined) return largeParse;
  const i = seen.indexOf(res);
  if (i >= 0) return parses[i];
  let parsed: Parsed;
  try {
    parsed = { ok: true, value: JSON.parse(res.body) };
  } catch (e) {
    parsed = { ok: false, error: (e as Error).message };
  }
  if (res.body.length > RING_MAX_CHARS) {
    largeSeen = res;
    largeParse = parsed;
    return parsed;
  }
  seen[slot] = res;
  parses[slot] = parsed;
  slot = (slot + 1) % RING;
  return parsed;
}

/**
 * The body of a 2xx answer to a valid case, when it is a JSON object: every 2xx is judged, so that a wrong status
 * (200 for 201) does not hide a wrong echo.
 */
export function answered(
  judge: (
    c: TestCase,
    body: Record<string, unknown>,
    res: ReceivedResponse,
    ctx: CheckContext,
    ex: Exchange,
  ) => CheckResult,
): Check['judge'] {
  return onRealProviders(
    withResponse((c, res, ctx, ex) => {
      if (res.status < 200 || res.status > 299) return { skip: 'not a 2xx' };
      // Bytes that are not UTF-8 are no JSON text (RFC 8259 §8.1), one failure of response-schema-conformance: read
      // with replacement characters, every member beyond ASCII would be another problem of the same bug.
      if (res.notUtf8 === true) return { skip: 'its bytes are not UTF-8' };
      const parsed = jsonBody(res);
      if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value))
        return { skip: 'no JSON object' };
      return judge(c, parsed.value as Record<string, unknown>, res, ctx, ex);
    }),
  );
}

/** Whether a JSON value nests deeper than `limit` levels (counted without recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Deeper than this, a value goes into a finding as a preview: the report's writers and its secrets pass recurse. */
const MAX_REPORTED_DEPTH = 64;

/** A finding's `received` or `documented` as a report can hold it: itself, or the start of its JSON text when deep. */
export function reportable(value: unknown): unknown {
  return deeperThan(value, MAX_REPORTED_DEPTH)
    ? `${writeJson(value).slice(0, 200)}… (nested deeper than ${MAX_REPORTED_DEPTH} levels)`
    : value;
}
