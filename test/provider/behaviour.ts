// The Behaviour of the provider: every decision the server makes is one hook
// here. REFERENCE is the exact behaviour; a variation or a seeded fault is a
// function Behaviour -> Behaviour that replaces (usually wraps) one or two hooks.

import { randomUUID } from 'node:crypto';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { writeJson } from './json.ts';
import {
  DEFAULT_OWNER,
  FULL_CONSENT,
  FULL_REDIRECT,
  PRINCIPAL_ID,
  buildCreated,
  errorResult,
  singleError,
  type CreateContext,
  type OnboardingRequest,
} from './respond.ts';
import { EXACT_POLICY, issue, type EntityRequest, type Issue, type ValidationPolicy } from './validate.ts';

/** An answer before serialization: `json` is serialized by Behaviour.serialize, `text` is sent as is. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  /** Writing it kills the process: the server stops listening and drops every connection (an unhandled rejection). */
  readonly dies?: true;
}

/** The event on a request whose answer killed the process (`Reply.dies`): the server goes down. */
export const PROCESS_DIES = 'conformance-process-dies';

/** What the server finally writes. */
export interface Wire {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type AuthOutcome = 'ok' | 'missing' | 'not-bearer' | 'empty' | 'wrong-token';

/** Result of reading the body: a JSON value, an early answer, or (lax faults) a ready request. */
export type Parsed =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly issue: Issue }
  | { readonly kind: 'request'; readonly request: EntityRequest };

export interface Behaviour {
  /** Delay before every answer, in ms. */
  readonly delayMs: number;
  /**
   * More delay before an answer, asked when it is ready: a server busy with another request (a blocked event loop)
   * answers once that one is done. The provider runs in the test's own process, so a fault must not block it.
   */
  readonly busyMs?: () => number;
  /** Destroy the connection (TCP reset) once the request body exceeds this many bytes. */
  readonly resetAboveBytes: number;
  /** Larger bodies are drained and answered 400 (413 is not documented). */
  readonly maxBodyBytes: number;
  /** Check Authorization only after the body has been validated (an ordering bug). */
  readonly authAfterValidation: boolean;
  /** The create handler is bound to the path for every method (Express's `app.all`, a view with no method guard). */
  readonly takesEveryMethod?: boolean;

  /** Whether a request path (query left out) is the endpoint's: exactly it, unless a fault routes by prefix. */
  routes(path: string, endpoint: string): boolean;
  /** The answer to a method other than POST on the endpoint path. */
  wrongMethod(method: string): Reply;
  /** A first look at a POST's head (framing, codings, repeated fields): an answer ends it there; none goes on. */
  admit(req: IncomingMessage): Reply | undefined;
  /**
   * The body from the pieces it came in (Node's data events: one a chunk of a chunked body, one a socket read); `head`
   * the request's fields, for faults that read one framing otherwise.
   */
  joinBody(pieces: readonly Buffer[], head?: IncomingHttpHeaders): Buffer;
  /** n counts requests on the endpoint path, from 1. */
  rateLimited(n: number): boolean;
  tooManyRequests(): Reply;
  /**
   * `lines` are the request's Authorization field lines, in order (Node keeps only the first in `authorization`);
   * `url` and `cookie` are the request target and its Cookie field (for faults that look for a token elsewhere);
   * `head` the request's fields and `version` its HTTP version (for faults that check the credentials on one shape of
   * request only).
   */
  authenticate(
    authorization: string | undefined,
    token: string,
    lines: readonly string[],
    url?: string,
    cookie?: string,
    head?: IncomingHttpHeaders,
    version?: string,
  ): AuthOutcome;
  unauthorized(outcome: Exclude<AuthOutcome, 'ok'>): Reply;
  acceptsMediaType(contentType: string | undefined): boolean;
  unsupportedMediaType(contentType: string | undefined): Reply;
  /** Undoes the request's Content-Encoding (RFC 9110 §8.4): the bytes, or the answer when it cannot be undone. */
  decodeBody(raw: Buffer, contentEncoding: string | undefined): Buffer | Reply;
  /** The body as JSON; `contentType` and `url` are the request's, for faults that read more than the body. */
  readJson(raw: Buffer, contentType?: string, url?: string): Parsed;
  readonly validation: ValidationPolicy;
  badRequest(issues: readonly Issue[]): Reply;
  /** Content over `maxBodyBytes`: refused as too large (RFC 9110 §15.5.14). */
  tooLarge(issues: readonly Issue[]): Reply;
  /** Last look at a valid request: 'hang' never answers; throwing answers 500. */
  beforeCreate(request: EntityRequest): 'proceed' | 'hang';
  newContext(): CreateContext;
  buildCreated(request: EntityRequest, ctx: CreateContext): OnboardingRequest;
  created(body: OnboardingRequest, ctx: CreateContext): Reply;
  /** Applied to every reply (extra headers...). */
  finish(reply: Reply): Reply;
  /** Content-Type of `json` replies that do not set one. */
  readonly jsonContentType: string;
  serialize(value: unknown): string;
  transmit(res: ServerResponse, wire: Wire, req: IncomingMessage): void;
  /**
   * What is written for a message Node's parser refused (`clientError`, its code such as `HPE_INVALID_CHUNK_SIZE`);
   * `raw` the bytes it was parsing, for faults that read a message Node refuses otherwise.
   */
  parserRefusal(code: string | undefined, raw?: Buffer): string;
  /** Each new connection, for faults that read its raw bytes (a `data` listener takes them from Node's fast path). */
  readonly connected?: (socket: Socket) => void;
  /** Serves an HTTP/1.1 request without Host, which the reference refuses with 400 as Node does (RFC 9112 §3.2). */
  readonly hostNotRequired?: true;
  /** Sends no 100 (Continue) to a request that expects it: the handler waits for the body (RFC 9110 §10.1.1). */
  readonly withholdsContinue?: true;
}

