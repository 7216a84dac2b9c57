// Tests of the reference provider over real HTTP: the verdict table, then every
// variation (must stay conformant) and every seeded fault (must be observable
// with one witness request), judged by a small independent oracle built on the
// spec's own schemas (ajv here only; the provider itself uses no schema library).

import { createChecks } from '../../src/checks/index.ts';
import { challengeParses } from '../../src/checks/auth-is-enforced.ts';
import { sendRaw } from '../../src/runner/raw.ts';
import { fillOrigin, WIRE_ORIGIN } from '../../src/wire.ts';
import { gzipSync } from 'node:zlib';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import AjvModule from 'ajv';
import fc from 'fast-check';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAULTS } from './faults.ts';
import { writeJson } from './json.ts';
import { startProvider, type RunningProvider } from './server.ts';
import { RATE_LIMIT_PER_SECOND, VARIATIONS } from './variations.ts';

// ---- oracle ---------------------------------------------------------------------------

const TOKEN = 'test-token';
const ENDPOINT = '/connect/v1/onboarding/entities';
const UUID = '8d2c3b4a-5e6f-4a1b-9c8d-7e6f5a4b3c2d';
const UUID2 = '0f1e2d3c-4b5a-4968-8776-655443322110';

/** OpenAPI 3.0 `nullable` without `type` means "anything"; ajv refuses it, so drop it. */
function dropUntypedNullable(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.nullable === true && record.type === undefined) delete record.nullable;
  for (const value of Object.values(record)) dropUntypedNullable(value);
}

const spec = parse(readFileSync(new URL('../../spec/openapi.yaml', import.meta.url), 'utf8')) as {
  components: unknown;
};
dropUntypedNullable(spec.components);
const ajv = new AjvModule.default({ strict: false, allErrors: true });
addFormatsModule.default(ajv);
// RFC 3339's date-time production, written here apart from the suite's: "T" between date and time, an offset.
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/);
ajv.addSchema({ $id: 'spec.json', components: spec.components });
const schema = (name: string) => ajv.compile({ $ref: `spec.json#/components/schemas/${name}` });
const validCreated = schema('Connect.Service.Onboarding.App.Models.V1.OnboardingRequest');
const validError = schema('Connect.Errors.Results.ConnectApiErrorResult');
const validRequest = schema('Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest');

interface Call {
  method?: string;
  path?: string;
  /** null: no Authorization header. */
  auth?: string | null;
  /** null: no Content-Type header. */
  contentType?: string | null;
  /** A JSON value to send (stringified), unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  /** Written byte by byte (the suite's raw sender): more header lines after these, in order. */
  fields?: readonly (readonly [string, string])[];
  /** Written byte by byte, chunked. */
  chunked?: true;
  /** The chunk sizes of a chunked body, in order (the rest in one last chunk). */
  chunks?: readonly number[];
  /** Written byte by byte: the body's bytes made from the serialized body (a content coding, a byte-order mark). */
  bytes?: (body: Buffer) => Buffer;
  /** Written byte by byte as HTTP/1.0, with or without Host. */
  http10?: 'with-host' | 'no-host';
  /** Written byte by byte with no framing field of the sender's (the body's framing is in `fields` and `raw`). */
  unframed?: true;
  /** Written byte by byte, and read on after the answer until the server closes the connection. */
  awaitClose?: true;
  /**
   * Written byte by byte on a connection kept open, then a valid body without credentials sent next on it (`true`), or
   * an empty body with the credentials (`'empty'`).
   */
  next?: true | 'empty';
  /** Written byte by byte, an empty line after the body in the same write (RFC 9112 §2.2). */
  crlfAfterBody?: true;
  /** Written byte by byte, the request target in absolute form (RFC 9112 §3.2.2). */
  absoluteTarget?: true;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** With `awaitClose`: whether the server closed the connection, and the bytes it sent past the answer's end. */
  after?: { closed: boolean; surplusBytes?: number };
  /** With `next`: the status the message sent next got, when it got one. */
  next?: { status?: number; timedOut?: true };
}

// Generous: a 100,000-deep body on a loaded 2-core machine takes seconds; hang faults pass their own short timeout.
async function send(url: string, c: Call, timeoutMs = 10_000): Promise<Answer> {
  const method = c.method ?? 'POST';
  const headers: Record<string, string> = {};
  const auth = c.auth === undefined ? `Bearer ${TOKEN}` : c.auth;
  if (auth !== null) headers.Authorization = auth;
  const contentType = c.contentType === undefined ? 'application/json' : c.contentType;
  if (contentType !== null) headers['Content-Type'] = contentType;
  const raw = c.raw ?? (c.body === undefined ? undefined : writeJson(c.body));
  if (
    c.fields !== undefined ||
    c.chunked === true ||
    c.bytes !== undefined ||
    c.http10 !== undefined ||
    c.unframed === true ||
    c.awaitClose === true ||
    c.next !== undefined ||
    c.crlfAfterBody === true ||
    c.absoluteTarget === true
  ) {
    // Repeated lines, chunked framing and encoded bytes are beyond fetch: written as the suite's raw sender writes them.
    const bytes = raw === undefined ? undefined : Buffer.from(raw);
    const ex = await sendRaw(
      {
        method,
        url: `${new URL(url).origin}${c.path ?? ENDPOINT}`,
        message: {
          framing: c.chunked === true ? 'chunked' : c.unframed === true ? 'none' : 'length',
          ...(c.chunks === undefined ? {} : { chunks: c.chunks }),
          ...(c.http10 === undefined ? {} : { version: '1.0' as const }),
          ...(c.http10 === 'no-host' ? { noHost: true as const } : {}),
          ...(c.awaitClose === true ? { awaitClose: true as const } : {}),
          ...(c.absoluteTarget === true ? { absoluteTarget: true as const } : {}),
          ...(c.crlfAfterBody === true ? { afterBody: '\r\n' as const } : {}),
          ...(c.next === true
            ? {
                next: {
                  headers: [['Content-Type', 'application/json']] as const,
                  bodyBase64: Buffer.from(writeJson(ok)).toString('base64'),
                },
              }
            : {}),
          ...(c.next === 'empty'
            ? {
                next: {
                  headers: [
                    ['Content-Type', 'application/json'],
                    ['Authorization', `Bearer ${TOKEN}`],
                  ] as const,
                  bodyBase64: '',
                },
              }
            : {}),
          headers: [
            ...Object.entries(headers),
            ...(c.fields ?? []).map(([k, v]): [string, string] => [k, fillOrigin(v, url)]),
          ],
          body: bytes === undefined || c.bytes === undefined ? bytes : c.bytes(bytes),
        },
      },
      { method, url, headers: {}, body: undefined },
      { timeoutMs, maxBodyBytes: 1 << 20, insecure: false },
    );
    if (!ex.response) throw new Error(ex.error?.message ?? 'no answer');
    // A body that does not decode as its Content-Encoding says is no text a client reads.
    const text = ex.response.undecodable ? '(undecodable)' : ex.response.body;
    const after = ex.response.afterAnswer;
    const next = ex.response.next;
    return {
      status: ex.response.status,
      headers: new Headers(ex.response.headers),
      text,
      ...(after ? { after } : {}),
      ...(next ? { next } : {}),
    };
  }
  // A Buffer body makes fetch add no Content-Type of its own.
  const body = method === 'GET' || method === 'HEAD' || raw === undefined ? undefined : Buffer.from(raw);
  const res = await fetch(`${new URL(url).origin}${c.path ?? ENDPOINT}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Sends, retrying (immediately) a 429 that carries Retry-After. */
async function sendRetrying(url: string, c: Call, timeoutMs?: number): Promise<Answer> {
  for (let attempt = 0; ; attempt += 1) {
    const answer = await send(url, c, timeoutMs);
    if (answer.status !== 429 || attempt === 3) return answer;
    expect(answer.headers.get('retry-after')).toBe('1');
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** isDeepStrictEqual recurses; values nested too deep for it are compared as (key-order preserving) JSON text. */
function deepEqual(a: unknown, b: unknown): boolean {
  try {
    return isDeepStrictEqual(a, b);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return writeJson(a) === writeJson(b);
  }
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** Echoed values must equal what was sent, or be null/absent. */
function echoProblems(sent: Obj, body: Obj): string[] {
  const problems: string[] = [];
  // null for a value sent contradicts it (an echo).
  const same = (what: string, got: unknown, want: unknown): void => {
    if (got === undefined || (got === null && (want === undefined || want === null))) return;
    if (!deepEqual(got, want ?? null)) problems.push(`${what}: ${JSON.stringify(got)?.slice(0, 80)}`);
  };
  if (body.requestType !== undefined && body.requestType !== 'Entity')
    problems.push(`requestType ${String(body.requestType)}`);
  same('returnUrl', body.returnUrl, sent.returnUrl);
  const entity = obj(obj(body.data).entity);
  if (entity.type !== undefined && entity.type !== sent.type) problems.push(`entity.type ${String(entity.type)}`);
  // One uuid in either letter case (RFC 9562 §4).
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  same('collectiveId', lower(entity.collectiveId), lower(sent.collectiveId));
  if (sent.owner !== undefined && sent.owner !== null) same('owner', lower(entity.owner), lower(sent.owner));
  // None or null sent, an empty container back: a default filled in, advice at most.
  const filled = (sent.properties ?? null) === null && JSON.stringify(entity.properties)?.match(/^(\{\}|\[\])$/);
  if (!filled) same('properties', entity.properties, sent.properties);
  const information = obj(entity.information);
  if (information.type !== undefined && information.type !== sent.type)
    problems.push(`information.type ${String(information.type)}`);
  for (const f of ['brand', 'identifier', 'pairingCode', 'associatedEmail', 'name', 'track'])
    same(`information.${f}`, information[f], sent[f]);
  // reference.* may name the entity as the OEM knows it: a brand other than the one sent there is advice only.
  return problems;
}

/** What a (tiny) conformance suite would complain about. `expected` lists acceptable statuses. */
function problemsWith(answer: Answer, expected: readonly number[], sent: unknown): string[] {
  if (!expected.includes(answer.status)) return [`status ${answer.status}, expected ${expected.join('|')}`];
  const problems: string[] = [];
  const contentType = answer.headers.get('content-type') ?? '';
  const json = parseJson(answer.text);
  if (answer.status === 201 || answer.status === 400) {
    if (!/^application\/json\s*(;|$)/i.test(contentType)) problems.push(`content-type ${contentType}`);
    // Headers joins repeated lines with ", ": no media type the reference writes has a comma.
    if (contentType.includes(',')) problems.push(`content-type on two lines: ${contentType}`);
    if (!json.ok) return [...problems, 'body is not JSON'];
    const validate = answer.status === 201 ? validCreated : validError;
    if (!validate(json.value)) problems.push(`schema: ${ajv.errorsText(validate.errors)}`);
    if (answer.status === 201) problems.push(...echoProblems(obj(sent), obj(json.value)));
    const entityId = answer.status === 201 ? obj(obj(obj(json.value).data).entity).id : undefined;
    if (typeof entityId === 'string' && /^0{8}-(0{4}-){3}0{12}$/.test(entityId)) problems.push('nil entity id');
    // RFC 9110 §10.2.2: a 201's Location refers to the resource created, never to an id that was not filled in.
    const location = answer.status === 201 ? (answer.headers.get('location') ?? '') : '';
    if (/\/(?:undefined|null)(?:$|[/?#])/.test(location) || /\/entities\/?$/.test(location))
      problems.push(`Location ${location}`);
    // …under the collection the request went to, as every request's is (no branch names another resource).
    if (location !== '' && !/(?:^|\/onboarding\/)entities\/[^/?#]+\/?(?:[?#].*)?$/.test(location))
      problems.push(`Location ${location} is not under the collection`);
    // …and names it by one of the ids the answer gives.
    const named = location.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=[^0-9a-f]*$)/i)?.[0];
    if (named !== undefined && !answer.text.toLowerCase().includes(named.toLowerCase()))
      problems.push(`Location ${location} names none of the answer's ids`);
    const created = answer.status === 201 ? obj(json.value).created : undefined;
    const date = Date.parse(answer.headers.get('date') ?? '');
    // RFC 9110 §5.6.7: a sender writes Date as an IMF-fixdate.
    const dateField = answer.headers.get('date');
    if (dateField !== null && !/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(dateField))
      problems.push(`Date ${dateField}`);
    if (typeof created === 'string' && Math.abs(Date.parse(created) - date) > 5 * 60_000)
      problems.push(`created ${created} is not the Date ${answer.headers.get('date')}`);
  }
  if (answer.status === 401 && !/^bearer\b/i.test(answer.headers.get('www-authenticate') ?? ''))
    problems.push('no WWW-Authenticate: Bearer');
  else if (answer.status === 401 && !challengeParses(answer.headers.get('www-authenticate') ?? ''))
    problems.push('WWW-Authenticate does not parse');
  if (answer.status === 405 && !/\bPOST\b/.test(answer.headers.get('allow') ?? '')) problems.push('no Allow: POST');
  // RFC 9110 §10.2.1: Allow lists the methods supported, so never one that was just refused (every witness sends POST
  // but the method ones).
  if (answer.status === 405 && /\b(GET|PUT|PATCH|DELETE)\b/.test(answer.headers.get('allow') ?? ''))
    problems.push('Allow lists a refused method');
  // RFC 9110 §8.3: a body under a JSON media type is JSON, whatever the status.
  if (/^application\/(?:[\w.-]+\+)?json\s*(;|$)/i.test(contentType) && answer.text.trim() !== '' && !json.ok)
    problems.push('labelled JSON, not JSON');
  return problems;
}

