import { createRequire } from 'node:module';
import type { Client as UndiciClient, Dispatcher } from 'undici';
import { describeTls, isTlsCode, tlsConnect } from './tls.ts';
import { isUtf8 } from 'node:buffer';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Exchange, ReceivedResponse, SentRequest, TransportErrorKind } from '../types.ts';
import { sendRaw, sentWire, type RawMessage } from './raw.ts';
import type { NextMessage } from '../wire.ts';

// undici's Client alone, not its index, which loads fetch, WebSocket, the caches and the rest: ~0.1 s of CPU off every
// start. The path is the module undici's index re-exports as `Client` (undici is pinned in package.json). Exported for
// the bench, which measures this client alone.
export const Client = createRequire(import.meta.url)('undici/lib/dispatcher/client.js') as typeof UndiciClient;

/**
 * Most bytes of an answer read (the default of `maxBodyBytes`): four times the largest answer a correct provider was
 * seen to give (the echo of a value nested 500 levels deep, pretty-printed two spaces a level as Quart's debug mode
 * writes it: ~506 KB, quadratic in the depth), so that no legitimate answer is cut, while four such answers in flight
 * and their parses stay well inside the CLI's 256 MB heap. The rest of a longer answer is discarded, unread; an answer
 * kept as an example is kept to the 64 KiB a report shows (`keptExchange`, runner/tally.ts).
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** How requests are sent. */
export interface HttpOptions {
  /** Per-request timeout in ms, from sending to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Most bytes of an answer that are read; the rest is dropped and the body marked truncated. */
  readonly maxBodyBytes: number;
  /** Skip TLS certificate verification (`--insecure`). */
  readonly insecure: boolean;
  /** Extra trusted CA certificates, PEM (`--ca FILE`), besides Node's own list. */
  readonly ca?: string | undefined;
  /** Keep-alive sockets at most (the runner's concurrency). */
  readonly maxSockets: number;
}

/** One request to send, headers as they go on the wire. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  /** The URL as reports show it (a token in its query string redacted); `url` when absent. */
  readonly shownUrl?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /**
   * Set for a message the client cannot express: it is written byte by byte by the raw sender (`raw.ts`), with
   * `shownHeaders` (its header fields redacted) in what is reported.
   */
  readonly wire?: RawMessage & { readonly shownHeaders: RawMessage['headers']; readonly shownNext?: NextMessage };
}

/** What a report shows of a request: its shown URL (a token in the query redacted) and redacted headers. */
function shownRequest(req: OutgoingRequest, redactedHeaders: Readonly<Record<string, string>>): SentRequest {
  return { method: req.method, url: req.shownUrl ?? req.url, headers: redactedHeaders, body: req.body };
}

/** A keep-alive HTTP client that never throws: every outcome is an `Exchange` (answers, or a typed transport error). */
export interface HttpClient {
  /**
   * `mayRetry` is asked before a stale-socket retry, and before a raw message's next message (the request budget
   * counts each); without it, the retry or the next message is sent.
   * `retried` is given the try of a retried request that is not its answer (it was sent too: `--har-all` lists it):
   * the stale one, or the retry refused a connection; and the exchange of a raw message's next message.
   */
  send(
    req: OutgoingRequest,
    redactedHeaders: Readonly<Record<string, string>>,
    mayRetry?: () => Promise<boolean>,
    retried?: (stale: Omit<Exchange, 'rateLimited'>) => void,
  ): Promise<Omit<Exchange, 'rateLimited'>>;
  close(): void;
}

/** The kind of a transport error, from its code. */
export function classify(err: NodeJS.ErrnoException): TransportErrorKind {
  switch (err.code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
    case 'HPE_INVALID_CONSTANT':
      return 'connection-reset';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timeout';
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      if (isTlsCode(err.code)) return 'tls';
      if (err.code?.startsWith('HPE_')) return 'connection-reset';
      return 'other';
  }
}

