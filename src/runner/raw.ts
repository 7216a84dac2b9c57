// The raw HTTP/1.1 sender: messages undici cannot express (no framing, odd chunking, repeated header fields, bytes
// that are not UTF-8, a content coding) are written byte by byte on a fresh connection, and the answer is read by
// Node's own HTTP client parser (`http.request` with a documented `createConnection` that hands it the socket's bytes).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnectSocket } from 'node:tls';
import { Duplex } from 'node:stream';
import type { AfterAnswer, Exchange, ReceivedResponse, SentRequest, TransportErrorKind } from '../types.ts';
import { classify, describe, received, repeatedFields, type HttpOptions } from './http.ts';
import { tlsConnect } from './tls.ts';
import {
  CLOSE_WAIT_MS,
  CONTINUE_WAIT_MS,
  framedBody,
  framedHeaders,
  framingOf,
  nextWritten,
  requestBytes,
  type Framing,
  type NextMessage,
  type SentWire,
} from '../wire.ts';

/** A message to write byte by byte: header fields in order (real token in place), the body's exact bytes. */
export interface RawMessage extends Framing {
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer | undefined;
}

/**
 * What a raw send reports of the request: the shown (redacted) fields and the bytes, as `SentRequest.wire`, and the
 * message sent next as shown (`shownNext`, where it carries credentials).
 */
export function sentWire(
  url: URL,
  m: RawMessage,
  shownHeaders: RawMessage['headers'],
  shownNext: NextMessage | undefined = m.next,
): SentWire {
  return {
    ...framingOf(m),
    ...(shownNext ? { next: shownNext } : {}),
    headers: framedHeaders(url, m, shownHeaders),
    ...(m.body === undefined ? {} : { bodyBase64: m.body.toString('base64') }),
  };
}

/**
 * The bytes a server sends, with the Connection field taken out of each interim answer before the final one: a 1xx
 * is no answer to the request (RFC 9110 §15.2), and a `close` on it (inets puts the request's on its 100 Continue)
 * would make Node's parser refuse the final answer that follows as data after the close.
 */
function interimFilter(): { take(b: Buffer): Buffer; flush(): Buffer } {
  let pending: Buffer | undefined = Buffer.alloc(0);
  return {
    take(b) {
      if (pending === undefined) return b;
      pending = Buffer.concat([pending, b]);
      const out: Buffer[] = [];
      for (;;) {
        const end = pending.indexOf('\r\n\r\n', 0, 'latin1');
        const status = /^HTTP\/\d\.\d (\d{3})/.exec(pending.toString('latin1', 0, 16))?.[1];
        // Still in an interim block's head, and not too long to be one: wait for the rest.
        if (end < 0 && pending.length < 65_536 && (status === undefined || status.startsWith('1'))) break;
        if (end < 0 || status === undefined || !status.startsWith('1') || status === '101') {
          out.push(pending);
          pending = undefined;
          break;
        }
        const block = pending.toString('latin1', 0, end).replace(/\r\nconnection:[^\r\n]*/gi, '');
        out.push(Buffer.from(`${block}\r\n\r\n`, 'latin1'));
        pending = pending.subarray(end + 4);
      }
      return Buffer.concat(out);
    },
    flush() {
      const rest = pending ?? Buffer.alloc(0);
      pending = undefined;
      return rest;
    },
  };
}

/**
 * The socket's bytes for Node's HTTP client parser: what `http.request` would write is dropped (the raw bytes were
 * written instead); what the server sends is passed on. `createConnection` may return any Duplex (Node's http docs).
 * With `keep`, the parser letting go of its side leaves the socket open, to see when the server closes it.
 */
