// Sending one case as a run sends it: wire headers, the request budget and pace, 429s waited out, one credential
// refresh on a 401, and the watch on a dead target. The session (`session.ts`) sends every case through here.
import { fillTokens, hasTokenMark, WIRE_TOKEN, type TestCase, type Wire } from '../generators/case.ts';
import { TOOL } from '../version.ts';
import { authorizationFor, isProbeCredential, redactHeaderValue } from '../secrets.ts';
import type { Credentials } from './credentials.ts';
import { carriesToken, sideStatuses, type Exchange, type ReceivedResponse } from '../types.ts';
import type { HttpClient, OutgoingRequest } from './http.ts';
import { retryAfterMs, type Pace } from './pace.ts';
import { fillOrigin, fillUnique, framingOf } from '../wire.ts';
import type { DeadTargetWatch } from './give-up.ts';

/** Builds the wire headers of a case (and their redacted twin for reports). */
export function caseHeaders(c: TestCase, token: string): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', 'user-agent': `${TOOL.name}/${TOOL.version}` };
  if (c.contentType !== undefined) h['content-type'] = c.contentType;
  const authorization = authorizationFor(c.auth, token);
  if (authorization !== undefined) h['authorization'] = authorization;
  return h;
}

/**
 * A case sent through the HTTP client, as a raw message on a connection of its own (the raw sender writes `Connection:
 * close`): the fields `caseHeaders` gives the client, in its order, the run's token as the raw sender's mark, the same
 * body, nothing before it on the connection. Undefined for a raw case (always alone).
 */
export function onConnectionOfItsOwn(c: TestCase): TestCase | undefined {
  if (c.wire !== undefined) return undefined;
  // The body is the case's own (`Wire.bodyBase64` only where the bytes are not its UTF-8).
  return { ...c, wire: { framing: 'length', headers: Object.entries(caseHeaders(c, WIRE_TOKEN)) } };
}

/** The wire headers of a case and their redacted twin (what reports show). */
export type WireHeaders = (
  c: TestCase,
  token: string,
) => { headers: Readonly<Record<string, string>>; shown: Readonly<Record<string, string>> };

/** A run sends a handful of distinct header sets (auth mode × media type × token): each is built and redacted once. */
export function headerSets(redact: (s: string) => string): WireHeaders {
  const sets = new Map<string, { headers: Record<string, string>; shown: Record<string, string> }>();
  return (c, token) => {
    const key = `${c.auth}\n${c.contentType ?? ''}\n${c.contentType === undefined ? 0 : 1}\n${token}`;
    let set = sets.get(key);
    if (!set) {
      const headers = caseHeaders(c, token);
      // Credential headers by structure (whatever their value), everything else by value.
      const shown = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, redact(redactHeaderValue(k, v))]));
      set = { headers, shown };
      // A token refreshed many times must not grow the map without bound.
      if (sets.size > 256) sets.clear();
      sets.set(key, set);
    }
    return set;
  };
}

/**
 * The raw message of a case written byte by byte (`TestCase.wire`), with the run's token in place, its redacted twin
 * (token as `[REDACTED]`, other values redacted by `redact`), and the fields as one record for the report.
 */