/** One line on a transport error, saying what it means where the code alone would not. */
export function describe(e: NodeJS.ErrnoException): string {
  const detail = `${e.code ?? 'error'}: ${e.message.split(';')[0]}`;
  if (classify(e) === 'tls') return `TLS handshake failed: ${describeTls(e)}`;
  if (e.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') return `the answer ended before its Content-Length (${detail})`;
  if (e.code?.startsWith('HPE_')) return `the answer is not valid HTTP/1.1, e.g. a wrong Content-Length (${detail})`;
  return detail;
}

/**
 * An answer as the checks read it: the body (decoded from its Content-Encoding, capped) as UTF-8 text, and whether its
 * bytes were UTF-8 at all (a cut body may end inside a character, so it is not judged).
 */
export function received(
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  encoding: string | undefined,
  truncated: boolean,
  maxBodyBytes: number,
  repeated?: readonly string[],
): ReceivedResponse {
  const decoded = decode(body, encoding, truncated, maxBodyBytes);
  const twice = repeated?.length ? { repeated } : {};
  if (decoded === 'too-large') return { status, headers, body: '', truncated: true, ...twice };
  const bytes = decoded === 'undecodable' ? body : decoded;
  return {
    status,
    headers,
    body: bytes.toString('utf8'),
    truncated,
    ...(truncated || isUtf8(bytes)
      ? {}
      : { notUtf8: true as const, ...(endsInCharacter(bytes) ? { endsInCharacter: true as const } : {}) }),
    ...(decoded === 'undecodable' ? { undecodable: true as const } : {}),
    ...twice,
  };
}

/**
 * Whether bytes that are not UTF-8 are UTF-8 but for a character begun at their very end: a Content-Length counted in
 * characters, not bytes (RFC 9110 §8.6), cuts an answer with text beyond ASCII there.
 */
function endsInCharacter(bytes: Buffer): boolean {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k];
    // A continuation byte (10xxxxxx): its character began further back.
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k && isUtf8(bytes.subarray(0, bytes.length - k));
  }
  return false;
}

/**
 * Answer fields a sender may not repeat (RFC 9110 §5.3: no list syntax) and a check reads: a second line contradicts
 * the first, and clients keep either (an operator's `add_header Content-Type` beside the application's).
 */
const SINGLETON_FIELDS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'date',
  'location',
  'retry-after',
]);

/** The singleton fields among an answer's field names with their lines (a name may repeat, in any case). */
export function repeatedFields(names: Iterable<string>): string[] | undefined {
  const seen = new Set<string>();
  let out: string[] | undefined;
  for (const name of names) {
    const k = name.toLowerCase();
    if (!SINGLETON_FIELDS.has(k)) continue;
    if (seen.has(k) && !out?.includes(k)) (out ??= []).push(k);
    seen.add(k);
  }
  return out;
}

/**
 * Undoes a Content-Encoding a server applied (RFC 9110 §8.4); a body that does not decode in the coding it names is
 * `undecodable` (judged as it came), and one that decodes to more than the cap (a decompression bomb) is `too-large`.
 */
export function decode(
  body: Buffer,
  encoding: string | undefined,
  truncated: boolean,
  maxOutputLength: number,
): Buffer | 'too-large' | 'undecodable' {
  if (!encoding || truncated || body.length === 0) return body;
  try {
    switch (encoding.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body, { maxOutputLength });
      case 'deflate':
        return inflateSync(body, { maxOutputLength });
      case 'br':
        return brotliDecompressSync(body, { maxOutputLength });
      default:
        return body;
    }
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'undecodable';
  }
}

/**
 * How each connection's client is set (see `createHttpClient`): one request at a time, reused at once, no undici
 * timeouts (the exchange keeps its own). Exported for the bench, which measures this client alone.
 */
export const KEEP_ALIVE = { pipelining: 2, headersTimeout: 0, bodyTimeout: 0 } as const;

/** One keep-alive connection (an undici client) and the answers it has read on its current socket. */
interface Conn {
  readonly client: UndiciClient;
  served: number;
  /** The last answer read on the socket (while `served` > 0): when it ended, its status, its Connection field. */
  endedAt: number;
  lastStatus: number;
  lastConnection: string | undefined;
}

