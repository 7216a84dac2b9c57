// Each check of the verdict profile passes a correct exchange and fails a wrong one: one data table.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createChecks } from '../../../src/checks/index.ts';
import type { Check, CheckContext, Finding } from '../../../src/checks/types.ts';
import { WIRE_TOKEN, type TestCase } from '../../../src/generators/case.ts';
import type { Exchange } from '../../../src/types.ts';
import { answer, CREATED, err400, kase, SENT, timeout, UUID, with201 } from './fixture.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators } from '../../../src/validators/index.ts';

/** The Content-Type of a JSON answer, beside which a row sets another header. */
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

const LARGE_BODY = JSON.stringify({ brand: 'x'.repeat(17 * 1024), type: 'EV' });
const SMALL_LONG = JSON.stringify({ brand: 'x'.repeat(15 * 1024), type: 'EV' });
const SURROGATE_SENT = { ...SENT, brand: 'Audi \ud800' };
const SURROGATE = kase('valid', { value: SURROGATE_SENT, body: JSON.stringify(SURROGATE_SENT) });
const { returnUrl: _dropped, ...WITHOUT_RETURN_URL } = SENT;
const { owner: _noOwner, ...WITHOUT_OWNER } = SENT;
/** A HEAD on the path, read on to the close. */
const HEAD = kase('method', {
  label: 'method/HEAD',
  method: 'HEAD',
  body: undefined,
  wire: { framing: 'length', awaitClose: true, headers: [] },
});
/** A valid request with `Expect: 100-continue`, read on to the close. */
const READ_TO_CLOSE = kase('valid', {
  label: 'valid/expect-continue',
  wire: { framing: 'length', awaitClose: true, headers: [['Content-Type', 'application/json']] },
});
/** A chunked body with a Content-Length too, on a connection not asked closed (RFC 9112 §6.1: the server MUST close). */
const BOTH_FRAMINGS = kase('valid', {
  label: 'valid/framing/chunked-with-length',
  wire: {
    framing: 'chunked',
    awaitClose: true,
    headers: [
      ['Content-Length', '46'],
      ['Connection', 'keep-alive'],
    ],
  },
});
/** An exchange whose answer came with what followed it (`afterAnswer`). */
function after(ex: Exchange, a: NonNullable<NonNullable<Exchange['response']>['afterAnswer']>): Exchange {
  return { ...ex, response: { ...ex.response!, afterAnswer: a } };
}
/** A valid request on a connection kept open, framed as given, a request without credentials sent next (`Framing.next`). */
const keptOpen = (label: string, framing: 'chunked' | 'length') =>
  kase('valid', {
    label,
    wire: {
      framing,
      headers: [['Content-Type', 'application/json']],
      next: { headers: [['Content-Type', 'application/json']], bodyBase64: '' },
    },
  });
const KEPT_OPEN = keptOpen('valid/connection/after-chunked', 'chunked');
/** The plainest message on a connection kept open, then an empty body with the credentials (`then-empty-body`). */
const THEN_EMPTY = kase('valid', {
  label: 'valid/connection/then-empty-body',
  wire: {
    framing: 'length',
    headers: [['Content-Type', 'application/json']],
    next: {
      headers: [
        ['Content-Type', 'application/json'],
        ['Authorization', `Bearer ${WIRE_TOKEN}`],
      ],
      bodyBase64: '',
    },
  },
});
/** The plainest message, framed by Content-Length, on a connection kept open (`valid/connection/kept-alive`). */
const KEPT_ALIVE = keptOpen('valid/connection/kept-alive', 'length');
/** An exchange whose answer came with the answer to the message sent next (`next`). */
function then(ex: Exchange, next: NonNullable<NonNullable<Exchange['response']>['next']>): Exchange {
  return { ...ex, response: { ...ex.response!, next } };
}
/** A valid request written as HTTP/1.0. */
const HTTP_10 = kase('valid', {
  label: 'valid/http-1.0',
  wire: { framing: 'length', version: '1.0', headers: [['Content-Type', 'application/json']] },
});
/** A valid request with `Accept-Encoding: value`, written byte by byte. */
const acceptingCodings = (value: string) =>
  kase('valid', {
    label: 'valid/accept-encoding/form',
    wire: {
      framing: 'length',
      headers: [
        ['Content-Type', 'application/json'],
        ['Accept-Encoding', value],
      ],
    },
  });
const GZIPPED = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
const NO_RETURN_URL = kase('valid', { value: WITHOUT_RETURN_URL, body: JSON.stringify(WITHOUT_RETURN_URL) });
const NO_OWNER = kase('valid', { value: WITHOUT_OWNER, body: JSON.stringify(WITHOUT_OWNER) });
const LOWER_OWNER_SENT = { ...SENT, owner: SENT.owner.toLowerCase() };
const LOWER_OWNER = kase('valid', { value: LOWER_OWNER_SENT, body: JSON.stringify(LOWER_OWNER_SENT) });
/** A 201 whose `created` is `created` and whose `Date` is 2026-12-04 10:00:00 GMT. */
const DATE = 'Fri, 04 Dec 2026 10:00:00 GMT';
function dated(created: string): Exchange {
  return answer(201, { ...CREATED, created }, { 'content-type': 'application/json', date: DATE });
}