export function wireRequest(
  c: TestCase,
  token: string,
  redact: (s: string) => string,
  url: string,
): { wire: NonNullable<OutgoingRequest['wire']>; shown: Record<string, string> } | undefined {
  const raw = c.wire;
  if (raw === undefined) return undefined;
  // The target's own origin where a field stands for it (`WIRE_ORIGIN`), and a value drawn for this send where one
  // does (`WIRE_UNIQUE`), in the fields sent and in those shown.
  const w = { ...raw, headers: raw.headers.map(([k, v]): [string, string] => [k, fillOrigin(fillUnique(v), url)]) };
  const sent = (fields: Wire['headers']) =>
    fields.map(([k, v]): [string, string] => [k, fillTokens(v, (t) => t.spell(token))]);
  // The token wherever it stands (swapped, in a marker of its own), the suite's own public probe credentials as they
  // are (a curl line must not turn a wrong token into the run's), other credential fields by structure, the rest by value.
  const shownOf = (fields: Wire['headers']) =>
    fields.map(([k, v]): [string, string] => [
      k,
      hasTokenMark(v)
        ? redact(fillTokens(v, (t) => t.shown))
        : isProbeCredential(v)
          ? v
          : redact(redactHeaderValue(k, v)),
    ]);
  const headers = sent(w.headers);
  const shownHeaders = shownOf(w.headers);
  const shown: Record<string, string> = {};
  // A repeated field is shown as one, its values joined as RFC 9110 §5.3 combines them; `wire` keeps each line.
  for (const [k, v] of shownHeaders) {
    const name = k.toLowerCase();
    shown[name] = name in shown ? `${shown[name]}, ${v}` : v;
  }
  const body =
    w.bodyBase64 !== undefined
      ? Buffer.from(w.bodyBase64, 'base64')
      : c.body === undefined
        ? undefined
        : Buffer.from(c.body, 'utf8');
  return {
    wire: {
      ...framingOf(w),
      headers,
      body,
      shownHeaders,
      // The message sent next with the case's credentials (a token mark in its fields): sent filled, shown redacted.
      ...(w.next ? { next: { ...w.next, headers: sent(w.next.headers) } } : {}),
      ...(w.next ? { shownNext: { ...w.next, headers: shownOf(w.next.headers) } } : {}),
    },
    shown,
  };
}

/**
 * The URL of a case: its path suffix (a path next to the operation's) and query string appended, the run's token
 * (URL-encoded) where the query names it, and then the form reports show as `shownUrl`: the token's placeholder,
 * URL-encoded too (a HAR's URL must be a URI, RFC 3986).
 */
export function caseUrl(c: TestCase, operationUrl: string, token: string): { url: string; shownUrl?: string } {
  // The spelling takes the operation path's place, which ends the operation's URL: as many segments (empty ones
  // aside: the path with empty segments; an encoded slash counted as the one it spells), each spelt another way or not.
  let cut = operationUrl.length;
  for (let n = c.pathSpelling?.split(/\/|%2F/i).filter((x) => x !== '').length ?? 0; n > 0; n--)
    cut = operationUrl.lastIndexOf('/', cut - 1);
  const spelt = c.pathSpelling === undefined ? operationUrl : operationUrl.slice(0, cut) + c.pathSpelling;
  const url = c.pathSuffix === undefined ? spelt : spelt + c.pathSuffix;
  const q = c.query;
  if (q === undefined) return { url };
  if (!hasTokenMark(q)) return { url: `${url}?${q}` };
  return {
    url: `${url}?${fillTokens(q, (t) => encodeURIComponent(t.spell(token)))}`,
    shownUrl: `${url}?${fillTokens(q, (t) => encodeURIComponent(t.shown))}`,
  };
}

/** What sending needs: the client, the budget, the credentials and how long to wait out 429s. */
export interface SendDeps {
  readonly url: string;
  readonly http: HttpClient;
  readonly pace: Pace;
  /** The token comes from here (always one: the session puts the mock's stand-in in when there is none). */
  readonly credentials: Pick<Credentials, 'refresh'> & { token(): Promise<string> };
  /** Ctrl-C (and the watch giving up): nothing more is sent or waited for. */
  readonly signal?: AbortSignal | undefined;
  /** Most 429 answers waited out for one case before giving up on it (5). */
  readonly max429Retries?: number | undefined;
  /** Longest single wait for a 429 or 503, ms (30,000). */
  readonly max429WaitMs?: number | undefined;
  /** Most 503 answers taken for an overload for one case (3); the next one is judged as the server error it is. */
  readonly max503Retries?: number | undefined;
  /**
   * The run's cases whose 503s outlasted every wait (the session's count, shared by its senders): from
   * `PERSISTENT_503` on, a 503 is judged at once and leaves the pace as it is.
   */
  readonly unavailableJudged?: { count: number } | undefined;
  readonly watch?: DeadTargetWatch | undefined;
  readonly wireHeaders: WireHeaders;
  /** The run's redactor (raw messages' header fields are redacted as they are built). */
  readonly redact?: ((s: string) => string) | undefined;
}

/**
 * Cases whose 503s outlasted their waits before a 503 is no longer taken for an overload: it is the target's answer to
 * those requests (a proxy's to an upstream that crashed on them, Envoy's "upstream reset"; lua-http's to a handler
 * error), and waiting each out, all senders paused, made one run last minutes (lua-http probe).
 */