/** Creates the client; one per run so that sockets are reused across cases. */
export function createHttpClient(opts: HttpOptions): HttpClient {
  // undici (Node's own HTTP client, llhttp parser) is ~3× node:http per exchange on 127.0.0.1; see bench/run.ts.
  // One connection per request in flight, at most `maxSockets` per origin, each carrying one request at a time
  // (HTTP/1.1 keep-alive, never pipelined, redirects not followed). A connection is taken from a free list and given
  // back when its answer is read. undici's `pipelining: 1` would wait a turn of the event loop before reusing a socket;
  // a client that only ever has one request in flight reuses it at once.
  const pools = new Map<string, { free: Conn[]; all: Conn[]; waiting: ((c: Conn) => void)[] }>();
  const newConn = (origin: string): Conn => {
    const conn: Conn = {
      client: new Client(origin, { ...KEEP_ALIVE, connect: { ...tlsConnect(opts), timeout: opts.timeoutMs } }),
      served: 0,
      endedAt: 0,
      lastStatus: 0,
      lastConnection: undefined,
    };
    // A new socket has served nothing yet: only a socket that has can be found closed when reused.
    conn.client.on('connect', () => (conn.served = 0));
    conn.client.on('disconnect', () => (conn.served = 0));
    return conn;
  };
  const acquire = (origin: string): Conn | Promise<Conn> => {
    let p = pools.get(origin);
    if (!p) pools.set(origin, (p = { free: [], all: [], waiting: [] }));
    const free = p.free.pop();
    if (free) return free;
    if (p.all.length < Math.max(1, opts.maxSockets)) {
      const c = newConn(origin);
      p.all.push(c);
      return c;
    }
    const pool = p;
    return new Promise((resolve) => pool.waiting.push(resolve));
  };
  const release = (origin: string, c: Conn) => {
    const p = pools.get(origin)!;
    const next = p.waiting.shift();
    if (next) next(c);
    else p.free.push(c);
  };
  const targets = new Map<string, { origin: string; path: string }>();
  const where = (url: string) => {
    let t = targets.get(url);
    if (!t) {
      const u = new URL(url);
      targets.set(url, (t = { origin: u.origin, path: u.pathname + u.search }));
    }
    return t;
  };

  return {
    async send(req, redactedHeaders, mayRetry, retried) {
      // The budget counts a message sent next on a raw message's connection as a request of its own (`Framing.next`).
      if (req.wire) return sendRawRequest(req, req.wire, redactedHeaders, mayRetry, retried);
      const first = await sendOnce(req, redactedHeaders);
      // A keep-alive socket the server closed just as it was reused fails before any answer: not the server's fault
      // (RFC 9112 §9.3.1 lets a client retry then), so it is retried once on a fresh connection, within the budget.
      if (!first.staleSocket || !(await (mayRetry?.() ?? true))) return first.exchange;
      const again = (await sendOnce(req, redactedHeaders)).exchange;
      // Refused now: the server went down, and the close of the first try was its end, maybe by this very request (an
      // Express handler's stack overflow on a body nested 10,000 deep): that close is what the request got.
      const [other, answer] =
        again.error?.kind === 'connection-refused' ? [again, first.exchange] : [first.exchange, again];
      retried?.(other);
      // Answered on the fresh connection: the first one was closed by the server, not by this request.
      const after = first.closedAfter;
      return answer === again && again.response !== undefined && after !== undefined && !after.close
        ? { ...answer, closedUnannounced: { status: after.status, idleMs: after.idleMs } }
        : answer;
    },
    close() {
      for (const p of pools.values()) for (const c of p.all) void c.client.destroy().catch(() => undefined);
      pools.clear();
    },
  };

  /**
   * Why no answer came in time: none at all, or one that began and did not end; one without Content-Length or chunked
   * framing on a connection kept open can only end when the server closes it (RFC 9112 §6.3), which it never did.
   */
  function unended(began: boolean, status: number, headers: Readonly<Record<string, string>>, ms: number): string {
    if (!began) return `no complete answer within ${ms} ms`;
    const unframed = headers['content-length'] === undefined && headers['transfer-encoding'] === undefined;
    return `the answer (status ${status}) began but did not end within ${ms} ms${unframed ? ': it has neither Content-Length nor chunked framing, and the server kept the connection open, so nothing could end it (RFC 9112 §6.3)' : ''}`;
  }

  function sendRawRequest(
    req: OutgoingRequest,
    wire: NonNullable<OutgoingRequest['wire']>,
    redactedHeaders: Readonly<Record<string, string>>,
    mayGoOn: (() => Promise<boolean>) | undefined,
    onNext: ((ex: Omit<Exchange, 'rateLimited'>) => void) | undefined,
  ): Promise<Omit<Exchange, 'rateLimited'>> {
    const request = shownRequest(req, redactedHeaders);
    let shownWire;
    try {
      shownWire = sentWire(new URL(request.url), wire, wire.shownHeaders, wire.shownNext);
    } catch (e) {
      return Promise.resolve({ request, error: { kind: 'other', message: (e as Error).message }, durationMs: 0 });
    }
    return sendRaw(
      { method: req.method, url: req.url, message: wire },
      { ...request, wire: shownWire },
      opts,
      mayGoOn,
      onNext,
    );
  }

  async function sendOnce(req: OutgoingRequest, redactedHeaders: Readonly<Record<string, string>>): Promise<Attempt> {
    const request = shownRequest(req, redactedHeaders);
    let t: { origin: string; path: string };
    try {
      t = where(req.url);
    } catch (e) {
      return {
        exchange: { request, error: { kind: 'other', message: (e as Error).message }, durationMs: 0 },
        staleSocket: false,
      };
    }
    const got = acquire(t.origin);
    const conn = got instanceof Promise ? await got : got;
    try {
      return await exchange(conn, t, req, request);
    } finally {
      release(t.origin, conn);
    }
  }

  /** One try on a pooled connection; `staleSocket` with what the socket's last answer was, when it had one. */
  interface Attempt {
    exchange: Omit<Exchange, 'rateLimited'>;
    staleSocket: boolean;
    closedAfter?: { status: number; idleMs: number; close: boolean } | undefined;
  }

  function exchange(
    conn: Conn,
    t: { origin: string; path: string },
    req: OutgoingRequest,
    request: SentRequest,
  ): Promise<Attempt> {
    const started = performance.now();
    const reused = conn.served > 0;
    // What the socket's last answer was, read before this exchange overwrites it.
    const [beforeEnded, beforeStatus, beforeConnection] = [conn.endedAt, conn.lastStatus, conn.lastConnection];
    return new Promise((resolve) => {
      let settled = false;
      let controller: Dispatcher.DispatchController | undefined;
      let status = 0;
      let headers: Record<string, string> = {};
      let repeated: string[] | undefined;
      let responded = false;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = (
        outcome: { response?: ReceivedResponse; error?: { kind: TransportErrorKind; message: string } },
        staleSocket = false,
      ) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          exchange: { request, ...outcome, durationMs: Math.round(performance.now() - started) },
          staleSocket,
          // Stale means reused: the fields hold the answer before, and the Connection field is read only then.
          ...(staleSocket
            ? {
                closedAfter: {
                  status: beforeStatus,
                  idleMs: Math.round(started - beforeEnded),
                  close: /(?:^|,)\s*close\s*(?:,|$)/i.test(beforeConnection ?? ''),
                },
              }
            : {}),
        });
      };
      const finish = () => {
        const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        done({
          response: received(
            status,
            headers,
            bytes,
            headers['content-encoding'],
            truncated,
            opts.maxBodyBytes,
            repeated,
          ),
        });
      };
      const timer = setTimeout(() => {
        done({ error: { kind: 'timeout', message: unended(responded, status, headers, opts.timeoutMs) } });
        controller?.abort(new Error('timeout'));
      }, opts.timeoutMs);
      try {
        conn.client.dispatch(
          { path: t.path, method: req.method, headers: req.headers, body: req.body ?? null },
          {
            onRequestStart(c) {
              controller = c;
              if (settled) c.abort(new Error('timeout'));
            },
            onResponseStart(_c, statusCode, hdrs) {
              // 1xx answers are interim (RFC 9110 §15.2): the final one follows on the same exchange.
              if (statusCode < 200) return;
              responded = true;
              status = statusCode;
              headers = {};
              repeated = undefined;
              for (const k in hdrs) {
                const v = hdrs[k];
                if (v === undefined) continue;
                if (Array.isArray(v)) {
                  headers[k] = v.join(', ');
                  if (SINGLETON_FIELDS.has(k)) (repeated ??= []).push(k);
                } else headers[k] = v;
              }
            },
            onResponseData(c, chunk) {
              if (truncated) return;
              if (size + chunk.length > opts.maxBodyBytes) {
                chunks.push(chunk.subarray(0, opts.maxBodyBytes - size));
                truncated = true;
                finish();
                // Stop reading: the rest of a huge body is not worth the bandwidth.
                c.abort(new Error('body cap reached'));
                return;
              }
              chunks.push(chunk);
              size += chunk.length;
            },
            onResponseEnd() {
              conn.served++;
              conn.endedAt = performance.now();
              conn.lastStatus = status;
              conn.lastConnection = headers['connection'];
              finish();
            },
            onResponseError(_c, e: NodeJS.ErrnoException) {
              if (settled) return;
              // Stale: the connection had carried answers before but broke before this one began.
              const stale =
                reused && !responded && (e.code === 'UND_ERR_SOCKET' || e.code === 'ECONNRESET' || e.code === 'EPIPE');
              if (responded && e.code === 'UND_ERR_SOCKET')
                done({ error: { kind: 'connection-reset', message: 'answer broke off (connection closed mid-body)' } });
              else done({ error: { kind: classify(e), message: describe(e) } }, stale);
            },
          },
        );
      } catch (e) {
        done({ error: { kind: 'other', message: (e as Error).message } });
      }
    });
  }
}
