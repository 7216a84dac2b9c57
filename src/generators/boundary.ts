/**
 * The deterministic phases: preflight and boundary. Every case is derived from the request model (so from the spec),
 * in a stable order that does not depend on the seed, and kept only when certified: valid bodies must pass the
 * validator of the media type they are sent with, invalid ones must fail it for exactly their labelled violation,
 * malformed ones must fail JSON.parse, undeclared media types must match no declared one.
 */
import type { AuthMode, Violation } from './case.ts';
import { certifyInvalid, certifyValid, parseBody } from './certify.ts';
import { draft, type Draft } from './draft.ts';
import { typeAllows, type FieldModel, type JsonType, type RequestModel } from './model.ts';
import { enumNearMisses, nameVariants, uuidNearMisses } from './near-miss.ts';
import {
  ANY_SHAPES,
  canonicalValue,
  jsonTypeOf,
  LONE_SURROGATES,
  NON_JSON_NUMBERS,
  STRING_VARIANTS,
} from './values.ts';

/** Rules of HTTP the boundary phase tests that the verdict profile does not list: reported as warnings. */
const ADVISORY = {
  mediaTypeCase: 'media types are case-insensitive (RFC 9110 §8.3.1), but the verdict profile does not list it',
  authSchemeCase: 'the auth scheme is case-insensitive (RFC 9110 §11.1), but the verdict profile does not list it',
  authFirst:
    'an anonymous invalid body matches both the 401 and the 400 row; the verdict profile does not say which wins',
  urnUuid:
    'ajv-formats accepts the urn:uuid: form of format uuid, but common uuid parsers (.NET Guid, npm uuid) refuse it',
  loneSurrogate: 'a lone surrogate escape is valid JSON, but RFC 8259 §8.2 calls its handling unpredictable',
} as const;

type Body = Record<string, unknown>;

/** Auth modes of kind `auth` (each must be refused). `lowercase-scheme` is valid (RFC 9110 §11.1): a valid case. */
export const REFUSED_AUTH: readonly AuthMode[] = ['none', 'wrong', 'basic', 'empty-bearer'];
/** Media types no spec of this operation declares; each is also checked against the declared ones. */
export const UNDECLARED_MEDIA_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
];
/** Other methods on the path. */
export const OTHER_METHODS: readonly { readonly method: string; readonly withBody: boolean }[] = [
  { method: 'GET', withBody: false },
  { method: 'PUT', withBody: true },
  { method: 'PATCH', withBody: true },
  { method: 'DELETE', withBody: false },
];
/** Wrong JSON types tried on a typed field, in this order. */
const WRONG_TYPES: readonly JsonType[] = ['number', 'boolean', 'array', 'object', 'string', 'null'];
/**
 * One-element arrays that coercing validators unwrap (Ajv's `coerceTypes: 'array'`, Fastify's default): `[0]` becomes
 * `"0"`. Beside the `array` wrong type, which wraps the field's own value (`["conformance-brand"]`, `["Battery"]`).
 */
const COERCIBLE_ARRAYS: readonly { readonly name: string; readonly value: unknown }[] = [
  { name: 'array-of-number', value: [0] },
  { name: 'array-of-boolean', value: [true] },
  { name: 'array-of-null', value: [null] },
  { name: 'array-of-string', value: ['conformance'] },
];

export function minimalBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) if (f.required) out[f.name] = canonicalValue(f);
  return out;
}

export function allFieldsBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) out[f.name] = canonicalValue(f);
  return out;
}

/** Free strings: typed string, no enum, no format. */
export function freeStringFields(model: RequestModel): FieldModel[] {
  return model.fields.filter(
    (f) => f.enumValues === undefined && f.format === undefined && f.types !== undefined && f.types.includes('string'),
  );
}

/**
 * Wrong JSON types for a typed field: every one for plain fields; for a formatted one the shapes coercing validators
 * turn into strings (number, boolean, array) and null when refused.
 */
export function wrongTypes(f: FieldModel): JsonType[] {
  if (f.types === undefined) return [];
  const wrong = WRONG_TYPES.filter((t) => !typeAllows(f.types, t) && !(t === 'null' && f.nullable));
  return f.format !== undefined ? wrong.filter((t) => t !== 'object' && t !== 'string') : wrong;
}

