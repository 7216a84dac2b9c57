import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '../../../src/client/types.ts';
import type { TestCase } from '../../../src/generators/case.ts';
import { errorsMatch } from '../../../src/generators/certify.ts';
import { toCase, type Draft } from '../../../src/generators/draft.ts';
import { writeJson } from '../../../src/generators/json-writer.ts';
import {
  planCases,
  randomArbitrary,
  randomProperties,
  shrinkCase,
  type PlanOptions,
} from '../../../src/generators/index.ts';
import { loadSpec } from '../../../src/spec/load.ts';
import { buildValidators, type Validators } from '../../../src/validators/index.ts';
import { WIRE_ORIGIN } from '../../../src/wire.ts';
import GOLDEN_LABELS from './boundary-labels.json' with { type: 'json' };

const REQ = '/components/schemas/Connect.Service.Onboarding.App.Models.V1.EntityOnboardingRequest';
const ENTITY_TYPE = '/components/schemas/Connect.Service.Onboarding.Core.Models.Data.EntityType';

let opts: PlanOptions;
let validators: Validators;
let boundary: TestCase[];
let random: TestCase[];

beforeAll(async () => {
  const spec = await loadSpec('spec/openapi.yaml');
  validators = buildValidators(spec);
  opts = { spec, validators, seed: 42, runs: 150 };
  const all = [...planCases(opts).cases()];
  boundary = all.filter((c) => c.phase === 'boundary');
  random = all.filter((c) => c.phase === 'random');
});

function errorsOf(c: TestCase) {
  return validators.requestFor(c.contentType)!.validate(JSON.parse(c.body!));
}

/** One-element arrays that coercing validators unwrap (`[0]` → `"0"`), sent to every typed field. */
const COERCIBLE = ['array-of-number', 'array-of-boolean', 'array-of-null'];

/** The nullable fields of the request, in the spec's order. */
const NULLABLE = [
  'collectiveId',
  'pairingCode',
  'associatedEmail',
  'brand',
  'name',
  'owner',
  'properties',
  'identifier',
  'returnUrl',
  'track',
];

