// Hono 4 + zod 4 (@hono/zod-validator): schema as code, zod's own uuid pattern, Web-standard Request.json(). Each
// departure of the default configuration is first shown by a direct request; then the suite's verdict is asserted:
// every departure it sends is reported by the checks named, nothing else is, and the strict configuration conforms.
import { gzipSync } from 'node:zlib';
import { AUTH, JSON_HEADERS, describeStack, entity, nested, type Departure } from './departures.ts';
import { startHono } from './hono.ts';

const ERROR_BODY = ['content-type-conformance', 'response-schema-conformance'];

/** Hono 4 + zod 4 as its docs set it up, against the contract. */
const HONO_DEPARTURES: readonly Departure[] = [
  {
    what: 'z.object strips an unknown member and creates the rest',
    probe: { body: entity({ colour: 'red' }) },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/additionalProperties/, sent: true },
  },
  {
    what: 'a top-level __proto__ member is one more unknown member, stripped',
    probe: { body: '{"type":"EV","brand":"Tesla","__proto__":{"admin":true}}' },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/.*proto/, sent: true },
  },
  {
    what: "the declared text/json is refused: Hono's json validator reads application/json and +json only",
    probe: { headers: { authorization: AUTH, 'content-type': 'text/json' }, body: entity() },
    departs: { status: 400 },
    strict: 201,
    caughtBy: { checks: ['valid-is-created'], labels: /text-json/, sent: true },
  },
  {
    what: 'z.uuid() is RFC 9562: a uuid whose version digit is 0 (format: uuid admits it) is refused',
    probe: { body: entity({ owner: '12345678-1234-0234-8234-123456789012' }) },
    departs: { status: 400 },
    strict: 201,
    caughtBy: { checks: ['valid-is-created'], labels: /^valid\/(format|random)\//, sent: true },
  },
  {
    what: 'z.uuid() is RFC 9562: a variant other than 10xx is refused',
    probe: { body: entity({ collectiveId: '12345678-1234-4234-c234-123456789012' }) },
    departs: { status: 400 },
    strict: 201,
    caughtBy: { checks: ['valid-is-created'], labels: /^valid\/(format|random)\//, sent: true },
  },
  {
    what: 'malformed JSON gets the HTTPException as is: 400 text/plain, not a ConnectApiErrorResult',
    probe: { body: '{"type":"EV",' },
    departs: { status: 400, contentType: /^text\/plain/ },
    strict: 400,
    caughtBy: { checks: ERROR_BODY, labels: /^(malformed|empty-body)/, sent: true },
  },
  {
    // The 400 itself is advice to Basic credentials (a Bearer challenge with invalid_request keeps RFC 6750 §3's MUST,
    // the warning invalid-request-to-another-scheme) and accepted to the token under another scheme; its body is not.
    what: 'bearerAuth answers another scheme, or none, 400 invalid_request in text/plain, not a ConnectApiErrorResult (RFC 6750 §3.1: 401 and a challenge with no error code)',
    probe: { headers: { authorization: 'Basic Zm9vOmJhcg==', 'content-type': 'application/json' }, body: entity() },
    departs: { status: 400, contentType: /^text\/plain/ },
    strict: 401,
    caughtBy: {
      checks: ERROR_BODY,
      labels: /^auth\/(basic|valid-token-scheme\/.+)$/,
      sent: true,
    },
  },
  {
    // 400 itself is RFC 6750 §3.1's answer to a malformed credential (the class accepts it); its body is not.
    what: 'bearerAuth answers a malformed Bearer credential (no token, the scheme alone, the token with no space or a tab after it, words after the token, the token quoted or with parameters or followed by bytes beyond ASCII, two lines, two credentials on one line) 400 invalid_request in text/plain, not a ConnectApiErrorResult',
    probe: { headers: { authorization: 'Bearer ', 'content-type': 'application/json' }, body: entity() },
    departs: { status: 400, contentType: /^text\/plain/ },
    strict: 401,
    caughtBy: {
      checks: ERROR_BODY,
      labels:
        /^auth\/(empty-bearer|scheme-only|no-space|tab|words-after-token|quoted-token|token-parameter|parameter-after-token|non-ascii-after-token|joined-after-wrong|two-authorization.*)$/,
      sent: true,
    },
  },
  {
    what: 'a method the app has no route for gets 404, not 405 with Allow',
    probe: { method: 'PUT', body: entity() },
    departs: { status: 404 },
    strict: 405,
    caughtBy: { checks: ['method-is-not-allowed', 'status-is-allowed'], labels: /^method\//, sent: true },
  },
  {
    what: 'properties nested 10,000 levels: JSON.stringify overflows the stack, 500',
    probe: { body: nested(10_000) },
    departs: { status: 500 },
    strict: 400,
    caughtBy: { checks: ['not-a-server-error', 'status-is-allowed'], labels: /depth|nest/, sent: true },
  },
  {
    what: 'a gzip-coded body is parsed as it is: 400 text/plain where 415 is due (RFC 9110 §8.4.1)',
    probe: {
      headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
      body: gzipSync(entity()),
    },
    departs: { status: 400, contentType: /^text\/plain/ },
    strict: 415,
    caughtBy: { checks: ERROR_BODY, labels: /^valid\/encoding\/(gzip|x-gzip|deflate|br)$/, sent: true },
  },
];

describeStack({
  title: 'Hono 4 + zod 4 (@hono/zod-validator)',
  start: startHono,
  departures: HONO_DEPARTURES,
  strictAdds: 'strictObject, the declared media types, 401s, 405',
});