/** A value of JSON type `t` for field `f` (enum fields get a plausible ordinal as their number). */
export function wrongValue(f: FieldModel | undefined, t: JsonType, inner: unknown): unknown {
  switch (t) {
    case 'number':
      if (f !== undefined && typeAllows(f.types, 'integer')) return 0.5;
      return f?.enumValues !== undefined ? Math.min(2, f.enumValues.length - 1) : 5;
    case 'integer':
      return 5;
    case 'boolean':
      return true;
    case 'array':
      return [inner];
    case 'object':
      return { value: inner };
    case 'string':
      return 'conformance';
    case 'null':
      return null;
  }
}

/** The JSON type of a value, and of the element of a one-element array (`[string]`): what a coercion unwraps. */
function shapeOf(v: unknown): string {
  return Array.isArray(v) && v.length === 1 ? `[${jsonTypeOf(v[0])}]` : jsonTypeOf(v);
}

export function fieldViolation(f: FieldModel, keyword: string): Violation {
  return { keyword, rule: `${f.pointer}/${keyword}`, instancePath: f.instancePath };
}

export function rootViolation(model: RequestModel, keyword: string): Violation {
  return { keyword, rule: `${model.rootPointer}/${keyword}`, instancePath: '' };
}

/** Escapes every non-ASCII character as \uXXXX (surrogate pairs as two escapes): the same JSON value. */
function asciiEscaped(json: string): string {
  return json.replace(/[\u007F-\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The preflight: two cases whose verdict is certain, sent before anything else. */
export function preflightDrafts(model: RequestModel): Draft[] {
  const ct = model.primary.contentType;
  const enumField = model.fields.find((f) => f.enumValues !== undefined);
  const invalid = { [enumField?.name ?? 'type']: 'Boat', surplus: 1 };
  const out: Draft[] = [];
  const bad = parseBody(JSON.stringify(invalid));
  if (bad.ok && model.validator.validate(bad.value).length > 0)
    out.push(draft('schema-violation', 'preflight/invalid-body', JSON.stringify(invalid), { contentType: ct }));
  out.push(
    draft('auth', 'preflight/no-credentials', JSON.stringify(minimalBody(model)), { contentType: ct, auth: 'none' }),
  );
  return out;
}

/** Every boundary case, certified, in a stable order. */
export function boundaryDrafts(model: RequestModel): Draft[] {
  const ct = model.primary.contentType;
  const minimal = minimalBody(model);
  const all = allFieldsBody(model);
  const strings = freeStringFields(model);
  const out: Draft[] = [];

  const valid = (label: string, body: Body | string, contentType = ct, auth: AuthMode = 'valid', advisory?: string) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if (certifyValid(model.validators, contentType, text))
      out.push(draft('valid', label, text, { contentType, auth, ...(advisory ? { advisory } : {}) }));
  };
  const invalid = (label: string, body: unknown, violation: Violation) => {
    const text = JSON.stringify(body);
    if (certifyInvalid(model.validators, ct, text, violation))
      out.push(draft('schema-violation', label, text, { contentType: ct, violation }));
  };
  const withField = (f: FieldModel, value: unknown): Body => ({ ...minimal, [f.name]: value });

  // ---- valid ----
  valid('valid/minimal', minimal);
  valid('valid/all-fields', all);
  const allNull: Body = { ...minimal };
  for (const f of model.fields) if (f.nullable) allNull[f.name] = null;
  valid('valid/all-null', allNull);
  for (const f of model.fields) if (f.nullable) valid(`valid/null/${f.name}`, withField(f, null));
  for (const f of model.fields) {
    for (const member of f.enumValues ?? [])
      if (member !== null)
        valid(
          `valid/enum/${f.name}/${typeof member === 'string' ? member : JSON.stringify(member)}`,
          withField(f, member),
        );
  }
  for (const f of model.fields) {
    if (f.format !== 'uuid') continue;
    const u = canonicalValue(f) as string;
    valid(`valid/format/${f.name}/lowercase`, withField(f, u.toLowerCase()));
    valid(`valid/format/${f.name}/uppercase`, withField(f, u.toUpperCase()));
    valid(`valid/format/${f.name}/urn-uuid`, withField(f, `urn:uuid:${u}`), ct, 'valid', ADVISORY.urnUuid);
  }
  if (strings.length > 0) {
    for (const v of STRING_VARIANTS) {
      const body: Body = { ...minimal };
      for (const f of v.singleField ? strings.slice(0, 1) : strings) body[f.name] = v.value;
      valid(`valid/string/${v.name}`, body);
    }
  }
  for (const f of model.fields) {
    if (f.types !== undefined || f.enumValues !== undefined) continue;
    for (const shape of ANY_SHAPES) valid(`valid/any/${f.name}/${shape.name}`, withField(f, shape.value));
  }
  // Lone surrogates in each free string and inside each untyped field: 201 due; RFC 8259 §8.2 makes a refusal advice.
  const untyped = model.fields.filter((f) => f.types === undefined && f.enumValues === undefined);
  for (const u of LONE_SURROGATES) {
    for (const f of strings)
      valid(`valid/surrogate/${u.name}/${f.name}`, withField(f, u.value), ct, 'valid', ADVISORY.loneSurrogate);
    for (const f of untyped)
      valid(
        `valid/surrogate/${u.name}/${f.name}`,
        withField(f, { conformance: u.value }),
        ct,
        'valid',
        ADVISORY.loneSurrogate,
      );
  }
  for (const m of model.media) valid(`valid/${m.slug}`, all, m.contentType);
  const [type = '', subtype = ''] = model.primary.contentType.split('/');
  valid(
    `valid/${model.primary.slug}-mixed-case`,
    all,
    `${type.slice(0, 1).toUpperCase()}${type.slice(1)}/${subtype.toUpperCase()}`,
    'valid',
    ADVISORY.mediaTypeCase,
  );
  valid('valid/pretty-printed', `\n${JSON.stringify(all, null, 2)}\n`);
  if (strings.length > 0) {
    const emoji =
      STRING_VARIANTS.find((v) => v.name === 'emoji')!.value +
      ' ' +
      STRING_VARIANTS.find((v) => v.name === 'accents')!.value;
    const body: Body = { ...minimal };
    for (const f of strings) body[f.name] = emoji;
    valid('valid/unicode-escaped', asciiEscaped(JSON.stringify(body)));
  }
  valid('valid/auth-lowercase-scheme', minimal, ct, 'lowercase-scheme', ADVISORY.authSchemeCase);

  // ---- one schema violation each ----
  if (model.required.length > 0) {
    for (const r of model.required) {
      const body = { ...minimal };
      delete body[r];
      invalid(`invalid/required/${r}`, body, rootViolation(model, 'required'));
    }
    if (model.required.length > 1) {
      const body = { ...all };
      for (const r of model.required) delete body[r];
      invalid('invalid/required/all', body, rootViolation(model, 'required'));
    }
    invalid('invalid/required/empty-object', {}, rootViolation(model, 'required'));
  }
  for (const t of WRONG_TYPES) {
    if (typeAllows(model.rootTypes, t)) continue;
    invalid(`invalid/type/root/${t}`, wrongValue(undefined, t, minimal), rootViolation(model, 'type'));
  }
  for (const f of model.fields) {
    const tried = new Set<string>();
    for (const t of wrongTypes(f)) {
      const value = wrongValue(f, t, canonicalValue(f));
      tried.add(shapeOf(value));
      invalid(`invalid/type/${f.name}/${t}`, withField(f, value), fieldViolation(f, 'type'));
    }
    if (f.types === undefined || typeAllows(f.types, 'array')) continue;
    for (const a of COERCIBLE_ARRAYS)
      if (!tried.has(shapeOf(a.value)))
        invalid(`invalid/type/${f.name}/${a.name}`, withField(f, a.value), fieldViolation(f, 'type'));
  }
  for (const f of model.fields) {
    const members = (f.enumValues ?? []).filter((m): m is string => typeof m === 'string');
    if (members.length === 0 || !typeAllows(f.types, 'string')) continue;
    for (const nm of enumNearMisses(members))
      invalid(`invalid/enum/${f.name}/${nm.name}`, withField(f, nm.value), fieldViolation(f, 'enum'));
  }
  for (const f of model.fields) {
    if (f.format !== 'uuid') continue;
    for (const nm of uuidNearMisses(canonicalValue(f) as string))
      invalid(`invalid/format/${f.name}/${nm.name}`, withField(f, nm.value), fieldViolation(f, 'format'));
  }
  if (model.closed) {
    const known = model.fields.map((f) => f.name);
    const additional = (label: string, key: string, value: unknown, replaces?: FieldModel) => {
      if (known.includes(key)) return;
      const body: Body = { ...minimal };
      if (replaces && !replaces.required) delete body[replaces.name];
      body[key] = value;
      invalid(`invalid/additionalProperties/${label}`, body, rootViolation(model, 'additionalProperties'));
    };
    additional('unknown', 'conformanceExtra', 'conformance');
    additional('empty-name', '', 'conformance');
    // Other casings of known names (ASP.NET binds case-insensitively by default): an optional field is renamed,
    // a required one stays and gets a twin, so that `required` stays satisfied.
    for (const f of model.fields)
      additional(nameVariants(f.name).pascal, nameVariants(f.name).pascal, canonicalValue(f), f);
    for (const f of model.fields)
      if (f.required) additional(nameVariants(f.name).upper, nameVariants(f.name).upper, canonicalValue(f), f);
  }

  // ---- not JSON, no body ----
  const m = JSON.stringify(minimal);
  const firstKey = Object.keys(minimal)[0] ?? 'conformance';
  const firstValue = JSON.stringify(minimal[firstKey] ?? 'conformance');
  const withFirst = (raw: string) => m.replace(`"${firstKey}":${firstValue}`, `"${firstKey}":${raw}`);
  const malformed: [string, string][] = [
    ['truncated', m.slice(0, -1)],
    ['trailing-comma', `${m.slice(0, -1)},}`],
    ['single-quotes', m.replaceAll('"', "'")],
    ['unquoted-keys', m.replace(/"([^"]+)":/g, '$1:')],
    ['nan', withFirst('NaN')],
    ['leading-zero', withFirst('01')],
    ['invalid-escape', withFirst('"\\x41"')],
    ['unterminated-string', `{"${firstKey}":"conformance}`],
    ['comment', `/* conformance */${m}`],
    ['concatenated', m + m],
    ['bare-word', 'conformance'],
    ['bom-only', '\uFEFF'],
    ['whitespace-only', ' \r\n\t '],
  ];
  // NaN and the infinities in every position, not only the first key: Python's json.loads takes them all.
  const MARK = 'conformance-non-json-number';
  const positions: [string, Body][] = model.fields.map((f) => [f.name, withField(f, MARK)]);
  for (const f of untyped)
    positions.push(
      [`${f.name}/nested`, withField(f, { conformance: MARK })],
      [`${f.name}/array`, withField(f, [MARK])],
    );
  for (const n of NON_JSON_NUMBERS)
    for (const [where, body] of positions)
      malformed.push([`${n.name}/${where}`, JSON.stringify(body).replace(JSON.stringify(MARK), n.literal)]);
  for (const [name, body] of malformed) {
    if (!parseBody(body).ok) out.push(draft('malformed-json', `malformed/${name}`, body, { contentType: ct }));
  }
  out.push(draft('empty-body', 'empty-body', '', { contentType: ct }));

  // ---- credentials, media type, method (each on an otherwise valid request) ----
  for (const auth of REFUSED_AUTH) out.push(draft('auth', `auth/${auth}`, m, { contentType: ct, auth }));
  // Credentials come before the body: an anonymous request with an invalid body is still 401, not 400.
  const anonymousInvalid = JSON.stringify({});
  if (!certifyValid(model.validators, ct, anonymousInvalid))
    out.push(
      draft('auth', 'auth/none-invalid-body', anonymousInvalid, {
        contentType: ct,
        auth: 'none',
        advisory: ADVISORY.authFirst,
      }),
    );
  for (const mt of UNDECLARED_MEDIA_TYPES) {
    if (model.validators.requestFor(mt) === undefined)
      out.push(draft('media-type', `media/${mt.replace(/[^a-z0-9]+/gi, '-')}`, m, { contentType: mt }));
  }
  for (const { method, withBody } of OTHER_METHODS) {
    out.push(
      withBody
        ? draft('method', `method/${method}`, m, { contentType: ct, method })
        : draft('method', `method/${method}`, undefined, { contentType: undefined, method }),
    );
  }
  return out;
}