/** Every class the boundary phase must produce (the brief's list, made concrete for this spec). */
const EXPECTED_LABELS = [
  'valid/minimal',
  'valid/all-fields',
  'valid/all-null',
  ...NULLABLE.map((f) => `valid/null/${f}`),
  ...['Battery', 'ChargePoint', 'EV', 'HeatPump', 'SolarPlant', 'RetrofitMeter', 'Meter', 'Inverter'].map(
    (v) => `valid/enum/type/${v}`,
  ),
  ...['collectiveId', 'owner'].flatMap((f) =>
    ['lowercase', 'uppercase', 'urn-uuid'].map((v) => `valid/format/${f}/${v}`),
  ),
  ...[
    'empty',
    'ascii',
    'accents',
    'cjk',
    'emoji',
    'right-to-left',
    'combining',
    'zero-width',
    'json-significant',
    'long-256',
    'long-4096',
    'long-65536',
  ].map((v) => `valid/string/${v}`),
  ...[
    'object',
    'empty-object',
    'nested',
    'array',
    'empty-array',
    'string',
    'number',
    'boolean',
    'proto-key',
    'constructor-prototype',
    'prototype-key',
  ].map((v) => `valid/any/properties/${v}`),
  ...['high', 'low-then-text', 'reversed-pair'].flatMap((s) =>
    ['pairingCode', 'associatedEmail', 'brand', 'name', 'identifier', 'returnUrl', 'track', 'properties'].map(
      (f) => `valid/surrogate/${s}/${f}`,
    ),
  ),
  'valid/application-json',
  'valid/application-json-charset',
  'valid/text-json',
  'valid/text-json-charset',
  'valid/application-vnd-connect-json',
  'valid/application-vnd-connect-json-charset',
  'valid/application-json-mixed-case',
  'valid/pretty-printed',
  'valid/unicode-escaped',
  ...['nil', 'max', 'version-0', 'version-9', 'version-f', 'variant-0', 'variant-c', 'variant-f', 'mixed-case'].map(
    (s) => `valid/format/uuid/${s}`,
  ),
  'valid/json-text/whitespace-everywhere',
  'valid/json-text/escaped-forms',
  'valid/json-text/duplicate-member/top-level',
  'valid/json-text/duplicate-member/properties',
  ...['above-2^53', 'negative-zero', 'capital-exponent', 'trailing-zero-fraction', 'max-double'].map(
    (n) => `valid/number/${n}`,
  ),
  ...['5000-digit-integer', '1e400', '-1e400', '1e-400'].map((n) => `valid/number/beyond-double/${n}`),
  ...[10, 100, 1000, 10000].flatMap((n) => [`valid/depth/${n}/objects`, `valid/depth/${n}/arrays`]),
  ...['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'].flatMap((n) => [
    `valid/member-name/${n}`,
    `invalid/additionalProperties/object-model/${n}`,
  ]),
  'valid/auth-lowercase-scheme',
  'invalid/required/brand',
  'invalid/required/type',
  'invalid/required/all',
  'invalid/required/empty-object',
  ...['number', 'boolean', 'array', 'string', 'null'].map((t) => `invalid/type/root/${t}`),
  ...['pairingCode', 'associatedEmail', 'brand', 'name', 'identifier', 'returnUrl', 'track'].flatMap((f) =>
    ['number', 'boolean', 'array', 'object', ...COERCIBLE].map((t) => `invalid/type/${f}/${t}`),
  ),
  ...['collectiveId', 'owner'].flatMap((f) =>
    ['number', 'boolean', 'array', ...COERCIBLE].map((t) => `invalid/type/${f}/${t}`),
  ),
  ...['number', 'boolean', 'array', 'object', 'null', ...COERCIBLE].map((t) => `invalid/type/type/${t}`),
  ...[
    'lowercase',
    'uppercase',
    'camel-case',
    'leading-space',
    'trailing-space',
    'homoglyph',
    'zero-width',
    'numeric-string',
    'empty',
    'unknown',
  ].map((v) => `invalid/enum/type/${v}`),
  ...['collectiveId', 'owner'].flatMap((f) =>
    [
      'no-hyphens',
      'braces',
      'parentheses',
      'too-short',
      'too-long',
      'non-hex-digit',
      'misplaced-hyphens',
      'trailing-newline',
      'leading-space',
      'urn-oid',
      'urn-uuid-without-colon',
      'empty',
      'not-a-uuid',
    ].map((v) => `invalid/format/${f}/${v}`),
  ),
  'invalid/additionalProperties/unknown',
  'invalid/additionalProperties/empty-name',
  'invalid/additionalProperties/Brand',
  'invalid/additionalProperties/Type',
  'invalid/additionalProperties/BRAND',
  'invalid/additionalProperties/TYPE',
  'invalid/additionalProperties/CollectiveId',
  ...[
    'truncated',
    'trailing-comma',
    'single-quotes',
    'unquoted-keys',
    'nan',
    'leading-zero',
    'invalid-escape',
    'unterminated-string',
    'comment',
    'concatenated',
    'bare-word',
    'bom-only',
    'whitespace-only',
  ].map((m) => `malformed/${m}`),
  ...['nan', 'infinity', 'negative-infinity'].flatMap((n) =>
    [...NULLABLE, 'type', 'properties/nested', 'properties/array'].map((where) => `malformed/${n}/${where}`),
  ),
  'empty-body',
  'auth/none',
  'auth/wrong',
  'auth/basic',
  'auth/empty-bearer',
  'auth/none-invalid-body',
  'media/text-plain',
  'media/application-xml',
  'media/application-x-www-form-urlencoded',
  'method/GET',
  'method/PUT',
  'method/PATCH',
  'method/DELETE',
];

describe('preflight', () => {
  it('is a plainly invalid body and a valid body without credentials', () => {
    const [invalid, noAuth, ...rest] = planCases(opts).preflight;
    expect(rest).toEqual([]);
    expect(invalid).toMatchObject({
      id: 'p1',
      phase: 'preflight',
      kind: 'schema-violation',
      method: 'POST',
      contentType: 'application/json',
      auth: 'valid',
      value: { type: 'Boat', surplus: 1 },
    });
    expect(errorsOf(invalid).length).toBeGreaterThan(0);
    expect(noAuth).toMatchObject({ id: 'p2', phase: 'preflight', kind: 'auth', auth: 'none', method: 'POST' });
    expect(errorsOf(noAuth)).toEqual([]);
  });
});