export const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * Node's own 400 to an HTTP/1.1 request without Host (RFC 9112 §3.2), given by a server that turned Node's check off
 * (`requireHostHeader: false`), since Node writes its own before any listener and the request goes uncounted. True
 * when it answered.
 */
export function refusedWithoutHost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.httpVersion !== '1.1' || req.headers.host !== undefined) return false;
  res.writeHead(400, { connection: 'close' }).end();
  return true;
}

/** Whether the request has more than one line of the field `name` (Node keeps only the first of some fields). */
export function repeatedField(req: IncomingMessage, name: string): boolean {
  return req.rawHeaders.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length > 1;
}

export function jsonReply(status: number, json: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers, json };
}

export function textReply(
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'Content-Type': contentType, ...headers }, text };
}

export function withHeaders<T extends Pick<Reply, 'headers'>>(reply: T, headers: Record<string, string>): T {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** Splits `Authorization` into scheme and credentials (RFC 7235: scheme 1*SP credentials). */
export function parseAuthorization(header: string | undefined): { scheme: string; credentials: string } | undefined {
  const value = header?.trim() ?? '';
  if (value === '') return undefined;
  const match = /^([^ ]+)(?: +(.*))?$/s.exec(value);
  return { scheme: match?.[1] ?? value, credentials: match?.[2] ?? '' };
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return type === '' ? undefined : type;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9a-z-]+";
const STRUCTURED_JSON = new RegExp(`^application/${TOKEN}\\+json$`);

/** application/json, text/json and application/*+json, as the spec declares. */
export function isDeclaredJsonType(type: string | undefined): boolean {
  return type === 'application/json' || type === 'text/json' || (type !== undefined && STRUCTURED_JSON.test(type));
}

/** The codings the reference decodes (RFC 9110 §8.4.1); any other is answered 415 (RFC 9110 §15.5.16). */
export const DECODERS: Readonly<Record<string, (b: Buffer) => Buffer>> = {
  identity: (b) => b,
  gzip: (b) => gunzipSync(b),
  'x-gzip': (b) => gunzipSync(b),
  deflate: (b) => inflateSync(b),
  br: (b) => brotliDecompressSync(b),
};

/** The reference's content decoding: the codings listed in order of application, undone last to first. */
export function decodeContent(raw: Buffer, contentEncoding: string | undefined): Buffer | Reply {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '');
  let bytes = raw;
  for (const coding of codings.reverse()) {
    const decode = DECODERS[coding];
    if (decode === undefined)
      return jsonReply(
        415,
        singleError('UnsupportedMediaType', `Content-Encoding '${coding}' is not supported; send gzip, deflate or br.`),
      );
    try {
      bytes = decode(bytes);
    } catch {
      return jsonReply(400, errorResult([issue('InvalidEncoding', '$', null, `The body is not valid ${coding}.`)]));
    }
  }
  return bytes;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function strictReadJson(raw: Buffer): Parsed {
  if (raw.length === 0) return { kind: 'invalid', issue: issue('EmptyBody', '$', null, 'A request body is required.') };
  let text: string;
  try {
    text = STRICT_UTF8.decode(raw);
  } catch {
    return { kind: 'invalid', issue: issue('InvalidEncoding', '$', null, 'The request body is not valid UTF-8.') };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    return {
      kind: 'invalid',
      issue: issue('InvalidJson', '$', null, `The request body is not valid JSON: ${(error as Error).message}`),
    };
  }
}

function plainTransmit(res: ServerResponse, wire: Wire): void {
  const body = Buffer.from(wire.body, 'utf8');
  res.writeHead(wire.status, { ...wire.headers, 'Content-Length': String(body.length) });
  res.end(body);
}

export const REFERENCE: Behaviour = {
  delayMs: 0,
  resetAboveBytes: Number.POSITIVE_INFINITY,
  maxBodyBytes: 2 * 1024 * 1024,
  authAfterValidation: false,
  routes: (path, endpoint) => path === endpoint,

  wrongMethod: (method) =>
    jsonReply(405, singleError('MethodNotAllowed', `${method} is not allowed; use POST.`), { Allow: 'POST' }),
  admit: () => undefined,
  joinBody: (pieces) => Buffer.concat(pieces),
  rateLimited: () => false,
  tooManyRequests: () =>
    jsonReply(429, singleError('TooManyRequests', 'Rate limit exceeded; retry after 1 second.'), {
      'Retry-After': '1',
    }),

  authenticate(authorization, token) {
    const parsed = parseAuthorization(authorization);
    if (parsed === undefined) return 'missing';
    if (parsed.scheme.toLowerCase() !== 'bearer') return 'not-bearer';
    if (parsed.credentials === '') return 'empty';
    return parsed.credentials === token ? 'ok' : 'wrong-token';
  },
  unauthorized: (outcome) =>
    jsonReply(
      401,
      singleError(
        'Unauthorized',
        outcome === 'missing' ? 'An access token is required.' : 'The access token is invalid.',
      ),
      {
        'WWW-Authenticate': 'Bearer',
      },
    ),

  acceptsMediaType: (contentType) => isDeclaredJsonType(mediaTypeOf(contentType)),
  unsupportedMediaType: (contentType) =>
    jsonReply(
      415,
      singleError(
        'UnsupportedMediaType',
        `Content-Type '${contentType ?? ''}' is not supported; send application/json.`,
      ),
    ),

  decodeBody: decodeContent,
  readJson: strictReadJson,
  validation: EXACT_POLICY,
  badRequest: (issues) => jsonReply(400, errorResult(issues)),
  tooLarge: (issues) => jsonReply(413, errorResult(issues)),

  beforeCreate: () => 'proceed',
  newContext: () => ({
    requestId: randomUUID(),
    entityId: randomUUID(),
    principalId: PRINCIPAL_ID,
    defaultOwner: DEFAULT_OWNER,
    now: new Date(),
  }),
  // Charge points onboard through their OEM's own login (a Redirect action); other entities by consent.
  buildCreated: (request, ctx) =>
    buildCreated(request, ctx, request.type === 'ChargePoint' ? FULL_REDIRECT : FULL_CONSENT),
  created: (body) => jsonReply(201, body),
  finish: (reply) => reply,

  jsonContentType: JSON_UTF8,
  serialize: (value) => writeJson(value),
  transmit: plainTransmit,
  parserRefusal: () => 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
};