const NOT_UTF8_201 = answer(201, { ...CREATED, returnUrl: 'b\ufffdc' });
const NOT_UTF8: Exchange = { ...NOT_UTF8_201, response: { ...NOT_UTF8_201.response!, notUtf8: true } };
/** A 201 with two Content-Type lines (the transport joins them and names the field in `repeated`). */
const TWO_TYPES_201 = answer(201, CREATED, { 'content-type': 'application/json; charset=utf-8, application/json' });
/** A 201 labelled gzip whose bytes are not gzip (the transport says `undecodable` and keeps them as they came). */
const FALSE_GZIP_201 = answer(201, CREATED, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
const FALSE_GZIP: Exchange = { ...FALSE_GZIP_201, response: { ...FALSE_GZIP_201.response!, undecodable: true } };
const TWO_TYPES: Exchange = { ...TWO_TYPES_201, response: { ...TWO_TYPES_201.response!, repeated: ['content-type'] } };
const numberCase = (body: string) =>
  kase('valid', {
    body: `{"brand":"b","type":"EV","properties":${body}}`,
    value: JSON.parse(`{"brand":"b","type":"EV","properties":${body}}`) as unknown,
  });
const NUMBER_SENT = numberCase('{"x":5.677712804973486e-237}');
const BEYOND_DOUBLE = numberCase('{"x":1e400}');
const BEYOND_2_53 = numberCase('{"x":[9007199254740993]}');
const PROTO_BODY = '{"brand":"b","type":"EV","properties":{"__proto__":{"x":1}}}';
const PROTO = kase('valid', {
  label: 'valid/any/properties/proto-key',
  body: PROTO_BODY,
  value: JSON.parse(PROTO_BODY) as unknown,
});

type Pin = readonly [rule: string, message: string];
type Expect = 'pass' | 'skip' | `fail:${string}` | `warn:${string}`;
// [check, case, exchange, expected outcome, what it shows]
const table: [string, TestCase, Exchange, Expect, string, Pin?][] = [
  ['response-is-received', kase('valid'), answer(201, CREATED), 'pass', 'an answer'],
  [
    'response-is-received',
    kase('valid'),
    (() => {
      const ex = answer(201, CREATED);
      return { ...ex, response: { ...ex.response!, continueWait: { ms: 1001, answered: false } } };
    })(),
    'warn:continue-withheld',
    'neither a 100 nor a final status to a header section that expects 100-continue, within the wait: a warning',
    [
      'RFC 9110 §10.1.1',
      'neither a 100 (Continue) nor a final status within 1001 ms of a header section that expects 100-continue: an origin server MUST send one at once (RFC 9110 §10.1.1); a client that waits for it (curl: 1 s) loses that time on every such request',
    ],
  ],
  [
    'response-is-received',
    kase('valid'),
    timeout,
    'fail:timeout',
    'a timeout is a failure of its own kind',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'no answer'],
  ],
  [
    'response-is-received',
    kase('empty-body', { httpLayer: true }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'warn:connection-reset',
    'a message the HTTP layer may refuse, answered by closing the connection: a warning (RFC 9112 §2.2)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'socket hang up: closed without an answer, which a server may do to a message its HTTP layer will not read (RFC 9112 §2.2: it SHOULD answer 400)',
    ],
  ],
  [
    'response-is-received',
    kase('valid', { body: JSON.stringify({ brand: 'b', type: 'EV', name: 'x'.repeat(1_100_000) }) }),
    { ...timeout, error: { kind: 'connection-reset', message: 'other side closed' } },
    'warn:connection-reset',
    'content over the common 1 MiB limits closed without an answer: a warning (RFC 9110 §15.5.14; Racket’s web server)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'other side closed: closed without an answer to content over 1048576 bytes, which a server may do to refuse content too large (RFC 9110 §15.5.14); a 413 first, and a close once the content is read, says why (RFC 9112 §9.6)',
    ],
  ],
  [
    'response-is-received',
    kase('valid', { body: JSON.stringify({ brand: 'b', type: 'EV', name: 'x'.repeat(700_000) }) }),
    { ...timeout, error: { kind: 'connection-reset', message: 'other side closed' } },
    'fail:connection-reset',
    'content under those limits closed without an answer: a failure',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'other side closed'],
  ],
  [
    'response-is-received',
    kase('path', { httpLayer: true, label: 'path/child' }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'fail:connection-reset',
    'a well-formed request to a path next to the operation’s closed without an answer: a failure (lua-http probe)',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'socket hang up'],
  ],
  [
    'response-is-received',
    kase('method', { httpLayer: true, method: 'CONFORMANCE' }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'warn:connection-reset',
    'a method token the HTTP layer does not know, answered by closing the connection: a warning (RFC 9110 §9.1)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'socket hang up: closed without an answer, which a server may do to a message its HTTP layer will not read (RFC 9110 §9.1: it SHOULD answer 501)',
    ],
  ],
  [
    'response-is-received',
    kase('empty-body', {
      httpLayer: true,
      wire: { headers: [['Content-Length', 'abc']], framing: 'none' },
    }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'fail:connection-reset',
    'an invalid Content-Length answered by closing the connection: RFC 9112 §6.3 says 400 MUST come first',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'socket hang up: closed without the 400 a server MUST answer to a message whose framing is invalid (RFC 9112 §6.3)',
    ],
  ],
  [
    'response-is-received',
    kase('empty-body', {
      httpLayer: true,
      wire: { headers: [['Content-Length ', '2']], framing: 'none' },
    }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'fail:connection-reset',
    'white space before a field’s colon answered by closing the connection: RFC 9112 §5.1 says 400 MUST come first',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'socket hang up: closed without the 400 a server MUST answer to white space before a field’s colon (RFC 9112 §5.1)',
    ],
  ],
  [
    'response-is-received',
    kase('empty-body', {
      httpLayer: true,
      wire: {
        headers: [
          ['Content-Length', '26'],
          ['Content-Length', '27'],
        ],
        framing: 'none',
      },
    }),
    { ...timeout, error: { kind: 'connection-reset', message: 'socket hang up' } },
    'fail:connection-reset',
    'two Content-Length lines that differ answered by closing the connection: RFC 9112 §6.3 says 400 MUST come first',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'socket hang up: closed without the 400 a server MUST answer to a message whose framing is invalid (RFC 9112 §6.3)',
    ],
  ],
  [
    'response-is-received',
    kase('empty-body', { httpLayer: true }),
    timeout,
    'fail:timeout',
    'the same message left unanswered: a failure',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'no answer'],
  ],
  ['not-a-server-error', kase('schema-violation'), err400, 'pass', '400'],
  [
    'not-a-server-error',
    kase('schema-violation'),
    answer(500, 'oops', { 'content-type': 'text/plain' }),
    'fail:server-error',
    '500',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'server error: Received: 500'],
  ],
  ['not-a-server-error', kase('valid'), timeout, 'skip', 'no response to judge'],
  [
    'operation-method-is-allowed',
    kase('valid', { advisory: 'an Accept that excludes JSON', accept: [201, 406] }),
    answer(405, '', { allow: 'POST' }),
    'fail:method-refused',
    'a router’s 405 to the operation’s own method (an Accept predicate), advisory class or not',
    [
      '/paths/~1v1~1onboarding~1entities/post',
      '405 to POST, the method /v1/onboarding/entities defines (RFC 9110 §15.5.6)',
    ],
  ],
  [
    'operation-method-is-allowed',
    kase('schema-violation'),
    err400,
    'pass',
    'any other answer to the operation’s method is the rows’ to judge',
  ],
  [
    'not-a-server-error',
    kase('method', { method: 'TRACE', accept: [405, 501] }),
    answer(501, ''),
    'pass',
    '501 to a method the server does not implement: the answer RFC 9110 §9.1 names',
  ],
  [
    'not-a-server-error',
    kase('method', { method: 'TRACE', accept: [405, 501] }),
    answer(503, ''),
    'fail:server-error',
    'any other 5xx to the same method still fails',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'server error: Received: 503'],
  ],
  [
    'not-a-server-error',
    kase('valid'),
    answer(501, ''),
    'fail:server-error',
    '501 to the operation itself is a server error',
    ['/paths/~1v1~1onboarding~1entities/post/responses', 'server error: Received: 501'],
  ],
  ['status-is-allowed', kase('auth', { auth: 'none' }), answer(401, ''), 'pass', '401 is allowed by the profile'],
  [
    'status-is-allowed',
    kase('valid'),
    answer(200, CREATED),
    'fail:undocumented-status',
    '200 is neither documented nor allowed',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'Received: 200 / Documented: 201, 400, 401, 403, 405, 415, 429',
    ],
  ],
  ['valid-is-created', kase('valid'), answer(201, CREATED), 'pass', '201'],
  [
    'valid-is-created',
    kase('valid', { label: 'valid/format/owner/urn-uuid', accept: [400] }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'a 201 where the class says the refusal is due though the validator takes the body (urn:uuid:): said so',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      'a request the validator takes, whose refusal its class says is due, was answered 201: Received: 201 / Due: 400',
    ],
  ],
  [
    'valid-is-created',
    kase('valid', { label: 'valid/framing/chunked', accept: [201, 411] }),
    answer(411, ''),
    'warn:length-required',
    '411 to a chunked body: allowed (RFC 9112 §6.3), advice (two blind probes planted it as a departure)',
    [
      'RFC 9112 §6.3',
      '411 to a valid request without Content-Length (chunked): allowed (RFC 9112 §6.3), but a client that streams its body cannot be created, where every HTTP/1.1 recipient can read chunked (RFC 9112 §6.1)',
    ],
  ],
  [
    'valid-is-created',
    kase('valid'),
    answer(411, ''),
    'fail:unexpected-status',
    '411 to a body with Content-Length',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      'a valid request was not created: Received: 411 / Due: 201',
    ],
  ],
  [
    'valid-is-created',
    kase('valid', { body: LARGE_BODY }),
    answer(413, ''),
    'pass',
    '413 to content over 16 KiB: a size limit RFC 9110 §15.5.14 lets a server have',
  ],
  [
    'status-is-allowed',
    kase('valid', { body: LARGE_BODY }),
    answer(413, ''),
    'pass',
    'the same 413 is an allowed status',
  ],
  [
    'valid-is-created',
    kase('valid', { body: SMALL_LONG }),
    answer(413, ''),
    'fail:unexpected-status',
    '413 to 15 KiB of content is no limit this operation allows',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "a valid request was not created: Received: 413 / Due: 201 (413 is accepted for content over 16384 bytes: the spec sets no size limit, and a smaller limit refuses this operation's ordinary documents)",
    ],
  ],
  [
    'status-is-allowed',
    kase('valid', { body: SMALL_LONG }),
    answer(413, ''),
    'fail:undocumented-status',
    'nor is it an allowed status',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'Received: 413 / Documented: 201, 400, 401, 403, 405, 415, 429',
    ],
  ],
  [
    'valid-is-created',
    kase('valid', { accept: [201, 400] }),
    err400,
    'pass',
    'a 400 its class accepts (RFC 8259 §4 duplicate names)',
  ],
  [
    'status-is-allowed',
    kase('valid', { accept: [201, 411] }),
    answer(411, ''),
    'pass',
    'an undocumented status its class accepts',
  ],
  [
    'invalid-is-rejected',
    kase('schema-violation', { accept: [400, 422] }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'a status its class does not accept',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400',
      'an invalid request was not rejected: Received: 201 / Due: 400, 422',
    ],
  ],
  [
    'valid-is-created',
    kase('valid'),
    err400,
    'fail:unexpected-status',
    'a valid request refused',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      'a valid request was not created: Received: 400 / Due: 201',
    ],
  ],
  ['invalid-is-rejected', kase('schema-violation'), err400, 'pass', '400'],
  [
    'invalid-is-rejected',
    kase('schema-violation', {
      violation: { keyword: 'enum', rule: '/components/schemas/E/enum', instancePath: '/type' },
    }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'an invalid request created: the broken rule is cited',
    ['/components/schemas/E/enum', 'an invalid request was not rejected: Received: 201 / Due: 400'],
  ],
  [
    'invalid-is-rejected',
    kase('malformed-json', { body: '{', value: undefined }),
    answer(500, ''),
    'fail:unexpected-status',
    'malformed JSON crashes',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400',
      'an invalid request was not rejected: Received: 500 / Due: 400',
    ],
  ],
  [
    'invalid-is-rejected',
    kase('malformed-json', { body: '{', value: undefined }),
    answer(403, ''),
    'fail:unexpected-status',
    'refused, with a status the row does not take: said so, not "not rejected"',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400',
      'an invalid request was refused with another status: Received: 403 / Due: 400',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'wrong' }),
    answer(401, '', { 'www-authenticate': 'Bearer' }),
    'pass',
    '401 with a challenge',
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'basic' }),
    answer(403, ''),
    'warn:forbidden-without-valid-credentials',
    '403 accepted, with advice',
    [
      '/components/securitySchemes/bearerAuth',
      '403 where credentials are missing or not valid (RFC 6750 §3.1: 401 with a Bearer challenge; 403 is for valid credentials that lack a right)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none' }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'no credentials, created',
    ['/security', 'credentials were not enforced: Received: 201 / Due: 401, 403'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none', value: {}, body: '{}' }),
    err400,
    'fail:validated-before-authenticating',
    'an anonymous invalid body validated first',
    [
      '/security',
      '400 to an invalid body without credentials: Received: 400 / Due: 401, 403 (the body was validated before the credentials were checked, unless auth/none also got 400)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none', value: SENT, body: JSON.stringify(SENT) }),
    err400,
    'fail:unexpected-status',
    'an anonymous valid body refused 400: not about the order',
    ['/security', 'credentials were not enforced: Received: 400 / Due: 401, 403'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none' }),
    answer(403, { errors: [] }),
    'warn:forbidden-without-valid-credentials',
    '403 to a request without credentials (Spring Security’s default entry point): accepted by the profile, advice',
    [
      '/components/securitySchemes/bearerAuth',
      '403 where credentials are missing or not valid (RFC 6750 §3.1: 401 with a Bearer challenge; 403 is for valid credentials that lack a right)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none' }),
    answer(401, ''),
    'warn:missing-www-authenticate',
    '401 without a challenge',
    ['/components/securitySchemes/bearerAuth', '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2)'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'wrong' }),
    answer(401, '', { 'www-authenticate': ' ' }),
    'warn:missing-www-authenticate',
    '401 with an empty challenge is said as a missing one (RFC 9110 §11.6.1)',
    ['/components/securitySchemes/bearerAuth', '401 has no WWW-Authenticate challenge (RFC 9110 §15.5.2)'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none' }),
    answer(401, '', { 'www-authenticate': 'Basic realm="flask-restful"' }),
    'warn:non-bearer-challenge',
    '401 challenging Basic only (Flask-RESTful’s built-in challenge)',
    [
      '/components/securitySchemes/bearerAuth',
      '401 challenges another scheme than Bearer (RFC 6750 §3: a bearer-protected resource challenges with Bearer)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none' }),
    answer(401, '', { 'www-authenticate': 'Basic realm="x", bearer realm="connect"' }),
    'pass',
    '401 challenging Basic and Bearer (RFC 9110 §11.6.1: several challenges; the scheme in any case)',
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'basic', value: SENT, body: JSON.stringify(SENT) }),
    answer(400, '', { 'www-authenticate': 'Bearer error="invalid_request"' }),
    'warn:invalid-request-to-another-scheme',
    'Basic credentials answered 400 invalid_request with a Bearer challenge (Hono’s stock bearerAuth)',
    [
      '/components/securitySchemes/bearerAuth',
      '400 invalid_request to credentials in another scheme (RFC 6750 §3.1: a request in an unsupported scheme lacks credentials, and gets 401 with the challenge and no error code)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none', value: SENT, body: JSON.stringify(SENT) }),
    answer(400, 'Unauthorized', { 'www-authenticate': 'Bearer realm=\'sign\', error="invalid_request"' }),
    'warn:invalid-request-without-credentials',
    'no credentials answered 400 invalid_request with a Bearer challenge (Elysia’s bearer plugin as its docs use it)',
    [
      '/components/securitySchemes/bearerAuth',
      '400 invalid_request to a request without credentials (RFC 6750 §3: a request that lacks any authentication information gets 401 with the challenge and no error code)',
    ],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'none', value: SENT, body: JSON.stringify(SENT) }),
    err400,
    'fail:unexpected-status',
    'no credentials answered 400 without a challenge',
    ['/security', 'credentials were not enforced: Received: 400 / Due: 401, 403'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'wrong', value: SENT, body: JSON.stringify(SENT) }),
    answer(400, '', { 'www-authenticate': 'Bearer error="invalid_request"' }),
    'fail:unexpected-status',
    'a wrong Bearer token answered 400 invalid_request (RFC 6750 §3.1: invalid_token, 401)',
    ['/security', 'credentials were not enforced: Received: 400 / Due: 401, 403'],
  ],
  [
    'auth-is-enforced',
    kase('auth', { auth: 'basic', value: SENT, body: JSON.stringify(SENT) }),
    err400,
    'fail:unexpected-status',
    'Basic credentials answered 400 without a challenge (RFC 6750 §3: the challenge is a MUST)',
    ['/security', 'credentials were not enforced: Received: 400 / Due: 401, 403'],
  ],
  ['media-type-is-enforced', kase('media-type', { contentType: 'text/plain' }), answer(415, ''), 'pass', '415'],
  ['media-type-is-enforced', kase('media-type', { contentType: 'text/plain' }), err400, 'pass', '400 accepted'],
  [
    'media-type-is-enforced',
    kase('media-type', { contentType: 'multipart/form-data; boundary=b' }),
    answer(403, ''),
    'pass',
    '403 to a form: a cross-site forgery protection refused it (SvelteKit’s checkOrigin)',
  ],
  [
    'media-type-is-enforced',
    kase('media-type', { contentType: 'Text/Plain; charset=utf-8' }),
    answer(403, ''),
    'pass',
    '403 to text/plain, the type spelt in any case',
  ],
  [
    'invalid-is-rejected',
    kase('empty-body', { body: undefined, contentType: undefined }),
    answer(403, ''),
    'pass',
    '403 to an empty POST with no Content-Type: a cross-site forgery protection refused it (Astro’s checkOrigin)',
  ],
  [
    'invalid-is-rejected',
    kase('schema-violation'),
    answer(403, ''),
    'fail:unexpected-status',
    '403 to an invalid JSON body: no browser sends it cross-site without a preflight',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400',
      'an invalid request was refused with another status: Received: 403 / Due: 400',
    ],
  ],
  [
    'media-type-is-enforced',
    kase('media-type', { contentType: 'application/xml' }),
    answer(403, ''),
    'fail:unexpected-status',
    '403 to a type no browser sends cross-site without a preflight',
    [
      '/paths/~1v1~1onboarding~1entities/post/requestBody/content',
      'an undeclared media type was not refused: Received: 403 / Due: 415, 400',
    ],
  ],
  [
    'media-type-is-enforced',
    kase('media-type', { contentType: 'application/xml' }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'undeclared media type created',
    [
      '/paths/~1v1~1onboarding~1entities/post/requestBody/content',
      'an undeclared media type was not refused: Received: 201 / Due: 415, 400',
    ],
  ],
  [
    'media-type-is-enforced',
    kase('media-type', {
      accept: [415],
      wire: {
        framing: 'length',
        headers: [
          ['Content-Type', 'application/json'],
          ['Content-Encoding', 'x-conformance'],
        ],
      },
    }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'a declared media type in a coding no registry defines, created: the coding is named, not the media type',
    [
      '/paths/~1v1~1onboarding~1entities/post/requestBody/content',
      'a content coding that cannot be undone was not refused: Received: 201 / Due: 415',
    ],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'GET' }),
    answer(405, '', { allow: 'POST' }),
    'pass',
    '405 with Allow',
  ],
  [
    'method-is-not-allowed',
    kase('method', {
      label: 'method/lower-case',
      method: 'post',
      accept: [405, 400, 501],
      advisory: 'the method token is case-sensitive',
    }),
    answer(201, CREATED),
    'fail:unexpected-status',
    '`post` created: a router that folds the method’s case (Werkzeug, Django); the class’s advice makes it a warning in the engine',
    ['/paths/~1v1~1onboarding~1entities', 'post was not refused: Received: 201 / Due: 405, 400, 501'],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'DELETE', body: undefined, contentType: undefined }),
    answer(403, ''),
    'pass',
    '403 to a DELETE without content: a forgery protection before routing (Astro’s checkOrigin)',
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'GET', body: undefined, contentType: undefined }),
    answer(403, ''),
    'fail:unexpected-status',
    '403 to a GET: no forgery protection checks it',
    ['/paths/~1v1~1onboarding~1entities', 'GET was not refused: Received: 403 / Due: 405'],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'GET' }),
    answer(405, '', { allow: 'GET, HEAD, POST, DELETE, PATCH, PUT, OPTIONS' }),
    'fail:wrong-allow-header',
    'Allow lists the method it refused (Tornado’s SUPPORTED_METHODS)',
    [
      '/paths/~1v1~1onboarding~1entities',
      '405 to GET has Allow: GET, HEAD, POST, DELETE, PATCH, PUT, OPTIONS, which lists the GET it refused (RFC 9110 §10.2.1)',
    ],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'OPTIONS', accept: [405, 200, 204] }),
    answer(204, '', { allow: 'GET, HEAD' }),
    'fail:wrong-allow-header',
    'Allow to OPTIONS without the operation’s method',
    [
      '/paths/~1v1~1onboarding~1entities',
      '204 to OPTIONS has Allow: GET, HEAD, which does not list POST (RFC 9110 §10.2.1)',
    ],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'PUT' }),
    answer(405, '', { allow: 'OPTIONS, POST' }),
    'pass',
    'Allow with POST and other methods the resource answers, not the refused one',
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'DELETE' }),
    answer(405, '', { allow: 'ENTITY_TYPES, POST' }),
    'warn:unregistered-allow-method',
    'Allow with a name no registry defines (CherryPy lists a resource’s upper-case attributes)',
    [
      '/paths/~1v1~1onboarding~1entities',
      'Allow: ENTITY_TYPES, POST lists ENTITY_TYPES, no registered method (RFC 9110 §10.2.1, §16.1.1): a helper or a constant the framework took for one?',
    ],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'GET' }),
    answer(405, ''),
    'warn:missing-allow-header',
    '405 without Allow',
    ['/paths/~1v1~1onboarding~1entities', '405 has no Allow header (RFC 9110 §15.5.6)'],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'TRACE' }),
    answer(405, '', { allow: '' }),
    'warn:missing-allow-header',
    'an empty Allow warned as a missing one, and said to be empty (RFC 9110 §10.2.1)',
    [
      '/paths/~1v1~1onboarding~1entities',
      '405 has an empty Allow header, which says no method is allowed (RFC 9110 §15.5.6)',
    ],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'OPTIONS', accept: [405, 200, 204] }),
    answer(204, '', { allow: 'POST, OPTIONS' }),
    'pass',
    'OPTIONS answered 204 with Allow',
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'OPTIONS', accept: [405, 200, 204] }),
    answer(200, ''),
    'warn:missing-allow-header',
    'OPTIONS answered 200 without Allow',
    ['/paths/~1v1~1onboarding~1entities', '200 to OPTIONS has no Allow header (RFC 9110 §9.3.7)'],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'CONFORMANCE', accept: [405, 400, 501] }),
    answer(501, ''),
    'pass',
    'an unknown method answered 501, as RFC 9110 §9.1 recommends',
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'CONFORMANCE', accept: [405, 400, 501] }),
    answer(404, ''),
    'fail:unexpected-status',
    'an unknown method answered 404',
    ['/paths/~1v1~1onboarding~1entities', 'CONFORMANCE was not refused: Received: 404 / Due: 405, 400, 501'],
  ],
  [
    'method-is-not-allowed',
    kase('method', { method: 'DELETE' }),
    answer(404, ''),
    'fail:unexpected-status',
    '404 for DELETE',
    ['/paths/~1v1~1onboarding~1entities', 'DELETE was not refused: Received: 404 / Due: 405'],
  ],
  [
    'path-is-not-found',
    kase('path', { pathSuffix: '/conformance-unknown', accept: [404, 405, 410, 400, 403, 301, 308] }),
    answer(404, 'Not Found', { 'content-type': 'text/html' }),
    'pass',
    'a router’s 404 to a path the spec does not define',
  ],
  [
    'path-is-not-found',
    kase('path', { pathSuffix: '/conformance-unknown' }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'a valid request below the operation’s path created (a handler mounted by prefix)',
    [
      '/paths',
      'POST to /v1/onboarding/entities/conformance-unknown, a path the spec does not define, was not refused: Received: 201 / Due: 404',
    ],
  ],
  [
    'path-is-not-found',
    kase('path', { pathSpelling: '/V1/ONBOARDING/ENTITIES' }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'the operation’s path in upper case created (case-insensitive routing): the path as sent is named',
    [
      '/paths',
      'POST to /V1/ONBOARDING/ENTITIES, a path the spec does not define, was not refused: Received: 201 / Due: 404',
    ],
  ],
  [
    'status-is-allowed',
    kase('path', { pathSuffix: '-conformance-unknown', accept: [404, 405, 410, 400, 403, 301, 308] }),
    answer(404, ''),
    'pass',
    'a 404 the path class accepts is no undocumented status of the operation',
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(201, CREATED, { 'content-type': 'application/json;charset=UTF-8' }),
    'pass',
    'charset parameter',
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(201, CREATED, { 'content-type': 'text/plain' }),
    'fail:undocumented-content-type',
    'text/plain 201',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content',
      '201 answered with Content-Type text/plain: Documented: application/json',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    FALSE_GZIP,
    'fail:undecodable-content',
    'a body labelled gzip that is not (a compression layer switched off, the header set by hand)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body does not decode as its Content-Encoding (gzip) says (RFC 9110 §8.4)',
    ],
  ],
  [
    'content-type-conformance',
    kase('valid'),
    TWO_TYPES,
    'fail:repeated-content-type',
    'two Content-Type lines (a gateway adds its own beside the application’s)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'answered with two Content-Type lines (application/json; charset=utf-8, application/json): no sender may repeat the field (RFC 9110 §5.3)',
    ],
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(
      201,
      { ...CREATED, returnUrl: 'https://example.com/Müller' },
      { 'content-type': 'application/json; charset=ISO-8859-1' },
    ),
    'warn:charset-not-utf-8',
    'UTF-8 text labelled Latin-1 (a servlet container’s default charset): no status named, every answer alike',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content',
      'JSON text labelled charset=iso-8859-1: JSON is UTF-8 (RFC 8259 §8.1, §11), and a client that decodes by the label garbles what is not ASCII',
    ],
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(201, CREATED, { 'content-type': 'application/json; charset=iso-8859-1' }),
    'pass',
    'a Latin-1 label over ASCII text: the label garbles nothing',
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(
      201,
      { ...CREATED, returnUrl: 'https://example.com/Müller' },
      { 'content-type': 'application/json; Charset="UTF-8"' },
    ),
    'pass',
    'UTF-8 spelt in any case, quoted',
  ],
  [
    'content-type-conformance',
    kase('valid'),
    answer(201, CREATED, {}),
    'fail:undocumented-content-type',
    'no Content-Type on a body (a writer that sets none): no status named, every answer alike',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content',
      'answered without a Content-Type: Documented: application/json',
    ],
  ],
  [
    'content-type-conformance',
    kase('schema-violation'),
    answer(400, '', {}),
    'fail:undocumented-content-type',
    'a 400 with nothing in it (Effect answers malformed JSON so)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400/content',
      '400 answered with no content (an empty body, no Content-Type): Documented: application/json',
    ],
  ],
  [
    'content-type-conformance',
    kase('auth'),
    answer(401, '', { 'content-type': 'application/problem+json' }),
    'pass',
    'undocumented status: no content rule',
  ],
  [
    'labelled-json-is-json',
    kase('method', { method: 'GET' }),
    answer(405, "{'errors': [{'code': 'method-not-allowed'}]}", { 'content-type': 'application/json' }),
    'fail:mislabelled-json',
    'a 405 whose body is a Python dict’s repr under application/json (Bottle’s error handler)',
    [
      'RFC 9110 §8.3',
      "an answer labelled application/json is not JSON (Expected property name or '}' in JSON at position 1 (line 1 column 2))",
    ],
  ],
  [
    'labelled-json-is-json',
    kase('auth'),
    answer(401, '<html><body>Unauthorized</body></html>', {
      'content-type': 'application/problem+json; charset=utf-8',
    }),
    'fail:mislabelled-json',
    'an HTML page under a +json type',
    [
      'RFC 9110 §8.3',
      'an answer labelled application/problem+json; charset=utf-8 is not JSON (Unexpected token \'<\', "<html><bod"... is not valid JSON)',
    ],
  ],
  [
    'labelled-json-is-json',
    kase('path', { pathSuffix: '/conformance-unknown' }),
    answer(404, { message: 'Not Found' }),
    'pass',
    'a JSON 404',
  ],
  [
    'labelled-json-is-json',
    kase('method', { method: 'DELETE' }),
    answer(405, ''),
    'pass',
    'an empty body under application/json (Express’s res.status(405).json()): no representation to judge',
  ],
  [
    'labelled-json-is-json',
    kase('path', { pathSuffix: '/conformance-unknown' }),
    answer(404, '<h1>Not Found</h1>', { 'content-type': 'text/html' }),
    'pass',
    'an HTML page labelled HTML',
  ],
  [
    'labelled-json-is-json',
    kase('schema-violation'),
    answer(400, 'bad request', { 'content-type': 'application/json' }),
    'pass',
    'a documented status is response-schema-conformance’s (one problem, not two)',
  ],
  [
    'labelled-json-is-json',
    kase('method', { method: 'PATCH' }),
    answer(400, 'bad request', { 'content-type': 'application/json' }),
    'fail:mislabelled-json',
    'a 400 to another method: no answer of the operation, so no other check reads it',
    [
      'RFC 9110 §8.3',
      'an answer labelled application/json is not JSON (Unexpected token \'b\', "bad request" is not valid JSON)',
    ],
  ],
  [
    'labelled-json-is-json',
    kase('empty-body', { label: 'empty-body/no-framing', httpLayer: true }),
    answer(400, '<html>Bad Request</html>', { 'content-type': 'application/json' }),
    'fail:mislabelled-json',
    'a 400 the HTTP layer may have given: the schema check skips it, so this one reads it (regression probe)',
    [
      'RFC 9110 §8.3',
      'an answer labelled application/json is not JSON (Unexpected token \'<\', "<html>Bad "... is not valid JSON)',
    ],
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { status: 401, head: 'HTTP/1.1 401 Unauthorized', waitedMs: 2, alone: { status: 401 } }),
    'pass',
    'the next request on the connection answered as on a connection of its own',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { status: 400, head: 'HTTP/1.1 400 Bad Request', waitedMs: 2, alone: { status: 400 } }),
    'pass',
    'a refusal of missing credentials with 400 on both connections: another row’s bug, not the connection’s (inets probe)',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { status: 429, waitedMs: 2, alone: { status: 401 } }),
    'skip',
    'a rate limit answered the next request: its status says nothing of the connection',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { timedOut: true, waitedMs: 10000, alone: { timedOut: true } }),
    'skip',
    'no answer alone either: nothing to compare with',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    answer(201, CREATED, { connection: 'close' }),
    'skip',
    'an answer that closes the connection: nothing was sent next',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { closed: true, waitedMs: 1 }),
    'skip',
    'the server closed the connection before the next answer, as it may (RFC 9112 §9.5)',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { closed: true, waitedMs: 1, alone: { status: 401 } }),
    'warn:closed-unannounced',
    'a chunked upload’s connection closed after its 201 without the close option: a server may (RFC 9112 §9.5), advice (Beast probe)',
    [
      'RFC 9112 §9.6',
      'the server closed a kept-alive connection right after a 201 that did not say so (no close option): the request sent next on it got no answer (401 on a connection of its own), after a chunked body; a client that does not resend a POST (RFC 9112 §9.3.1) loses it',
    ],
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(400, '{}'), { closed: true, waitedMs: 1, alone: { status: 401 } }),
    'skip',
    'a chunked upload’s connection closed after a refusal: a server may close over an error (RFC 9112 §9.5)',
  ],
  [
    'connection-is-reusable',
    KEPT_ALIVE,
    then(answer(201, CREATED), { closed: true, unsent: true, waitedMs: 0, alone: { status: 401 } }),
    'fail:closed-without-close-option',
    'every connection closed after its answer, none saying so (FPC’s fcl-web server)',
    [
      'RFC 9112 §9.6',
      'the server closed the connection after a 201 that did not say so (no close option, HTTP/1.1, the plainest message), before the next request could be sent on it (401 on a connection of its own): a server that does not keep connections open MUST send the close option in every answer (RFC 9112 §9.6), or an HTTP/1.1 client reusing the connection, as it may (§9.3), loses its next request',
    ],
  ],
  [
    'connection-is-reusable',
    { ...KEPT_ALIVE, wire: { ...KEPT_ALIVE.wire!, afterBody: '\r\n' } },
    then(answer(201, CREATED), { status: 400, head: 'HTTP/1.1 400 Bad Request', waitedMs: 2, alone: { status: 401 } }),
    'warn:empty-line-not-ignored',
    'the empty line after a POST read as a request line: 400 to the next request (h11), a SHOULD',
    [
      'RFC 9112 §2.2',
      "the answer (status 201) kept the connection open, and after the empty line old clients send after a POST's body the connection gave status 400, where the request sent next got 401 on a connection of its own: a server expecting a request line SHOULD ignore at least one empty line before it (RFC 9112 §2.2)",
    ],
  ],
  [
    'connection-is-reusable',
    { ...KEPT_ALIVE, wire: { ...KEPT_ALIVE.wire!, afterBody: '\r\n' } },
    then(answer(201, CREATED), { closed: true, waitedMs: 2, alone: { status: 401 } }),
    'warn:empty-line-not-ignored',
    'the connection closed on the empty line after a POST (Guile, Hunchentoot), a SHOULD',
    [
      'RFC 9112 §2.2',
      "the answer (status 201) kept the connection open, and after the empty line old clients send after a POST's body the server closed the connection, where the request sent next got 401 on a connection of its own: a server expecting a request line SHOULD ignore at least one empty line before it (RFC 9112 §2.2)",
    ],
  ],
  [
    'connection-is-reusable',
    KEPT_ALIVE,
    then(answer(401, { errors: [] }), { closed: true, waitedMs: 2, alone: { status: 401 } }),
    'skip',
    'a refusal’s connection closed: a server may close after an error (Guile), RFC 9112 §9.5',
  ],
  [
    'connection-is-reusable',
    KEPT_ALIVE,
    then(answer(201, CREATED), { closed: true, waitedMs: 2, alone: {} }),
    'skip',
    'the next request closed alone too: the request, not the connection, is what the server closes over',
  ],
  [
    'connection-is-reusable',
    KEPT_ALIVE,
    then(
      { ...answer(201, CREATED), response: { ...answer(201, CREATED).response!, version: '1.0' } },
      { closed: true, waitedMs: 2, alone: { status: 401 } },
    ),
    'skip',
    'an HTTP/1.0 answer: no persistence was implied',
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { timedOut: true, waitedMs: 10000, alone: { status: 401 } }),
    'fail:next-request-unanswered',
    'the last chunk’s empty line left on the connection: the next request waits for ever (Guile)',
    [
      'RFC 9112 §6.3',
      'the answer (status 201) kept the connection open, and the request sent next on it got no answer in 10 s (401 on a connection of its own): the server did not read this message to its end, and waits for bytes or reads the next request from the wrong place',
    ],
  ],
  [
    'connection-is-reusable',
    KEPT_OPEN,
    then(answer(201, CREATED), { status: 400, head: 'HTTP/1.1 400 Bad Request', waitedMs: 3, alone: { status: 401 } }),
    'fail:next-request-misread',
    'bytes of the body left on the connection read as the next request line: 400',
    [
      'RFC 9112 §6.3',
      'the answer (status 201) kept the connection open, and the request sent next on it got status 400 where the same request on a connection of its own got 401: the server read bytes this message left behind as the start of the next',
    ],
  ],
  [
    'connection-is-reusable',
    THEN_EMPTY,
    then(answer(201, CREATED), { status: 201, head: 'HTTP/1.1 201 Created', waitedMs: 3, alone: { status: 400 } }),
    'fail:next-request-answered-from-previous',
    'an empty body with credentials next on the connection created again: the previous body kept with it (hug)',
    [
      'RFC 9110 §3.3',
      'the answer (status 201) kept the connection open, and the request sent next on it, with the same credentials and an empty body, got status 201 where the same request on a connection of its own got 400: the server carried something of this request over to the next (a body kept with the connection), or read bytes it left behind; a message means what it says whatever connection carries it (RFC 9110 §3.3)',
    ],
  ],
  [
    'connection-is-reusable',
    THEN_EMPTY,
    then(answer(201, CREATED), { status: 400, head: 'HTTP/1.1 400 Bad Request', waitedMs: 3, alone: { status: 400 } }),
    'pass',
    'the empty body refused on the kept connection as it is alone',
  ],
  [
    'close-is-announced',
    kase('valid'),
    { ...answer(201, CREATED), closedUnannounced: { status: 201, idleMs: 3 } },
    'warn:closed-unannounced',
    'a kept-alive connection closed right after a 201 without the close option (a socket recycled after N requests)',
    [
      'RFC 9112 §9.6',
      'the server closed a kept-alive connection right after a 201 that did not say so (no close option): the request the suite wrote next on it got no answer and was sent again on a new connection; a client that does not resend a POST (RFC 9112 §9.3.1) loses it',
    ],
  ],
  [
    'close-is-announced',
    kase('valid'),
    { ...answer(201, CREATED), closedUnannounced: { status: 201, idleMs: 5000 } },
    'pass',
    'closed after an idle time: a timeout, which a server may keep (RFC 9112 §9.5)',
  ],
  [
    'close-is-announced',
    kase('valid'),
    { ...answer(201, CREATED), closedUnannounced: { status: 400, idleMs: 3 } },
    'pass',
    'closed after an error answer: many servers end a connection a refusal left unread',
  ],
  ['close-is-announced', kase('valid'), answer(201, CREATED), 'pass', 'no connection was found closed'],
  [
    'unchunked-to-http-1-0',
    HTTP_10,
    answer(201, CREATED, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }),
    'fail:transfer-coding-to-http-1-0',
    'a chunked 201 to an HTTP/1.0 request (a handler that sets Transfer-Encoding itself, to stream)',
    [
      'RFC 9112 §6.1',
      'the answer to an HTTP/1.0 request carries Transfer-Encoding: chunked, which an HTTP/1.0 client cannot read',
    ],
  ],
  [
    'unchunked-to-http-1-0',
    HTTP_10,
    answer(201, CREATED, { 'content-type': 'application/json', 'content-length': '400' }),
    'pass',
    'a 201 delimited by its length',
  ],
  [
    'coding-is-accepted',
    acceptingCodings('gzip;q=0, identity'),
    answer(201, CREATED, GZIPPED),
    'fail:coding-not-accepted',
    'gzip to a request that gave gzip the weight 0 (a layer that looks for the word gzip)',
    [
      'RFC 9110 §12.5.3',
      "201 answer is in the gzip coding, which the request's Accept-Encoding (gzip;q=0, identity) does not accept: the client cannot read it",
    ],
  ],
  [
    'coding-is-accepted',
    acceptingCodings('identity'),
    answer(400, { errors: [] }, GZIPPED),
    'fail:coding-not-accepted',
    'gzip to a request that lists identity alone, on a refusal too',
    [
      'RFC 9110 §12.5.3',
      "400 answer is in the gzip coding, which the request's Accept-Encoding (identity) does not accept: the client cannot read it",
    ],
  ],
  ['coding-is-accepted', acceptingCodings('deflate, *;q=0.5'), answer(201, CREATED, GZIPPED), 'pass', '`*` takes gzip'],
  ['coding-is-accepted', acceptingCodings('x-gzip'), answer(201, CREATED, GZIPPED), 'pass', 'x-gzip is gzip'],
  ['coding-is-accepted', acceptingCodings('identity'), answer(201, CREATED), 'pass', 'no coding is always fine'],
  [
    'coding-is-accepted',
    acceptingCodings('GZIP;Q=1'),
    answer(201, CREATED, GZIPPED),
    'pass',
    'codings and q in any case',
  ],
  [
    'answer-ends-as-framed',
    keptOpen('valid/framing/trailer', 'chunked'),
    after(answer(201, CREATED, { 'content-length': '300' }), {
      closed: true,
      endKnown: true,
      waitedMs: 0,
      surplusBytes: 247,
      surplusHead: 'HTTP/1.1 400 Bad Request',
    }),
    'fail:answer-before-request',
    'a trailer line left over and answered before the next request went out (POCO 1.11)',
    [
      'RFC 9112 §6.3',
      'a second answer (HTTP/1.1 400 Bad Request) followed the answer (status 201) before another request was sent: the server read part of this one message as another request (the message ends where its framing says, a chunked body with its trailer section)',
    ],
  ],
  [
    'answer-ends-as-framed',
    kase('valid', {
      label: 'valid/connection/empty-line-after-body',
      wire: {
        framing: 'length',
        headers: [],
        afterBody: '\r\n',
        next: { headers: [['Content-Type', 'application/json']], bodyBase64: '' },
      },
    }),
    after(answer(201, CREATED, { 'content-length': '300' }), {
      closed: false,
      endKnown: true,
      waitedMs: 0,
      surplusBytes: 120,
      surplusHead: 'HTTP/1.1 400 Bad Request',
    }),
    'skip',
    'the empty line after the body answered: a SHOULD, which connection-is-reusable warns of',
  ],
  [
    'answer-ends-as-framed',
    HEAD,
    after(answer(405, '', { allow: 'POST', 'content-length': '61' }), {
      closed: true,
      endKnown: true,
      waitedMs: 1,
      surplusBytes: 61,
    }),
    'fail:content-in-head-answer',
    'a HEAD answered with the body a POST would get (a server that writes the body whatever the method)',
    ['RFC 9110 §9.3.2', 'the answer to HEAD (status 405) carries 61 bytes of content after its header fields'],
  ],
  [
    'answer-ends-as-framed',
    READ_TO_CLOSE,
    after(answer(201, CREATED, { 'content-type': 'application/json', 'content-length': '400' }), {
      closed: true,
      endKnown: true,
      waitedMs: 1,
      surplusBytes: 3,
    }),
    'fail:bytes-beyond-framing',
    'a Content-Length counted in characters where the body has multi-byte ones',
    [
      'RFC 9112 §6.3',
      'the server sent 3 bytes after the end of its answer (400 bytes of content, as its Content-Length says)',
    ],
  ],
  [
    'answer-ends-as-framed',
    HEAD,
    after(answer(405, '', { allow: 'POST', 'content-length': '61' }), { closed: true, endKnown: true, waitedMs: 1 }),
    'pass',
    'a HEAD answered with its fields alone (Content-Length tells what GET would get)',
  ],
  [
    'answer-ends-as-framed',
    READ_TO_CLOSE,
    after(answer(201, CREATED, { 'content-type': 'application/json', 'content-length': '400' }), {
      closed: true,
      endKnown: true,
      waitedMs: 1,
      surplusBytes: 47,
      surplusHead: 'HTTP/1.1 400 Bad Request',
    }),
    'fail:answer-after-close',
    'a chunked body’s trailer read as a request of its own, answered after the first (Bun)',
    [
      'RFC 9112 §9.6',
      'a second answer (HTTP/1.1 400 Bad Request) followed the answer (status 201): the server read part of this one message as another request, and answered it on a connection the request asked closed',
    ],
  ],
  [
    'answer-ends-as-framed',
    READ_TO_CLOSE,
    after(answer(201, CREATED, { 'transfer-encoding': 'chunked' }), { closed: true, endKnown: false, waitedMs: 1 }),
    'skip',
    'a chunked answer: where it ends is not told by its fields, so nothing is judged',
  ],
  [
    'response-is-received',
    kase('malformed-json', {
      httpLayer: true,
      wire: { headers: [['Transfer-Encoding', 'chunked']], framing: 'none' },
    }),
    timeout,
    'warn:timeout',
    'a chunk-size that is not hexadecimal left unanswered: the same SHOULD as a close (Starman)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses',
      'no answer: left unanswered, which breaks only a SHOULD for a message its HTTP layer will not read (RFC 9112 §2.2: it SHOULD answer 400 and close)',
    ],
  ],
  [
    'close-is-honoured',
    READ_TO_CLOSE,
    after(answer(201, CREATED), { closed: false, endKnown: true, waitedMs: 2000 }),
    'fail:connection-kept-open',
    'Connection: close ignored (a server that keeps every connection alive)',
    [
      'RFC 9112 §9.6',
      'the request said Connection: close, and the server kept the connection open 2 s after its answer',
    ],
  ],
  [
    'close-is-honoured',
    kase('valid', {
      label: 'valid/connection/close/listed',
      wire: { framing: 'length', awaitClose: true, headers: [['Connection', 'TE,close']] },
    }),
    after(answer(201, CREATED), { closed: false, endKnown: true, waitedMs: 2000 }),
    'warn:connection-kept-open',
    'the close option in a list ignored: advice (HTTP layers that read a lone token: Python’s http.server, Puma 5)',
    [
      'RFC 9112 §9.6',
      'the request said Connection: TE,close, and the server kept the connection open 2 s after its answer (a close option in a list, RFC 9110 §7.6.1: an HTTP layer that reads only a lone `close` keeps it open, hence advice)',
    ],
  ],
  [
    'close-is-honoured',
    READ_TO_CLOSE,
    after(answer(201, CREATED), { closed: true, endKnown: true, waitedMs: 0 }),
    'pass',
    'the connection closed after the answer',
  ],
  [
    'close-is-honoured',
    BOTH_FRAMINGS,
    after(answer(201, CREATED), { closed: false, endKnown: true, waitedMs: 2000 }),
    'warn:connection-kept-open',
    'framed both ways and kept open: the MUST of RFC 9112 §6.1, advice (Go’s net/http, Netty)',
    [
      'RFC 9112 §6.1',
      "the request was framed by both Transfer-Encoding and Content-Length, and the server kept the connection open 2 s after its answer (RFC 9112 §6.1: it MUST close, since a proxy may have read the other framing; advice, as Go's net/http and Netty keep it open)",
    ],
  ],
  [
    'close-is-honoured',
    BOTH_FRAMINGS,
    after(answer(400, ''), { closed: true, endKnown: true, waitedMs: 0 }),
    'pass',
    'framed both ways, refused and closed (Node’s HTTP parser)',
  ],
  [
    'unchunked-to-http-1-0',
    HTTP_10,
    answer(426, '', { connection: 'close' }),
    'pass',
    'a refusal of the old version (Envoy) without Transfer-Encoding: the row’s advice, not this rule',
  ],
  ['response-schema-conformance', kase('valid'), answer(201, {}), 'pass', '{} is a valid OnboardingRequest'],
  [
    'response-schema-conformance',
    kase('valid'),
    with201((b) => ({ ...b, status: 'pending' })),
    'fail:schema-violation',
    'enum drift',
    [
      '/components/schemas/Connect.Service.Onboarding.Core.Models.OnboardingStatus/enum',
      '201 body at /status must be equal to one of the allowed values',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    NOT_UTF8,
    'fail:not-json',
    'bytes that are not UTF-8 in a 201 (a raw JSON member copied through): no JSON text, whatever a lenient decoder makes of them',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body is not JSON: its bytes are not UTF-8 (RFC 8259 §8.1)',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    { ...NOT_UTF8, response: { ...NOT_UTF8.response!, endsInCharacter: true } },
    'fail:not-json',
    'bytes that are UTF-8 but for a character begun at their end: a body cut short by a length counted in characters',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body is not JSON: it ends inside a character, cut short (a Content-Length counted in characters, not bytes? RFC 9110 §8.6)',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    answer(201, '{"brand":"Ünï'),
    'fail:not-json',
    'a text beyond ASCII that ends early: a length counted in characters cut it at a character',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body is not JSON: it ends early, with text beyond ASCII in it (a Content-Length counted in characters, not bytes? RFC 9110 §8.6; Unterminated string in JSON at position 13 (line 1 column 14))',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    answer(201, '[object Object]'),
    'fail:not-json',
    'not JSON',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body is not JSON ("[object Object]" is not valid JSON)',
    ],
  ],
  [
    'response-schema-conformance',
    kase('schema-violation'),
    answer(400, { title: 'Bad', status: 400 }),
    'fail:schema-violation',
    'ProblemDetails as 400',
    [
      '/components/schemas/Connect.Errors.Results.ConnectApiErrorResult/additionalProperties',
      '400 body must NOT have additional properties',
    ],
  ],
  ['echo-request-type', kase('valid'), answer(201, CREATED), 'pass', 'Entity'],
  [
    'echo-request-type',
    kase('valid'),
    with201((b) => ({ ...b, requestType: 'Collective' })),
    'fail:echo-mismatch',
    'Collective',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 requestType: Received: "Collective" / Expected: "Entity"',
    ],
  ],
  ['echo-entity-type', kase('valid'), answer(201, CREATED), 'pass', 'the type sent'],
  [
    'echo-entity-type',
    kase('valid'),
    with201((b) => ((b.data.entity.type = 'Battery'), b)),
    'fail:echo-mismatch',
    'another type',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.type does not echo the request\'s type: Received: "Battery" / Sent: "EV"',
    ],
  ],
  ['echo-entity-information', kase('valid'), answer(201, CREATED), 'pass', 'null and absent are omissions'],
  [
    'echo-entity-information',
    SURROGATE,
    with201((b) => ((b.data.entity.information.brand = 'Audi \ufffd'), b)),
    'pass',
    'a lone surrogate echoed as U+FFFD: its handling is unpredictable (RFC 8259 §8.2)',
  ],
  [
    'echo-entity-information',
    SURROGATE,
    with201((b) => ((b.data.entity.information.brand = 'Audi ?'), b)),
    'pass',
    'a lone surrogate echoed as `?` (R’s jsonlite): as unpredictable',
  ],
  [
    'echo-entity-information',
    SURROGATE,
    with201((b) => ((b.data.entity.information.brand = 'Audi'), b)),
    'fail:echo-mismatch',
    'the same string with the surrogate dropped is another value',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.information.brand does not echo the request\'s brand: Received: "Audi" / Sent: "Audi \\ud800"',
    ],
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ((b.data.entity.information.brand = 'audi'), b)),
    'fail:echo-mismatch',
    'brand changed',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.information.brand does not echo the request\'s brand: Received: "audi" / Sent: "Audi"',
    ],
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ((b.data.entity.information.name = 'invented' as never), b)),
    'fail:echo-mismatch',
    'a value the request did not send',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.information.name does not echo the request\'s name: Received: "invented" / Sent: (absent)',
    ],
  ],
  ['echo-owner', kase('valid'), answer(201, CREATED), 'pass', 'uuids compare case-insensitively'],
  [
    'echo-owner',
    LOWER_OWNER,
    with201((b) => ((b.data.entity.owner = b.data.entity.owner.toUpperCase()), b)),
    'warn:echo-uuid-spelling',
    'sent in lower case, echoed in upper case: the same uuid, but RFC 9562 §4 has uuids output in lower case (Bottle blind probe)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.owner echoes the request\'s owner as the same uuid spelt otherwise: "497F6ECA-6276-4993-BFEB-53CBBBBA6F08" for "497f6eca-6276-4993-bfeb-53cbbbba6f08" (RFC 9562 §4: output in lower case)',
    ],
  ],
  [
    'echo-owner',
    kase('valid'),
    with201((b) => ((b.data.entity.owner = b.data.entity.owner.toUpperCase()), b)),
    'pass',
    'sent in upper case, echoed as sent',
  ],
  [
    'echo-owner',
    kase('valid'),
    with201((b) => ((b.data.entity.owner = '00000000-0000-4000-8000-000000000000'), b)),
    'fail:echo-mismatch',
    'owner replaced',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.owner does not echo the request\'s owner: Received: "00000000-0000-4000-8000-000000000000" / Sent: "497F6ECA-6276-4993-BFEB-53CBBBBA6F08"',
    ],
  ],
  [
    'echo-owner',
    NO_OWNER,
    with201((b) => ((b.data.entity.owner = '5f2b1c9e-3d4a-4b6c-8e7f-0a1b2c3d4e5f'), b)),
    'pass',
    'no owner sent: the server may name its own (the caller)',
  ],
  [
    'echo-owner',
    NO_OWNER,
    with201((b) => ((b.data.entity.owner = '00000000-0000-0000-0000-000000000000'), b)),
    'warn:echo-nil-uuid',
    "no owner sent, the nil UUID back: a zero value left unset; advice, the answer's owner is not nullable (Spring blind probe)",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.owner is the nil UUID where the request sent no owner: no one named (RFC 9562 §5.9; a zero value left unset?)',
    ],
  ],
  [
    'echo-entity-information',
    kase('valid'),
    answer(201, CREATED),
    'pass',
    'no reference in the answer: nothing to say',
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ({
      ...b,
      data: { entity: { ...b.data.entity, reference: { brand: 'Audi', type: null, identifier: null } } },
    })),
    'pass',
    'the brand sent',
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ({ ...b, data: { entity: { ...b.data.entity, reference: { brand: null } } } })),
    'pass',
    'a reference without a brand: nothing to compare',
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ({ ...b, data: { entity: { ...b.data.entity, reference: { brand: 'AUDI' } } } })),
    'warn:echo-differs',
    'another brand in the reference: advice, the reference may name the entity as the OEM knows it (yup blind probe)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.reference.brand is not the request\'s brand: Received: "AUDI" / Sent: "Audi" (advice: it may name the entity as another system knows it)',
    ],
  ],
  [
    'echo-entity-information',
    kase('valid'),
    with201((b) => ({ ...b, data: { entity: { ...b.data.entity, reference: { identifier: 'NAME-1' } } } })),
    'warn:echo-differs',
    'another identifier in the reference: advice, as the brand (tiny_http blind probe: the name written there)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.reference.identifier is not the request\'s identifier: Received: "NAME-1" / Sent: "VIN1" (advice: it may name the entity as another system knows it)',
    ],
  ],
  ['echo-collective-id', kase('valid'), answer(201, CREATED), 'pass', 'the collectiveId sent'],
  [
    'echo-collective-id',
    kase('valid', { value: { ...SENT, collectiveId: null } }),
    with201((b) => ((b.data.entity.collectiveId = '00000000-0000-0000-0000-000000000000'), b)),
    'fail:echo-mismatch',
    'null sent, the nil UUID back where the answer\'s collectiveId admits null: a zero value standing for null, as "" is (json_schemer, Catalyst and Fastify 5 blind probes)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.collectiveId does not echo the request\'s collectiveId: Received: "00000000-0000-0000-0000-000000000000" / Sent: null',
    ],
  ],
  [
    'echo-collective-id',
    kase('valid'),
    with201((b) => ((b.data.entity.collectiveId = b.data.entity.owner.replace('4', '5')), b)),
    'fail:echo-mismatch',
    'collectiveId changed',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.collectiveId does not echo the request\'s collectiveId: Received: "597f6eca-6276-4993-bfeb-53cbbbba6f08" / Sent: "497f6eca-6276-4993-bfeb-53cbbbba6f08"',
    ],
  ],
  [
    'echo-properties',
    kase('valid'),
    with201((b) => ((b.data.entity.properties = { a: [1] } as never), b)),
    'fail:echo-mismatch',
    'a null dropped deep inside',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties does not echo the request\'s properties: Received: {"a":[1]} / Sent: {"a":[1,null]}',
    ],
  ],
  [
    'echo-properties',
    kase('valid'),
    with201((b) => ((b.data.entity.properties = null as never), b)),
    'fail:echo-null',
    'null where the request carried a value is a contradiction',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties is null, but the request\'s properties was {"a":[1,null]}',
    ],
  ],
  [
    'echo-properties',
    kase('valid'),
    with201((b) => (delete (b.data.entity as Partial<typeof b.data.entity>).properties, b)),
    'warn:echo-omission',
    'absent is an omission: a warning',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 leaves out data.entity.properties that the request sent (an omission: the schema requires nothing)',
    ],
  ],
  [
    'echo-entity-information',
    kase('valid', { value: { ...SENT, name: 'Cafe\u0301' } }),
    with201((b) => (((b.data.entity.information as { name: unknown }).name = 'Caf\u00e9'), b)),
    'fail:echo-mismatch',
    'the same text in another normal form (Joi’s .normalize()) says so: alike on screen',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.information.name does not echo the request\'s name: Received: "Caf\u00e9" / Sent: "Cafe\u0301" (the same text in another Unicode normal form: normalized, as NFC or NFD)',
    ],
  ],
  [
    'echo-properties',
    kase('valid', { value: { ...SENT, properties: null } }),
    with201((b) => (delete (b.data.entity as Partial<typeof b.data.entity>).properties, b)),
    'warn:echo-omission',
    'a null left out is an omission too (a writer that drops nulls: LoopBack, Pyramid and hyper blind probes)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 leaves out data.entity.properties that the request sent as null (a null dropped: a writer that omits nulls, as Jackson's NON_NULL and serde's skip_serializing_if do? An omission: the schema requires nothing)",
    ],
  ],
  [
    'echo-properties',
    kase('valid', { value: { ...SENT, properties: null } }),
    with201((b) => ((b.data.entity.properties = {} as never), b)),
    'warn:echo-null-filled',
    "null sent, {} back: null made the container's zero value (nginx with lua-cjson blind probe); the server may fill what was not sent, so advice",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties is {} where the request sent properties as null (null made an empty value: a default filled in?)',
    ],
  ],
  [
    'echo-properties',
    kase('valid', { value: { brand: 'Audi', type: 'EV' } }),
    with201((b) => ((b.data.entity.properties = {} as never), b)),
    'pass',
    'none sent, {} back: the server may fill what was not sent',
  ],
  [
    'echo-owner',
    kase('valid', { value: { ...SENT, owner: null } }),
    with201((b) => (delete (b.data.entity as Partial<typeof b.data.entity>).owner, b)),
    'pass',
    "a null owner left out: the answer's owner is a uuid, not nullable, so leaving it out is the only echo (chi blind probe)",
  ],
  [
    'echo-owner',
    kase('valid', { value: { ...SENT, owner: null } }),
    (() => {
      const { owner: _left, ...entity } = CREATED.data.entity;
      return answer(201, { ...CREATED, data: { entity } }, { 'content-type': 'text/json' });
    })(),
    'pass',
    'the same in an answer labelled text/json, a type its status does not document: still read against its JSON schema (JDK HttpServer blind probe)',
  ],
  [
    'echo-entity-information',
    kase('valid', { value: { ...SENT, name: '' } }),
    with201((b) => (delete (b.data.entity.information as { name?: unknown }).name, b)),
    'warn:echo-omission',
    'an empty string left out says so: the mark of a writer that drops empty values',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 leaves out data.entity.information.name that the request sent as "" (an empty value dropped: a writer that omits empty values, as Go\'s omitempty and PHP\'s array_filter do? An omission: the schema requires nothing)',
    ],
  ],
  [
    'echo-properties',
    kase('valid', { value: { brand: 'Audi', type: 'EV' } }),
    with201((b) => ((b.data.entity.properties = null as never), b)),
    'pass',
    'null where the request sent none',
  ],
  [
    'echo-collective-id',
    kase('valid'),
    with201((b) => ((b.data.entity.collectiveId = null as never), b)),
    'fail:echo-null',
    'a null collectiveId for the one sent',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.collectiveId is null, but the request\'s collectiveId was "497f6eca-6276-4993-bfeb-53cbbbba6f08"',
    ],
  ],
  [
    'echo-return-url',
    kase('valid'),
    with201((b) => ({ ...b, returnUrl: null })),
    'fail:echo-null',
    'a null returnUrl for the one sent',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 returnUrl is null, but the request\'s returnUrl was "https://example.com/back"',
    ],
  ],
  [
    'echo-return-url',
    NO_RETURN_URL,
    with201((b) => ({ ...b, returnUrl: 'https://example.com/default' })),
    'pass',
    'no returnUrl sent: the server may fill its own',
  ],
  [
    'echo-return-url',
    NO_RETURN_URL,
    with201((b) => ({ ...b, returnUrl: '' })),
    'fail:echo-mismatch',
    "no returnUrl sent, an empty string back: a non-nullable string's zero value standing for null",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 returnUrl does not echo the request\'s returnUrl: Received: "" / Sent: (absent)',
    ],
  ],
  [
    'echo-properties',
    NUMBER_SENT,
    answer(201, '{"data":{"entity":{"properties":{"x":5.67771280497349e-237}}}}'),
    'warn:echo-rounded',
    "a number echoed with 15 significant digits (Perl's default): RFC 8259 §6 lets a receiver limit precision",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 data.entity.properties echoes the request's properties with its numbers rounded to 15 significant digits (RFC 8259 §6: a double holds 17)",
    ],
  ],
  [
    'echo-properties',
    NUMBER_SENT,
    answer(201, '{"data":{"entity":{"properties":{"x":5.677712804973487e-237}}}}'),
    'warn:echo-rounded',
    'a number one step off with all its 16 digits (a parser without correct rounding, serde_json’s default): within a double’s precision, RFC 8259 §6 (a failure until the Rust probe of 2026-12-05)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 data.entity.properties echoes the request's properties with a number a step off in its last place, as a parser that does not round correctly reads it (RFC 8259 §6: within a double's precision)",
    ],
  ],
  [
    'echo-properties',
    NUMBER_SENT,
    answer(201, '{"data":{"entity":{"properties":{"x":5.677712804973497e-237}}}}'),
    'fail:echo-mismatch',
    'a number eleven steps off: no parser’s rounding, a wrong value',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties does not echo the request\'s properties: Received: {"x":5.677712804973497e-237} / Sent: {"x":5.677712804973486e-237}',
    ],
  ],
  [
    'echo-properties',
    NUMBER_SENT,
    answer(201, '{"data":{"entity":{"properties":{"x":5.677713e-237}}}}'),
    'fail:echo-mismatch',
    'a number echoed with 7 significant digits (a float): a wrong value',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties does not echo the request\'s properties: Received: {"x":5.677713e-237} / Sent: {"x":5.677712804973486e-237}',
    ],
  ],
  [
    'echo-properties',
    BEYOND_2_53,
    answer(201, '{"data":{"entity":{"properties":{"x":[9007199254740993]}}}}'),
    'pass',
    'an integer beyond 2^53 echoed as written',
  ],
  [
    'echo-properties',
    BEYOND_2_53,
    answer(201, '{"data":{"entity":{"properties":{"x":[9007199254740992.0]}}}}'),
    'warn:echo-rounded',
    'an integer beyond 2^53 read into a double: advice (RFC 8259 §6; Python, Go and Rust probes)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 data.entity.properties echoes the request's properties with an integer beyond 2^53 changed: 9007199254740993 came back as 9007199254740992, read into a double (RFC 8259 §6: integers are exact across implementations up to 2^53)",
    ],
  ],
  [
    'echo-properties',
    BEYOND_DOUBLE,
    answer(201, '{"data":{"entity":{"properties":{"x":"Inf"}}}}'),
    'fail:echo-mismatch',
    'a number beyond the double range echoed as a string: the message says Infinity was sent, not null',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties does not echo the request\'s properties: Received: {"x":"Inf"} / Sent: {"x":Infinity}',
    ],
  ],
  [
    'echo-entity-type',
    kase('valid'),
    answer(200, { ...CREATED, data: { entity: { ...CREATED.data.entity, type: 'Battery' } } }),
    'fail:echo-mismatch',
    'any 2xx is judged: a wrong status does not hide a wrong echo',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '200 data.entity.type does not echo the request\'s type: Received: "Battery" / Sent: "EV"',
    ],
  ],
  ['echo-entity-type', kase('valid'), err400, 'skip', 'a 4xx carries no echo'],
  [
    'echo-properties',
    PROTO,
    answer(201, '{"data":{"entity":{"properties":{"__proto__":{"x":1}}}}}'),
    'pass',
    'a prototype-named member echoed as an own key',
  ],
  [
    'echo-properties',
    PROTO,
    answer(201, { data: { entity: { properties: {} } } }),
    'fail:echo-mismatch',
    'a prototype-named member dropped on the way (an object literal or assignment sets the prototype)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.properties does not echo the request\'s properties: Received: {} / Sent: {"__proto__":{"x":1}}',
    ],
  ],
  [
    'valid-is-created',
    PROTO,
    err400,
    'fail:unexpected-status',
    'a prototype-named member refused (prototype-poisoning protection): a failure, not advice',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      'a valid request was not created: Received: 400 / Due: 201',
    ],
  ],
  [
    'invalid-is-rejected',
    kase('malformed-json', { label: 'malformed/nan/properties', body: '{"brand":"b","type":"EV","properties":NaN}' }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'NaN accepted where a lenient parser takes it',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400',
      'an invalid request was not rejected: Received: 201 / Due: 400',
    ],
  ],
  [
    'invalid-is-rejected',
    kase('schema-violation', {
      label: 'invalid/type/brand/array-of-number',
      value: { brand: [0], type: 'EV' },
      violation: { keyword: 'type', rule: '/components/schemas/R/properties/brand/type', instancePath: '/brand' },
    }),
    answer(201, CREATED),
    'fail:unexpected-status',
    'a coercing validator unwrapped [0] into "0"',
    ['/components/schemas/R/properties/brand/type', 'an invalid request was not rejected: Received: 201 / Due: 400'],
  ],
  ['created-is-now', kase('valid'), answer(201, CREATED), 'pass', 'no created: the schema requires none'],
  ['created-is-now', kase('valid'), dated('2026-12-04T10:00:03.5Z'), 'pass', 'within seconds of the Date'],
  ['created-is-now', kase('valid'), dated('2026-12-04T12:00:00+02:00'), 'pass', 'the same instant at another offset'],
  ['created-is-now', kase('valid'), dated('yesterday'), 'pass', 'not a date-time: the schema check says so'],
  [
    'created-is-now',
    kase('valid'),
    answer(201, { ...CREATED, created: '2026-12-04T10:00:01Z' }, { date: 'Fri, 4 Dec 2026 10:00:00 GMT' }),
    'warn:date-not-imf-fixdate',
    "a day without its zero (Netty's DateFormatter)",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 has a Date that is not an IMF-fixdate (RFC 9110 §5.6.7: a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT"; two-digit day, GMT)',
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    answer(201, { ...CREATED, created: '2026-12-04T10:00:01Z' }, { date: 'Fri Dec  4 10:00:00 2026' }),
    'warn:date-not-imf-fixdate',
    "ANSI C's asctime-date, one of the three forms a recipient reads",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 has a Date that is not an IMF-fixdate (RFC 9110 §5.6.7: a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT"; two-digit day, GMT)',
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    answer(201, { ...CREATED, created: '2026-12-04T10:00:01Z' }, { date: 'Fri, 04-Dec-2026 10:00:00 GMT' }),
    'warn:date-not-imf-fixdate',
    "a cookie's Expires form: an HTTP-date to a lenient reader",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 has a Date that is not an IMF-fixdate (RFC 9110 §5.6.7: a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT"; two-digit day, GMT)',
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    answer(201, { ...CREATED, created: '2026-12-04T10:00:01Z' }, { date: '2026-12-04T10:00:00.689Z' }),
    'fail:date-unreadable',
    'an ISO 8601 instant written by hand (Fastify blind probe)',
    [
      'RFC 9110 §5.6.7',
      '201 has a Date in none of the forms an HTTP recipient reads (RFC 9110 §5.6.7: IMF-fixdate, rfc850-date or asctime-date; a sender MUST write "Sun, 06 Nov 1994 08:49:37 GMT")',
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    dated('0001-01-01T00:00:00Z'),
    'fail:created-not-now',
    "Go's zero time",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 created is 2,026 years before the answer's Date: not the time the request was created",
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    dated('2026-12-04T11:00:00+00:00'),
    'fail:created-not-now',
    'a local time (UTC+1) written as UTC',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 created is 1 h 0 min after the answer's Date: not the time the request was created (a whole offset: a local time written with the wrong UTC offset?)",
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    answer(201, {
      ...CREATED,
      created: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z',
    }),
    'fail:created-not-now',
    "no Date: days off the suite's clock",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      expect.stringMatching(
        /^201 created is more than a day before the suite's clock \(the answer has no Date\): not the time/,
      ),
    ],
  ],
  [
    'created-is-now',
    kase('valid'),
    answer(201, { ...CREATED, created: new Date(Date.now() - 3 * 3_600_000).toISOString() }),
    'warn:date-missing',
    "no Date: hours off the suite's clock may be the clocks, but the Date is due",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      "201 has no Date, though its created says the server has a clock (RFC 9110 §6.6.1: an origin server with a clock MUST send Date); created was compared with the suite's clock",
    ],
  ],
  ['ids-are-assigned', kase('valid'), answer(201, CREATED), 'pass', 'ids of their own'],
  [
    'ids-are-assigned',
    kase('valid'),
    with201((b) => ((b.data.entity.id = '00000000-0000-0000-0000-000000000000'), b)),
    'fail:nil-id',
    "the entity's id left at Go's zero uuid.UUID",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 data.entity.id is the nil UUID 00000000-0000-0000-0000-000000000000: no id was assigned (RFC 9562 §5.9; a zero value left unset?)',
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: '/connect/v1/onboarding/entities/undefined' }),
    'fail:location-names-nothing',
    "a Location built from an id that was never set (Nest's `${base}/${entity.id}`)",
    [
      'RFC 9110 §10.2.2',
      `201 Location /connect/v1/onboarding/entities/undefined names no resource: "undefined" stands where the created one's id belongs (RFC 9110 §10.2.2: a 201's Location refers to the resource created; an id left undefined?)`,
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: 'https://api.example.com/v1/onboarding/entities/%7Bid%7D' }),
    'fail:location-names-nothing',
    'a route template left unfilled, percent-encoded',
    ['RFC 9110 §10.2.2', expect.stringMatching(/: "\{id\}" stands where/)],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: `http://127.0.0.1:8080/v1/onboarding/entities/${UUID}` }),
    'fail:location-names-another',
    "the host the request went to on another port (Express's `req.hostname`, which drops it)",
    [
      'RFC 9110 §10.2.2',
      `201 Location http://127.0.0.1:8080/v1/onboarding/entities/${UUID} names port 8080 of the host the request was sent to on port 80: another origin (RFC 6454 §4), not the resource created (RFC 9110 §10.2.2; built from a host name without its port?)`,
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: `http://localhost:3333/v1/onboarding/entities/${UUID}` }),
    'fail:location-names-another',
    "another loopback name and port: an application URL left at its default (AdonisJS's APP_URL)",
    [
      'RFC 9110 §10.2.2',
      `201 Location http://localhost:3333/v1/onboarding/entities/${UUID} names port 3333 of the host the request was sent to on port 80: another origin (RFC 6454 §4), not the resource created (RFC 9110 §10.2.2; built from a host name without its port?)`,
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: `https://127.0.0.1:8443/v1/onboarding/entities/${UUID}` }),
    'pass',
    'another scheme and port: a TLS front end may name its own',
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: '/v1/onboarding/entities/' }),
    'fail:location-names-nothing',
    "the collection the request was sent to (Qwik City's `headers.set('Location', url.pathname)`)",
    [
      'RFC 9110 §10.2.2',
      "201 Location /v1/onboarding/entities/ is the URI the request was sent to: it names the collection, not the resource created (RFC 9110 §10.2.2: a 201's Location refers to the resource created)",
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: `entities/${CREATED.id}` }),
    'pass',
    'a relative Location with the id (RFC 9110 §10.2.2: a URI reference)',
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: `/v1/entities/${CREATED.data.entity.id.toUpperCase()}` }),
    'pass',
    "the entity's id, in upper case (RFC 9562 §4: the same uuid)",
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, {
      ...JSON_TYPE,
      location: `/v1/collectives/${String(CREATED.data.entity.collectiveId)}/entities/${CREATED.data.entity.id}`,
    }),
    'pass',
    'the entity under its collective: the last uuid is the one judged',
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(201, CREATED, { ...JSON_TYPE, location: '/v1/onboarding/entities/0b6f3c1e-52a4-4d0c-9a36-1f2e3d4c5b6a' }),
    'fail:location-names-another',
    'a uuid drawn for the Location, not the one stored',
    [
      'RFC 9110 §10.2.2',
      expect.stringMatching(
        /^201 Location names none of the ids the answer gives: 0b6f3c1e-52a4-4d0c-9a36-1f2e3d4c5b6a \(in \/v1\/onboarding\/entities\/0b6f3c1e-52a4-4d0c-9a36-1f2e3d4c5b6a\), where the answer has id .+, data\.entity\.id .+; it does not refer to the resource created/,
      ),
    ],
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    answer(
      201,
      { id: CREATED.id, requestType: 'Entity' },
      { ...JSON_TYPE, location: '/v1/onboarding/entities/0b6f3c1e-52a4-4d0c-9a36-1f2e3d4c5b6a' },
    ),
    'pass',
    "a smaller answer without the entity's id is not judged on the uuid it may name",
  ],
  [
    'ids-are-assigned',
    kase('valid'),
    with201((b) => ({ ...b, principalId: '00000000-0000-0000-0000-000000000000' })),
    'warn:nil-principal',
    "a placeholder principal (Data.UUID's nil): advice, a sandbox may have no principal to name",
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 principalId is the nil UUID: no principal named (RFC 9562 §5.9; a placeholder left in?)',
    ],
  ],
  [
    'response-schema-conformance',
    kase('schema-violation'),
    answer(400, { errors: [] }),
    'warn:error-says-nothing',
    'a refusal that validates but names nothing (a response schema stripping every member)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400/content/application~1json/schema',
      '400 body {"errors":[]} says nothing of what was refused (the schema requires nothing)',
    ],
  ],
  [
    'response-schema-conformance',
    kase('schema-violation'),
    { ...err400, response: { ...err400.response!, body: '{"errors":[{"message":"brand must be', truncated: true } },
    'warn:body-too-large',
    'an error answer over the read cap: nothing bounds its size, so advice (an error message printing the value sent)',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/400/content/application~1json/schema',
      '400 body is over the read cap and was not judged: an error answer this large (a message printing the value sent?) costs every client',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    { ...answer(201, ''), response: { ...answer(201, '').response!, truncated: true } },
    'fail:body-too-large',
    'a 201 over the read cap cannot be judged: a failure',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body exceeded the read cap and was cut',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid', { label: 'valid/depth/10000/objects' }),
    {
      ...answer(201, ''),
      response: {
        ...answer(201, '').response!,
        body: `{\n${' '.repeat(2000)}"id": "a",\n${' '.repeat(4000)}`,
        truncated: true,
      },
    },
    'warn:body-too-large',
    'a 201 over the read cap that is mostly indentation (an echo 10,000 levels deep, pretty-printed: DRF probe): advice',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body is over the read cap and was not judged: what was read is mostly white space, JSON indented so deep that the indentation outgrew the cap',
    ],
  ],
  [
    'response-schema-conformance',
    kase('valid'),
    { ...answer(201, ''), response: { ...answer(201, '').response!, body: ' '.repeat(6000), truncated: true } },
    'fail:body-too-large',
    'spaces without end and no value begun (a hostile target): no indented JSON, a failure',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201/content/application~1json/schema',
      '201 body exceeded the read cap and was cut',
    ],
  ],
  ['echo-entity-type', kase('valid'), answer(201, []), 'skip', 'not a JSON object'],
  ['echo-return-url', kase('valid'), answer(201, CREATED), 'pass', 'the returnUrl sent'],
  [
    'echo-return-url',
    kase('valid'),
    with201((b) => ({ ...b, returnUrl: 'https://example.com/default' })),
    'fail:echo-mismatch',
    'returnUrl replaced',
    [
      '/paths/~1v1~1onboarding~1entities/post/responses/201',
      '201 returnUrl does not echo the request\'s returnUrl: Received: "https://example.com/default" / Sent: "https://example.com/back"',
    ],
  ],
];