describe('boundary phase', () => {
  it('produces every class, each label once, in a compact phase', () => {
    const labels = boundary.map((c) => c.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toEqual(expect.arrayContaining(EXPECTED_LABELS));
    expect(boundary.length).toBeGreaterThanOrEqual(100);
    // Compact: 800 until 2026-12-07, when two planted rounds added a request class each (Accept-Language, IDN e-mail);
    // 820 until that evening, when the declared media types' twins of lenient JSON forms came (a branch per type).
    // 840 until 2026-12-07, night, when the third planted rounds added a child segment shaped as an id. 880 until
    // 2026-12-08, when a URL template and a lower-case VIN came under every entity type (a rule of one type's store);
    // 900 until that morning's fourth rounds (scripts' and preflights' fields, more Accepts, two token spellings).
    expect(boundary.length).toBeLessThanOrEqual(920);
  });

  it('keeps the golden list of labels, in order (a change to it is a change of the plan, made on purpose)', () => {
    expect(boundary.map((c) => c.label)).toEqual(GOLDEN_LABELS);
  });

  it('numbers its cases b0001… and is independent of the seed and of runs', () => {
    expect(boundary.map((c) => c.id)).toEqual(boundary.map((_, i) => `b${String(i + 1).padStart(4, '0')}`));
    const other = [...planCases({ ...opts, seed: 7, runs: 0 }).cases()];
    expect(other).toEqual(boundary);
  });

  it('valid cases pass the validator of their media type, on the bytes sent', () => {
    const valid = boundary.filter((c) => c.kind === 'valid');
    expect(valid.length).toBeGreaterThan(50);
    for (const c of valid) {
      expect(validators.requestFor(c.contentType), c.label).toBeDefined();
      expect(errorsOf(c), c.label).toEqual([]);
      // Compared as text written without recursion: `properties` nests up to 10,000 levels.
      expect(writeJson(c.value), c.label).toBe(writeJson(JSON.parse(c.body!)));
    }
  });

  it('valid cases include null brand, every type, uuids in every accepted form, long and non-ASCII strings', () => {
    const byLabel = new Map(boundary.map((c) => [c.label, c]));
    expect(byLabel.get('valid/null/brand')!.value).toEqual({ brand: null, type: 'Battery' });
    expect((byLabel.get('valid/format/owner/uppercase')!.value as { owner: string }).owner).toMatch(/^[0-9A-F-]{36}$/);
    expect((byLabel.get('valid/format/owner/urn-uuid')!.value as { owner: string }).owner).toMatch(
      /^urn:uuid:[0-9a-f-]{36}$/,
    );
    for (const n of [256, 4096, 65536]) {
      const v = byLabel.get(`valid/string/long-${n}`)!.value as Record<string, unknown>;
      expect(Object.values(v).some((s) => typeof s === 'string' && s.length === n)).toBe(true);
    }
    expect(byLabel.get('valid/string/emoji')!.body).toMatch(/[\uD800-\uDBFF][\uDC00-\uDFFF]/);
    expect(byLabel.get('valid/string/json-significant')!.body).toContain('\\u0000');
    expect(byLabel.get('valid/unicode-escaped')!.body).toMatch(/^[\x20-\x7E]*$/);
    expect(byLabel.get('valid/text-json')!.contentType).toBe('text/json');
    expect(byLabel.get('valid/application-vnd-connect-json-charset')!.contentType).toBe(
      'application/vnd.connect+json; charset=utf-8',
    );
    expect(byLabel.get('valid/auth-lowercase-scheme')!.auth).toBe('lowercase-scheme');
    // Two spaces and the scheme's case are one literal's (`startsWith('Bearer ')`); a trailing space is the HTTP layer's.
    expect(byLabel.get('valid/auth/two-spaces')!.family).toBe('valid/auth-lowercase-scheme');
    expect(byLabel.get('valid/auth/trailing-space')!.family).toBeUndefined();
    expect(boundary.some((c) => c.contentType?.includes('*'))).toBe(false);
  });

  it('invalid cases fail for exactly their labelled violation (keyword, rule, instancePath), on the bytes sent', () => {
    const invalid = boundary.filter((c) => c.kind === 'schema-violation');
    expect(invalid.length).toBeGreaterThan(80);
    for (const c of invalid) {
      const v = c.violation!;
      expect(c.label.split('/')[1], c.label).toBe(v.keyword);
      expect(errorsMatch(errorsOf(c), v), c.label).toBe(true);
    }
    const byLabel = new Map(invalid.map((c) => [c.label, c]));
    expect(byLabel.get('invalid/enum/type/lowercase')!.violation).toEqual({
      keyword: 'enum',
      rule: `${ENTITY_TYPE}/enum`,
      instancePath: '/type',
    });
    expect(byLabel.get('invalid/format/owner/braces')!.violation).toEqual({
      keyword: 'format',
      rule: `${REQ}/properties/owner/format`,
      instancePath: '/owner',
    });
    expect(byLabel.get('invalid/required/brand')!.violation).toEqual({
      keyword: 'required',
      rule: `${REQ}/required`,
      instancePath: '',
    });
    expect(byLabel.get('invalid/type/root/array')!.violation).toEqual({
      keyword: 'type',
      rule: `${REQ}/type`,
      instancePath: '',
    });
    expect(byLabel.get('invalid/type/type/null')!.violation).toEqual({
      keyword: 'type',
      rule: `${ENTITY_TYPE}/type`,
      instancePath: '/type',
    });
    // Invalid cases carry the enum's members in turn (the n-th case the n-th member).
    expect(byLabel.get('invalid/additionalProperties/Brand')!.value).toEqual({
      brand: 'conformance-brand',
      type: 'Meter',
      Brand: 'conformance-brand',
    });
    expect(byLabel.get('invalid/enum/type/homoglyph')!.value).toMatchObject({ type: '\u0415V' });
    // A member of each other enum of the document (the answer's statuses, the collective's types).
    expect(byLabel.get('invalid/enum/type/other-enum-Household')!.value).toMatchObject({ type: 'Household' });
    expect(byLabel.get('invalid/enum/type/other-enum-Canceled')!.violation?.keyword).toBe('enum');
  });

  it('spreads invalid cases over the enum members, and leaves each required member out beside every member', () => {
    const invalid = boundary.filter((c) => c.kind === 'schema-violation' && c.violation?.instancePath !== '/type');
    const types = new Map<unknown, number>();
    for (const c of invalid) {
      const t = (c.value as { type?: unknown } | null)?.type;
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    for (const member of ENTITY_TYPES) expect(types.get(member), member).toBeGreaterThanOrEqual(10);
    const byLabel = new Map(boundary.map((c) => [c.label, c]));
    expect(byLabel.get('invalid/required/brand/type-HeatPump')!.value).toEqual({ type: 'HeatPump' });
    expect(byLabel.get('invalid/required/brand/type-HeatPump')!.violation?.rule).toBe(`${REQ}/required`);
    expect(byLabel.get('invalid/required/brand/type-Battery')).toBeUndefined();
    // The valid strings and any-values too.
    const validTypes = new Set(
      boundary
        .filter((c) => c.class === 'valid/string/<variant>' || c.class === 'valid/any/<field>/<shape>')
        .map((c) => (c.value as { type?: unknown }).type),
    );
    expect(validTypes).toEqual(new Set(ENTITY_TYPES));
  });

  it('the classes real frameworks trip on: lone surrogates, prototype keys, non-JSON numbers, coercible shapes', () => {
    const byLabel = new Map(boundary.map((c) => [c.label, c]));
    // Lone surrogates travel as escapes (the bytes are ASCII), parse back to the lone unit, and are advisory.
    const high = byLabel.get('valid/surrogate/high/brand')!;
    expect(high.body).toBe('{"brand":"conformance-\\ud800","type":"Battery"}');
    expect((high.value as { brand: string }).brand).toBe('conformance-\uD800');
    expect(high.advisory).toMatch(/RFC 8259 §8.2/);
    expect(byLabel.get('valid/surrogate/reversed-pair/properties')!.body).toContain(
      '"properties":{"conformance":"conformance-\\udc00\\ud800"}',
    );
    // Prototype-named members reach the wire as own keys, and are valid cases with nothing advisory about them.
    const proto = byLabel.get('valid/any/properties/proto-key')!;
    expect(proto.body).toMatch(/^\{"brand":"conformance-brand","type":"\w+","properties":\{"__proto__":\{"x":1\}\}\}$/);
    expect(Object.keys((proto.value as { properties: object }).properties)).toEqual(['__proto__']);
    expect(proto.advisory).toBeUndefined();
    expect(byLabel.get('valid/any/properties/constructor-prototype')!.body).toContain(
      '{"constructor":{"prototype":{}}}',
    );
    // NaN and the infinities in every position: each field, nested in properties, in an array.
    expect(byLabel.get('malformed/nan/properties')!.body).toBe(
      '{"brand":"conformance-brand","type":"Battery","properties":NaN}',
    );
    expect(byLabel.get('malformed/negative-infinity/properties/array')!.body).toContain('"properties":[-Infinity]');
    expect(byLabel.get('malformed/infinity/properties/nested')!.body).toContain(
      '"properties":{"conformance":Infinity}',
    );
    expect(byLabel.get('malformed/nan/type')!.body).toBe('{"brand":"conformance-brand","type":NaN}');
    // Coercible shapes: one type violation each, at the field.
    expect(byLabel.get('invalid/type/brand/array-of-number')!.value).toEqual({ brand: [0], type: 'RetrofitMeter' });
    expect(byLabel.get('invalid/type/owner/array')!.value).toMatchObject({
      owner: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
    });
    expect(byLabel.get('invalid/type/type/array')!.value).toEqual({ brand: 'conformance-brand', type: ['Battery'] });
    expect(byLabel.get('invalid/type/type/array-of-null')!.violation).toEqual({
      keyword: 'type',
      rule: `${ENTITY_TYPE}/type`,
      instancePath: '/type',
    });
  });

  it('two missing required fields are one violation: one keyword at one rule, reported twice', () => {
    const c = boundary.find((x) => x.label === 'invalid/required/empty-object')!;
    const errors = errorsOf(c);
    expect(errors.map((e) => e.params['missingProperty'])).toEqual(['brand', 'type']);
    expect(new Set(errors.map((e) => `${e.keyword} ${e.rule} ${e.instancePath}`)).size).toBe(1);
  });

  it('a wrong type on an enum field also fails the enum of the same schema, and nothing else', () => {
    const c = boundary.find((x) => x.label === 'invalid/type/type/number')!;
    expect(c.value).toMatchObject({ type: 2 });
    expect(errorsOf(c).map((e) => e.rule)).toEqual([`${ENTITY_TYPE}/type`, `${ENTITY_TYPE}/enum`]);
  });

  it('malformed bodies fail JSON.parse; the empty body is empty', () => {
    const malformed = boundary.filter((c) => c.kind === 'malformed-json');
    expect(malformed.length).toBeGreaterThanOrEqual(10);
    for (const c of malformed) {
      expect(c.label.startsWith('malformed/')).toBe(true);
      // The primary media type, but where the same bytes go under each declared one (`malformed/invalid-utf8-as/…`).
      if (c.class !== 'malformed/invalid-utf8-as/<media>' && c.class !== 'malformed/as/<media>/<form>')
        expect(c.contentType).toBe('application/json');
      else expect(['text/json', 'application/vnd.connect+json']).toContain(c.contentType);
      // Bytes that are not UTF-8 are not JSON text (RFC 8259 §8.1), nor is UTF-16 or UTF-32 read as UTF-8; their
      // readable form may parse.
      if (c.wire?.bodyBase64 !== undefined) {
        const bytes = Buffer.from(c.wire.bodyBase64, 'base64');
        if (isUtf8(bytes)) expect(() => JSON.parse(bytes.toString('utf8')), c.label).toThrow();
      } else {
        expect(() => JSON.parse(c.body!), c.label).toThrow();
        expect(c.value).toBeUndefined();
      }
    }
    const empty = boundary.filter((c) => c.kind === 'empty-body');
    expect(empty.map((c) => [c.label, c.wire?.framing])).toEqual([
      ['empty-body', undefined],
      // No body and no Content-Type, written byte by byte (Content-Length: 0).
      ['empty-body/no-content-type', 'length'],
      ['empty-body/chunked', 'chunked'],
      ['empty-body/no-framing', 'none'],
      // The header section alone: no framing field and no byte after it (curl -X POST with a Content-Type).
      ['empty-body/headers-only', 'none'],
      // A valid body behind a Content-Length that is not a number: no body can be read.
      ['empty-body/invalid-content-length', 'none'],
      // The length with a sign or a digit separator: not 1*DIGIT (RFC 9110 §8.6), read as the length by int().
      ['empty-body/content-length-form/plus-sign', 'none'],
      ['empty-body/content-length-form/digit-separator', 'none'],
      // Two Content-Length lines that differ: the framing is invalid (RFC 9112 §6.3).
      ['empty-body/conflicting-content-length/true-first', 'none'],
      ['empty-body/conflicting-content-length/longer-first', 'none'],
      // Its only framing a Content-Length line with a space before the colon (RFC 9112 §5.1).
      ['empty-body/field-name-whitespace', 'none'],
      // A Transfer-Encoding whose last coding is not chunked beside a Content-Length: still no length (RFC 9112 §6.3).
      ['empty-body/transfer-coding-with-length/chunked-then-gzip', 'none'],
      ['empty-body/transfer-coding-with-length/xchunked', 'none'],
      // A valid body as HTTP/1.1 without Host: 400 due (RFC 9112 §3.2), though its body can be read.
      ['malformed/http-1.1/no-host', 'length'],
    ]);
    expect(empty[0]).toMatchObject({ body: '', method: 'POST', contentType: 'application/json', label: 'empty-body' });
    expect(empty[1]).toMatchObject({ body: '', contentType: undefined });
    expect(empty[1].wire?.headers.map(([name]) => name.toLowerCase())).not.toContain('content-type');
    expect(empty[2].body).toBe('');
    // Nothing after the header section: no body, no bytes, and no framing field the sender would add.
    const bare = empty.find((c) => c.label === 'empty-body/headers-only');
    expect(bare).toMatchObject({ contentType: 'application/json', body: undefined });
    expect(bare?.wire?.bodyBase64).toBeUndefined();
  });

  it('auth, media-type and method cases carry an otherwise valid request (but an anonymous invalid or malformed body and an unlabelled invalid one)', () => {
    for (const c of boundary.filter((x) => x.kind === 'auth')) {
      expect(['none', 'wrong', 'basic', 'empty-bearer']).toContain(c.auth);
      if (c.label === 'auth/none-invalid-body') expect(errorsOf(c).length).toBeGreaterThan(0);
      // A body parser before the credentials check refuses it first: not JSON at all.
      else if (c.label === 'auth/none-malformed-body') expect(() => JSON.parse(c.body!)).toThrow();
      else expect(errorsOf(c), c.label).toEqual([]);
    }
    for (const c of boundary.filter((x) => x.kind === 'media-type')) {
      // A declared media type only in a content coding no registry defines, or in a registered one it is not in.
      if (c.label === 'media/unknown-coding')
        expect(c.wire?.headers).toContainEqual(['Content-Encoding', 'x-conformance-unknown']);
      else if (c.label.startsWith('media/undecodable/')) {
        const coding = c.label.split('/')[2];
        expect(c.wire?.headers).toContainEqual(['Content-Encoding', coding]);
        expect(Buffer.from(c.wire!.bodyBase64!, 'base64').toString('utf8'), c.label).toBe(c.body);
      } else expect(validators.requestFor(c.contentType), c.label).toBeUndefined();
      // A form carries the members of a valid body in the form's own encoding.
      const form = /^media\/(form-body|same-origin)\/(urlencoded|multipart)$/.test(c.label);
      if (form) expect(c.body, c.label).toMatch(/brand/);
      // Posted as a page of the API's own site posts it: its origin filled in when sent.
      if (c.label.startsWith('media/same-origin/')) expect(c.wire?.headers).toContainEqual(['Origin', WIRE_ORIGIN]);
      const urlencoded = c.label.endsWith('/urlencoded');
      const value = urlencoded ? Object.fromEntries(new URLSearchParams(c.body)) : form ? {} : JSON.parse(c.body!);
      if (form && !urlencoded) continue;
      // With no Content-Type, an invalid body too: whatever the server takes it for, it is never created.
      const errors = validators.request.get('application/json')!.validate(value);
      if (c.label === 'media/missing-invalid-body') expect(errors.length).toBeGreaterThan(0);
      else expect(errors, c.label).toEqual([]);
    }
    const methods = boundary.filter((x) => x.kind === 'method');
    expect(methods.map((c) => c.method)).toEqual([
      // Content in a GET, on a connection kept open (the connection dimension comes before the methods).
      'GET',
      'GET',
      'PUT',
      'PATCH',
      'DELETE',
      'HEAD',
      'QUERY',
      'PROPFIND',
      'TRACE',
      'CONFORMANCE',
      // The operation's own method in lower case (RFC 9110 §9.1: case-sensitive), with a valid body.
      'post',
      // Last: its Allow is judged against every method refused before it.
      'OPTIONS',
    ]);
    for (const c of methods) {
      if (c.body === undefined) expect(c.contentType).toBeUndefined();
      else expect(errorsOf(c)).toEqual([]);
    }
    // Outside RFC 9110, a parser built with a fixed method list (aiohttp's) may refuse the message itself: 400.
    // And content in a GET, which RFC 9110 §9.3.1 lets a server refuse; and `post`, a token it does not know.
    expect(methods.filter((c) => c.httpLayer && c.accept?.includes(400)).map((c) => c.method)).toEqual([
      'GET',
      'QUERY',
      'PROPFIND',
      'CONFORMANCE',
      'post',
    ]);
  });

  it('every case is well-formed: POST unless kind method, valid auth unless kind auth (or the lower-case scheme, TRACE, or a path spelling without credentials)', () => {
    for (const c of [...boundary, ...random]) {
      expect(c.method === 'POST', c.label).toBe(c.kind !== 'method');
      // A client MUST NOT send credentials in a TRACE, whose answer may reflect them (RFC 9110 §9.3.8).
      if (c.method === 'TRACE') expect(c.auth).toBe('none');
      else if (c.label.endsWith('/no-credentials')) expect([c.kind, c.auth], c.label).toEqual(['path', 'none']);
      else if (c.kind !== 'auth') expect(['valid', 'lowercase-scheme']).toContain(c.auth);
      if (c.auth === 'lowercase-scheme') expect(c.kind).toBe('valid');
      expect(c.kind === 'schema-violation', c.label).toBe(c.violation !== undefined);
      const form = /^media\/(form-body|same-origin)\/(urlencoded|multipart)$/.test(c.label);
      const malformed = c.kind === 'malformed-json' || c.label === 'auth/none-malformed-body';
      if (c.body !== undefined && !malformed && c.kind !== 'empty-body' && !form)
        expect(writeJson(c.value), c.label).toBe(writeJson(JSON.parse(c.body)));
    }
  });
});

describe('random phase', () => {
  it('alternates valid and invalid cases, spread over every invalid class, numbered r00001…', () => {
    expect(random).toHaveLength(2 * opts.runs);
    expect(random.map((c) => c.id)).toEqual(random.map((_, i) => `r${String(i + 1).padStart(5, '0')}`));
    expect(random.filter((_, i) => i % 2 === 0).every((c) => c.kind === 'valid')).toBe(true);
    const classes = new Set(
      random.filter((c) => c.kind === 'schema-violation').map((c) => c.label.split('/').slice(0, 2).join('/')),
    );
    expect([...classes].sort()).toEqual([
      'invalid/additionalProperties',
      'invalid/enum',
      'invalid/format',
      'invalid/required',
      'invalid/type',
    ]);
  });

  it('valid cases pass, invalid ones fail for exactly their label, on the bytes sent', () => {
    for (const c of random) {
      if (c.kind === 'valid') expect(errorsOf(c), c.body).toEqual([]);
      else expect(errorsMatch(errorsOf(c), c.violation!), `${c.label} ${c.body}`).toBe(true);
    }
  });

  it('uses every declared media type, none of them a range', () => {
    const types = new Set(random.filter((c) => c.kind === 'valid').map((c) => c.contentType));
    expect([...types].sort()).toEqual([
      'application/json',
      'application/json; charset=utf-8',
      'application/vnd.connect+json',
      'application/vnd.connect+json; charset=utf-8',
      'text/json',
      'text/json; charset=utf-8',
    ]);
  });

  it('is reproducible from the seed, and another seed gives other cases', () => {
    const again = [...planCases(opts).cases()].filter((c) => c.phase === 'random');
    expect(again).toEqual(random);
    const other = [...planCases({ ...opts, seed: 43 }).cases()].filter((c) => c.phase === 'random');
    expect(other.map((c) => c.body)).not.toEqual(random.map((c) => c.body));
  });

  it('count and byClass describe exactly what cases() yields', () => {
    const plan = planCases(opts);
    const all = [...plan.cases()];
    expect(plan.count).toBe(all.length);
    const byClass: Record<string, number> = {};
    for (const c of all) {
      const [head, second] = c.label.split('/');
      const key = head === 'invalid' ? `${head}/${second}` : head;
      byClass[key] = (byClass[key] ?? 0) + 1;
    }
    expect(plan.byClass).toEqual(byClass);
  });

  it('is lazy: a 100,000-run plan yields its first cases at once', () => {
    const t0 = performance.now();
    const plan = planCases({ ...opts, runs: 100_000 });
    expect(plan.count).toBe(boundary.length + 200_000);
    let n = 0;
    for (const c of plan.cases()) {
      if (++n >= boundary.length + 500) break;
      void c;
    }
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('counterexamplePath k replays the k-th value with fc.check({seed, path}), sync and async', async () => {
    const keys = randomProperties(opts);
    expect(keys).toEqual([
      'valid',
      'invalid/required',
      'invalid/type',
      'invalid/enum',
      'invalid/format',
      'invalid/additionalProperties',
    ]);
    for (const c of random) {
      const key = c.kind === 'valid' ? 'valid' : `invalid/${c.violation!.keyword}`;
      const arb = randomArbitrary(opts, key)!;
      let replayed: Draft | undefined;
      fc.check(
        fc.property(arb, (d) => ((replayed = d), true)),
        { seed: opts.seed, path: c.counterexamplePath!, numRuns: 1 },
      );
      expect(
        toCase(replayed!, c.id, 'random', c.counterexamplePath),
        `${c.id} ${key} @${c.counterexamplePath}`,
      ).toEqual(c);
    }
    // shrinkCase replays with an async property: same values.
    for (const c of random.slice(0, 24)) {
      const key = c.kind === 'valid' ? 'valid' : `invalid/${c.violation!.keyword}`;
      let replayed: unknown;
      await fc.check(
        fc.asyncProperty(randomArbitrary(opts, key)!, async (d) => ((replayed = d), true)),
        { seed: opts.seed, path: c.counterexamplePath!, numRuns: 1 },
      );
      expect((replayed as TestCase).body).toBe(c.body);
    }
  });

  it.each([42, 2 ** 31 - 1])(
    'far into a long run (seed %d), the k-th value is still the one fc.check({seed, path: k}) replays',
    (seed) => {
      // The stream keeps one generator for the run (random.ts); this holds it to fast-check's own runner.
      const far = [...planCases({ ...opts, seed, runs: 3_000 }).cases()].filter((c) => c.phase === 'random');
      const picked = far.filter((c) => ['0', '1023', '1024', '2047', '2999'].includes(c.counterexamplePath!));
      expect(picked.length).toBeGreaterThanOrEqual(6);
      for (const c of picked) {
        const key = c.kind === 'valid' ? 'valid' : `invalid/${c.violation!.keyword}`;
        let replayed: Draft | undefined;
        fc.check(
          fc.property(randomArbitrary(opts, key)!, (d) => ((replayed = d), true)),
          { seed, path: c.counterexamplePath!, numRuns: 1 },
        );
        expect(
          toCase(replayed!, c.id, 'random', c.counterexamplePath),
          `${c.id} ${key} @${c.counterexamplePath}`,
        ).toEqual(c);
      }
    },
  );

  it('paths are per property: the k-th case of a class has path k', () => {
    const seen = new Map<string, number>();
    for (const c of random) {
      const key = c.kind === 'valid' ? 'valid' : `invalid/${c.violation!.keyword}`;
      const k = seen.get(key) ?? 0;
      expect(c.counterexamplePath).toBe(String(k));
      seen.set(key, k + 1);
    }
  });
});

describe('shrinkCase', () => {
  it('returns boundary and preflight cases as they are', async () => {
    const calls: TestCase[] = [];
    const b = boundary.find((c) => c.kind === 'schema-violation')!;
    expect(await shrinkCase(b, opts, async (c) => (calls.push(c), true))).toBe(b);
    const p = planCases(opts).preflight[0];
    expect(await shrinkCase(p, opts, async (c) => (calls.push(c), true))).toBe(p);
    expect(calls).toEqual([]);
  });

  it('returns the case itself when no smaller candidate still fails', async () => {
    const c = random.find((x) => x.kind === 'valid' && x.body!.length > 200)!;
    let calls = 0;
    expect(await shrinkCase(c, opts, async () => (calls++, false), 10)).toBe(c);
    expect(calls).toBeLessThanOrEqual(10);
  });

  it('keeps the smallest case that still fails, of the same label, certified, replayable from its path', async () => {
    for (const key of randomProperties(opts)) {
      const c = random.find(
        (x) => (x.kind === 'valid' ? 'valid' : `invalid/${x.violation!.keyword}`) === key && x.body!.length > 60,
      )!;
      let calls = 0;
      const small = await shrinkCase(c, opts, async () => (calls++, true), 40);
      expect(calls, key).toBeLessThanOrEqual(40);
      // A violation keeps its label; a valid case may change media type (towards application/json).
      if (key === 'valid') expect(small.label).toMatch(/^valid\/random\//);
      else expect(small.label, key).toBe(c.label);
      expect(small.id).toBe(c.id);
      expect(small.body!.length, key).toBeLessThan(c.body!.length);
      if (small.kind === 'valid') expect(errorsOf(small)).toEqual([]);
      else expect(errorsMatch(errorsOf(small), small.violation!), small.body).toBe(true);
      // A shrunk path (`k:i:j…`) replays the shrunk value first, then the rest of its shrink stream: keep the first.
      let replayed: TestCase | undefined;
      fc.check(
        fc.property(randomArbitrary(opts, key)!, (d) => ((replayed ??= d as TestCase), true)),
        { seed: opts.seed, path: small.counterexamplePath!, numRuns: 1 },
      );
      expect(small.counterexamplePath).toMatch(/^\d+(:\d+)+$/);
      expect(replayed!.body, key).toBe(small.body);
    }
  });

  it('shrinks a valid case towards application/json when the failure does not need its media type', async () => {
    // Arrange: a valid random case sent in another media type, with a charset parameter.
    const c = random.find(
      (x) => x.kind === 'valid' && x.contentType !== 'application/json' && /charset/.test(x.contentType!),
    )!;
    expect(c).toBeDefined();
    // Act: a failure that every request shows (the 500-on-everything kind).
    const small = await shrinkCase(c, opts, async () => true, 60);
    // Assert
    expect(small.contentType).toBe('application/json');
    expect(small.label).toBe('valid/random/application-json');
    expect(errorsOf(small)).toEqual([]);
    // One that needs the media type keeps it.
    const kept = await shrinkCase(c, opts, async (x) => x.contentType === c.contentType, 60);
    expect(kept.contentType).toBe(c.contentType);
  });

  it('shrinks towards what the target trips on', async () => {
    // A target that refuses any string with a character beyond the BMP (the astral-chars-500 fault).
    const astral = /[\uD800-\uDBFF]/;
    const c = random.find((x) => x.kind === 'valid' && astral.test(x.body!) && x.body!.length > 100)!;
    expect(c).toBeDefined();
    const small = await shrinkCase(c, opts, async (x) => astral.test(x.body!), 200);
    expect(astral.test(small.body!)).toBe(true);
    expect(small.body!.length).toBeLessThan(c.body!.length);
    expect(errorsOf(small)).toEqual([]);
  });
});

describe('synthetic data', () => {
  it('e-mail-like strings use reserved domains only; names start with conformance-', () => {
    const reserved = /(^|\.)(example\.(com|net|org)|test|invalid)$/i;
    let emails = 0;
    for (const c of [...boundary, ...random]) {
      for (const m of (c.body ?? '').matchAll(/[\w.%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g)) {
        emails++;
        expect(m[1], m[0]).toMatch(reserved);
      }
    }
    expect(emails).toBeGreaterThan(10);
    const all = boundary.find((c) => c.label === 'valid/all-fields')!.value as Record<string, unknown>;
    expect(all['name']).toBe('conformance-name');
    expect(all['associatedEmail']).toBe('conformance-associatedemail@example.com');
    expect(all['returnUrl']).toBe('https://example.com/conformance/returnurl');
  });
});
