// FastAPI + pydantic 1 on uvicorn (Debian's packages): another runtime, Python's JSON reader and pydantic's
// coercions. Each departure of the default configuration is first shown by a direct request; then the suite's
// verdict is asserted: every departure it sends is reported by the checks named, nothing else is, and the strict
// configuration conforms. Debian's python3-fastapi and python3-uvicorn are installed when missing.
import { AUTH, describeStack, entity, nested, type Departure } from './departures.ts';
import { ensureFastapi, startFastapi } from './fastapi.ts';

/** An install from Debian's mirrors on a fresh machine takes a minute or two. */
const INSTALL_MS = 300_000;

const FASTAPI_DEPARTURES: readonly Departure[] = [
  {
    what: "RequestValidationError's default answer: 422 to every invalid or malformed body, not the documented 400",
    probe: { body: entity({ type: 'Car' }) },
    departs: { status: 422 },
    strict: 400,
    caughtBy: {
      checks: ['invalid-is-rejected', 'status-is-allowed'],
      // An anonymous body that is not JSON too: the body is decoded before the credentials are checked.
      labels: /^(invalid|malformed|empty-body|preflight\/invalid-body|auth\/none-malformed-body)/,
      received: 422,
      sent: true,
    },
  },
  {
    what: 'an undeclared media type is validated as bytes: 422, not 415',
    probe: { headers: { authorization: AUTH, 'content-type': 'text/plain' }, body: entity() },
    departs: { status: 422 },
    strict: 415,
    caughtBy: {
      checks: ['media-type-is-enforced', 'status-is-allowed'],
      labels: /^media\//,
      received: 422,
      sent: true,
    },
  },
  {
    what: 'the declared text/json is refused (422): FastAPI reads JSON for application/json and +json only',
    probe: { headers: { authorization: AUTH, 'content-type': 'text/json' }, body: entity() },
    departs: { status: 422 },
    strict: 201,
    caughtBy: { checks: ['valid-is-created', 'status-is-allowed'], labels: /text-json/, received: 422, sent: true },
  },
  {
    what: 'pydantic ignores an unknown member and creates the rest',
    probe: { body: entity({ colour: 'red' }) },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/additionalProperties/, received: 201, sent: true },
  },
  {
    what: "pydantic 1's str takes a number or a boolean and makes it a string",
    probe: { body: entity({ brand: 5 }) },
    departs: { status: 201 },
    strict: 400,
    caughtBy: {
      checks: ['invalid-is-rejected'],
      labels: /^invalid\/type\/\w+\/(number|boolean)$/,
      received: 201,
      sent: true,
    },
  },
  {
    what: "Python's json reads NaN and Infinity; str() makes them 'nan' and 'inf'",
    probe: { body: '{"type":"EV","brand":NaN}' },
    departs: { status: 201 },
    strict: 400,
    caughtBy: {
      checks: ['invalid-is-rejected'],
      labels: /^malformed\/(large\/)?(nan|infinity|negative-infinity)(\/\w+)?$/,
      received: 201,
      sent: true,
    },
  },
  {
    what: 'uuid.UUID reads what format: uuid refuses (no hyphens, braces, hyphens elsewhere)',
    probe: { body: entity({ owner: '12345678123442348234123456789012' }) },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/format\//, received: 201, sent: true },
  },
  {
    what: '`brand: Optional[str]` without a default is optional in pydantic 1: a body without brand is created',
    probe: { body: '{"type":"EV"}' },
    departs: { status: 201 },
    strict: 400,
    caughtBy: {
      checks: ['invalid-is-rejected'],
      labels:
        /^invalid\/required\/brand(\/in-query|\/accept-any|\/accept-browser|\/accept-html|\/accept-problem-json|\/xhr|\/type-[A-Za-z]+|\/beside-nulls)?$/,
      received: 201,
      sent: true,
    },
  },
  {
    what: "NaN or Infinity inside properties is read, then Starlette's JSONResponse (allow_nan=False) fails: 500",
    probe: { body: '{"type":"EV","brand":"Tesla","properties":{"n":NaN}}' },
    departs: { status: 500 },
    strict: 400,
    caughtBy: {
      checks: ['not-a-server-error', 'status-is-allowed', 'invalid-is-rejected'],
      labels: /^malformed\/([a-z-]+\/properties|as\/[a-z-]+\/nan$)/,
      received: 500,
      sent: true,
    },
  },
  {
    what: 'a body Starlette cannot read as JSON text (a content coding, bytes that are not UTF-8) gets its own 400 {detail}, not a ConnectApiErrorResult, with credentials or without (the body is read before the credentials dependency runs)',
    probe: { body: Buffer.from([...Buffer.from('{"type":"EV","brand":"'), 0xc3, 0x28, ...Buffer.from('"}')]) },
    departs: { status: 400 },
    strict: 400,
    caughtBy: {
      checks: ['response-schema-conformance'],
      labels:
        /^(valid\/encoding\/(gzip|x-gzip|deflate|br)|auth\/(none|wrong)\/gzip|malformed\/invalid-utf8(-as)?\/.*)$/,
      received: 400,
      sent: true,
    },
  },
  {
    what: 'UTF-8 bytes of a surrogate (ED A0 80) are read as one, then the answer cannot be encoded as UTF-8: 500',
    probe: { body: Buffer.from([...Buffer.from('{"type":"EV","brand":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]) },
    departs: { status: 500 },
    strict: 201, // decoded leniently by the strict configuration too: the class is advisory
    caughtBy: {
      checks: ['not-a-server-error', 'status-is-allowed'],
      labels: /^malformed\/invalid-utf8\/surrogate\//,
      received: 500,
      sent: true,
    },
  },
  {
    what: 'a lone surrogate is read, then the answer cannot be encoded as UTF-8: 500',
    probe: { body: '{"type":"EV","brand":"\\ud800"}' },
    departs: { status: 500 },
    strict: 201,
    caughtBy: {
      checks: ['not-a-server-error', 'status-is-allowed'],
      labels: /^valid\/surrogate\//,
      received: 500,
      sent: true,
    },
  },
  {
    what: '1e400 inside properties is read as inf, which the answer cannot carry: 500',
    probe: { body: '{"type":"EV","brand":"Tesla","properties":{"n":1e400}}' },
    departs: { status: 500 },
    strict: 400,
    caughtBy: {
      checks: ['not-a-server-error', 'status-is-allowed'],
      labels: /^valid\/.*(number|exponent|1e400)/,
      received: 500,
      sent: true,
    },
  },
  {
    what: "a 5,000-digit integer, or properties (or a string member) nested 1,000 levels, overflow Python's json reader: 400 in FastAPI's own body",
    probe: { body: nested(1000) },
    departs: { status: 400 },
    strict: 400,
    caughtBy: {
      checks: ['response-schema-conformance'],
      labels: /^(valid\/(number\/beyond-double\/5000|depth\/1000)|invalid\/type\/[^/]+\/nested-\d+$)/,
      received: 400,
      sent: true,
    },
  },
  {
    what: 'properties nested 500 (or 510) levels: jsonable_encoder runs out of recursion, 500',
    probe: { body: nested(500) },
    departs: { status: 500 },
    strict: 400,
    caughtBy: {
      checks: ['not-a-server-error', 'status-is-allowed'],
      labels: /^valid\/depth\/(500|510)\//,
      received: 500,
      sent: true,
    },
  },
  {
    what: 'two spaces after Bearer (RFC 9110 §11.4: 1*SP) leave a space in the token: 401',
    probe: {
      headers: { authorization: `Bearer  ${AUTH.slice('Bearer '.length)}`, 'content-type': 'application/json' },
      body: entity(),
    },
    departs: { status: 401 },
    strict: 201,
    caughtBy: { checks: ['valid-is-created'], labels: /^valid\/auth\/two-spaces$/, sent: true },
  },
  {
    what: 'pydantic 1 makes the object of a list of [name, value] pairs (dict()): a JSON array is created',
    probe: { body: '[["type","EV"],["brand","Tesla"]]' },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/type\/root\/pairs$/, received: 201, sent: true },
  },
  {
    what: 'a top-level __proto__ member is ignored like any unknown member',
    probe: { body: '{"type":"EV","brand":"Tesla","__proto__":{"admin":true}}' },
    departs: { status: 201 },
    strict: 400,
    caughtBy: { checks: ['invalid-is-rejected'], labels: /^invalid\/.*proto/, sent: true },
  },
];

describeStack({
  title: 'FastAPI 0.92 + pydantic 1.10 on uvicorn (Debian bookworm)',
  start: startFastapi,
  departures: FASTAPI_DEPARTURES,
  strictAdds: 'strict types, 400s, declared media types, RFC 8259 numbers',
  prepare: { run: ensureFastapi, timeoutMs: INSTALL_MS },
});
