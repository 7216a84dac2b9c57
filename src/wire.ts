// The bytes of an HTTP/1.1 (or 1.0) request written by hand (RFC 9112): shared by the raw sender, which writes them, and the
// reports, whose script line writes the same bytes again. A leaf: any stage may import it.
import { randomUUID } from 'node:crypto';

/** How a raw message is framed: its body delimited (and cut when chunked), its version, its Host field. */
export interface Framing {
  readonly framing: 'length' | 'chunked' | 'none';
  /** Chunk sizes in order; the rest of the body goes in one last chunk. */
  readonly chunks?: readonly number[] | undefined;
  /** Appended to every chunk-size line, e.g. `;conformance=1` (RFC 9112 §7.1.1). */
  readonly chunkExtension?: string | undefined;
  /** Chunk sizes written in upper-case hex digits (`1A`), as .NET's client writes them (RFC 9112 §7.1: HEXDIG). */
  readonly chunkSizeUpperCase?: true | undefined;
  /** Trailer field lines after the last chunk, CRLF between them, e.g. `Conformance-Trailer: 1` (RFC 9112 §7.1.2). */
  readonly trailer?: string | undefined;
  /** The request line's version when it is not HTTP/1.1 (RFC 9112 §2.3). */
  readonly version?: '1.0' | undefined;
  /** No Host field: HTTP/1.0 does not require one; HTTP/1.1 does, and a server MUST answer 400 (RFC 9112 §3.2). */
  readonly noHost?: true | undefined;
  /** The request target in absolute form (`http://host/path`), which a server MUST accept (RFC 9112 §3.2.2). */
  readonly absoluteTarget?: true | undefined;
  /**
   * The sender reads on after the answer until the server closes the connection (at most `CLOSE_WAIT_MS`): whether it
   * honours `Connection: close` (RFC 9112 §9.6) and what it sent beyond the answer's end (content to a HEAD).
   */
  readonly awaitClose?: true | undefined;
  /**
   * The header section written alone, the body only once a 100 (Continue) or a final answer came, or after
   * `CONTINUE_WAIT_MS` (half the timeout at most), as curl does with `Expect: 100-continue`: an origin server MUST
   * send one at once (RFC 9110 §10.1.1). A final answer first: the body is not written.
   */
  readonly awaitContinue?: true | undefined;
  /**
   * The connection kept open (no `Connection: close`) and, once the answer is complete, this message sent on it: the
   * server must have read the first to its end (RFC 9112 §6.3) to read the next (§9.3). Its fields in order (a token
   * mark where it carries credentials), then `Connection: close` and its Content-Length; its answer is compared with the
   * same message's on a connection of its own.
   */
  readonly next?: NextMessage | undefined;
  /**
   * Written after the framed body, outside the message: the empty line old clients send after a POST's body, which a
   * server expecting a request line SHOULD ignore (RFC 9112 §2.2), never read as the body's.
   */
  readonly afterBody?: '\r\n' | undefined;
}

/** The message a `Framing.next` sends after the answer: its own fields and body, framed by Content-Length. */
export interface NextMessage {
  /** Its fields in order; a token mark (`WIRE_TOKEN`) stands for the run's token, as in a case's own fields. */
  readonly headers: readonly (readonly [string, string])[];
  /** The body's exact bytes, base64. */
  readonly bodyBase64: string;
}

/** How long a sender waits, after a complete answer, for the server to close a connection the request asked closed. */
export const CLOSE_WAIT_MS = 2000;

/** How long a sender with `awaitContinue` waits for a 100 (Continue) before it writes the body: curl's default wait. */
export const CONTINUE_WAIT_MS = 1000;

/** A framing's own fields, those absent left out (a report writes none as undefined). */
export function framingOf(f: Framing): Framing {
  return {
    framing: f.framing,
    ...(f.chunks ? { chunks: f.chunks } : {}),
    ...(f.chunkExtension ? { chunkExtension: f.chunkExtension } : {}),
    ...(f.chunkSizeUpperCase ? { chunkSizeUpperCase: true } : {}),
    ...(f.trailer ? { trailer: f.trailer } : {}),
    ...(f.version ? { version: f.version } : {}),
    ...(f.noHost ? { noHost: true } : {}),
    ...(f.absoluteTarget ? { absoluteTarget: true } : {}),
    ...(f.awaitClose ? { awaitClose: true } : {}),
    ...(f.awaitContinue ? { awaitContinue: true } : {}),
    ...(f.next ? { next: f.next } : {}),
    ...(f.afterBody ? { afterBody: f.afterBody } : {}),
  };
}

/** A raw message as sent: the request line's target, every header field in order (redacted), the body's bytes. */
export interface SentWire extends Framing {
  /** Every header field as written, in order, Host and framing fields included (values as byte strings). */
  readonly headers: readonly (readonly [string, string])[];
  /** The body's exact bytes, base64; absent for no body. */
  readonly bodyBase64?: string;
}

/**
 * The body as it goes on the wire: as is, or cut into chunks of the given sizes (RFC 9112 §7.1), the rest in one; then
 * what a framing writes after it (`afterBody`).
 */