let validators: Awaited<ReturnType<typeof buildValidators>>;
beforeAll(async () => {
  validators = buildValidators(await loadSpec('spec/openapi.yaml'));
});

/** The outcome of one check, and the rule and message of the finding that decides it. */
function judged(check: Check, c: TestCase, ex: Exchange, ctx: CheckContext): { expect: Expect; pin?: Pin } {
  const r = check.judge(c, ex, ctx);
  if (r === undefined) return { expect: 'pass' };
  if ('skip' in r) return { expect: 'skip' };
  const failures = (Array.isArray(r) ? r : [r]) as Finding[];
  if (failures.length === 0) return { expect: 'pass' };
  const f = failures.find((x) => x.severity === 'error') ?? failures[0];
  return { expect: `${f.severity === 'error' ? 'fail' : 'warn'}:${f.kind}`, pin: [f.rule, f.message] };
}
const outcome = (check: Check, c: TestCase, ex: Exchange, ctx: CheckContext): Expect =>
  judged(check, c, ex, ctx).expect;

describe('the checks of the verdict profile', () => {
  it.each(table)('%s: %s', (name, c, ex, expected, _what, pin) => {
    const check = createChecks().find((k) => k.name === name)!;
    expect(check.applies(c)).toBe(true);
    const got = judged(check, c, ex, { validators, mockTarget: false });
    expect(got.expect).toBe(expected);
    expect(got.pin).toEqual(pin);
  });

  it('every failing or warning row pins the rule and the message, not only the kind', () => {
    for (const [name, , , expected, what, pin] of table)
      expect(pin === undefined, `${name}: ${what}`).toBe(expected === 'pass' || expected === 'skip');
  });

  it('every check has a passing and a failing row', () => {
    // unique-id, members-are-kept, fills-are-own and media-types-agree need several exchanges: their own tests below.
    const several = ['unique-id', 'members-are-kept', 'fills-are-own', 'media-types-agree'];
    for (const check of createChecks().filter((k) => !several.includes(k.name))) {
      const rows = table.filter(([name]) => name === check.name).map(([, , , e]) => e);
      expect
        .soft(
          rows.some((e) => e === 'pass'),
          `${check.name} passes`,
        )
        .toBe(true);
      expect
        .soft(
          // close-is-announced is advice only (RFC 9112 §9.5 lets a server close at any time): its finding warns.
          rows.some((e) => e.startsWith(check.name === 'close-is-announced' ? 'warn' : 'fail')),
          `${check.name} fails`,
        )
        .toBe(true);
    }
  });

  it('echo checks are skipped on a mock target, and the 201 check does not apply to invalid cases', () => {
    const echo = createChecks().find((k) => k.name === 'echo-entity-type')!;
    expect(echo.judge(kase('valid'), answer(201, CREATED), { validators, mockTarget: true })).toEqual({
      skip: 'the target is a mock answering example data',
    });
    expect(
      createChecks()
        .find((k) => k.name === 'valid-is-created')!
        .applies(kase('schema-violation')),
    ).toBe(false);
  });

  it('holds a 405 against the operation’s own method and path only, never a message the HTTP layer may answer', () => {
    const check = createChecks().find((k) => k.name === 'operation-method-is-allowed')!;
    expect(check.applies(kase('valid'))).toBe(true);
    expect(check.applies(kase('auth'))).toBe(true);
    expect(check.applies(kase('method', { method: 'DELETE' }))).toBe(false);
    expect(check.applies(kase('path', { pathSuffix: '/conformance-unknown' }))).toBe(false);
    // After a body without framing, the answer read may be to the bytes that follow, parsed as a request of their own.
    expect(check.applies(kase('empty-body', { httpLayer: true }))).toBe(false);
  });

  it('judges the content of the operation’s answers only: no HEAD (RFC 9110 §9.3.2), no other method or path', () => {
    for (const name of ['response-schema-conformance', 'content-type-conformance']) {
      const check = createChecks().find((k) => k.name === name)!;
      expect(check.applies(kase('valid')), name).toBe(true);
      expect(check.applies(kase('schema-violation')), name).toBe(true);
      // OpenAPI 3.0.4 §4.8.10: the POST's responses do not describe a 400 to OPTIONS (@fastify/cors without Origin).
      expect(check.applies(kase('method', { method: 'HEAD' })), name).toBe(false);
      expect(check.applies(kase('method', { method: 'OPTIONS' })), name).toBe(false);
      expect(check.applies(kase('path', { pathSuffix: '/conformance-unknown' })), name).toBe(false);
    }
  });

  it('an extra member is documented as one to leave out, a body that is not JSON as JSON text due', () => {
    const schema = createChecks().find((k) => k.name === 'response-schema-conformance')!;
    const found = schema.judge(kase('valid'), answer(201, { ...CREATED, entityType: 'EV' }), {
      validators,
      mockTarget: false,
    });
    expect(found).toMatchObject([{ kind: 'schema-violation', documented: 'no member "entityType"' }]);
    const notJson = schema.judge(kase('valid'), answer(201, '{"x":Infinity}'), { validators, mockTarget: false });
    expect(notJson).toMatchObject({ kind: 'not-json', documented: 'a JSON text, as application/json says' });
  });

  it('unique-id fails the second time an id is returned', () => {
    const unique = createChecks().find((k) => k.name === 'unique-id')!;
    const ctx = { validators, mockTarget: false };
    expect(outcome(unique, kase('valid', { id: 'b1' }), answer(201, CREATED), ctx)).toBe('pass');
    expect(outcome(unique, kase('valid', { id: 'b2' }), answer(201, CREATED), ctx)).toBe('fail:duplicate-id');
    // @hono/zod-openapi blind probe: each request's id the entity id of the answer before.
    const fromEntity = createChecks().find((k) => k.name === 'unique-id')!;
    const ENTITY = '8d3e1f0a-5b6c-4d7e-9f80-112233445566';
    const withIds = (id: string, entity: string) =>
      answer(201, { ...CREATED, id, data: { entity: { ...CREATED.data.entity, id: entity } } });
    expect(outcome(fromEntity, kase('valid', { id: 'b1' }), withIds(UUID, ENTITY), ctx)).toBe('pass');
    expect(judged(fromEntity, kase('valid', { id: 'b2' }), withIds(ENTITY, UUID.replace(/^4/, '5')), ctx)).toEqual({
      expect: 'fail:duplicate-id',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        "201 id is the data.entity.id an earlier answer gave: an entity's id for an onboarding request",
      ],
    });
    // One id for the request and its entity in one answer is the server's choice.
    const same = createChecks().find((k) => k.name === 'unique-id')!;
    expect(outcome(same, kase('valid', { id: 'b1' }), withIds(ENTITY, ENTITY), ctx)).toBe('pass');
  });

  it('members-are-kept warns once of a member three earlier answers had, and never of an echo', () => {
    const ctx = { validators, mockTarget: false };
    const fresh = () => createChecks().find((k) => k.name === 'members-are-kept')!;
    const { status: _status, returnUrl: _returnUrl, ...withoutBoth } = { ...CREATED, created: '2026-12-04T10:00:00Z' };
    const full = answer(201, { ...withoutBoth, status: 'Pending', returnUrl: 'https://example.com/back' });
    const dropped = answer(201, withoutBoth);
    const run = (check: Check, answers: Exchange[]) => answers.map((ex) => outcome(check, kase('valid'), ex, ctx));
    // Fewer than three answers had it: no word; returnUrl echoes the request, never a word here.
    expect(run(fresh(), [full, full, dropped, dropped, dropped])).toEqual(Array<string>(5).fill('pass'));
    // Left out of every other answer, the first answer among them (Fastify and nginx blind probes): the first without
    // it after three with it is one, once.
    const check = fresh();
    expect(run(check, [dropped, full, dropped, full, dropped, full])).toEqual(Array<string>(6).fill('pass'));
    expect(judged(check, kase('valid'), dropped, ctx)).toEqual({
      expect: 'warn:member-dropped',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 leaves out status, which other 201s had (the schema requires nothing: a member only some answers have?)',
      ],
    });
    expect(run(check, [full, full, dropped])).toEqual(['pass', 'pass', 'pass']);
    // Another status is counted on its own.
    expect(outcome(check, kase('valid'), answer(200, withoutBoth), ctx)).toBe('pass');
  });

  it('an echo check fails a value left out where three answers echoed the values sent or wrote null, not an empty one', () => {
    const ctx = { validators, mockTarget: false };
    const fresh = () => createChecks().find((k) => k.name === 'echo-owner')!;
    const { owner: _owner, ...withoutOwner } = CREATED.data.entity;
    const dropped = answer(201, { ...CREATED, data: { entity: withoutOwner } });
    const run = (check: Check, answers: Exchange[]) => answers.map((ex) => outcome(check, kase('valid'), ex, ctx));
    // Fewer than three echoes seen: an omission, advice (a server may never echo a field).
    expect(run(fresh(), [answer(201, CREATED), answer(201, CREATED), dropped])).toEqual([
      'pass',
      'pass',
      'warn:echo-omission',
    ]);
    // Three echoes, then one left out (Express behind HAProxy blind probe: owner dropped wherever a collective is named).
    const check = fresh();
    expect(run(check, [answer(201, CREATED), answer(201, CREATED), answer(201, CREATED)])).toEqual(
      Array<string>(3).fill('pass'),
    );
    expect(judged(check, kase('valid'), dropped, ctx)).toEqual({
      expect: 'fail:echo-dropped',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 leaves out data.entity.owner that the request sent as "497F6ECA-6276-4993-BFEB-53CBBBBA6F08", where other answers echoed the values they were sent: the value is lost for some requests only',
      ],
    });
    // Three answers that wrote it as null for a null sent: the writer omits no null, so a value left out is lost too
    // (JDK HttpServer + Jackson blind probe: every collectiveId or owner sent dropped, every null one echoed).
    const nulls = fresh();
    const nullSent = kase('valid', { value: { ...SENT, owner: null } });
    const nullWritten = answer(201, { ...CREATED, data: { entity: { ...CREATED.data.entity, owner: null } } });
    for (let i = 0; i < 3; i++) expect(outcome(nulls, nullSent, nullWritten, ctx)).toBe('pass');
    expect(judged(nulls, kase('valid'), dropped, ctx)).toEqual({
      expect: 'fail:echo-dropped',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 leaves out data.entity.owner that the request sent as "497F6ECA-6276-4993-BFEB-53CBBBBA6F08", where other answers wrote it as null (the writer omits no null): the value is lost',
      ],
    });
    // A member never echoed where the answer echoes the values sent beside it (track forgotten in the copy: Twisted,
    // Racket and openapi-backend blind probes): after three such answers, a value of it left out fails.
    const information = createChecks().find((k) => k.name === 'echo-entity-information')!;
    const withTrack = kase('valid', { value: { ...SENT, track: 'beta' } });
    const expectations = ['warn:echo-omission', 'warn:echo-omission', 'warn:echo-omission', 'fail:echo-dropped'];
    for (const due of expectations) expect(outcome(information, withTrack, answer(201, CREATED), ctx)).toBe(due);
    expect(judged(information, withTrack, answer(201, CREATED), ctx).pin?.[1]).toBe(
      '201 leaves out data.entity.information.track that the request sent as "beta", where this answer and others echo the values sent beside it: this member is lost, not left out by a writer that drops empty values',
    );
    // An empty value sent and left out stays a writer's rule (Go's omitempty), whatever was echoed before.
    const name = createChecks().find((k) => k.name === 'echo-entity-information')!;
    const empty = kase('valid', { value: { ...SENT, name: '' } });
    const { name: _name, ...withoutName } = CREATED.data.entity.information;
    for (let i = 0; i < 3; i++) expect(outcome(name, kase('valid'), answer(201, CREATED), ctx)).toBe('pass');
    expect(
      outcome(
        name,
        empty,
        answer(201, { ...CREATED, data: { entity: { ...CREATED.data.entity, information: withoutName } } }),
        ctx,
      ),
    ).toBe('warn:echo-omission');
  });

  it('auth-is-enforced fails a 401 without a challenge where an earlier 401 had one, and only warns before', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'auth-is-enforced')!;
    const bare = answer(401, '');
    const challenged = answer(401, '', { 'www-authenticate': 'Bearer' });
    const wrong = kase('auth', { auth: 'wrong' });
    expect(outcome(check, wrong, bare, ctx)).toBe('warn:missing-www-authenticate');
    expect(outcome(check, kase('auth', { auth: 'none' }), challenged, ctx)).toBe('pass');
    // Grape and Fastify blind probes: a challenge where no Authorization was sent, a bare 401 to refused credentials.
    expect(judged(check, wrong, bare, ctx)).toEqual({
      expect: 'fail:challenge-dropped',
      pin: [
        '/components/securitySchemes/bearerAuth',
        '401 has no WWW-Authenticate challenge where other 401s had one (RFC 9110 §11.6.1: every 401 MUST carry one)',
      ],
    });
  });

  it('auth-is-enforced fails a challenge that does not parse where an earlier 401 challenged in form, and warns before', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'auth-is-enforced')!;
    // Express with zod blind probe: an error_description with spaces and no quotes.
    const unquoted = answer(401, '', {
      'www-authenticate': 'Bearer realm="api", error="invalid_token", error_description=The access token is invalid',
    });
    const wrong = kase('auth', { auth: 'wrong' });
    expect(outcome(check, wrong, unquoted, ctx)).toBe('warn:challenge-malformed');
    const quoted = answer(401, '', { 'www-authenticate': 'Bearer realm="api", error="invalid_token"' });
    expect(outcome(check, kase('auth', { auth: 'none' }), quoted, ctx)).toBe('pass');
    expect(judged(check, wrong, unquoted, ctx)).toEqual({
      expect: 'fail:challenge-malformed',
      pin: [
        '/components/securitySchemes/bearerAuth',
        "401 has a WWW-Authenticate challenge that does not parse (RFC 9110 §11.6.1, §11.2: a parameter's value is a token or a quoted string), where the other 401s’ challenges parsed",
      ],
    });
  });

  it('media-types-agree fails a twin created where its reference under the primary media type was refused', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'media-types-agree')!;
    const reference = kase('malformed-json', { label: 'malformed/x', agreeWith: 'malformed/x' });
    const twin = kase('malformed-json', {
      label: 'malformed/x-as',
      agreeWith: 'malformed/x',
      contentType: 'text/json',
    });
    expect(check.applies(kase('malformed-json'))).toBe(false);
    // Before its reference was answered, a twin is not judged.
    expect(outcome(check, twin, answer(201, CREATED), ctx)).toBe('pass');
    expect(outcome(check, reference, err400, ctx)).toBe('pass');
    expect(outcome(check, twin, err400, ctx)).toBe('pass');
    // Pecan blind probe: text/json decoded by the handler itself, leniently.
    expect(judged(check, twin, answer(201, CREATED), ctx)).toEqual({
      expect: 'fail:media-types-disagree',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/requestBody/content',
        '201 to the bytes that got 400 under the primary media type (malformed/x), sent as text/json: one request body under two declared media types, refused under one and created under the other (a second decoder on that branch?)',
      ],
    });
    // A reference created: leniency on every branch is advice, not this check's.
    const lenient = createChecks().find((k) => k.name === 'media-types-agree')!;
    expect(outcome(lenient, reference, answer(201, CREATED), ctx)).toBe('pass');
    expect(outcome(lenient, twin, answer(201, CREATED), ctx)).toBe('pass');
  });

  it('an echo check fails a container another request sent, answered to a request that sent none', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'echo-properties')!;
    const { properties: _properties, ...withoutProperties } = SENT;
    const shared = { room: 'garage', level: 2 };
    const withShared = answer(201, { ...CREATED, data: { entity: { ...CREATED.data.entity, properties: shared } } });
    const sending = kase('valid', { id: 'b0001', value: { ...SENT, properties: shared } });
    const none = kase('valid', { id: 'b0002', value: withoutProperties });
    // A default the server fills is its own: no earlier request sent it.
    expect(outcome(check, none, withShared, ctx)).toBe('pass');
    expect(outcome(check, sending, withShared, ctx)).toBe('pass');
    // web.py blind probe: Python's mutable default argument.
    expect(judged(check, none, withShared, ctx)).toEqual({
      expect: 'fail:echo-leaked',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 data.entity.properties is {"room":"garage","level":2}, the value an earlier request (b0001) sent, where this one sent no properties: another request\'s data (state shared between requests, a mutable default?)',
      ],
    });
  });

  it('an echo check fails a string another request sent, answered to a request without it, once its fill changed', () => {
    const ctx = { validators, mockTarget: false };
    const withUrl = (returnUrl: string | undefined) => answer(201, { ...CREATED, returnUrl });
    const sending = (id: string, returnUrl: string) => kase('valid', { id, value: { ...SENT, returnUrl } });
    const none = (id: string) => kase('valid', { id, value: WITHOUT_RETURN_URL });
    // A constant default of the server's own, which one request happened to send as its value: no leak.
    const constant = createChecks().find((k) => k.name === 'echo-return-url')!;
    expect(outcome(constant, none('b0001'), withUrl('https://example.com/back'), ctx)).toBe('pass');
    expect(
      outcome(constant, sending('b0002', 'https://example.com/back'), withUrl('https://example.com/back'), ctx),
    ).toBe('pass');
    expect(outcome(constant, none('b0003'), withUrl('https://example.com/back'), ctx)).toBe('pass');
    // A request struct kept between requests (Go's json.Decoder into a package-level value): the fill follows the sends.
    const check = createChecks().find((k) => k.name === 'echo-return-url')!;
    expect(outcome(check, none('b0001'), withUrl(undefined), ctx)).toBe('pass');
    expect(outcome(check, sending('b0002', 'https://app.example/x'), withUrl('https://app.example/x'), ctx)).toBe(
      'pass',
    );
    expect(judged(check, none('b0003'), withUrl('https://app.example/x'), ctx)).toEqual({
      expect: 'fail:echo-leaked',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 returnUrl is "https://app.example/x", the value an earlier request (b0002) sent, where this one sent no returnUrl: another request\'s data (state shared between requests, a mutable default?)',
      ],
    });
  });

  it("fills-are-own fails a member the server fills with another request's value, once that member has changed", () => {
    const ctx = { validators, mockTarget: false };
    const fresh = () => createChecks().find((k) => k.name === 'fills-are-own')!;
    const filled = (systemProperties: unknown) =>
      answer(201, { ...CREATED, data: { entity: { ...CREATED.data.entity, systemProperties } } });
    const sending = (id: string, properties: unknown, extra: Record<string, unknown> = {}) =>
      kase('valid', { id, value: { brand: 'Audi', type: 'EV', identifier: `VIN-${id}`, properties, ...extra } });
    const first = { room: 'garage', level: 2 };
    const second = { room: 'cellar', level: -1 };
    // oRPC blind probe: each answer's systemProperties the previous request's properties (a module-level variable).
    const check = fresh();
    expect(outcome(check, sending('b0001', first), filled(null), ctx)).toBe('pass');
    expect(outcome(check, sending('b0002', second), filled(first), ctx)).toBe('fail:echo-leaked');
    expect(judged(check, sending('b0003', { room: 'attic' }), filled(second), ctx)).toEqual({
      expect: 'fail:echo-leaked',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 data.entity.systemProperties is {"room":"cellar","level":-1}, a value an earlier request (b0002) sent, which this one did not: another request\'s data (state shared between requests, a module-level variable?)',
      ],
    });
    // A constant of the server's own that one request happened to send: it never changes, so it is never judged.
    const constant = fresh();
    expect(outcome(constant, sending('b0001', first), filled(first), ctx)).toBe('pass');
    expect(outcome(constant, sending('b0002', second), filled(first), ctx)).toBe('pass');
    // Its own properties copied: this request sent the value.
    const own = fresh();
    expect(outcome(own, sending('b0001', first), filled(first), ctx)).toBe('pass');
    expect(outcome(own, sending('b0002', second), filled(second), ctx)).toBe('pass');
    // What the server keeps of one entity (the same identifier) or one owner is that entity's or owner's, not a leak.
    const entity = fresh();
    expect(outcome(entity, sending('b0001', first, { identifier: 'VIN1' }), filled(null), ctx)).toBe('pass');
    expect(outcome(entity, sending('b0002', second, { identifier: 'vin1' }), filled(first), ctx)).toBe('pass');
    const owner = fresh();
    expect(outcome(owner, sending('b0001', first, { owner: UUID }), filled(null), ctx)).toBe('pass');
    expect(outcome(owner, sending('b0002', second, { owner: UUID.toUpperCase() }), filled(first), ctx)).toBe('pass');
    // A word of a vocabulary mapped onto another (an entity type as the model) is no request's data.
    const word = fresh();
    const model = (type: string) =>
      answer(201, {
        ...CREATED,
        data: { entity: { ...CREATED.data.entity, reference: { type } } },
      });
    expect(
      outcome(word, kase('valid', { id: 'b0001', value: { ...SENT, type: 'Inverter' } }), model('Inverter'), ctx),
    ).toBe('pass');
    expect(
      outcome(
        word,
        kase('valid', {
          id: 'b0002',
          value: { ...SENT, type: 'Battery', owner: null, collectiveId: null, identifier: 'VIN2' },
        }),
        model('Accumulator'),
        ctx,
      ),
    ).toBe('pass');
    expect(
      outcome(
        word,
        kase('valid', {
          id: 'b0003',
          value: { ...SENT, type: 'SolarPlant', owner: null, collectiveId: null, identifier: 'VIN3' },
        }),
        model('Inverter'),
        ctx,
      ),
    ).toBe('pass');
    // Next.js blind probe: a 400's errors kept at module level and carried into the next 201.
    const sticky = fresh();
    const refusal = [{ code: 'unrecognized_keys', message: 'Unrecognized key: "zz"' }];
    expect(outcome(sticky, kase('schema-violation', { id: 'b0001' }), answer(400, { errors: refusal }), ctx)).toBe(
      'pass',
    );
    expect(judged(sticky, sending('b0002', first), answer(201, { ...CREATED, errors: refusal }), ctx)).toEqual({
      expect: 'fail:echo-leaked',
      pin: [
        '/paths/~1v1~1onboarding~1entities/post/responses/201',
        '201 errors is [{"code":"unrecognized_keys","message":"Unrecognized key: \\"zz\\""}], what the server answered an earlier request (b0001): another request\'s outcome (state shared between requests, a list kept at module level?)',
      ],
    });
    // The echoes are the echo checks': properties answered with another request's value is not judged here.
    const echo = fresh();
    const echoed = (properties: unknown) =>
      answer(201, { ...CREATED, data: { entity: { ...CREATED.data.entity, properties } } });
    expect(outcome(echo, sending('b0001', first), echoed(null), ctx)).toBe('pass');
    expect(outcome(echo, sending('b0002', second), echoed(first), ctx)).toBe('pass');
  });

  it('auth-is-enforced fails a 401 that challenges another scheme where an earlier 401 challenged Bearer', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'auth-is-enforced')!;
    const basicChallenge = answer(401, '', { 'www-authenticate': 'Basic realm="api"' });
    const basic = kase('auth', { auth: 'basic' });
    // Flask-RESTful's stock 401 challenges Basic everywhere: advice until Bearer is seen to be the server's own.
    expect(outcome(check, basic, basicChallenge, ctx)).toBe('warn:non-bearer-challenge');
    for (let i = 0; i < 3; i++)
      expect(
        outcome(check, kase('auth', { auth: 'none' }), answer(401, '', { 'www-authenticate': 'Bearer' }), ctx),
      ).toBe('pass');
    // Pyramid blind probe: Basic credentials answered by a Basic branch.
    expect(judged(check, basic, basicChallenge, ctx)).toEqual({
      expect: 'fail:challenge-scheme-changed',
      pin: [
        '/components/securitySchemes/bearerAuth',
        '401 challenges another scheme than Bearer where other 401s challenged Bearer (RFC 6750 §3: a bearer-protected resource challenges with Bearer, RFC 9110 §11.6.1: a challenge applicable to the resource)',
      ],
    });
  });

  it('unique-id leaves the nil UUID to ids-are-assigned: an id never set is one bug, not two', () => {
    const unique = createChecks().find((k) => k.name === 'unique-id')!;
    const ctx = { validators, mockTarget: false };
    const nil = answer(201, { ...CREATED, id: '00000000-0000-0000-0000-000000000000' });
    expect(outcome(unique, kase('valid', { id: 'b1' }), nil, ctx)).toBe('pass');
    expect(outcome(unique, kase('valid', { id: 'b2' }), nil, ctx)).toBe('pass');
  });

  it('created-is-now fails a creation time to the millisecond that five answers had, 2 s of Date apart', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'created-is-now')!;
    const at = (date: string, created: string) =>
      answer(201, { ...CREATED, created }, { 'content-type': 'application/json', date });
    const frozen = '2026-12-04T10:00:00.345Z';
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:01 GMT', frozen), ctx)).toBe('pass');
    // One second of Date apart may be a millisecond of time: not yet.
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:02 GMT', frozen), ctx)).toBe('pass');
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:03 GMT', '2026-12-04T10:00:03Z'), ctx)).toBe(
      'pass',
    );
    // Requests in flight together created in one millisecond, one answered seconds later: not yet either.
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:03 GMT', frozen), ctx)).toBe('pass');
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:03 GMT', frozen), ctx)).toBe('pass');
    expect(judged(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:04 GMT', frozen), ctx).pin?.[1]).toBe(
      "201 created repeats an earlier answer's creation time: set once (a default evaluated at start?), not this request's",
    );
  });

  it.each([
    // [why, the run's timeout, created, the Dates of three answers, the outcomes]
    [
      'hundreds share a second; a slow handler answers up to the timeout later',
      undefined,
      '2026-12-04T10:00:04Z',
      ['05', '16', '17'],
      ['pass', 'pass', 'fail:created-not-now'],
    ],
    [
      'a run with a longer timeout waits longer',
      60_000,
      '2026-12-04T10:00:04Z',
      ['05', '40', '67'],
      ['pass', 'pass', 'fail:created-not-now'],
    ],
    [
      'a time to the minute (:00 seconds) is never judged so',
      undefined,
      '2026-12-04T10:00:00Z',
      ['05', '59', '71'],
      ['pass', 'pass', 'pass'],
    ],
  ] as const)(
    'created-is-now: a creation time in whole seconds set once (Perl’s time): %s',
    (_why, timeoutMs, created, seconds, outcomes) => {
      const ctx = { validators, mockTarget: false, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
      const check = createChecks().find((k) => k.name === 'created-is-now')!;
      // Seconds after 10:00:00 of the answer's Date.
      const at = (s: string) => {
        const date = new Date(Date.UTC(2026, 11, 4, 10, 0, Number(s))).toUTCString();
        return answer(201, { ...CREATED, created }, { 'content-type': 'application/json', date });
      };
      expect(seconds.map((s) => outcome(check, kase('valid'), at(s), ctx))).toEqual(outcomes);
    },
  );

  it.each([
    // [why, the run's timeout, created, Date (seconds after 10:00:00), outcome]
    ['within a request of its Date', undefined, '2026-12-04T10:00:00.500Z', 11, 'pass'],
    ['further before its Date than a request takes', undefined, '2026-12-04T10:00:00.500Z', 13, 'warn:created-drifted'],
    ['after its Date', undefined, '2026-12-04T10:00:20.500Z', 5, 'warn:created-drifted'],
    ['a longer timeout waits longer', 30_000, '2026-12-04T10:00:00.500Z', 31, 'pass'],
    ['a time to the minute may be a minute earlier', undefined, '2026-12-04T10:00:00Z', 71, 'pass'],
    ['and no more', undefined, '2026-12-04T10:00:00Z', 73, 'warn:created-drifted'],
  ] as const)(
    'created-is-now warns of a creation time a request cannot explain: %s',
    (_why, timeoutMs, created, s, due) => {
      const ctx = { validators, mockTarget: false, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
      const check = createChecks().find((k) => k.name === 'created-is-now')!;
      const date = new Date(Date.UTC(2026, 11, 4, 10, 0, s)).toUTCString();
      const res = answer(201, { ...CREATED, created }, { 'content-type': 'application/json', date });
      expect(outcome(check, kase('valid'), res, ctx)).toBe(due);
    },
  );

  it('created-is-now gives a time to the minute no minute once the server was seen writing seconds', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'created-is-now')!;
    const at = (s: number, created: string) =>
      answer(
        201,
        { ...CREATED, created },
        { 'content-type': 'application/json', date: new Date(Date.UTC(2026, 11, 4, 10, 0, s)).toUTCString() },
      );
    // Alone, a `:00` time 50 s before its Date may be a time to the minute.
    expect(outcome(check, kase('valid'), at(50, '2026-12-04T10:00:00Z'), ctx)).toBe('pass');
    expect(outcome(check, kase('valid'), at(51, '2026-12-04T10:00:50.250Z'), ctx)).toBe('pass');
    // After a time in seconds, the same is one type's times truncated to the minute (Deno blind probe).
    expect(outcome(check, kase('valid'), at(52, '2026-12-04T10:00:00Z'), ctx)).toBe('warn:created-drifted');
  });

  it('created-is-now fails one creation time to the millisecond in 50 answers over two seconds of Date', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'created-is-now')!;
    const at = (date: string, created: string) =>
      answer(201, { ...CREATED, created }, { 'content-type': 'application/json', date });
    const frozen = '2026-12-04T10:00:00.345Z';
    for (let i = 0; i < 49; i++)
      expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:00 GMT', frozen), ctx)).toBe('pass');
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:00 GMT', frozen), ctx)).toBe('pass');
    expect(outcome(check, kase('valid'), at('Fri, 04 Dec 2026 10:00:01 GMT', frozen), ctx)).toBe(
      'fail:created-not-now',
    );
    // Whole seconds written with a fraction (`.000`) may be shared by any number of answers.
    const seconds = createChecks().find((k) => k.name === 'created-is-now')!;
    for (let i = 0; i < 60; i++)
      expect(
        outcome(seconds, kase('valid'), at(`Fri, 04 Dec 2026 10:00:0${i % 2} GMT`, '2026-12-04T10:00:00.000Z'), ctx),
      ).toBe('pass');
  });

  /** A fresh created-is-now check, and 201s with a given creation time, all in one second of Date. */
  const createdInOneSecond = () => ({
    ctx: { validators, mockTarget: false },
    check: createChecks().find((k) => k.name === 'created-is-now')!,
    at: (created: string) =>
      answer(
        201,
        { ...CREATED, created },
        { 'content-type': 'application/json', date: 'Fri, 04 Dec 2026 10:00:00 GMT' },
      ),
  });

  it('created-is-now fails one creation time to the millisecond in 10 answers a tenth of a second apart by the suite clock', () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T10:00:00.300Z') });
    try {
      const { ctx, check, at } = createdInOneSecond();
      const frozen = '2026-12-04T10:00:00.145Z';
      // Within 0.1 s any number may share a clock's tick; one second of Date never came.
      for (let i = 0; i < 20; i++) {
        expect(outcome(check, kase('valid'), at(frozen), ctx)).toBe('pass');
        vi.advanceTimersByTime(4);
      }
      vi.advanceTimersByTime(30);
      expect(outcome(check, kase('valid'), at(frozen), ctx)).toBe('fail:created-not-now');
      // A server that writes the time it created each request: never.
      const fresh = createChecks().find((k) => k.name === 'created-is-now')!;
      for (let i = 0; i < 20; i++) {
        expect(
          outcome(fresh, kase('valid'), at(`2026-12-04T10:00:00.${String(300 + i * 30).padStart(3, '0')}Z`), ctx),
        ).toBe('pass');
        vi.advanceTimersByTime(30);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('created-is-now fails a creation time frozen later in the run, not only the first one', () => {
    vi.useFakeTimers({ now: new Date('2026-12-04T10:00:00.300Z') });
    try {
      const { ctx, check, at } = createdInOneSecond();
      // Twenty creation times of their own, then the twentieth's again and again, a tenth of a second on.
      for (let i = 0; i < 20; i++) {
        expect(outcome(check, kase('valid'), at(`2026-12-04T10:00:00.${String(100 + i).padStart(3, '0')}Z`), ctx)).toBe(
          'pass',
        );
        vi.advanceTimersByTime(4);
      }
      const frozen = '2026-12-04T10:00:00.119Z';
      const outcomes = Array.from({ length: 12 }, () => {
        vi.advanceTimersByTime(10);
        return outcome(check, kase('valid'), at(frozen), ctx);
      });
      expect(outcomes.slice(0, 9).every((o) => o === 'pass')).toBe(true);
      expect(outcomes.at(-1)).toBe('fail:created-not-now');
    } finally {
      vi.useRealTimers();
    }
  });

  it('ids-are-assigned fails one entity id for requests that name two entities', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    const named = (identifier: string) => kase('valid', { value: { ...SENT, identifier } });
    expect(outcome(check, named('VIN1'), answer(201, CREATED), ctx)).toBe('pass');
    expect(outcome(check, named('VIN1'), answer(201, CREATED), ctx)).toBe('pass');
    expect(judged(check, named('VIN2'), answer(201, CREATED), ctx).pin?.[1]).toBe(
      '201 data.entity.id is the id of the entity an earlier request named by another identifier: one id for two entities (a value set once?)',
    );
  });

  it('ids-are-assigned fails one entity id for requests of two types that name no entity', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    const { identifier: _identifier, ...unnamed } = SENT;
    const of = (type: string, identifier?: string | null) =>
      kase('valid', { value: identifier === undefined ? { ...unnamed, type } : { ...unnamed, type, identifier } });
    // A uuid5 of type and no identifier is one id per type: allowed, as one device keeps its id.
    expect(outcome(check, of('EV'), answer(201, CREATED), ctx)).toBe('pass');
    expect(outcome(check, of('EV', null), answer(201, CREATED), ctx)).toBe('pass');
    // A named request and an unnamed one are not compared (a server may have taken the entity for the named one).
    expect(outcome(check, of('Battery', 'VIN1'), answer(201, CREATED), ctx)).toBe('pass');
    // An empty identifier is a name a store may key on (Egg.js audit: a Map by identifier), not judged here.
    expect(outcome(check, of('Battery', ''), answer(201, CREATED), ctx)).toBe('pass');
    // Flask-RESTful and kin-openapi blind probes: an id cached for "no identifier" across types.
    expect(judged(check, of('Battery', null), answer(201, CREATED), ctx).pin?.[1]).toBe(
      '201 data.entity.id is the id of the entity an earlier request of another type gave, neither naming one by identifier: one id for two entities (an id kept for "no identifier"?)',
    );
  });

  it('ids-are-assigned compares an entity id with every earlier answer of it, not the first answer only', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    const named = (identifier: string) => kase('valid', { value: { ...SENT, identifier } });
    const withId = (id: string) =>
      answer(201, { ...CREATED, data: { ...CREATED.data, entity: { ...CREATED.data.entity, id } } });
    // An id hashed from brand and type (Erlang's phash2): the first entity's id is its own, later ones share one.
    expect(outcome(check, named('VIN1'), withId('11111111-1111-4111-8111-111111111111'), ctx)).toBe('pass');
    expect(outcome(check, named('dev-1'), withId('22222222-2222-4222-8222-222222222222'), ctx)).toBe('pass');
    expect(outcome(check, named('dev-2'), withId('22222222-2222-4222-8222-222222222222'), ctx)).toBe(
      'fail:entity-id-reused',
    );
  });

  it('ids-are-assigned fails one Location for two created requests whose ids differ', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    const n = (i: number) =>
      `${i}${i}${i}${i}${i}${i}${i}${i}-${i}${i}${i}${i}-4${i}${i}${i}-8${i}${i}${i}-${String(i).repeat(12)}`;
    // A Location built from the identifier sent (Ulfius, hapi and express-openapi-validator blind probes).
    const located = (id: number, entity: number, location: string) =>
      answer(
        201,
        { ...CREATED, id: n(id), data: { ...CREATED.data, entity: { ...CREATED.data.entity, id: n(entity) } } },
        { 'content-type': 'application/json', location },
      );
    const at = (id: string) => kase('valid', { id });
    expect(outcome(check, at('b1'), located(1, 2, '/v1/onboarding/entities/SN-1'), ctx)).toBe('pass');
    expect(outcome(check, at('b2'), located(3, 4, '/v1/onboarding/entities/SN-2'), ctx)).toBe('pass');
    // The same case sent again, and a request the server took for the same entity (its id in common): one resource.
    expect(outcome(check, at('b1'), located(5, 6, '/v1/onboarding/entities/SN-1'), ctx)).toBe('pass');
    expect(outcome(check, at('b3'), located(7, 2, '/v1/onboarding/entities/SN-1'), ctx)).toBe('pass');
    expect(outcome(check, at('b4'), located(8, 9, '/v1/onboarding/entities/SN-1'), ctx)).toBe(
      'fail:location-names-another',
    );
    // A Location that names its answer's id is its own.
    expect(outcome(check, at('b5'), located(1, 9, `/v1/onboarding/entities/${n(1)}`), ctx)).toBe('pass');
    // One naming the entity's id, which two requests naming one entity share (kin-openapi blind probe): the same
    // request answered again names one resource, another request created does not.
    expect(outcome(check, at('b6'), located(2, 6, `/v1/onboarding/entities/${n(6)}`), ctx)).toBe('pass');
    expect(outcome(check, at('b7'), located(2, 6, `/v1/onboarding/entities/${n(6)}`), ctx)).toBe('pass');
    expect(judged(check, at('b8'), located(3, 6, `/v1/onboarding/entities/${n(6)}`), ctx)).toEqual({
      expect: 'fail:location-names-another',
      pin: [
        'RFC 9110 §10.2.2',
        "201 Location is one an earlier 201 gave another created request (another id): one URI for two created requests (RFC 9110 §10.2.2: it refers to the resource created; an id the two share, the entity's?)",
      ],
    });
  });

  it('ids-are-assigned fails a Location shaped otherwise than three times as many of the run before it', () => {
    const ctx = { validators, mockTarget: false };
    const check = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    const n = (i: number) =>
      `${i}${i}${i}${i}${i}${i}${i}${i}-${i}${i}${i}${i}-4${i}${i}${i}-8${i}${i}${i}-${String(i).repeat(12)}`;
    const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
    const located = (id: number, location: (id: string) => string, collectiveId: string | null = null) =>
      answer(
        201,
        {
          ...CREATED,
          id: n(id),
          data: { ...CREATED.data, entity: { ...CREATED.data.entity, id: n(id + 1), collectiveId } },
        },
        { 'content-type': 'application/json', location: location(n(id)) },
      );
    const own = (id: string) => `/v1/onboarding/entities/${id}`;
    const nested = (id: string) => `/v1/collectives/${C}/entities/${id}`;
    // A collective's path first: nothing to compare with yet, so it passes, and so do the next three of the other shape.
    expect(outcome(check, kase('valid', { id: 'l1' }), located(1, nested, C), ctx)).toBe('pass');
    for (const i of [2, 3, 4])
      expect(outcome(check, kase('valid', { id: `l${i}` }), located(i, own), ctx)).toBe('pass');
    // Four of one shape against one of the other: the rarer one fails, naming the member its uuid is.
    expect(judged(check, kase('valid', { id: 'l6' }), located(6, own), ctx)).toMatchObject({ expect: 'pass' });
    expect(judged(check, kase('valid', { id: 'l7' }), located(7, nested, C), ctx)).toEqual({
      expect: 'fail:location-names-another',
      pin: [
        'RFC 9110 §10.2.2',
        `201 Location is shaped /v1/collectives/{data.entity.collectiveId}/entities/{id} (${nested(n(7))}), where 4 earlier 201s of the run gave /v1/onboarding/entities/{id}: this request's Location names another resource than the others' (RFC 9110 §10.2.2: it refers to the resource created; a branch that builds it from other members?)`,
      ],
    });
    // Slugs (a shape per answer) never make a precedent; a relative Location is read against the target.
    const slugs = createChecks().find((k) => k.name === 'ids-are-assigned')!;
    for (const i of [1, 2, 3, 4, 5])
      expect(
        outcome(
          slugs,
          kase('valid', { id: `s${i}` }),
          located(i, () => `/v1/onboarding/entities/dev-${i}`),
          ctx,
        ),
      ).toBe('pass');
  });

  it('method-is-not-allowed fails an Allow that lists a method an earlier answer of the run refused', () => {
    const ctx = { validators, mockTarget: false };
    const allow = (value: string) => ({ 'content-type': 'application/json', allow: value });
    const options = kase('method', { method: 'OPTIONS', accept: [405, 200, 204] });
    const get = kase('method', { method: 'GET' });
    const del = kase('method', { method: 'DELETE' });
    const fresh = () => createChecks().find((k) => k.name === 'method-is-not-allowed')!;
    // The refusal first: the OPTIONS answer that lists GET fails.
    let check = fresh();
    expect(outcome(check, get, answer(405, '', allow('POST')), ctx)).toBe('pass');
    expect(judged(check, options, answer(204, '', allow('GET, POST, OPTIONS')), ctx)).toEqual({
      expect: 'fail:wrong-allow-header',
      pin: [
        '/paths/~1v1~1onboarding~1entities',
        '204 to OPTIONS has Allow: GET, POST, OPTIONS, which lists methods the server refuses with 405 or 501 (RFC 9110 §10.2.1)',
      ],
    });
    // The Allow first: nothing to contradict yet, and a refusal after it is not the header's answer.
    check = fresh();
    expect(outcome(check, options, answer(204, '', allow('DELETE, POST')), ctx)).toBe('pass');
    expect(outcome(check, del, answer(405, '', allow('POST')), ctx)).toBe('pass');
  });
});