// ---- the verdict table -----------------------------------------------------------------

const ok = { brand: 'Tesla', type: 'EV' };
const everything = {
  collectiveId: UUID,
  pairingCode: 'PAIR-1234',
  associatedEmail: 'someone@example.com',
  brand: 'Tesla',
  name: 'My car',
  owner: UUID2,
  properties: { vin: 'X', nested: { list: [1, 2.5, true, null, 'x'] } },
  identifier: 'VIN123',
  returnUrl: 'https://app.example.com/done',
  track: 'beta',
  type: 'ChargePoint',
};
const allNull = Object.fromEntries(Object.keys(everything).map((k) => [k, k === 'type' ? 'Meter' : null]));
const deep = {
  brand: 'b',
  type: 'EV',
  properties: JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown,
};

type Row = readonly [label: string, call: Call, status: number];

const TABLE: readonly Row[] = [
  // 201
  ['minimal', { body: ok }, 201],
  ['brand null', { body: { brand: null, type: 'EV' } }, 201],
  ...['Battery', 'ChargePoint', 'EV', 'HeatPump', 'SolarPlant', 'RetrofitMeter', 'Meter', 'Inverter'].map(
    (type): Row => [`type ${type}`, { body: { brand: 'b', type } }, 201],
  ),
  ['every field', { body: everything }, 201],
  ['every optional field null', { body: allNull }, 201],
  [
    'empty strings',
    {
      body: {
        type: 'EV',
        ...Object.fromEntries(
          ['pairingCode', 'associatedEmail', 'brand', 'name', 'identifier', 'returnUrl', 'track'].map((k) => [k, '']),
        ),
      },
    },
    201,
  ],
  ['65,536-char brand', { body: { brand: 'x'.repeat(65_536), type: 'EV' } }, 201],
  ['unicode', { body: { brand: 'Ünïcødé 😀 𝄞 中文', name: '👩‍👩‍👧', type: 'EV' } }, 201],
  ['control chars and lone surrogate', { raw: '{"brand":"a\\u0000\\n\\t\\u001f\\ud800","type":"EV"}' }, 201],
  ['upper-case uuids', { body: { ...ok, owner: UUID.toUpperCase(), collectiveId: UUID2.toUpperCase() } }, 201],
  ['urn:uuid: form', { body: { ...ok, owner: `urn:uuid:${UUID}` } }, 201],
  ...[[1, 2], 'text', 42, true, null, {}, []].map((properties): Row => [
    `properties ${JSON.stringify(properties)}`,
    { body: { ...ok, properties } },
    201,
  ]),
  ['properties with __proto__ key', { raw: '{"brand":"b","type":"EV","properties":{"__proto__":{"x":1}}}' }, 201],
  ['properties nested 100,000 deep', { body: deep }, 201],
  ['charset parameter', { body: ok, contentType: 'application/json; charset=utf-8' }, 201],
  ['text/json', { body: ok, contentType: 'text/json' }, 201],
  ['application/vnd.api+json', { body: ok, contentType: 'application/vnd.api+json' }, 201],
  ['upper-case media type', { body: ok, contentType: 'Application/JSON' }, 201],
  ['lower-case scheme', { body: ok, auth: `bearer ${TOKEN}` }, 201],
  ['query string ignored', { body: ok, path: `${ENDPOINT}?x=1` }, 201],
  // 400
  ['empty body', { raw: '' }, 400],
  ['whitespace body', { raw: '  \n' }, 400],
  ['malformed JSON', { raw: '{"brand":' }, 400],
  ['trailing garbage', { raw: '{"brand":"b","type":"EV"}x' }, 400],
  [
    'invalid UTF-8',
    { raw: Buffer.concat([Buffer.from('{"brand":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","type":"EV"}')]) },
    400,
  ],
  ...['null', '[]', '"x"', '5', 'true', '[{"brand":"b","type":"EV"}]'].map((raw): Row => [`body ${raw}`, { raw }, 400]),
  ['{}', { body: {} }, 400],
  ['brand missing', { body: { type: 'EV' } }, 400],
  ['type missing', { body: { brand: 'b' } }, 400],
  ['type null', { body: { brand: 'b', type: null } }, 400],
  ...['ev', ' EV', 'EV ', 'Ev', 'Unknown', ''].map((type): Row => [
    `type ${JSON.stringify(type)}`,
    { body: { brand: 'b', type } },
    400,
  ]),
  ['type as ordinal', { body: { brand: 'b', type: 2 } }, 400],
  ...[5, true, {}, ['b']].map((brand): Row => [`brand ${JSON.stringify(brand)}`, { body: { brand, type: 'EV' } }, 400]),
  ['name number', { body: { ...ok, name: 1 } }, 400],
  ['unknown key', { body: { ...ok, colour: 'red' } }, 400],
  ['Brand key', { body: { Brand: 'b', type: 'EV' } }, 400],
  ['Brand key besides brand', { body: { ...ok, Brand: 'b' } }, 400],
  ['__proto__ key', { raw: '{"brand":"b","type":"EV","__proto__":{}}' }, 400],
  ['owner not a uuid', { body: { ...ok, owner: 'someone' } }, 400],
  ['owner without hyphens', { body: { ...ok, owner: UUID.replaceAll('-', '') } }, 400],
  ['owner in braces', { body: { ...ok, owner: `{${UUID}}` } }, 400],
  ['collectiveId too long', { body: { ...ok, collectiveId: `${UUID}0` } }, 400],
  ['collectiveId with newline', { body: { ...ok, collectiveId: `${UUID}\n` } }, 400],
  ['body over 2 MiB', { raw: JSON.stringify({ ...ok, name: 'x'.repeat(2_200_000) }) }, 413],
  // 401
  ['no Authorization', { body: ok, auth: null }, 401],
  ['Basic', { body: ok, auth: 'Basic dGVzdDp0ZXN0' }, 401],
  ['empty bearer', { body: ok, auth: 'Bearer' }, 401],
  ['wrong token', { body: ok, auth: 'Bearer nope' }, 401],
  ['token prefix', { body: ok, auth: 'Bearer test' }, 401],
  ['other scheme', { body: ok, auth: `Token ${TOKEN}` }, 401],
  ['401 before 415 and 400', { raw: '{', auth: null, contentType: 'text/plain' }, 401],
  // 415
  ['text/plain', { body: ok, contentType: 'text/plain' }, 415],
  ['no Content-Type', { body: ok, contentType: null }, 415],
  ['application/xml', { body: ok, contentType: 'application/xml' }, 415],
  ['application/+json', { body: ok, contentType: 'application/+json' }, 415],
  ['application/json-patch', { body: ok, contentType: 'application/jsonx' }, 415],
  ['415 before 400', { raw: '{', contentType: 'text/plain' }, 415],
  // 405 (before auth)
  ...['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].map((method): Row => [
    method,
    { method, body: ok, auth: null },
    405,
  ]),
  // 404
  ['trailing slash', { body: ok, path: `${ENDPOINT}/` }, 404],
  ['without base path', { body: ok, path: '/v1/onboarding/entities' }, 404],
  ['other resource', { body: ok, path: '/connect/v1/onboarding/collectives' }, 404],
];

