import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Exchange, ReceivedResponse, TransportErrorKind } from './exchange.ts';

/** How requests are sent. */
export interface HttpOptions {
  /** Per-request timeout in ms, from sending to the last byte of the answer. */
  readonly timeoutMs: number;
  /** Most bytes of an answer that are read; the rest is dropped and the body marked truncated. */
  readonly maxBodyBytes: number;
  /** Skip TLS certificate verification (`--insecure`). */
  readonly insecure: boolean;
  /** Keep-alive sockets at most (the runner's concurrency). */
  readonly maxSockets: number;
}

/** One request to send, headers as they go on the wire. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** A keep-alive HTTP client that never throws: every outcome is an `Exchange` (answers, or a typed transport error). */
export interface HttpClient {
  /** `mayRetry` is asked before a stale-socket retry (the request budget counts it); without it, the retry is made. */
  send(req: OutgoingRequest, redactedHeaders: Readonly<Record<string, string>>, mayRetry?: () => Promise<boolean>): Promise<Omit<Exchange, 'rateLimited'>>;
  close(): void;
}

function classify(err: NodeJS.ErrnoException): TransportErrorKind {
  switch (err.code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'HPE_INVALID_CONSTANT':
      return 'connection-reset';
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    default:
      if (err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT') || err.code === 'DEPTH_ZERO_SELF_SIGNED_CERT') return 'tls';
      if (err.code?.startsWith('HPE_')) return 'connection-reset';
      return 'other';
  }
}

/** One line on a transport error, saying what it means where the code alone would not. */
function describe(e: NodeJS.ErrnoException): string {
  const detail = `${e.code ?? 'error'}: ${e.message.split(';')[0]}`;
  if (classify(e) === 'tls') return `TLS handshake failed (${detail}); --insecure skips certificate verification`;
  if (e.code?.startsWith('HPE_')) return `the answer is not valid HTTP/1.1, e.g. a wrong Content-Length (${detail})`;
  return detail;
}

/**
 * Undoes a Content-Encoding a server applied (RFC 9110 §8.4); a body that does not decode is judged as it came, and
 * one that decodes to more than the cap (a decompression bomb) is `too-large`.
 */
function decode(body: Buffer, encoding: string | undefined, truncated: boolean, maxOutputLength: number): Buffer | 'too-large' {
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
    return (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : body;
  }
}

/** Creates the client; one per run so that sockets are reused across cases. */
export function createHttpClient(opts: HttpOptions): HttpClient {
  const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets, maxFreeSockets: opts.maxSockets };
  const httpAgent = new http.Agent(agentOpts);
  const httpsAgent = new https.Agent({ ...agentOpts, rejectUnauthorized: !opts.insecure });

  return {
    async send(req, redactedHeaders, mayRetry) {
      const first = await sendOnce(req, redactedHeaders);
      // A keep-alive socket the server closed just as it was reused fails before any answer: not the server's fault
      // (RFC 9112 §9.3.1 lets a client retry then), so it is retried once on a fresh connection, within the budget.
      return first.staleSocket && (await (mayRetry?.() ?? true)) ? (await sendOnce(req, redactedHeaders)).exchange : first.exchange;
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };

  function sendOnce(req: OutgoingRequest, redactedHeaders: Readonly<Record<string, string>>): Promise<{ exchange: Omit<Exchange, 'rateLimited'>; staleSocket: boolean }> {
    const started = performance.now();
    const request = { method: req.method, url: req.url, headers: redactedHeaders, body: req.body };
    return new Promise((resolve) => {
      let settled = false;
      let responded = false;
      const done = (outcome: { response?: ReceivedResponse; error?: { kind: TransportErrorKind; message: string } }, staleSocket = false) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ exchange: { request, ...outcome, durationMs: Math.round(performance.now() - started) }, staleSocket });
      };
      const url = new URL(req.url);
      const lib = url.protocol === 'https:' ? https : http;
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const r = lib.request(url, { method: req.method, headers, agent: url.protocol === 'https:' ? httpsAgent : httpAgent }, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          if (size + chunk.length > opts.maxBodyBytes) {
            chunks.push(chunk.subarray(0, opts.maxBodyBytes - size));
            truncated = true;
            // Stop reading: the rest of a huge body is not worth the bandwidth.
            res.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        const finish = () => {
          const hdrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) hdrs[k] = Array.isArray(v) ? v.join(', ') : v;
          const body = decode(Buffer.concat(chunks), hdrs['content-encoding'], truncated, opts.maxBodyBytes);
          if (body === 'too-large') done({ response: { status: res.statusCode ?? 0, headers: hdrs, body: '', truncated: true } });
          else done({ response: { status: res.statusCode ?? 0, headers: hdrs, body: body.toString('utf8'), truncated } });
        };
        res.on('end', finish);
        res.on('error', (e: NodeJS.ErrnoException) => (truncated ? finish() : done({ error: { kind: classify(e), message: `answer broke off: ${e.code ?? e.message}` } })));
        res.on('aborted', () => (truncated ? finish() : done({ error: { kind: 'connection-reset', message: 'answer broke off (connection closed mid-body)' } })));
      });
      const timer = setTimeout(() => {
        done({ error: { kind: 'timeout', message: `no complete answer within ${opts.timeoutMs} ms` } });
        r.destroy();
      }, opts.timeoutMs);
      r.on('error', (e: NodeJS.ErrnoException) =>
        done({ error: { kind: classify(e), message: describe(e) } }, r.reusedSocket && !responded && (e.code === 'ECONNRESET' || e.code === 'EPIPE')),
      );
      // One write for the body with the headers (end(body)), not two.
      r.end(req.body);
    });
  }
}