function parserSide(sock: Socket, keep: boolean): Duplex & { detach(): void } {
  let detached = false;
  const side = new Duplex({
    read() {
      sock.resume();
    },
    write(_chunk, _encoding, callback) {
      callback();
    },
    destroy(err, callback) {
      if (!keep) sock.destroy();
      callback(err);
    },
  });
  const interim = interimFilter();
  // Bytes held back while an interim answer's head is incomplete are pushed with the rest (an empty push is none).
  const push = (bytes: Buffer) => bytes.length === 0 || side.push(bytes);
  sock.on('data', (b: Buffer) => {
    if (!detached && !push(interim.take(b))) sock.pause();
  });
  sock.on('end', () => detached || (push(interim.flush()), side.push(null)));
  sock.on('error', (e) => detached || side.destroy(e));
  // What comes after the answer is the next message's answer, read by the sender itself (`Framing.next`).
  return Object.assign(side, {
    detach() {
      detached = true;
      sock.resume();
    },
  });
}

/**
 * Sends one raw message on a connection of its own and reads the answer under the client's rules: the timeout from
 * sending to the last byte, the body cap, the content coding undone, TLS as `--ca` / `--insecure` say. Never throws.
 * `mayGoOn` is asked before a `next` message is sent (the request budget counts it): false sends none; `onNext` is
 * given its exchange.
 */