describe('reference provider', () => {
  let provider: RunningProvider;
  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(() => provider.close());

  it.each(TABLE.map(([label, call, status]) => ({ label, call, status })))(
    '$label → $status',
    async ({ call, status }) => {
      const answer = await send(provider.url, call);
      expect(problemsWith(answer, [status], call.body ?? parseRaw(call.raw ?? ''))).toEqual([]);
    },
  );

  it('echoes exactly and mints fresh ids', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(provider.url, { body: everything })));
    const bodies = answers.map((a) => JSON.parse(a.text) as Obj);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(4);
    const body = bodies[0];
    expect(body.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body).toMatchObject({
      requestType: 'Entity',
      status: 'Pending',
      returnUrl: everything.returnUrl,
      errors: [],
    });
    expect(obj(obj(body.data).entity)).toMatchObject({
      collectiveId: UUID,
      owner: UUID2,
      type: 'ChargePoint',
      properties: everything.properties,
      information: { brand: 'Tesla', identifier: 'VIN123', pairingCode: 'PAIR-1234', name: 'My car', track: 'beta' },
    });
    expect(answers[0]?.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('counts requests', () => {
    expect(provider.requests()).toBeGreaterThan(TABLE.length);
  });
});

// ---- cross-check: the hand-written validation agrees with ajv on the spec schema -----------

const ENTITY_TYPES = ['Battery', 'ChargePoint', 'EV', 'HeatPump', 'SolarPlant', 'RetrofitMeter', 'Meter', 'Inverter'];
const someString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 5 }), fc.constant(''));
const someValue = fc.oneof(someString, fc.constant(null), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
const uuidish = fc.oneof(
  { arbitrary: fc.constantFrom(UUID, UUID2.toUpperCase(), `urn:uuid:${UUID}`, `URN:UUID:${UUID2}`), weight: 6 },
  {
    arbitrary: fc.constantFrom(`{${UUID}}`, UUID.replaceAll('-', ''), `${UUID} `, `${UUID}\n`, UUID.slice(1)),
    weight: 1,
  },
  { arbitrary: someString, weight: 1 },
);
const field = (strings: fc.Arbitrary<string>) =>
  fc.oneof(
    { arbitrary: strings, weight: 20 },
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: someValue, weight: 1 },
  );
const bodyModel = {
  collectiveId: field(uuidish),
  pairingCode: field(someString),
  associatedEmail: field(someString),
  brand: field(someString),
  name: field(someString),
  owner: field(uuidish),
  properties: fc.jsonValue({ maxDepth: 3 }),
  identifier: field(someString),
  returnUrl: field(someString),
  track: field(someString),
  type: fc.oneof({ arbitrary: fc.constantFrom(...ENTITY_TYPES), weight: 20 }, { arbitrary: someValue, weight: 1 }),
};
const someBody = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.record(bodyModel, { requiredKeys: ['brand', 'type'] }), weight: 4 },
      { arbitrary: fc.record(bodyModel, { requiredKeys: [] }), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.constant({}), weight: 10 },
      { arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), someValue, { maxKeys: 2 }), weight: 1 },
    ),
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

describe('validation cross-check', () => {
  it('201 exactly when ajv accepts the body, never 5xx', async () => {
    const provider = await startProvider();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ arbitrary: someBody, weight: 9 }, { arbitrary: fc.jsonValue(), weight: 1 }),
          async (body) => {
            const answer = await send(provider.url, { raw: writeJson(body) });
            expect(answer.status).toBe(validRequest(body) ? 201 : 400);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      await provider.close();
    }
  });
});

function parseRaw(raw: string | Buffer): unknown {
  const json = parseJson(raw.toString());
  return json.ok ? json.value : undefined;
}

// ---- variations: still conformant ---------------------------------------------------------

/** A sample of the table, with the alternatives a correct suite must accept. */
const SAMPLE: readonly (readonly [Call, readonly number[]])[] = [
  [{ body: everything }, [201]],
  [{ body: { ...ok, name: 'é 😀 中' } }, [201]],
  [{ body: allNull }, [201]],
  [{ body: { type: 'EV' } }, [400]],
  [{ raw: '{' }, [400]],
  [{ body: ok, auth: null }, [401]],
  [{ body: ok, auth: 'Bearer nope' }, [401, 403]],
  [{ body: ok, contentType: 'text/plain' }, [415, 400]],
  [{ method: 'GET' }, [405]],
  [{ body: ok }, [201]],
];