export function framedBody(f: Framing, body: Buffer | undefined): Buffer {
  const bytes = body ?? Buffer.alloc(0);
  if (f.afterBody !== undefined)
    return Buffer.concat([framedBody({ ...f, afterBody: undefined }, body), Buffer.from(f.afterBody, 'latin1')]);
  if (f.framing !== 'chunked') return bytes;
  const ext = f.chunkExtension ?? '';
  const hex = (n: number) => (f.chunkSizeUpperCase ? n.toString(16).toUpperCase() : n.toString(16));
  const parts: Buffer[] = [];
  let at = 0;
  const chunk = (data: Buffer) => parts.push(Buffer.from(`${hex(data.length)}${ext}\r\n`, 'latin1'), data, CRLF);
  for (const size of f.chunks ?? []) {
    if (at >= bytes.length) break;
    chunk(bytes.subarray(at, Math.min(bytes.length, at + size)));
    at += size;
  }
  if (at < bytes.length) chunk(bytes.subarray(at));
  parts.push(Buffer.from(`0${ext}\r\n${f.trailer ? `${f.trailer}\r\n` : ''}\r\n`, 'latin1'));
  return Buffer.concat(parts);
}

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * The request's bytes: request line (the target in origin form, or in absolute form where the framing asks), header
 * fields in order (values as byte strings, one character a byte), the framed body.
 */
export function requestBytes(
  method: string,
  url: URL,
  fields: readonly (readonly [string, string])[],
  framed: Buffer,
  f: Pick<Framing, 'version' | 'absoluteTarget'> = {},
): Buffer {
  const target = `${f.absoluteTarget ? url.origin : ''}${url.pathname}${url.search}`;
  const head = `${method} ${target} HTTP/${f.version ?? '1.1'}\r\n${fields.map(([k, v]) => (v === '' ? `${k}:\r\n` : `${k}: ${v}\r\n`)).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), framed]);
}

/**
 * The value of the field `name` (any case, RFC 9110 §5.1) among field lines (a raw message's, or a record's entries),
 * the first line where it repeats; undefined when none has it.
 */
export function fieldValue(fields: Iterable<readonly [string, string]>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of fields) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/**
 * Stands for the target's own origin (`scheme://host:port`) in a raw message's field value (`fillOrigin`): the `Origin`
 * a page of the API's own site sends.
 */
export const WIRE_ORIGIN = '\u0000origin\u0000';

/** A field value with `WIRE_ORIGIN` replaced by the origin of `url` (RFC 6454 §6.2: scheme, host and port). */
export function fillOrigin(value: string, url: string): string {
  return value.includes(WIRE_ORIGIN) ? value.replaceAll(WIRE_ORIGIN, new URL(url).origin) : value;
}

/**
 * Stands for a value drawn afresh each time the message is sent (`fillUnique`): an `Idempotency-Key`, which a server
 * may remember across runs, so that a run sent again is a first request again.
 */
export const WIRE_UNIQUE = '\u0000unique\u0000';

/** A field value with each `WIRE_UNIQUE` replaced by a random UUID (RFC 9562 §5.4), drawn when it is sent. */
export function fillUnique(value: string): string {
  return value.includes(WIRE_UNIQUE) ? value.replaceAll(WIRE_UNIQUE, () => randomUUID()) : value;
}

/**
 * The header fields as written: Host first (RFC 9112 §3.2 requires it; left out where a case asks), the message's own fields in their order,
 * `Connection: close` (one exchange per connection, unless a `next` message follows on it), then the framing field
 * its `framing` asks for (a Connection or Transfer-Encoding of the message's own stands for the sender's).
 */
export function framedHeaders(
  url: URL,
  m: Framing & { readonly body: Buffer | undefined },
  headers: readonly (readonly [string, string])[],
): [string, string][] {
  const out: [string, string][] = [
    ...(m.noHost ? [] : [['Host', url.host] as [string, string]]),
    ...headers.map(([k, v]): [string, string] => [k, v]),
  ];
  // A Connection field of the message's own (the close option spelt another way) stands for the sender's.
  if (m.next === undefined && fieldValue(headers, 'connection') === undefined) out.push(['Connection', 'close']);
  // The framing field last, where curl writes it, so that a curl line replays the same bytes.
  if (m.framing === 'length' && m.body !== undefined) out.push(['Content-Length', String(m.body.length)]);
  // A Transfer-Encoding of the message's own (the coding spelt `Chunked`) stands for the sender's, as Connection does.
  if (m.framing === 'chunked' && fieldValue(headers, 'transfer-encoding') === undefined)
    out.push(['Transfer-Encoding', 'chunked']);
  return out;
}

/** A `Framing.next` message as a message of its own, framed by its length, as the raw sender writes any. */
function nextAsMessage(next: NextMessage): {
  readonly framing: 'length';
  readonly headers: NextMessage['headers'];
  readonly body: Buffer;
} {
  return { framing: 'length', headers: next.headers, body: Buffer.from(next.bodyBase64, 'base64') };
}

/**
 * A `Framing.next` message as written: a POST to the same target, its fields framed as every raw message's are
 * (`fields`, what a HAR entry lists), and its bytes.
 */
export function nextWritten(
  url: URL,
  next: NextMessage,
): { readonly message: ReturnType<typeof nextAsMessage>; readonly fields: [string, string][]; readonly bytes: Buffer } {
  const message = nextAsMessage(next);
  const fields = framedHeaders(url, message, message.headers);
  return { message, fields, bytes: requestBytes('POST', url, fields, message.body) };
}

/** The bytes of a `Framing.next` message (`nextWritten`). */
export function nextBytes(url: URL, next: NextMessage): Buffer {
  return nextWritten(url, next).bytes;
}