export function sendRaw(
  req: { readonly method: string; readonly url: string; readonly message: RawMessage },
  shown: SentRequest,
  opts: Pick<HttpOptions, 'timeoutMs' | 'maxBodyBytes' | 'insecure' | 'ca'>,
  mayGoOn?: () => Promise<boolean>,
  onNext?: (ex: Omit<Exchange, 'rateLimited'>) => void,
): Promise<Omit<Exchange, 'rateLimited'>> {
  const started = performance.now();
  let url: URL;
  try {
    url = new URL(req.url);
  } catch (e) {
    return Promise.resolve({ request: shown, error: { kind: 'other', message: (e as Error).message }, durationMs: 0 });
  }
  const m = req.message;
  const bytes = requestBytes(req.method, url, framedHeaders(url, m, m.headers), framedBody(m, m.body), m);
  const tls = url.protocol === 'https:';
  const port = Number(url.port) || (tls ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    let settled = false;
    // Never half-closed, a message without framing included: a request without Content-Length or Transfer-Encoding has
    // no body (RFC 9112 §6.3), and Go's net/http cancels a request whose client half-closed (Caddy then answers 200, no
    // body), cpp-httplib 0.11 drops it unanswered: verdicts that hung on timing.
    // With `awaitContinue`, the header section alone, then the body once a 100 or a final answer came or the wait ran
    // out (RFC 9110 §10.1.1, as curl does).
    const headEnd = m.awaitContinue ? bytes.indexOf('\r\n\r\n', 0, 'latin1') + 4 : bytes.length;
    let headWrittenAt = 0;
    let continueWait: ReceivedResponse['continueWait'];
    let continueTimer: NodeJS.Timeout | undefined;
    const bodyAfterWait = (answered: boolean, final = false) => {
      if (continueWait !== undefined || !m.awaitContinue) return;
      clearTimeout(continueTimer);
      continueWait = { ms: Math.round(performance.now() - headWrittenAt), answered };
      if (!final && !sock.destroyed) sock.write(bytes.subarray(headEnd));
    };
    const write = () => {
      sock.write(bytes.subarray(0, headEnd));
      headWrittenAt = performance.now();
      // Half the run's timeout at most, so that a short --timeout still leaves the answer time to come.
      if (m.awaitContinue)
        continueTimer = setTimeout(() => bodyAfterWait(false), Math.min(CONTINUE_WAIT_MS, opts.timeoutMs / 2));
    };
    const sock: Socket = tls
      ? tlsConnectSocket({ host, port, ...(isIP(host) ? {} : { servername: host }), ...tlsConnect(opts) }, write)
      : netConnect({ host, port }, write);
    const done = (outcome: { response?: ReceivedResponse; error?: { kind: TransportErrorKind; message: string } }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(closeTimer);
      clearTimeout(continueTimer);
      sock.destroy();
      resolve({ request: shown, ...outcome, durationMs: Math.round(performance.now() - started) });
    };
    // Interim answers that came (100 Continue, 103; RFC 9110 §15.2): a final answer that never followed one is said so.
    const interim: number[] = [];
    const after = () => (interim.length === 0 ? '' : ` (after an interim ${interim.join(', ')})`);
    let timer = setTimeout(
      () => done({ error: { kind: 'timeout', message: `no complete answer within ${opts.timeoutMs} ms${after()}` } }),
      opts.timeoutMs,
    );
    // A write the server cut short (it answered early and closed) is no error if an answer came.
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (!answered) done({ error: { kind: classify(e), message: `${describe(e)}${after()}` } });
      else if (awaiting !== undefined) awaiting.end();
      else closed();
    });
    let answered = false;
    // Reading on to the close (`awaitClose`), or to the `next` message: every byte the server sent, the answer once
    // read, the wait's timer.
    const all: Buffer[] = [];
    let allSize = 0;
    let serverClosed = false;
    let answer: ReceivedResponse | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    let answeredAt = 0;
    let nextSent = false;
    const closed = () => {
      serverClosed = true;
      if (answer !== undefined) afterClose();
    };
    // What the server sent after the answer, read from every byte it sent: whether the answer's end is known, and what
    // followed it (its first line: another answer's status line, or the start of content).
    const afterAnswer = (closed: boolean, waitedMs: number): AfterAnswer => {
      const bytes = Buffer.concat(all, allSize);
      const surplus = surplusBytes(bytes, req.method === 'HEAD');
      if (surplus === undefined || surplus === 0) return { closed, endKnown: surplus !== undefined, waitedMs };
      const at = bytes.length - surplus;
      const surplusHead = bytes.toString('latin1', at, at + 80).split('\r\n')[0];
      return { closed, endKnown: true, waitedMs, surplusBytes: surplus, surplusHead };
    };
    const afterClose = () => {
      if (answer === undefined) return;
      done({
        response: { ...answer, afterAnswer: afterAnswer(serverClosed, Math.round(performance.now() - answeredAt)) },
      });
    };
    // Before a `next` message too: what came after the answer before it went out (a trailer line answered, POCO).
    if (m.awaitClose || m.next !== undefined)
      sock.on('data', (b: Buffer) => {
        if (allSize > opts.maxBodyBytes + 65_536 || nextSent) return;
        all.push(b);
        allSize += b.length;
      });
    if (m.awaitClose) {
      sock.on('end', closed);
      sock.on('close', closed);
    }
    // The message sent next on the connection (`Framing.next`): its answer's first line, read from the bytes.
    let awaiting: { answer: ReceivedResponse; end(): void } | undefined;
    const sendNext = (first: ReceivedResponse, res: IncomingMessage, next: NonNullable<RawMessage['next']>) => {
      // What followed the answer before the next message: another answer is the message read as two (RFC 9112 §6.3).
      const answer: ReceivedResponse = { ...first, afterAnswer: afterAnswer(peerClosed, 0) };
      nextSent = true;
      // The server said it closes, or answered as HTTP/1.0 without keep-alive: no next request is due (RFC 9112 §9.3).
      const connection = (answer.headers['connection'] ?? '').toLowerCase();
      const persistent = res.httpVersion === '1.0' ? /keep-alive/.test(connection) : !/close/.test(connection);
      if (!persistent) return done({ response: answer });
      side.detach();
      const bytes: Buffer[] = [];
      let size = 0;
      // When the next message was written; 0 until then (the budget may say no, the server may close first).
      let sentAt = 0;
      const waited = () => (sentAt === 0 ? 0 : Math.round(performance.now() - sentAt));
      const { message: nextMessage, bytes: message } = nextWritten(url, next);
      // What reports and `--har-all` show of it: its credentials redacted (`sentWire`).
      const shownNext = shown.wire?.next ?? next;
      const { fields } = nextWritten(url, shownNext);
      let finishing = false;
      const finish = (outcome: { status?: number; timedOut?: true; closed?: true }) => {
        if (settled || finishing) return;
        finishing = true;
        clearTimeout(timer);
        sock.destroy();
        const got = Buffer.concat(bytes, size);
        const head = got.length ? got.toString('latin1', 0, 80).split('\r\n')[0] : undefined;
        const exchange = nextExchange(url, fields, shownNext, nextMessage.body, got, outcome.status, waited());
        // The next message is a request of its own: `--har-all` lists it with the status and fields it got.
        if (sentAt > 0) onNext?.(exchange);
        const result = {
          ...outcome,
          ...(head === undefined ? {} : { head }),
          ...(sentAt === 0 ? { unsent: true as const } : {}),
          waitedMs: waited(),
        };
        // Closed before the next message went out too: the server kept no connection it did not say it closes.
        void (sentAt > 0 || outcome.closed ? alone(exchange.request) : Promise.resolve(undefined)).then((a) =>
          done({ response: { ...answer, next: { ...result, ...(a === undefined ? {} : { alone: a }) } } }),
        );
      };
      // The same message on a connection of its own: what the server answers it when nothing came before it.
      const alone = async (request: SentRequest) => {
        if (!(await (mayGoOn?.() ?? Promise.resolve(true)))) return undefined;
        const ex = await sendRaw({ method: 'POST', url: req.url, message: nextMessage }, request, opts);
        onNext?.(ex);
        if (ex.response !== undefined) return { status: ex.response.status };
        return ex.error?.kind === 'timeout' ? { timedOut: true as const } : {};
      };
      awaiting = { answer, end: () => finish({ closed: true }) };
      sock.on('data', (b: Buffer) => {
        bytes.push(b);
        size += b.length;
        const got = Buffer.concat(bytes, size);
        // The status line and the fields: the body is not read (the message asked the connection closed after it).
        if (got.indexOf('\r\n\r\n', 0, 'latin1') < 0 && size < 65_536) return;
        const status = /^HTTP\/\d\.\d (\d{3})/.exec(got.toString('latin1', 0, 80))?.[1];
        finish(status === undefined ? {} : { status: Number(status) });
      });
      clearTimeout(timer);
      if (sock.destroyed || peerClosed) return finish({ closed: true });
      void (mayGoOn?.() ?? Promise.resolve(true)).then((go) => {
        if (!go || settled) return done({ response: answer });
        sentAt = performance.now();
        timer = setTimeout(() => finish({ timedOut: true }), opts.timeoutMs);
        sock.write(message);
      });
    };
    let peerClosed = false;
    const peerEnded = () => {
      peerClosed = true;
      awaiting?.end();
    };
    if (m.next !== undefined) {
      sock.on('end', peerEnded);
      sock.on('close', peerEnded);
    }
    const side = parserSide(sock, m.awaitClose === true || m.next !== undefined);
    const parser = httpRequest({
      method: req.method,
      host,
      port,
      path: url.pathname + url.search,
      createConnection: () => side,
    });
    parser.on('information', (info: { statusCode: number }) => {
      interim.push(info.statusCode);
      if (info.statusCode === 100) bodyAfterWait(true);
    });
    parser.on('error', (e: NodeJS.ErrnoException) => {
      if (!answered) done({ error: { kind: classify(e), message: `${describe(e)}${after()}` } });
    });
    const read = (res: IncomingMessage, head?: Buffer) => {
      answered = true;
      const headers = fields(res);
      const chunks: Buffer[] = head && head.length > 0 ? [head] : [];
      let size = chunks[0]?.length ?? 0;
      let truncated = false;
      const finish = () => {
        const joined = Buffer.concat(chunks);
        const response: ReceivedResponse = {
          ...received(
            res.statusCode ?? 0,
            headers,
            joined,
            headers['content-encoding'],
            truncated,
            opts.maxBodyBytes,
            repeatedFields(res.rawHeaders.filter((_, i) => i % 2 === 0)),
          ),
          ...(res.httpVersion === '1.0' ? { version: '1.0' as const } : {}),
          ...(continueWait === undefined ? {} : { continueWait }),
        };
        if (m.next !== undefined && !truncated) return sendNext(response, res, m.next);
        if (!m.awaitClose || truncated) return done({ response });
        // The answer is complete: from now on only the close is awaited, for CLOSE_WAIT_MS at most.
        answer = response;
        answeredAt = performance.now();
        clearTimeout(timer);
        if (serverClosed) return afterClose();
        closeTimer = setTimeout(afterClose, Math.min(CLOSE_WAIT_MS, opts.timeoutMs));
      };
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        if (size + chunk.length > opts.maxBodyBytes) {
          chunks.push(chunk.subarray(0, opts.maxBodyBytes - size));
          truncated = true;
          // Stop reading: the rest of a huge body is not worth the bandwidth.
          finish();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', finish);
      res.on('error', () => {
        if (!settled)
          done({ error: { kind: 'connection-reset', message: 'answer broke off (connection closed mid-body)' } });
      });
    };
    // A final answer before the body: the body is not written (RFC 9110 §10.1.1 lets a client close instead).
    parser.on('response', (res: IncomingMessage) => {
      bodyAfterWait(true, true);
      read(res);
    });
    // A 2xx to CONNECT turns the connection into a tunnel (RFC 9110 §9.3.6): its answer is the status and fields.
    parser.on('connect', (res: IncomingMessage) => {
      answered = true;
      done({ response: { status: res.statusCode ?? 0, headers: fields(res), body: '', truncated: false } });
    });
    parser.end();
  });
}