export const PERSISTENT_503 = 3;

/** Every request sent but not the case's last: its 429s, the 401 before a refresh, a stale socket's try (`--har-all`). */
export type OnAttempt = (ex: Exchange) => void;

/**
 * Sends one case, waiting out 429s (and the first 503s) and refreshing credentials once on a 401; undefined when
 * nothing more may be sent (the budget is spent, the run was interrupted or gave up on the target).
 */
export async function sendCase(c: TestCase, deps: SendDeps, onAttempt?: OnAttempt): Promise<Exchange | undefined> {
  const { url, http, pace, signal, watch, wireHeaders } = deps;
  let rateLimited = 0;
  let unavailable = 0;
  let refreshed = false;
  for (;;) {
    if (!(await pace.acquire(signal))) return undefined;
    const token = await deps.credentials.token();
    const raw = wireRequest(c, token, deps.redact ?? ((s) => s), url);
    const { headers, shown } = raw === undefined ? wireHeaders(c, token) : { headers: {}, shown: raw.shown };
    const ex = await http.send(
      {
        method: c.method,
        ...caseUrl(c, url, token),
        headers,
        body: c.body,
        ...(raw ? { wire: raw.wire } : {}),
      },
      shown,
      () => pace.acquire(signal),
      onAttempt && ((stale) => onAttempt({ ...stale, rateLimited })),
    );
    const res = ex.response;
    // A 503 is no usable answer either: a target down behind its proxy answers every request so.
    watch?.note(
      res !== undefined && res.status !== 429 && res.status !== 503,
      c.kind,
      `${c.id} ${c.label}`,
      performance.now() - ex.durationMs,
      c.body?.length ?? 0,
      ex.error?.kind,
    );
    const persistent = (deps.unavailableJudged?.count ?? 0) >= PERSISTENT_503;
    if (res) pace.answered(res.status, res.headers, !persistent);
    // The request sent next on the connection, and the same one on a connection of its own, are the target's answers
    // too: a 429 or a 503 among them is counted, and lowers the pace, as any other.
    for (const status of sideStatuses(res))
      if (status === 429 || status === 503) pace.answered(status, {}, !persistent);
    // A 503 is a temporary overload (RFC 9110 §15.6.4; nginx's limit_req and ASP.NET Core's rate limiter answer it,
    // without Retry-After by default): waited out as a 429 a few times, then judged as the server error it is.
    if (res?.status === 503 && !watch?.gaveUp && !persistent && unavailable < (deps.max503Retries ?? 3)) {
      unavailable++;
      onAttempt?.({ ...ex, rateLimited });
      pace.pause(backOff(res, unavailable, deps));
      continue;
    }
    if (res?.status === 429) {
      // The target gave no other answer for too long: this case is not judged, and nothing more is sent.
      if (watch?.gaveUp) return undefined;
      rateLimited++;
      if (rateLimited > (deps.max429Retries ?? 5)) {
        return {
          request: ex.request,
          durationMs: ex.durationMs,
          error: { kind: 'rate-limited', message: `still 429 after ${rateLimited} tries; gave up on this case` },
          rateLimited,
        };
      }
      onAttempt?.({ ...ex, rateLimited: rateLimited - 1 });
      // A 429 is not a verdict (RFC 6585 §4): every sender waits as told (or backs off exponentially), then this case
      // is sent again; the wait is in the pace, so the next acquire holds it.
      pace.pause(backOff(res, rateLimited, deps));
      continue;
    }
    if (res?.status === 401 && carriesToken(c.auth) && !refreshed) {
      refreshed = true;
      if (await deps.credentials.refresh(token)) {
        onAttempt?.({ ...ex, rateLimited });
        continue;
      }
    }
    if (res?.status === 503 && deps.unavailableJudged && !persistent) deps.unavailableJudged.count++;
    return { ...ex, rateLimited };
  }
}

/** How long every sender waits after the `tries`-th 429 or 503 of a case: its Retry-After, else 0.5 s doubled each time. */
function backOff(res: ReceivedResponse, tries: number, deps: Pick<SendDeps, 'max429WaitMs'>): number {
  return Math.min(retryAfterMs(res.headers['retry-after']) ?? 500 * 2 ** (tries - 1), deps.max429WaitMs ?? 30_000);
}