describe('variations stay conformant', () => {
  it.each(VARIATIONS.map((v) => [v.name]))('%s', async (variation) => {
    const provider = await startProvider({ variation });
    try {
      const answers = await Promise.all(SAMPLE.map(([call]) => sendRetrying(provider.url, call)));
      SAMPLE.forEach(([call, expected], i) => {
        const answer = answers[i];
        expect(
          problemsWith(answer, expected, call.body ?? parseRaw(call.raw ?? '')),
          JSON.stringify(call).slice(0, 80),
        ).toEqual([]);
      });
    } finally {
      await provider.close();
    }
  });

  it('rate-limit answers 429 past its quota in a second, and takes requests again in the next', async () => {
    const provider = await startProvider({ variation: 'rate-limit' });
    const started = performance.now();
    const statuses = [];
    for (let i = 0; i <= RATE_LIMIT_PER_SECOND; i += 1) statuses.push((await send(provider.url, { body: ok })).status);
    const within = performance.now() - started < 1000;
    await new Promise((r) => setTimeout(r, 1000));
    const next = (await send(provider.url, { body: ok })).status;
    await provider.close();
    // On a machine too loaded to send them within the second, the window may have turned: then none is refused.
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
    if (within) expect(statuses.at(-1)).toBe(429);
    expect(next).toBe(201);
  });

  it('charset-and-order reverses keys', async () => {
    const provider = await startProvider({ variation: 'charset-and-order' });
    const answer = await send(provider.url, { body: ok });
    await provider.close();
    expect(answer.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(Object.keys(JSON.parse(answer.text) as Obj)[0]).toBe('data');
  });
});

// ---- faults: each observable with one witness ------------------------------------------

interface Witness {
  call: Call;
  status: number;
  /** Send it twice (ids must differ). */
  twice?: boolean;
  /** Send it this many times, one after another (fetch keeps the connection alive between them). */
  times?: number;
  /** Only the status is judged: a message the HTTP parser refuses is answered by it, in no documented format. */
  statusOnly?: true;
  /** An answer longer than this (characters) is a problem: an echo blown up. */
  maxLength?: number;
  /** Between the two: a pause, and members the second body changes. */
  pauseMs?: number;
  second?: Obj;
  /** Sent first, its answer not judged: the request whose state the witness's own answer shows. */
  before?: Call;
  timeoutMs?: number;
  /** Dotted paths of the answer that must be present: members the clean reference echoes in every 201. */
  keeps?: readonly string[];
}

const valid = (extra: Obj = {}, more: Call = {}): Witness => ({
  call: { body: { ...everything, ...extra }, ...more },
  status: 201,
});
const invalid = (call: Call): Witness => ({ call, status: 400 });

/** A valid body with characters of two, three and four bytes in UTF-8 in its brand. */
const UNICODE_BODY = { ...everything, brand: 'Ünïcödé 测试 😀' };

const WITNESSES: Readonly<Record<string, Witness>> = {
  'additional-properties-accepted': invalid({ body: { ...ok, colour: 'red' } }),
  'case-insensitive-keys': invalid({ body: { Brand: 'b', type: 'EV' } }),
  'enum-case-insensitive': invalid({ body: { brand: 'b', type: 'ev' } }),
  'enum-placeholder-accepted': invalid({ body: { brand: 'b', type: 'Unknown' } }),
  'other-enum-accepted': invalid({ body: { brand: 'b', type: 'Household' } }),
  'enum-grown-ahead': invalid({ body: { brand: 'b', type: 'Gateway' } }),
  'null-type-beside-null-brand': invalid({ body: { brand: null, type: null } }),
  'properties-array-capped': valid({ properties: Array.from({ length: 101 }, (_, i) => i) }),
  'enum-prefix-matched': invalid({ body: { brand: 'b', type: 'MeterReader' } }),
  'enum-checked-with-in': invalid({ body: { brand: 'b', type: 'constructor' } }),
  'enum-suffix-matched': invalid({ body: { brand: 'b', type: 'SmartMeter' } }),
  'extension-names-ignored': invalid({ body: { ...ok, 'x-debug': true } }),
  'answer-members-bound': invalid({ body: { ...ok, status: 'Succeeded' } }),
  'trailing-text-ignored': invalid({ raw: '{"brand":"b","type":"EV"}x' }),
  'enum-case-folded-for-one-member': invalid({ body: { brand: 'b', type: 'heatpump' } }),
  'url-unescaped': valid({ returnUrl: 'https://app.example/cb?next=%2Fhome%20page' }),
  'url-root-path-added': valid({ returnUrl: 'https://app.example' }),
  'short-code-upper-cased': valid({ pairingCode: 'ab12cd' }),
  'email-checked-where-at': valid({ associatedEmail: 'a@b@c' }),
  'error-names-integer-key': invalid({ body: { brand: 'b', type: 'EV', '1': 'x' } }),
  'null-refused-for-one-type': valid({ brand: null, type: 'HeatPump' }),
  'required-but-one-type': invalid({ body: { type: 'Inverter' } }),
  'trimmed-for-one-type': valid({ name: ' padded ', type: 'HeatPump' }),
  'type-unchecked-for-one-type': invalid({ body: { brand: 7, type: 'ChargePoint' } }),
  'blank-name-refused': valid({ name: '   ' }),
  'backslash-runs-collapsed': valid({ name: 'a\\\\b' }),
  'line-ends-chomped': valid({ track: 'line\r\n' }),
  'owner-dropped-with-collective': { ...valid(), keeps: ['data.entity.owner'] },
  'collective-dropped-when-named': { ...valid(), keeps: ['data.entity.collectiveId'] },
  'collective-nil-for-null': valid({ collectiveId: null }),
  'track-never-echoed': { ...valid(), keeps: ['data.entity.information.track'] },
  'falsy-information-dropped': { ...valid({ track: '0' }), keeps: ['data.entity.information.track'] },
  'emails-lower-cased': valid({ associatedEmail: 'Mixed@Example.COM' }),
  'any-json-suffix-taken': { call: { body: ok, contentType: 'text/vnd.connect+json' }, status: 415 },
  'media-type-case-sensitive': valid({}, { contentType: 'Application/JSON' }),
  'suffix-media-type-case-sensitive': valid({}, { contentType: 'application/Vnd.Connect+JSON' }),
  'bearer-without-space': { call: { body: ok, auth: `Bearer${TOKEN}` }, status: 401 },
  'enum-trimmed': invalid({ body: { brand: 'b', type: ' EV ' } }),
  'properties-strings-reparsed': valid({ properties: '{"a":1}' }),
  'url-normalised': valid({ returnUrl: 'HTTPS://Example.COM:443/a/../b' }),
  'expect-refused-over-1kib': {
    call: { body: { brand: 'x'.repeat(2000), type: 'EV' }, fields: [['Expect', '100-continue']] },
    status: 201,
  },
  'expect-refused-over-8kib': {
    call: { body: { brand: 'x'.repeat(9000), type: 'EV' }, fields: [['Expect', '100-continue']] },
    status: 201,
  },
  'expect-continue-json-only': valid({}, { contentType: 'text/json', fields: [['Expect', '100-continue']] }),
  'expect-compared-exactly': valid({}, { fields: [['Expect', '100-Continue']] }),
  'header-fields-over-1kib-431': valid({}, { fields: [['X-Conformance-Padding', 'c'.repeat(1500)]] }),
  'expect-417-unless-json': {
    call: { body: ok, contentType: 'text/plain', fields: [['Expect', '100-continue']] },
    status: 415,
  },
  'enum-unique-prefix': invalid({ body: { brand: 'b', type: 'Charge' } }),
  'defaults-assigned-over-body': invalid({ raw: '{"brand":"b","type":"EV","__proto__":{}}' }),
  'enum-integer-accepted': invalid({ body: { brand: 'b', type: 2 } }),
  'uuid-without-hyphens': invalid({ body: { ...ok, owner: UUID.replaceAll('-', '') } }),
  'uuid-later-hyphens-optional': invalid({ body: { ...ok, owner: `${UUID.slice(0, 23)}${UUID.slice(24)}` } }),
  'uuid-in-braces': invalid({ body: { ...ok, owner: `{${UUID}}` } }),
  'uuid-unchecked': invalid({ body: { ...ok, collectiveId: 'not-a-uuid' } }),
  'scalar-to-string-coercion': invalid({ body: { brand: 5, type: 'EV' } }),
  'null-type-accepted': invalid({ body: { brand: 'b', type: null } }),
  'brand-not-required': invalid({ body: { type: 'EV' } }),
  'type-not-required': invalid({ body: { brand: 'b' } }),
  'non-object-body-500': invalid({ raw: '[]' }),
  'empty-body-201': invalid({ raw: '' }),
  'error-handler-500': invalid({ body: { type: 'EV' } }),
  'injected-names-overwritten': invalid({ body: { ...ok, request: 'conformance' } }),
  'bodyless-without-content-type-created': { call: { raw: '', contentType: null }, status: 415 },
  'malformed-json-500': invalid({ raw: '{"brand":' }),
  'media-type-unchecked': { call: { body: ok, contentType: 'text/plain' }, status: 415 },
  'text-plain-behind-origin-check': {
    call: { body: ok, contentType: 'text/plain', fields: [['Origin', WIRE_ORIGIN]] },
    status: 415,
  },
  'any-bearer-accepted': { call: { body: ok, auth: 'Bearer nope' }, status: 401 },
  'basic-accepted': { call: { body: ok, auth: 'Basic dGVzdDp0ZXN0' }, status: 401 },
  'missing-auth-accepted': { call: { body: ok, auth: null }, status: 401 },
  'empty-bearer-accepted': { call: { body: ok, auth: 'Bearer' }, status: 401 },
  'long-strings-refused': valid({ name: 'x'.repeat(5000) }),
  'control-chars-refused': valid({ name: 'line1\nline2' }),
  'noncharacters-refused': valid({ name: 'x\uFFFFy' }),
  'empty-brand-refused': valid({ brand: '' }),
  'null-brand-refused': valid({ brand: null }),
  'explicit-null-refused': valid({ pairingCode: null }),
  'uppercase-uuid-refused': valid({ owner: UUID.toUpperCase() }),
  'properties-object-only': valid({ properties: [1, 2] }),
  'astral-chars-500': valid({ brand: 'Brand 𝄞' }),
  'text-json-refused': valid({}, { contentType: 'text/json' }),
  'vendor-json-refused': valid({}, { contentType: 'application/vnd.api+json' }),
  'suffix-media-type-vendor-only': valid({}, { contentType: 'application/hal+json' }),
  'suffix-media-type-letters-only': valid({}, { contentType: 'application/vnd.api-v2+json' }),
  'charset-param-refused': valid({}, { contentType: 'application/json; charset=utf-8' }),
  'status-200': valid(),
  'enums-camel-case': valid(),
  'created-not-date-time': valid(),
  'created-without-offset': valid(),
  'created-zero-time': valid(),
  'created-from-request-date': valid({}, { fields: [['Date', 'Sun, 06 Nov 1994 08:49:37 GMT']] }),
  'entity-id-zero-value': valid(),
  'entity-id-set-once': { ...valid(), twice: true, second: { identifier: 'another-device' } },
  'entity-id-hashed': { ...valid(), twice: true, second: { identifier: 'another-device' } },
  'created-local-time-as-utc': valid(),
  'id-not-uuid': valid(),
  'request-type-null-without-return-url': valid({ returnUrl: null }),
  'undocumented-entity-id': valid(),
  'information-has-owner': valid(),
  'owner-null-when-absent': valid({ owner: null }),
  'relative-redirect-link': valid(),
  'text-plain-201': valid(),
  'non-json-201': valid(),
  'problem-details-400': invalid({ body: { type: 'EV' } }),
  'error-with-field-key': invalid({ body: { type: 'EV' } }),
  'html-400': invalid({ body: { type: 'EV' } }),
  'request-type-collective': valid(),
  'entity-type-default': valid(),
  'brand-lowercased': valid(),
  'strings-trimmed': valid({ name: '  padded  ' }),
  'numbers-narrowed': valid({ properties: { x: 0.1 } }),
  'properties-depth-limit': valid({
    properties: Array.from({ length: 20 }).reduce<unknown>((inner) => ({ d: inner }), 1),
  }),
  'identifier-overwritten-by-pairing-code': valid(),
  'properties-stringified': valid(),
  'nulls-stripped-from-properties': valid({ properties: { kept: 1, dropped: null } }),
  'collective-id-from-owner': valid({ collectiveId: null }),
  'owner-is-principal': valid(),
  'return-url-default': valid(),
  'id-repeats': { ...valid(), twice: true },
  'get-answered-404': { call: { method: 'GET' }, status: 405 },
  'other-methods-200': { call: { method: 'DELETE', body: ok }, status: 405 },
  'route-takes-every-method': { call: { method: 'PUT', body: ok }, status: 405 },
  'hang-on-emoji-name': { ...valid({ name: 'Car 🚗' }), timeoutMs: 300 },
  'reset-on-long-body': valid({ name: 'x'.repeat(65_536) }),
  'content-length-in-chars': valid({ name: 'Café 中文' }),
  'latin-1-when-it-fits': valid({ name: 'Café Müller' }),
  'non-json-numbers-accepted': invalid({ raw: '{"brand":"b","type":"EV","properties":NaN}' }),
  'single-element-arrays-unwrapped': invalid({ body: { brand: [0], type: 'EV' } }),
  'enum-loose-in-array': invalid({ body: { brand: 'b', type: true } }),
  'comments-stripped-in-strings': valid({ name: 'a /* b */ c' }),
  'urn-uuid-500': valid({ owner: `urn:uuid:${UUID2}` }),
  'lone-surrogate-500': valid({ name: 'lone \ud800' }),
  'prototype-keys-refused': valid({ properties: JSON.parse('{"__proto__":{"x":1}}') as unknown }),
  'null-echo': valid(),
  // Issue 22's value dimensions.
  'accept-charset-honoured': valid({ name: 'Café' }, { fields: [['Accept-Charset', 'iso-8859-1']] }),
  'uuid-strict-rfc9562': valid({ owner: `${UUID2.slice(0, 14)}0${UUID2.slice(15)}` }),
  'big-number-500': valid({ properties: { n: 1e30 } }),
  'depth-stack-overflow-500': {
    call: { raw: `{"brand":"b","type":"EV","properties":${'['.repeat(3000)}${']'.repeat(3000)}}` },
    status: 201,
  },
  'echo-deeper-than-reader': {
    call: { raw: `{"brand":"b","type":"EV","properties":${'['.repeat(510)}${']'.repeat(510)}}` },
    status: 201,
  },
  'proto-dropped-from-echo': valid({ properties: JSON.parse('{"__proto__":{"x":1}}') as unknown }),
  'object-model-names-accepted': invalid({ raw: '{"brand":"b","type":"EV","constructor":1}' }),
  'escaped-names-refused': { call: { raw: '{"brand":"b","\\u0074ype":"EV"}' }, status: 201 },
  'name-identifier-swapped': valid({ name: 'n', identifier: 'i' }),
  'long-name-500': valid({ name: 'n'.repeat(256) }),
  'three-bugs': valid({ name: 'n'.repeat(300) }),
  'member-names-trimmed': invalid({ body: { brand: 'b', type: 'EV', 'name ': 'x' } }),
  'properties-digit-strings-coerced': valid({ properties: { floor: '42' } }),
  'backslash-quote-unescaped': valid({ name: 'a\\"b' }),
  'hex-identifier-uppercased': valid({ identifier: 'deadbeef01' }),
  'quote-in-one-type-500': valid({ type: 'Inverter', brand: 'a"b' }),
  'length-band-500': valid({ identifier: 'i'.repeat(150) }),
  'name-length-band-refused': valid({ name: 'n'.repeat(36) }),
  'six-digit-code-500': valid({ pairingCode: '123456' }),
  'script-url-refused': valid({ returnUrl: 'javascript:alert(1)' }),
  'boolean-words-coerced': valid({ name: 'true' }),
  // Issue 22: the message.
  'chunked-500': valid({}, { chunked: true }),
  // Every byte its own chunk: each multi-byte character is split.
  'body-text-per-chunk': {
    call: {
      body: UNICODE_BODY,
      chunked: true,
      chunks: Array<number>(Buffer.byteLength(writeJson(UNICODE_BODY)) - 1).fill(1),
    },
    status: 201,
  },
  'body-unset-500': { call: { unframed: true }, status: 400, statusOnly: true },
  'location-undefined': valid(),
  'location-collection': valid(),
  'location-under-collective': valid(),
  'location-fresh-uuid': valid(),
  'index-keys-listed': valid({ properties: { a: { '0': 'x', '1': 'y' } } }),
  'location-from-identifier': { ...valid({ identifier: 'SN-1' }), times: 2 },
  'content-coding-500': valid({}, { fields: [['Content-Encoding', 'gzip']], bytes: (b) => gzipSync(b) }),
  'media-type-substring': { call: { body: ok, contentType: 'application/jsonp' }, status: 415 },
  'undecodable-coding-500': { call: { body: ok, fields: [['Content-Encoding', 'gzip']] }, status: 400 },
  'invalid-utf8-500': invalid({
    raw: Buffer.from([...Buffer.from('{"brand":"b'), 0xc3, 0x28, ...Buffer.from('","type":"EV"}')]),
  }),
  'bom-500': valid({}, { bytes: (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) }),
  'no-content-type-500': { call: { body: ok, contentType: null }, status: 415 },
  'charset-needs-space-400': valid({}, { contentType: 'application/json;charset=utf-8' }),
  'ows-before-semicolon-415': valid({}, { contentType: 'application/json ; charset=utf-8' }),
  'bearer-one-space-only': valid({}, { auth: `Bearer  ${TOKEN}` }),
  'token-first-word': { call: { body: ok, auth: `Bearer ${TOKEN} more` }, status: 401 },
  'token-trailing-ignored': { call: { body: ok, auth: `Bearer ${TOKEN}0` }, status: 401 },
  'repeated-authorization-skips-auth': {
    call: { body: ok, auth: 'Bearer nope', fields: [['Authorization', 'Basic dGVzdDp0ZXN0']] },
    status: 401,
  },
  'router-404-unlisted-methods': { call: { method: 'PROPFIND' }, status: 405 },
  'host-read-by-handler': valid({}, { body: ok, http10: 'no-host' }),
  'chunked-to-http-1-0': valid({}, { body: ok, http10: 'with-host' }),
  'chunked-past-1kib': valid({ name: 'n'.repeat(2000) }, { http10: 'with-host' }),
  'expect-refused': valid({}, { body: ok, fields: [['Expect', '100-continue']] }),
  'accept-compared-whole': valid({}, { body: ok, fields: [['Accept', 'application/json, text/plain, */*']] }),
  'connection-close-ignored': valid({}, { body: ok, awaitClose: true }),
  'lenient-json-over-4kib': invalid({ raw: `{brand:"b","type":"EV","properties":{"pad":"${'x'.repeat(5000)}"}}` }),
  'transfer-coding-exact': {
    call: {
      body: ok,
      raw: `${Buffer.byteLength(JSON.stringify(ok)).toString(16)}\r\n${JSON.stringify(ok)}\r\n0\r\n\r\n`,
      fields: [['Transfer-Encoding', 'Chunked']],
      unframed: true,
    },
    status: 201,
  },
  'framing-last-field-wins': {
    call: {
      raw: `${Buffer.byteLength(JSON.stringify(ok)).toString(16)}\r\n${JSON.stringify(ok)}\r\n0\r\n\r\n`,
      fields: [
        ['Transfer-Encoding', 'chunked'],
        ['Content-Length', String(Buffer.byteLength(JSON.stringify(ok)))],
        ['Connection', 'keep-alive'],
      ],
      unframed: true,
      awaitClose: true,
    },
    status: 400,
    statusOnly: true,
  },
  'unknown-coding-read-by-length': {
    call: {
      raw: JSON.stringify(ok),
      fields: [
        ['Transfer-Encoding', 'xchunked'],
        ['Content-Length', String(Buffer.byteLength(JSON.stringify(ok)))],
      ],
      unframed: true,
    },
    status: 400,
    statusOnly: true,
  },
  'charset-compared-as-written': valid({}, { contentType: 'application/json; charset=Utf-8' }),
  'trailer-second-field-left': {
    call: {
      raw: `${Buffer.byteLength(JSON.stringify(ok)).toString(16)}\r\n${JSON.stringify(ok)}\r\n0\r\nConformance-Trailer: 1\r\nConformance-Trailer-Second: 2\r\n\r\n`,
      fields: [['Transfer-Encoding', 'chunked']],
      unframed: true,
      awaitClose: true,
    },
    status: 201,
    statusOnly: true,
  },
  'trailer-read-as-request': {
    call: {
      raw: `${Buffer.byteLength(JSON.stringify(ok)).toString(16)}\r\n${JSON.stringify(ok)}\r\n0\r\nConformance-Trailer: 1\r\n\r\n`,
      fields: [['Transfer-Encoding', 'chunked']],
      unframed: true,
      awaitClose: true,
    },
    status: 201,
    statusOnly: true,
  },
  'get-body-left-on-connection': {
    call: { method: 'GET', body: ok, fields: [], next: true },
    status: 405,
    statusOnly: true,
  },
  'refused-chunks-left-on-connection': {
    call: { body: ok, auth: null, chunked: true, next: true },
    status: 401,
    statusOnly: true,
  },
  'expect-refused-body-left-on-connection': {
    call: { body: ok, auth: null, fields: [['Expect', '100-continue']], next: true },
    status: 401,
    statusOnly: true,
  },
  'unknown-path-closed': { call: { path: '/v1/onboarding/entities/conformance', body: ok }, status: 404 },
  'connections-closed-unannounced': { call: { body: ok, next: true }, status: 201 },
  'closed-after-one-type': { call: { body: { ...ok, type: 'EV' }, next: true }, status: 201 },
  'bytes-after-body-hang': { call: { body: ok, crlfAfterBody: true, next: true }, status: 201, timeoutMs: 1_000 },
  'chunk-end-left-on-connection': {
    call: { body: ok, chunked: true, next: true },
    status: 201,
    timeoutMs: 1_000,
  },
  'chunk-size-lower-case-only': {
    call: {
      body: everything,
      raw: ((t: string) =>
        `1A\r\n${t.slice(0, 26)}\r\n${(t.length - 26).toString(16).toUpperCase()}\r\n${t.slice(26)}\r\n0\r\n\r\n`)(
        JSON.stringify(everything),
      ),
      fields: [['Transfer-Encoding', 'chunked']],
      unframed: true,
    },
    status: 201,
  },
  'close-option-exact-only': valid({}, { body: ok, fields: [['Connection', 'Close']], awaitClose: true }),
  'chunk-trailer-refused': {
    call: {
      raw: `${Buffer.byteLength(JSON.stringify(ok)).toString(16)}\r\n${JSON.stringify(ok)}\r\n0\r\nConformance-Trailer: 1\r\n\r\n`,
      fields: [['Transfer-Encoding', 'chunked']],
      unframed: true,
    },
    status: 201,
    statusOnly: true,
  },
  'head-answered-with-body': {
    call: { method: 'HEAD', contentType: null, awaitClose: true },
    status: 405,
    statusOnly: true,
  },
  'number-type-switch-500': valid({ properties: { n: 1 } }),
  'properties-asserted-object-500': valid({ properties: [1] }),
  'host-check-400': valid({}, { body: ok }),
  'float-as-decimal-500': valid({ properties: { n: 42.5 } }),
  'strings-numified': valid({ name: '12' }),
  'max-length-255': valid({ brand: 'b'.repeat(256) }),
  'proto-member-refused': valid({ properties: JSON.parse('{"__proto__":{"a":1}}') as Obj }),
  'nulls-as-empty-strings': valid({ owner: null, collectiveId: null, returnUrl: null }),
  'body-read-error-500': {
    call: {
      raw: 'zz\r\n{"brand":"b","type":"EV"}\r\n0\r\n\r\n',
      fields: [['Transfer-Encoding', 'chunked']],
      unframed: true,
    },
    status: 400,
    statusOnly: true,
  },
  'refusals-reset': invalid({ body: { brand: 'b', type: 'Boat' } }),
  'exponent-materialized': {
    call: { raw: '{"brand":"b","type":"EV","properties":{"n":1e1000000000}}' },
    status: 201,
    statusOnly: true,
    maxLength: 100_000,
  },
  'refusals-left-open': { ...invalid({ body: { brand: 'b', type: 'Boat' } }), timeoutMs: 1_000 },
  'challenge-only-when-missing': { call: { body: ok, auth: 'Bearer wrong-token' }, status: 401 },
  'challenge-dropped-when-empty': { call: { body: ok, auth: '' }, status: 401 },
  'challenge-dropped-scheme-case': { call: { body: ok, auth: 'bearer wrong-token' }, status: 401 },
  'challenge-basic-to-basic': { call: { body: ok, auth: 'Basic dGVzdDp0ZXN0' }, status: 401 },
  'challenge-on-first-401-only': { call: { body: ok, auth: 'Bearer wrong-token' }, status: 401, times: 2 },
  'dotted-token-decoded-500': { call: { body: ok, auth: 'Bearer a.b.c' }, status: 401 },
  'authorization-last-of-joined': {
    call: { body: ok, auth: null, fields: [['Authorization', `Bearer wrong, Bearer ${TOKEN}`]] },
    status: 401,
  },
  'route-errors-as-dict-repr': { call: { method: 'GET' }, status: 405 },
  'connection-buffer-not-reset': { ...valid(), times: 4 },
  'error-json-concatenated': invalid({ body: { ...ok, 'a"b\\s': 1 } }),
  'authorization-name-case-sensitive': valid(
    {},
    { body: ok, auth: null, fields: [['authorization', `Bearer ${TOKEN}`]] },
  ),
  'properties-made-required': valid({}, { body: ok }),
  'body-limit-10kb': valid({ name: 'x'.repeat(12_000) }),
  'body-limit-16000': valid({ name: 'x'.repeat(16_100) }),
  'body-limit-500': valid({ name: 'x'.repeat(12_000) }),
  'body-limit-100kb-500': valid({ name: 'x'.repeat(110_000) }),
  'body-limit-512kb-400': valid({ name: 'x'.repeat(600_000) }),
  'body-limit-1mb-400': valid({ name: 'x'.repeat(1_100_000) }),
  'auth-on-exact-path-only': { call: { body: ok, auth: null, path: `${ENDPOINT}/` }, status: 404 },
  'auth-filter-on-raw-path': { call: { body: ok, auth: null, path: `${ENDPOINT};conformance=1` }, status: 404 },
  'auth-for-primary-media-only': { call: { body: ok, auth: null, contentType: 'text/json' }, status: 401 },
  'auth-skipped-when-chunked': { call: { body: ok, auth: null, chunked: true }, status: 401 },
  'auth-skipped-for-http-1.0': { call: { body: ok, auth: null, http10: 'with-host', awaitClose: true }, status: 401 },
  'auth-skipped-for-large-bodies': { call: { body: { ...ok, name: 'x'.repeat(10_000) }, auth: null }, status: 401 },
  'chunked-other-media-500': { call: { body: ok, contentType: 'text/json', chunked: true }, status: 201 },
  'chunked-body-cut': valid({ name: 'n'.repeat(2000) }, { chunked: true }),
  'chunked-beyond-proxy-buffer-empty': valid({ name: 'n'.repeat(20 * 1024) }, { chunked: true }),
  'closed-after-one-media-type': { call: { body: ok, contentType: 'text/json', next: true }, status: 201 },
  'brand-first-spelling-kept': { ...valid({ brand: 'Witness-Brand' }), times: 2, second: { brand: 'WITNESS-BRAND' } },
  'properties-keys-camelized': valid({ properties: { serial_number: 'SN-1' } }),
  'properties-operator-keys-stripped': valid({ properties: { 'dotted.key': 1, $operator: 2 } }),
  'properties-arrays-deduplicated': valid({ properties: { tags: ['a', 'a', 'b'] } }),
  'device-address-normalised': valid({ identifier: 'AA-BB-CC-DD-EE-0F' }),
  'email-domain-punycode': valid({ associatedEmail: 'conformance@bücher.example' }),
  'created-offset-by-language': valid({}, { fields: [['Accept-Language', 'de-DE,de;q=0.9']] }),
  'properties-null-members-dropped': valid({ properties: { conformance: 'kept', empty: null } }),
  'string-over-4096-500': valid({ name: 'n'.repeat(4097) }),
  'token-unchecked-for-other-media': { call: { body: ok, auth: 'Bearer nope', contentType: 'text/json' }, status: 401 },
  'data-suffix-unguarded': { call: { body: ok, auth: null, path: `${ENDPOINT}.data` }, status: 404 },
  'no-content-type-on-answers': valid(),
  'ids-auto-increment': valid(),
  'values-boxed': valid(),
  'deep-body-blocks-loop': {
    ...invalid({
      body: ok,
      bytes: () => Buffer.from(`{"brand":${'['.repeat(10_000)}${']'.repeat(10_000)},"type":"EV"}`),
    }),
    timeoutMs: 1_000,
  },
  'handler-mounted-by-prefix': { call: { body: ok, path: `${ENDPOINT}/anything` }, status: 404 },
  'singular-path-alias': { call: { body: ok, path: ENDPOINT.replace(/entities$/, 'entity') }, status: 404 },
  'version-segment-parameter': { call: { body: ok, path: ENDPOINT.replace('/v1/', '/v9/') }, status: 404 },
  'version-digits-pattern': { call: { body: ok, path: ENDPOINT.replace('/v1/', '/v2/') }, status: 404 },
  'bearer-scheme-case-sensitive': valid({}, { auth: `bearer ${TOKEN}` }),
  'scheme-cut-blindly': { call: { body: ok, auth: `Digest ${TOKEN}` }, status: 401 },
  'response-encode-400': valid({}, { body: ok }),
  'create-always-500': valid(),
  'every-37th-create-500': { ...valid(), times: 37 },
  'created-set-at-start': { ...valid(), twice: true, pauseMs: 5 },
  'created-frozen-later': { ...valid(), times: 22, pauseMs: 5 },
  // The probes of 2026-12-03: each fault seen through the one request the suite added for it.
  'return-url-zero-value': valid({}, { body: ok }),
  'raw-bytes-copied': invalid({
    raw: Buffer.from([...Buffer.from('{"brand":"b'), 0xff, ...Buffer.from('","type":"EV"}')]),
  }),
  'bearer-prefix-optional': { call: { body: ok, auth: TOKEN }, status: 401 },
  'scheme-ignored': { call: { body: ok, auth: `Basic ${TOKEN}` }, status: 401 },
  'token-case-insensitive': { call: { body: ok, auth: `Bearer ${TOKEN.toUpperCase()}` }, status: 401 },
  'root-pairs-accepted': invalid({
    body: [
      ['brand', 'b'],
      ['type', 'EV'],
    ],
  }),
  'snake-case-aliases': invalid({ body: { ...ok, return_url: 'https://app.example.com/done' } }),
  'uuid-base64-accepted': invalid({
    body: { ...ok, owner: Buffer.from(UUID.replaceAll('-', ''), 'hex').toString('base64') },
  }),
  'uuid-python-parser': invalid({ body: { ...ok, owner: `\uff10${UUID.slice(1)}` } }),
  'uuid-symfony-fromstring': invalid({ body: { ...ok, owner: 'conformance-uuid' } }),
  'validation-only-for-exact-media-type': invalid({ body: {}, contentType: 'text/json' }),
  'validation-422': invalid({ body: { type: 'EV' } }),
  'query-merged-into-body': invalid({ body: { type: 'EV' }, path: `${ENDPOINT}?brand=b` }),
  'method-override-member': invalid({ body: { ...ok, _method: 'DELETE' } }),
  'query-method-override': valid({}, { path: `${ENDPOINT}?_method=DELETE` }),
  'accept-json-required': valid({}, { fields: [['Accept', '*/*']] }),
  'json-string-parsed-twice': invalid({ raw: JSON.stringify(JSON.stringify(ok)) }),
  'wrapped-body-unwrapped': invalid({ body: { ...ok, entity: { ...ok } } }),
  'method-override-header': valid({}, { fields: [['X-HTTP-Method-Override', 'DELETE']] }),
  'accept-predicate-405': valid({}, { fields: [['Accept', 'text/html']] }),
  'enum-tagged-object': invalid({ body: { ...ok, type: { EV: null } } }),
  'struct-from-sequence': invalid({
    body: [null, null, null, 'b', null, null, null, null, null, null, 'EV'],
  }),
  'object-model-names-walked': invalid({ body: JSON.parse('{"brand":"b","type":"EV","constructor":null}') as Obj }),
  'falsy-values-skipped': invalid({ body: { ...ok, associatedEmail: false } }),
  'query-bound-after-validation': valid({ name: null }, { path: `${ENDPOINT}?name=from-the-query` }),
  'allow-lists-every-method': { call: { method: 'GET' }, status: 405 },
  'options-lists-refused-methods': { call: { method: 'OPTIONS' }, status: 405 },
  'type-error-prints-value': {
    call: { raw: `{"brand":${'['.repeat(10000)}"x"${']'.repeat(10000)},"type":"EV"}` },
    status: 400,
  },
  'error-render-kills-process': {
    call: { raw: `{"brand":${'['.repeat(10000)}"x"${']'.repeat(10000)},"type":"EV"}` },
    status: 400,
  },
  'validation-error-kills-process': { call: { body: { brand: 'b' } }, status: 400 },
  'member-names-rendered-500': {
    call: { raw: '{"brand":"b","type":"EV","properties":{"\\ud800":1}}' },
    status: 201,
  },
  'json-synonyms-accepted': { call: { body: ok, contentType: 'text/x-json' }, status: 415 },
  'malformed-content-type-406': { call: { body: ok, contentType: 'json' }, status: 415 },
  'token-and-options': { call: { body: ok, auth: `Bearer "${TOKEN}"` }, status: 401 },
  'router-params-dropped': invalid({ body: { ...ok, controller: 'x' } }),
  'date-strings-parsed': valid({ name: '2024-01-01T10:00:00Z' }),
  'created-space-separator': valid(),
  'created-offset-without-colon': valid(),
  'big-integers-stringified': valid({ properties: { n: 2 ** 64 } }),
  'lenient-json-features': invalid({ raw: '{"brand":"a\tb","type":"EV"}' }),
  'number-trailing-dot-accepted': invalid({ raw: '{"brand":"b","type":"EV","properties":{"x":1.}}' }),
  'content-type-list-500': valid({}, { body: ok, fields: [['Content-Type', 'application/json']] }),
  'content-type-added-twice': valid(),
  'charset-utf8-as-written-only': valid({ name: 'Müller' }, { contentType: 'application/json; charset=UTF-8' }),
  'https-redirect-everything': valid(),
  'raw-deflate-as-deflate': valid({}, { body: ok, fields: [['Accept-Encoding', 'deflate']] }),
  'member-names-as-atoms-500': valid({ properties: { ['x'.repeat(256)]: 1 } }),
  'range-applied-to-post': valid({}, { body: ok, fields: [['Range', 'bytes=0-9']] }),
  'cors-origin-throws-500': valid({}, { body: ok, fields: [['Origin', 'https://conformance.invalid']] }),
  'content-encoding-without-coding': valid({}, { body: ok, fields: [['Accept-Encoding', 'gzip']] }),
  'charset-honoured': valid({ brand: 'Müller' }, { contentType: 'application/json; charset=iso-8859-1' }),
  'enum-regex-dollar': invalid({ body: { ...ok, type: 'EV\n' } }),
  'c-string-compare': invalid({ body: { ...ok, type: 'EV\u0000x' } }),
  'errors-rendered-by-accept': invalid({ body: { type: 'EV' }, fields: [['Accept', '*/*']] }),
  'xml-by-accept': valid({}, { fields: [['Accept', 'application/xml']] }),
  'scheme-by-prefix': { call: { body: ok, auth: `Bearer: ${TOKEN}` }, status: 401 },
  'javascript-as-json': { call: { body: ok, contentType: 'text/javascript' }, status: 415 },
  'numeric-strings-numified': valid({ brand: '007' }),
  'json-suffix-unanchored': { call: { body: ok, contentType: 'application/vnd.connect+jsonp' }, status: 415 },
  'token-compare-non-ascii-500': {
    call: { body: ok, auth: null, fields: [['Authorization', `Bearer ${TOKEN}\u00c3\u00a9`]] },
    status: 401,
  },
  'unknown-name-rendered-500': invalid({ raw: '{"brand":"b","type":"EV","conformance-\\ud800":1}' }),
  'null-string-as-null': invalid({ body: { ...ok, collectiveId: 'null' } }),
  'token-in-cookie': { call: { body: ok, auth: null, fields: [['Cookie', `token=${TOKEN}`]] }, status: 401 },
  'session-cookie-token': { call: { body: ok, auth: null, fields: [['Cookie', `session=${TOKEN}`]] }, status: 401 },
  'jwt-scheme-accepted': { call: { body: ok, auth: `JWT ${TOKEN}` }, status: 401 },
  'token-prefix-accepted': { call: { body: ok, auth: `Bearer ${TOKEN.slice(0, -1)}` }, status: 401 },
  'form-bodies-read': {
    call: { raw: 'brand=Tesla&type=EV', contentType: 'application/x-www-form-urlencoded' },
    status: 415,
  },
  'token-in-query': { call: { body: ok, auth: null, path: `${ENDPOINT}?api_token=${TOKEN}` }, status: 401 },
  'jwt-in-query': { call: { body: ok, auth: null, path: `${ENDPOINT}?jwt=${TOKEN}` }, status: 401 },
  'token-as-basic-password': {
    call: { body: ok, auth: `Basic ${Buffer.from(`laravel:${TOKEN}`).toString('base64')}` },
    status: 401,
  },
  'properties-nul-500': valid({ properties: { text: 'a\u0000b' } }),
  'location-port-dropped': valid(),
  'idempotency-key-200': valid({}, { fields: [['Idempotency-Key', '6f1c0d8e-8d0a-4a57-9a1e-3c1d2b0e4f55']] }),
  'request-id-as-id': valid({}, { fields: [['X-Request-ID', 'witness-1']] }),
  'challenge-description-unquoted': { call: { body: ok, auth: 'Bearer nope' }, status: 401 },
  'errors-redirect-for-browsers': invalid({
    body: { type: 'EV' },
    fields: [['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8']],
  }),
  'properties-mutable-default': { ...valid({ properties: { a: 1 } }), times: 2, second: { properties: null } },
  'forwarded-loopback-trusted': {
    call: { body: ok, auth: null, fields: [['X-Forwarded-For', '127.0.0.1']] },
    status: 401,
  },
  'body-trimmed-before-parse': invalid({ raw: '{"brand":"b","type":"EV"}\u0000' }),
  'identifier-space-runs-collapsed': valid({ identifier: 'AB  12' }),
  'pairing-code-groups-joined': valid({ pairingCode: 'ab12-cd34' }),
  'maker-alias-table': valid({ brand: 'tesla' }),
  'location-names-shared-entity': { ...valid({ identifier: 'SN-1' }), times: 2 },
  'entity-id-from-collective-and-name': {
    ...valid({ collectiveId: '6f1c3a52-0d8e-4b7a-9c21-3e5d7f9a1b2c', name: 'Garage' }),
    twice: true,
    second: { identifier: 'another-device' },
  },
  'entity-id-cached-for-no-identifier': {
    ...valid({ identifier: null, type: 'EV' }),
    twice: true,
    second: { identifier: null, type: 'Battery' },
  },
  'identifier-uuid-as-entity-id': valid({ identifier: '00000000-0000-0000-0000-000000000000' }),
  'request-struct-reused': {
    ...valid({ returnUrl: 'https://app.example/kept' }),
    times: 2,
    second: { returnUrl: null },
  },
  'id-route-creates': { call: { body: ok, path: `${ENDPOINT}/3fa85f64-5717-4562-b3fc-2c963f66afa6` }, status: 404 },
  'entity-id-from-identifier-prefix': {
    ...valid({ identifier: `conformance-${'x'.repeat(40)}-a` }),
    twice: true,
    second: { identifier: `conformance-${'x'.repeat(40)}-b` },
  },
  'body-kept-with-connection': { call: { body: ok, next: 'empty' }, status: 201 },
  'card-number-masked': valid({ pairingCode: '4111111111111111' }),
  'prefer-minimal-answered-204': valid({}, { fields: [['Prefer', 'return=minimal']] }),
  'accept-charset-case-sensitive': valid({}, { fields: [['Accept-Charset', 'UTF-8']] }),
  'properties-merged-into-information': valid({ name: 'sent', properties: { name: 'other' } }),
  'answer-labelled-as-accepted': valid({}, { fields: [['Accept', 'text/json']] }),
  'api-key-header-accepted': { call: { body: ok, auth: null, fields: [['X-Api-Key', 'x']] }, status: 401 },
  'id-from-request-id': {
    ...valid({}, { fields: [['X-Request-ID', 'c0f0c0f0-7e57-4c0d-9a1e-000000000001']] }),
    twice: true,
  },
  'sensitive-keys-redacted-in-answer': valid({ properties: { password: 'hunter2' } }),
  'accept-language-wildcard-crashes': valid({}, { fields: [['Accept-Language', 'de, *;q=0.5']] }),
  'announced-trailer-refused': valid({}, { chunked: true, fields: [['Trailer', 'Conformance-Trailer']] }),
  'other-media-unknown-members-stripped': invalid({
    raw: '{"brand":"b","type":"EV","zzz":1}',
    contentType: 'text/json',
  }),
  'email-display-name-dropped': valid({ associatedEmail: 'Jo <jo@example.com>' }),
  'gzip-for-the-word-gzip': valid(
    { name: 'conformance-'.repeat(200) },
    { fields: [['Accept-Encoding', 'gzip;q=0, identity']] },
  ),
  'vendor-type-control-characters-taken': invalid({
    raw: '{"brand":"b\tc","type":"EV"}',
    contentType: 'application/vnd.connect+json',
  }),

  // The byte 0xFF in the brand: refused as no UTF-8 under application/json, created under text/json as U+FFFD.
  'system-properties-from-previous-request': {
    ...valid({ properties: { a: 1 } }),
    times: 2,
    second: { properties: { b: 2 } },
  },
  'text-json-decoded-leniently': invalid({
    body: ok,
    contentType: 'text/json',
    bytes: (b) => Buffer.concat([b.subarray(0, 10), Buffer.from([0xff]), b.subarray(10)]),
  }),
  'properties-integer-keys-renumbered': valid({ properties: { '5': 'x', a: 1 } }),
  'other-media-read-leniently': invalid({
    raw: '{"brand":"b","type":"EV","properties":{"x":NaN}}',
    contentType: 'text/json',
  }),
  'entity-id-by-folded-identifier': {
    ...valid({ identifier: 'Witness-Device' }),
    twice: true,
    second: { identifier: 'WITNESS-DEVICE' },
  },
  'origin-parsed-as-url': valid({}, { body: ok, fields: [['Origin', 'null']] }),
  'errors-as-problem-json': invalid({ body: { type: 'EV' }, fields: [['Accept', 'application/problem+json']] }),
  'preflight-by-field': valid({}, { fields: [['Access-Control-Request-Method', 'POST']] }),
  'errors-carried-into-next-201': { ...valid(), before: { body: { type: 'EV' } } },
  'respond-async-202': valid({}, { fields: [['Prefer', 'respond-async']] }),
  'token-padding-stripped': { call: { body: ok, auth: `Bearer ${TOKEN}=` }, status: 401 },
  'json-labelled-as-accepted': valid({}, { fields: [['Accept', 'text/plain']] }),
  'email-smtp-limits-enforced': valid({ associatedEmail: `${'a'.repeat(65)}@example.com` }),
  'location-app-url-default': valid(),
  'id-from-previous-entity': { ...valid(), twice: true, second: { identifier: 'another-device' } },
  'challenge-dropped-for-scripts': {
    call: { body: ok, auth: null, fields: [['X-Requested-With', 'XMLHttpRequest']] },
    status: 401,
  },
  'errors-negotiated-to-html': invalid({ body: { type: 'EV' }, fields: [['Accept', 'text/html']] }),
  'validation-422-for-scripts': invalid({ body: { type: 'EV' }, fields: [['X-Requested-With', 'XMLHttpRequest']] }),
  'return-url-template-filled': valid({ returnUrl: 'https://app.example.com/cb/{id}' }),
  'vin-upper-for-ev': valid({ type: 'EV', identifier: '1hgcm82633a004352' }),
  'date-iso-8601': valid(),
  // Issue 15's fault pair: each is seen through one of its bugs (the faults it is made of have their own witnesses).
  'two-bugs': invalid({ body: { brand: 'b', type: 'ev' } }),
  'two-bugs-and-basic-accepted': { call: { body: ok, auth: 'Basic dGVzdDp0ZXN0' }, status: 401 },
};

/** Problems found with a witness, including transport failures and repeated ids. */
async function judge(url: string, w: Witness): Promise<string[]> {
  const ids = new Set<unknown>();
  const seen = new Set<string>();
  const problems: string[] = [];
  const sentBefore: string[] = [];
  const entityIds = new Set<unknown>();
  if (w.before !== undefined) await send(url, w.before, w.timeoutMs).catch(() => undefined);
  for (let i = 0; i < (w.times ?? (w.twice === true ? 2 : 1)); i += 1) {
    let answer: Answer;
    if (i > 0 && w.pauseMs !== undefined) await new Promise((r) => setTimeout(r, w.pauseMs));
    const call = i > 0 && w.second ? { ...w.call, body: { ...obj(w.call.body), ...w.second } } : w.call;
    try {
      answer = await send(url, call, w.timeoutMs);
    } catch (error) {
      return [`transport: ${(error as Error).name}`];
    }
    problems.push(
      ...(w.statusOnly === true
        ? answer.status === w.status
          ? []
          : [`status ${answer.status}, expected ${w.status}`]
        : problemsWith(answer, [w.status], call.body ?? parseRaw(call.raw ?? ''))),
    );
    // RFC 6454 §4: a Location on the host the request went to, on another port, names another origin.
    const location = answer.status === 201 ? answer.headers.get('location') : null;
    const named = location !== null && /^https?:/i.test(location) ? new URL(location) : undefined;
    // Two loopback names are one host (RFC 6761 §6.3): `localhost` is 127.0.0.1.
    const loopback = (h: string) => /^(?:localhost|127(?:\.\d+){3}|\[::1\])$/i.test(h);
    const host = new URL(url);
    const sameHost = (h: string) => h === host.hostname || (loopback(h) && loopback(host.hostname));
    const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
    if (named !== undefined && sameHost(named.hostname) && port(named) !== port(host))
      problems.push(`Location ${location} on another port`);
    for (const path of w.keeps ?? []) {
      const parsed = parseJson(answer.text);
      const value = path.split('.').reduce<unknown>((v, k) => obj(v)[k], parsed.ok ? parsed.value : undefined);
      if (value === undefined) problems.push(`${path} left out`);
    }
    if (w.maxLength !== undefined && answer.text.length > w.maxLength)
      problems.push(`${answer.text.length} characters`);
    // RFC 9112 §6.1: no Transfer-Encoding in an answer to an HTTP/1.0 request.
    if (call.http10 !== undefined && answer.headers.has('transfer-encoding')) problems.push('chunked to HTTP/1.0');
    // RFC 9110 §12.5.3: no answer in a coding the request gave the weight 0.
    const accepts = call.fields?.find(([name]) => name.toLowerCase() === 'accept-encoding')?.[1] ?? '';
    const refused = /([\w-]+)\s*;\s*q=0(?:\.0*)?(?:,|$)/i.exec(accepts)?.[1]?.toLowerCase();
    if (refused !== undefined && answer.headers.get('content-encoding')?.toLowerCase() === refused)
      problems.push(`answered in ${refused}, which the request refused`);
    // RFC 9112 §9.6: closed after the answer to a request with Connection: close; RFC 9110 §9.3.2: nothing after it.
    if (call.awaitClose === true && answer.after?.closed === false) problems.push('connection kept open');
    if (answer.after?.surplusBytes !== undefined) problems.push(`${answer.after.surplusBytes} bytes after the answer`);
    // RFC 9112 §6.3, §9.3: the request sent next on a connection kept open is read as sent (401: no credentials; 400:
    // an empty body, RFC 9110 §3.3).
    if (call.next !== undefined && answer.next?.status !== (call.next === true ? 401 : 400))
      problems.push(`next request: ${JSON.stringify(answer.next)}`);
    const json = parseJson(answer.text);
    if (json.ok) {
      const body = obj(json.value);
      // A 201 lists no errors: the clean reference writes null there.
      if (answer.status === 201 && Array.isArray(body.errors) && body.errors.length > 0)
        problems.push('errors in a 201');
      // A member the server fills holds nothing an earlier request sent (the clean reference writes it null).
      const filled = JSON.stringify(obj(obj(body.data).entity).systemProperties ?? null);
      if (filled !== 'null' && sentBefore.includes(filled)) problems.push("another request's properties");
      sentBefore.push(JSON.stringify(obj(call.body).properties ?? null));
      const id = body.id;
      if (id !== undefined && ids.has(id)) problems.push('id repeated');
      ids.add(id);
      if (id !== undefined && entityIds.has(id)) problems.push("id was an earlier answer's entity id");
      entityIds.add(obj(obj(body.data).entity).id);
      // A creation time a request seconds later gets again; an entity id a request naming another entity gets again.
      const entity = obj(obj(body.data).entity);
      const otherEntity = w.second?.identifier !== undefined;
      for (const [what, value] of [
        // Only after a pause: two answers within one millisecond may rightly carry the same creation time.
        ['created', w.pauseMs !== undefined ? body.created : undefined],
        ['entity id', otherEntity ? entity.id : undefined],
        // RFC 9110 §10.2.2: a 201's Location refers to the resource created, so two created requests never share one.
        ['Location', answer.status === 201 ? (answer.headers.get('location') ?? undefined) : undefined],
      ] as const)
        if (typeof value === 'string' && seen.has(`${what} ${value}`)) problems.push(`${what} repeated`);
        else if (typeof value === 'string') seen.add(`${what} ${value}`);
    }
  }
  return problems;
}

describe('faults are observable', () => {
  let reference: RunningProvider;
  beforeAll(async () => {
    reference = await startProvider();
  });
  afterAll(() => reference.close());

  it('every fault has a witness and names are unique', () => {
    expect(Object.keys(WITNESSES).sort()).toEqual(FAULTS.map((f) => f.name).sort());
    expect(new Set(VARIATIONS.map((v) => v.name)).size).toBe(VARIATIONS.length);
    expect(FAULTS.length).toBeGreaterThanOrEqual(30);
  });

  it('every fault names the checks of the verdict profile that must catch it', () => {
    const checks = createChecks().map((c) => c.name);
    for (const f of FAULTS) {
      expect(f.caughtBy.length, f.name).toBeGreaterThan(0);
      for (const c of f.caughtBy) expect(checks, `${f.name}: ${c}`).toContain(c);
    }
  });

  it.each(FAULTS.map((f) => [f.name, f.area]))('%s (%s)', async (fault) => {
    const witness = WITNESSES[fault];
    if (witness === undefined) throw new Error(`no witness for ${fault}`);
    expect(await judge(reference.url, witness), 'the reference passes the witness').toEqual([]);
    const provider = await startProvider({ fault });
    try {
      expect(await judge(provider.url, witness)).not.toEqual([]);
    } finally {
      await provider.close();
    }
  });

  it('rejects unknown names', async () => {
    await expect(startProvider({ fault: 'nope' })).rejects.toThrow(/unknown fault/);
    await expect(startProvider({ variation: 'nope' })).rejects.toThrow(/unknown variation/);
  });
});

// ---- CLI ------------------------------------------------------------------------------

describe('main.ts', () => {
  it('prints the URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [new URL('./main.ts', import.meta.url).pathname, '--token', 'cli', '--fault', 'status-200'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const [line] = await createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [r.value as string]);
    expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect$/);
    const answer = await fetch(`${line}/v1/onboarding/entities`, {
      method: 'POST',
      headers: { Authorization: 'Bearer cli', 'Content-Type': 'application/json' },
      body: JSON.stringify(ok),
    });
    expect(answer.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
