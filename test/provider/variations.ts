// Benign variations: each is still a correct implementation of the spec, so a
// correct suite must pass every one of them. Each replaces one or two hooks of
// the Behaviour (behaviour.ts).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { jsonReply, repeatedField, textReply, withHeaders, type Behaviour, type Wire } from './behaviour.ts';
import { writeJson } from './json.ts';
import { buildCreated, errorResult } from './respond.ts';
import { issue } from './validate.ts';
import { BEYOND_PROFILE, refusedDeeperThan } from './faults.ts';

export interface Variation {
  readonly name: string;
  readonly description: string;
  readonly apply: (b: Behaviour) => Behaviour;
}

/** The rate-limit variation's quota per one-second window. */
export const RATE_LIMIT_PER_SECOND = 100;

export const VARIATIONS: readonly Variation[] = [
  {
    name: 'rate-limit',
    description:
      'At most 100 requests a second on the endpoint (a fixed window from its first request), the rest answered 429 with Retry-After: 1 and a JSON body; a retry in the next window succeeds.',
    apply: (b) => {
      // A window by time, as real limiters count (a 429 to every n-th request whatever the pace held a run to ~2.5/s).
      let windowStart = -Infinity;
      let count = 0;
      return {
        ...b,
        rateLimited: () => {
          const now = performance.now();
          if (now - windowStart >= 1000) {
            windowStart = now;
            count = 0;
          }
          return ++count > RATE_LIMIT_PER_SECOND;
        },
      };
    },
  },
  {
    name: 'minimal-201',
    description: 'The 201 body is only {id, requestType, status} (everything in OnboardingRequest is optional).',
    apply: (b) => ({ ...b, buildCreated: (r, ctx) => buildCreated(r, ctx, { kind: 'minimal', action: 'Consent' }) }),
  },
  {
    name: 'all-nulls',
    description:
      'Every nullable field of the 201 that echoes nothing the request sent is present and null (errors, links, reference.*, systemProperties, and the echoes of fields the request left out or sent null).',
    apply: (b) => ({ ...b, buildCreated: (r, ctx) => buildCreated(r, ctx, { kind: 'all-nulls', action: 'Consent' }) }),
  },
  {
    name: 'redirect-action',
    description: 'action.type is Redirect, with an OEM redirectLink and a null documentationLink.',
    apply: (b) => ({ ...b, buildCreated: (r, ctx) => buildCreated(r, ctx, { kind: 'full', action: 'Redirect' }) }),
  },
  {
    name: 'charset-and-order',
    description:
      "JSON answers use Content-Type 'application/json;charset=UTF-8' and write every object's keys in reverse order.",
    apply: (b) => ({ ...b, jsonContentType: 'application/json;charset=UTF-8', serialize: (v) => writeJson(v, true) }),
  },
  {
    name: 'slow',
    description: 'Every answer is delayed by 150 ms.',
    apply: (b) => ({ ...b, delayMs: b.delayMs + 150 }),
  },
  {
    name: 'connection-close',
    description: 'Every answer carries Connection: close and the socket is closed after it (no keep-alive).',
    apply: (b) => ({ ...b, finish: (reply) => withHeaders(b.finish(reply), { Connection: 'close' }) }),
  },
  {
    name: 'problem-json-401',
    description: 'A 401 is an RFC 7807 application/problem+json body (still with WWW-Authenticate: Bearer).',
    apply: (b) => ({
      ...b,
      unauthorized: (outcome) =>
        jsonReply(
          401,
          {
            type: 'about:blank',
            title: 'Unauthorized',
            status: 401,
            detail: outcome === 'missing' ? 'Missing access token.' : 'Invalid access token.',
          },
          { 'Content-Type': 'application/problem+json', 'WWW-Authenticate': 'Bearer' },
        ),
    }),
  },
  {
    name: 'empty-401',
    description:
      'A 401 has an empty body, as ASP.NET JwtBearer answers by default (401 is not documented, so its body is free).',
    apply: (b) => ({
      ...b,
      unauthorized: () => ({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, text: '' }),
    }),
  },
  {
    name: 'bearer-challenge-params',
    description:
      'WWW-Authenticate carries RFC 6750 parameters: Bearer realm="connect", error="invalid_token", error_description="...".',
    apply: (b) => ({
      ...b,
      unauthorized: (outcome) => {
        const challenge =
          outcome === 'missing'
            ? 'Bearer realm="connect"'
            : 'Bearer realm="connect", error="invalid_token", error_description="The access token is invalid"';
        return withHeaders(b.unauthorized(outcome), { 'WWW-Authenticate': challenge });
      },
    }),
  },
  {
    name: '403-for-wrong-token',
    description:
      'A well-formed bearer token that is not valid is answered 403 instead of 401 (missing/malformed credentials stay 401).',
    apply: (b) => ({
      ...b,
      unauthorized: (outcome) =>
        outcome === 'wrong-token'
          ? jsonReply(403, { errors: [{ code: 'Forbidden', description: null, message: 'Access denied.' }] })
          : b.unauthorized(outcome),
    }),
  },
  {
    name: '400-for-media-type',
    description:
      'An undeclared or missing Content-Type is answered 400 with a valid ConnectApiErrorResult instead of 415.',
    apply: (b) => ({
      ...b,
      unsupportedMediaType: (contentType) =>
        b.badRequest([
          {
            code: 'UnsupportedMediaType',
            path: '$',
            field: null,
            message: `Content-Type '${contentType ?? ''}' is not supported.`,
          },
        ]),
    }),
  },
  {
    name: 'minimal-400',
    description: 'A 400 body is just {} (ConnectApiErrorResult has no required property).',
    apply: (b) => ({ ...b, badRequest: () => jsonReply(400, {}) }),
  },
  {
    name: 'nulls-in-errors',
    description: 'A 400 lists its errors with code and description null and only a message.',
    apply: (b) => ({
      ...b,
      badRequest: (issues) =>
        jsonReply(400, { errors: errorResult(issues).errors.map((e) => ({ ...e, code: null, description: null })) }),
    }),
  },
  {
    name: 'created-with-extra-headers',
    description: 'Adds X-Request-Id and Cache-Control: no-store to every answer and a Location header to the 201.',
    apply: (b) => ({
      ...b,
      created: (body, ctx) => withHeaders(b.created(body, ctx), { Location: `entities/${ctx.requestId}` }),
      finish: (reply) => withHeaders(b.finish(reply), { 'X-Request-Id': randomUUID(), 'Cache-Control': 'no-store' }),
    }),
  },
  {
    name: 'uppercase-uuids',
    description:
      'The uuids the server mints (id, principalId, entity id, default owner) are written in upper case (still format: uuid).',
    apply: (b) => ({
      ...b,
      newContext: () => {
        const ctx = b.newContext();
        return {
          ...ctx,
          requestId: ctx.requestId.toUpperCase(),
          entityId: ctx.entityId.toUpperCase(),
          principalId: ctx.principalId.toUpperCase(),
          defaultOwner: ctx.defaultOwner.toUpperCase(),
        };
      },
    }),
  },
  {
    name: 'created-with-offset',
    description:
      "`created` is written the .NET 'o' way with a +02:00 offset and 7 fractional digits (still an RFC 3339 date-time).",
    apply: (b) => ({
      ...b,
      buildCreated: (r, ctx) => ({ ...b.buildCreated(r, ctx), created: dotNetRoundTrip(ctx.now, 120) }),
    }),
  },
  {
    name: 'gzip',
    description: 'Answers are gzip-compressed (Content-Encoding: gzip) whenever the request accepts gzip.',
    apply: (b) => ({
      ...b,
      transmit: (res, wire, req) =>
        acceptsGzip(req) && wire.body !== '' ? sendGzip(res, wire) : b.transmit(res, wire, req),
    }),
  },
  {
    name: 'chunked',
    description:
      'Answers use Transfer-Encoding: chunked (to HTTP/1.1 requests), written in 61-byte pieces that split multi-byte UTF-8 characters.',
    apply: (b) => ({ ...b, transmit: sendChunked }),
  },
  // Choices RFC 9110 and 9112 leave the server (issue #22).
  {
    name: 'codings-unsupported-415',
    description: 'No content coding is supported: a gzip, deflate or br body is refused with 415 (RFC 9110 §15.5.16).',
    apply: (b) => ({
      ...b,
      decodeBody: (raw, coding) =>
        coding === undefined || coding.trim().toLowerCase() === 'identity'
          ? b.decodeBody(raw, coding)
          : jsonReply(415, errorResult([issue('UnsupportedEncoding', '$', null, 'Send the body uncompressed.')])),
    }),
  },
  {
    name: 'length-required-411',
    description: 'A POST with neither Content-Length nor Transfer-Encoding is answered 411 Length Required.',
    apply: (b) => ({
      ...b,
      admit: (req) =>
        req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined
          ? jsonReply(411, errorResult([issue('LengthRequired', '$', null, 'Send a Content-Length.')]))
          : b.admit(req),
    }),
  },
  {
    name: 'content-length-required-411',
    description:
      "A POST without Content-Length, chunked ones included, is answered 411 (CherryPy's JSON tool; RFC 9112 §6.3: a server MAY reject a body without Content-Length).",
    apply: (b) => ({
      ...b,
      admit: (req) =>
        req.headers['content-length'] === undefined
          ? jsonReply(411, errorResult([issue('LengthRequired', '$', null, 'Send a Content-Length.')]))
          : b.admit(req),
    }),
  },
  {
    name: 'repeated-authorization-html-400',
    description:
      "A request with two Authorization lines is refused by the server's own HTTP layer with an HTML 400 (nginx in front of the API; RFC 9110 §5.3: Authorization is not a list field).",
    apply: (b) => ({
      ...b,
      admit: (req) =>
        repeatedField(req, 'authorization')
          ? textReply(
              400,
              'text/html',
              '<html><head><title>400 Bad Request</title></head><body>400 Bad Request</body></html>',
            )
          : b.admit(req),
    }),
  },
  {
    name: 'options-204',
    description: 'OPTIONS is answered 204 with Allow: POST, OPTIONS (RFC 9110 §9.3.7).',
    apply: (b) => ({
      ...b,
      wrongMethod: (method) =>
        method === 'OPTIONS' ? { status: 204, headers: { Allow: 'POST, OPTIONS' } } : b.wrongMethod(method),
    }),
  },
  {
    name: 'trace-reflected',
    description:
      "TRACE is reflected with 200 and the request as message/http (RFC 9110 §9.3.8; a servlet container's default).",
    apply: (b) => ({
      ...b,
      wrongMethod: (method) =>
        method === 'TRACE'
          ? textReply(200, 'message/http', 'TRACE /connect/v1/onboarding/entities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
          : b.wrongMethod(method),
    }),
  },
  {
    name: 'pretty-printed',
    description:
      "JSON answers are indented two spaces a level (Quart's and Flask's debug mode, Jackson's INDENT_OUTPUT), and the JSON reader refuses nesting deeper than 600 levels with 400: the echo of a value 500 levels deep is ~0.5 MB.",
    apply: (b) => ({
      ...b,
      serialize: (v) => JSON.stringify(v, null, 2),
      readJson: refusedDeeperThan(b, 600, 'The body is nested too deeply.'),
    }),
  },
  {
    name: 'integers-64-bit',
    description:
      'The JSON reader keeps integers in 64 bits, as jansson does by default: a body with an integer beyond ±2^63 (2^64 in properties) is refused with 400 (RFC 8259 §9 lets a parser limit numbers).',
    apply: (b) => ({
      ...b,
      readJson: (raw, contentType, url) => {
        const parsed = b.readJson(raw, contentType, url);
        return parsed.kind === 'json' && hasWideInteger(raw.toString('utf8'))
          ? { kind: 'invalid', issue: issue('IntegerOverflow', '$', null, 'An integer is beyond 64 bits.') }
          : parsed;
      },
    }),
  },
  {
    name: 'repeated-authorization-400',
    description: 'A request with repeated Authorization lines is refused 400 (RFC 9110 §5.3: it is not a list field).',
    apply: (b) => ({
      ...b,
      admit: (req) =>
        repeatedField(req, 'authorization')
          ? jsonReply(400, errorResult([issue('RepeatedHeader', '$', null, 'Send one Authorization header.')]))
          : b.admit(req),
    }),
  },
  {
    name: 'charset-other-than-utf8-415',
    description: 'A charset other than utf-8, or an unknown media-type parameter, is refused with 415.',
    apply: (b) => ({
      ...b,
      acceptsMediaType: (ct) =>
        b.acceptsMediaType(ct) &&
        (ct ?? '')
          .split(';')
          .slice(1)
          .every((p) => /^\s*charset\s*=\s*"?utf-8"?\s*$/i.test(p)),
    }),
  },
  // Beyond the verdict profile: the suite only warns on them.
  ...BEYOND_PROFILE,
];

function dotNetRoundTrip(date: Date, offsetMinutes: number): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000).toISOString(); // 2024-01-01T12:00:00.123Z
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${shifted.slice(0, 23)}0000${offset}`;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'] ?? '';
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

function sendGzip(res: ServerResponse, wire: Wire): void {
  const body = gzipSync(Buffer.from(wire.body, 'utf8'));
  res.writeHead(wire.status, {
    ...wire.headers,
    'Content-Encoding': 'gzip',
    Vary: 'Accept-Encoding',
    'Content-Length': String(body.length),
  });
  res.end(body);
}

function sendChunked(res: ServerResponse, wire: Wire): void {
  const body = Buffer.from(wire.body, 'utf8');
  // No length: Node then chunks an answer to HTTP/1.1 and closes the connection after one to HTTP/1.0 (RFC 9112 §6.1).
  res.writeHead(wire.status, wire.headers);
  for (let i = 0; i < body.length; i += 61) res.write(body.subarray(i, i + 61));
  res.end();
}

/** Whether JSON text holds an integer token (outside strings) beyond a signed 64-bit integer. */
function hasWideInteger(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      // Skip the string, escapes included.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch !== '-' && (ch < '0' || ch > '9')) continue;
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 6000));
    if (!m) continue;
    if (m[1] === undefined && m[2] === undefined) {
      const n = BigInt(m[0]);
      if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return true;
    }
    i += m[0].length - 1;
  }
  return false;
}
