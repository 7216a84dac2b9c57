// Small misbehaving providers on 127.0.0.1 (port 0), for robustness tests. Each counts what it received and, on
// close(), destroys every socket it ever accepted, so that no test leaves a handle (or a hung client) behind.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';
import { refusedWithoutHost } from '../provider/behaviour.ts';

export interface TestServer {
  /** Base URL, e.g. `http://127.0.0.1:40123/connect` (requests go to `url + /v1/onboarding/entities`). */
  readonly url: string;
  readonly origin: string;
  /** Requests received so far (any path). */
  requests(): number;
  /** Bytes of answer bodies written so far (for the huge-body server). */
  bytesWritten(): number;
  /** Authorization headers received, in order. */
  readonly authorizations: (string | undefined)[];
  close(): Promise<void>;
}

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { n: number; body: string; raw: Buffer; count(bytes: number): void },
) => void;

/** An HTTP/1.1 request line (any method token): what a client sent, even when the parser refused the method. */
const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.[01]\r\n/;

/** Starts a server whose every request goes to `handler` once its body is read (the first 2 MiB are kept). */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const authorizations: (string | undefined)[] = [];
  let n = 0;
  let written = 0;
  const served = new WeakSet<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    n++;
    served.add(req.socket);
    if (refusedWithoutHost(req, res)) return;
    authorizations.push(req.headers.authorization);
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const nth = n;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size < 2 * 1024 * 1024) chunks.push(c);
      size += c.length;
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      handler(req, res, { n: nth, body: raw.toString('utf8'), raw, count: (b) => (written += b) });
    });
  };
  const options = { requireHostHeader: false };
  const server = tls
    ? createHttpsServer({ key: tls.key, cert: tls.cert, ...options }, onRequest)
    : createServer(options, onRequest);
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  // Plain sockets arrive through 'connection'; TLS sockets also through 'secureConnection'.
  server.on('connection', track);
  server.on('secureConnection', track);
  server.on('tlsClientError', () => undefined);
  // A request line the parser refuses before any request on its connection (an unknown method token) is a request
  // the client sent: counted (a TLS hello or a reset is not), then answered 400 and closed.
  server.on('clientError', (e: Error & { rawPacket?: Buffer }, socket: Socket) => {
    const request = REQUEST_LINE.test(e.rawPacket?.toString('latin1') ?? '');
    if (!served.has(socket) && request) n++;
    // As Node's default handler does: a request the parser refuses gets a 400 and a close (RFC 9112 §6.3).
    if (request && socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: `${origin}/connect`,
    origin,
    requests: () => n,
    bytesWritten: () => written,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
};

/** Accepts every request and never answers it. */
export const silent = () => startServer(() => undefined);

/** Sends the status line, headers and half a body, then resets the connection (TCP RST). */
export const resetMidAnswer = () =>
  startServer((_req, res) => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"id":"', () => setTimeout(() => res.socket?.resetAndDestroy(), 20));
  });

/** A 201 whose body never ends (chunked, no Content-Length): written as fast as the client reads it, until it hangs up. */
export const endlessBody = () =>
  startServer((req, res, ctx) => {
    res.writeHead(201, { 'content-type': 'application/json' });
    // A HEAD answer has no body (RFC 9110 §9.3.2): Node drops its writes and reports room for more, so never pump one.
    if (req.method === 'HEAD') return void res.end();
    const piece = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed) {
        ctx.count(piece.length);
        if (!res.write(piece)) return void res.once('drain', pump);
      }
    };
    pump();
  });

/** A 201 whose JSON body is `totalBytes` long, streamed in 64 KiB pieces as fast as the client reads them. */
export const hugeBody = (totalBytes: number) =>
  startServer((_req, res, ctx) => {
    res.writeHead(201, { 'content-type': 'application/json', 'content-length': String(totalBytes) });
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes && !res.destroyed) {
        const chunk = piece.subarray(0, Math.min(piece.length, totalBytes - sent));
        sent += chunk.length;
        ctx.count(chunk.length);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('close', () => (sent = totalBytes));
    pump();
  });

/** A 201 whose gzip-encoded body is small on the wire and `decodedBytes` long once decoded (a decompression bomb). */
export const gzipBomb = (decodedBytes: number) => {
  const bomb = gzipSync(Buffer.alloc(decodedBytes, 0x20));
  return startServer((_req, res) => {
    res.writeHead(201, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': String(bomb.length),
    });
    res.end(bomb);
  });
};

/** Answers `status` with a body that is labelled JSON but is not (or is cut short). */
export const notJson = (status: number, body: string) =>
  startServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });

/**
 * A Content-Length that lies: `short` declares fewer bytes than it sends (the rest is garbage on the keep-alive
 * socket), `long` declares more and then closes the connection (or, with `hold`, keeps it open).
 */
export const wrongContentLength = (mode: 'short' | 'long' | 'long-hold') =>
  startServer((_req, res) => {
    const body = '{"errors":[{"code":"BadRequest","message":"m"}]}';
    const declared = mode === 'short' ? body.length - 10 : body.length + 100;
    // Written on the raw socket: node:http refuses to send a body that disagrees with its Content-Length.
    const socket = res.socket!;
    res.detachSocket(socket);
    socket.write(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${body}`,
    );
    if (mode === 'long') setTimeout(() => socket.end(), 20);
  });

/** Answers the first request on each connection (400, keep-alive) and resets the connection on the next, unanswered. */
export const resetReusedConnections = () => {
  const perSocket = new WeakMap<object, number>();
  return startServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n > 1) return void req.socket.resetAndDestroy();
    json(res, 400, { errors: [{ code: 'BadRequest', message: 'm' }] });
  });
};

/**
 * The first request on a connection is answered; the second takes the whole server down (it stops listening, every
 * connection is closed), as a process that crashes on it does: the client's retry on a fresh connection is refused.
 */
export const downOnReusedConnection = async () => {
  const perSocket = new WeakMap<object, number>();
  const self: TestServer = await startServer((req, res) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    if (n > 1) return void self.close();
    json(res, 400, { errors: [{ code: 'BadRequest', message: 'm' }] });
  });
  return self;
};

/** Every request is answered 429 with `Retry-After: 0`. */
export const endless429 = () =>
  startServer((_req, res) => json(res, 429, { errors: [{ code: 'TooManyRequests' }] }, { 'retry-after': '0' }));

/** Every request is redirected to `location`. */
export const redirect = (status: number, location: string) =>
  startServer((_req, res) => json(res, status, {}, { location }));

/** Answers every request `status` with the Authorization header it received echoed in the body, a header and a message. */
export const echoAuthorization = (status: number) =>
  startServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    json(
      res,
      status,
      { errors: [{ code: 'Echo', message: `you sent ${auth}`, description: auth }], id: auth },
      { 'x-echo': auth },
    );
  });

/** Answers each request after `delayMs` with a 400 error body. */
export const slow = (delayMs: number) =>
  startServer((_req, res) => {
    const t = setTimeout(() => json(res, 400, { errors: [{ code: 'Slow', message: 'slow' }] }), delayMs);
    res.on('close', () => clearTimeout(t));
  });

/** A self-signed certificate for 127.0.0.1, made with the openssl CLI at test time; undefined when openssl is missing. */
/**
 * A private CA and a certificate it signed for 127.0.0.1, made now with openssl (P-256 keys, valid one day), as a
 * sandbox behind its company's CA has: the server sends its own certificate only, so a client without the CA fails
 * with UNABLE_TO_VERIFY_LEAF_SIGNATURE. Undefined when openssl is not installed.
 */
export function privateCa(): { ca: string; key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-ca-'));
  const at = (f: string) => join(dir, f);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    writeFileSync(at('leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
    const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    run([
      'req',
      '-x509',
      ...ec,
      '-days',
      '1',
      '-subj',
      '/CN=Conformance Test CA',
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.pem'),
    ]);
    run(['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', at('leaf.key'), '-out', at('leaf.csr')]);
    run([
      'x509',
      '-req',
      '-in',
      at('leaf.csr'),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      at('leaf.ext'),
      '-out',
      at('leaf.pem'),
    ]);
    const read = (f: string) => readFileSync(at(f), 'utf8');
    return { ca: read('ca.pem'), key: read('leaf.key'), cert: read('leaf.pem') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An OAuth2 token endpoint (RFC 6749 §4.4) that issues short-lived opaque tokens to one client. */
export interface TokenEndpoint extends TestServer {
  /** The token URL. */
  readonly tokenUrl: string;
  /** Every token issued, in order. */
  readonly issued: string[];
  /** Whether a token was issued here and has not expired. */
  isLive(token: string): boolean;
  /** Form bodies received, parsed. */
  readonly forms: URLSearchParams[];
}

export async function startTokenEndpoint(opts: {
  clientId: string;
  clientSecret: string;
  lifetimeS: number;
  fail?: { status: number; body: string };
  /** Serve https with this key and certificate. */
  tls?: { key: string; cert: string };
}): Promise<TokenEndpoint> {
  const issued: string[] = [];
  const expiry = new Map<string, number>();
  const forms: URLSearchParams[] = [];
  const expected = `Basic ${Buffer.from(`${encodeForm(opts.clientId)}:${encodeForm(opts.clientSecret)}`).toString('base64')}`;
  const server = await startServer((req, res, { body }) => {
    forms.push(new URLSearchParams(body));
    if (opts.fail) {
      res.writeHead(opts.fail.status, { 'content-type': 'application/json' }).end(opts.fail.body);
      return;
    }
    if (req.headers.authorization !== expected) {
      res
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic' })
        .end(JSON.stringify({ error: 'invalid_client', error_description: `bad client ${req.headers.authorization}` }));
      return;
    }
    const token = `tok-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
    issued.push(token);
    expiry.set(token, Date.now() + opts.lifetimeS * 1000);
    res
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: opts.lifetimeS }));
  }, opts.tls);
  return {
    ...server,
    tokenUrl: `${server.origin}/oauth/token`,
    issued,
    forms,
    isLive: (t) => (expiry.get(t) ?? 0) > Date.now(),
  };
}