/**
 * How many bytes came after the final answer's end, read from the bytes the server sent before it closed: past the
 * header block of a HEAD's answer or a 204/304 (RFC 9110 §9.3.2, §6.4.1), past Content-Length bytes of content
 * otherwise. Undefined where the end cannot be told this way (chunked, no length: read to the close, an unfinished head).
 */
export function surplusBytes(bytes: Buffer, head: boolean): number | undefined {
  let at = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', at, 'latin1');
    if (end < 0) return undefined;
    const block = bytes.toString('latin1', at, end);
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(block)?.[1]);
    at = end + 4;
    // Interim answers (100 Continue, 103) come before the final one (RFC 9110 §15.2); 101 switches protocols.
    if (status >= 100 && status < 200 && status !== 101) continue;
    if (head || status === 204 || status === 304) return bytes.length - at;
    if (/\r\ntransfer-encoding:/i.test(block)) return undefined;
    const length = /\r\ncontent-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(block);
    return length ? bytes.length - at - Number(length[1]) : undefined;
  }
}

/** An answer's header fields, a repeated one joined with `, ` (RFC 9110 §5.3), as the undici client gives them. */
function fields(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * The exchange of a `next` message: the request as shown, `headers` its fields (credentials redacted), `body` its
 * bytes as `nextWritten` decoded them, the status and fields it got.
 */
function nextExchange(
  url: URL,
  headers: readonly (readonly [string, string])[],
  next: NonNullable<RawMessage['next']>,
  body: Buffer,
  got: Buffer,
  status: number | undefined,
  durationMs: number,
): Omit<Exchange, 'rateLimited'> {
  const request: SentRequest = {
    method: 'POST',
    url: url.href,
    headers: Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v])),
    body: body.toString('utf8'),
    wire: { framing: 'length', headers, bodyBase64: next.bodyBase64 },
  };
  if (status === undefined) {
    const message = got.length ? 'bytes that are no answer' : 'no answer';
    return { request, error: { kind: 'other', message }, durationMs };
  }
  const lines = got
    .toString('latin1', 0, Math.max(0, got.indexOf('\r\n\r\n', 0, 'latin1')))
    .split('\r\n')
    .slice(1);
  const fields: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return { request, response: { status, headers: fields, body: '', truncated: true }, durationMs };
}