function encodeForm(s: string): string {
  return new URLSearchParams({ v: s }).toString().slice(2);
}

/**
 * A host name that does not resolve, without a single packet leaving the machine: under `.invalid` (RFC 6761 §6.4),
 * and with a 64-character label (RFC 1035 §2.3.4 allows 63), so that the C library refuses to build a DNS query for it
 * and answers EAI_NONAME (ENOTFOUND) at once. A plain `no-such-host.invalid` is sent to the configured name server.
 */
export const UNRESOLVABLE_HOST = `${'x'.repeat(64)}.invalid`;

/**
 * A provider that accepts only live tokens of `tokens`: it forwards every request to `upstream` (the reference
 * provider, whose own token is `upstreamToken`), replacing a live token with the upstream's and any other credential
 * with a wrong one, so that the upstream answers 401 exactly when the token was not issued or has expired.
 * `maxAgeMs` makes it refuse tokens sooner than their `expires_in` said (a revoked token: only a 401 tells).
 */
export function startOAuthProvider(
  upstream: { url: string; token: string },
  tokens: TokenEndpoint,
  maxAgeMs = Infinity,
): Promise<TestServer> {
  const base = new URL(upstream.url);
  const born = new Map<string, number>();
  return startServer((req, res, { raw }) => {
    const auth = req.headers.authorization ?? '';
    const token = /^Bearer +(\S+) *$/i.exec(auth)?.[1]; // 1*SP before the token (RFC 9110 §11.4)
    if (token !== undefined && !born.has(token)) born.set(token, Date.now());
    const live = token !== undefined && tokens.isLive(token) && Date.now() - born.get(token)! < maxAgeMs;
    const authorization = live
      ? `Bearer ${upstream.token}`
      : token !== undefined && tokens.issued.includes(token)
        ? 'Bearer expired-token'
        : req.headers.authorization;
    forward(base, req, res, raw, { ...(authorization === undefined ? {} : { authorization }) });
  });
}

/** Sends a request on to `base`'s host as it came (with `headers` replaced), and its answer back as it comes. */
function forward(
  base: URL,
  req: IncomingMessage,
  res: ServerResponse,
  raw: Buffer,
  headers: Record<string, string> = {},
): void {
  // The body goes on whole, framed by its length: a chunked request's Transfer-Encoding does not go with it, nor the
  // Trailer field announcing its trailer (Node refuses one on a message framed by its length: ERR_HTTP_TRAILER_INVALID).
  const { 'transfer-encoding': _framing, trailer: _announced, ...rest } = req.headers;
  const sent = { ...rest, host: base.host, 'content-length': String(raw.length), ...headers };
  const out = request(
    { host: base.hostname, port: base.port, method: req.method, path: req.url, headers: sent },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  out.on('error', () => res.destroy());
  out.end(raw);
}

/** How a rate-limited provider tells its limit: only by 429 and Retry-After, or also in rate-limit fields. */
export type RateLimitFields = 'none' | 'ietf' | 'ietf-separate' | 'x-ratelimit';

/**
 * A provider that allows `perSecond` requests in any one second (a sliding window) and answers the rest 429 with
 * Retry-After (whole seconds, RFC 9110 §10.2.3); the others go on to `upstream`. `fields` adds the rate-limit fields
 * of the IETF draft (`RateLimit` + `RateLimit-Policy`, or the separate `RateLimit-Limit/-Remaining/-Reset`) or
 * `X-RateLimit-*` to every answer. `rejected()` counts the 429s.
 */
export async function startRateLimitedProvider(
  upstream: { url: string },
  perSecond: number,
  fields: RateLimitFields = 'none',
  tls?: { key: string; cert: string },
  /** 503 without Retry-After: what nginx's `limit_req` and ASP.NET Core's rate limiter answer by default. */
  status: 429 | 503 = 429,
): Promise<TestServer & { rejected(): number }> {
  const base = new URL(upstream.url);
  const accepted: number[] = [];
  let rejected = 0;
  const server = await startServer((req, res, { raw }) => {
    const now = Date.now();
    while (accepted.length > 0 && accepted[0] <= now - 1000) accepted.shift();
    const resetS = accepted.length > 0 ? Math.max(1, Math.ceil((accepted[0] + 1000 - now) / 1000)) : 1;
    const limited = accepted.length >= perSecond;
    if (!limited) accepted.push(now);
    const remaining = perSecond - accepted.length;
    const said: Record<string, string> =
      fields === 'ietf'
        ? {
            ratelimit: `limit=${perSecond}, remaining=${remaining}, reset=${resetS}`,
            'ratelimit-policy': `${perSecond};w=1`,
          }
        : fields === 'ietf-separate'
          ? {
              'ratelimit-limit': String(perSecond),
              'ratelimit-remaining': String(remaining),
              'ratelimit-reset': String(resetS),
            }
          : fields === 'x-ratelimit'
            ? {
                'x-ratelimit-limit': String(perSecond),
                'x-ratelimit-remaining': String(remaining),
                'x-ratelimit-reset': String(Math.ceil(now / 1000) + resetS),
              }
            : {};
    if (limited) {
      rejected++;
      if (status === 503) return json(res, 503, { errors: [{ code: 'ServiceUnavailable' }] }, said);
      return json(res, 429, { errors: [{ code: 'TooManyRequests' }] }, { 'retry-after': String(resetS), ...said });
    }
    for (const [k, v] of Object.entries(said)) res.setHeader(k, v);
    forward(base, req, res, raw);
  }, tls);
  return { ...server, rejected: () => rejected };
}

/** What a sandbox knows besides the spec: its collectives, its users, the brands it lists with their types. */
export interface SandboxData {
  readonly collectives: readonly string[];
  readonly owners: readonly string[];
  readonly brands: readonly { readonly brand: string; readonly type: string }[];
}

/** The JSON text of a request body as a server that supports the codings reads it: decoded, a byte-order mark dropped. */
function bodyText(raw: Buffer, coding: string | undefined): string | undefined {
  const decode: Record<string, (b: Buffer) => Buffer> = {
    gzip: gunzipSync,
    deflate: inflateSync,
    br: brotliDecompressSync,
  };
  try {
    const text = (coding === undefined ? raw : (decode[coding] ?? ((b: Buffer) => b))(raw)).toString('utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/**
 * A sandbox that refuses what it does not know, as real ones do: an authenticated request whose `collectiveId` or
 * `owner` names nothing it holds, or whose `brand` (with its `type`) it does not list, is answered 400 with an error
 * body; everything else goes on to `upstream` (which checks credentials and the schema). It reads bodies in a content
 * coding or after a byte-order mark too; `refusedEncoded()` counts those it refused.
 */
export function startKnownDataSandbox(
  upstream: { url: string; token: string },
  data: SandboxData,
): Promise<TestServer & { refusedEncoded(): number }> {
  const base = new URL(upstream.url);
  let refusedEncoded = 0;
  return startServer((req, res, { raw }) => {
    const coding = req.headers['content-encoding'];
    const text = bodyText(raw, coding);
    let value: unknown;
    try {
      value = text === undefined ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    // Only the operation it serves looks its references up; other methods go on to the upstream's router (405).
    const unknown =
      req.method === 'POST' && req.headers.authorization === `Bearer ${upstream.token}`
        ? typeof v['collectiveId'] === 'string' && !data.collectives.includes(v['collectiveId'])
          ? 'collectiveId'
          : typeof v['owner'] === 'string' && !data.owners.includes(v['owner'])
            ? 'owner'
            : typeof v['brand'] === 'string' && !data.brands.some((b) => b.brand === v['brand'] && b.type === v['type'])
              ? 'brand'
              : undefined
        : undefined;
    if (unknown !== undefined) {
      if (coding !== undefined || raw.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) refusedEncoded++;
      return json(res, 400, { errors: [{ code: 'UnknownReference', message: `no such ${unknown} in this sandbox` }] });
    }
    forward(base, req, res, raw);
  }).then((server) => ({ ...server, refusedEncoded: () => refusedEncoded }));
}
