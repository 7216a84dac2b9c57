/**
 * The deterministic phases: preflight and boundary. Every case is derived from the request model (so from the spec),
 * in a stable order that does not depend on the seed, and kept only when certified: valid bodies must pass the
 * validator of the media type they are sent with, invalid ones must fail it for exactly their labelled violation,
 * malformed ones must fail JSON.parse, undeclared media types must match no declared one.
 */
import type { AuthMode, Violation } from './case.ts';
import { certifyInvalid, certifyValid, parseBody } from './certify.ts';
import { draft, type Draft } from './draft.ts';
import type { FieldModel, RequestModel } from './model.ts';
import { ANY_SHAPES, canonicalValue, LONE_SURROGATES, NON_JSON_NUMBERS, STRING_VARIANTS } from './values.ts';
import { VIOLATIONS } from './violations/index.ts';
import type { Body, BoundaryContext } from './violations/kind.ts';

/** Rules of HTTP the boundary phase tests that the verdict profile does not list: reported as warnings. */
const ADVISORY = {
  mediaTypeCase: 'media types are case-insensitive (RFC 9110 §8.3.1), but the verdict profile does not list it',
  authSchemeCase: 'the auth scheme is case-insensitive (RFC 9110 §11.1), but the verdict profile does not list it',
  authFirst:
    'an anonymous invalid body matches both the 401 and the 400 row; the verdict profile does not say which wins',
  loneSurrogate: 'a lone surrogate escape is valid JSON, but RFC 8259 §8.2 calls its handling unpredictable',
} as const;

/** Auth modes of kind `auth` (each must be refused). `lowercase-scheme` is valid (RFC 9110 §11.1): a valid case. */
const REFUSED_AUTH: readonly AuthMode[] = ['none', 'wrong', 'basic', 'empty-bearer'];
/** Media types no spec of this operation declares; each is also checked against the declared ones. */
const UNDECLARED_MEDIA_TYPES: readonly string[] = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
];
/** Other methods on the path. */
const OTHER_METHODS: readonly { readonly method: string; readonly withBody: boolean }[] = [
  { method: 'GET', withBody: false },
  { method: 'PUT', withBody: true },
  { method: 'PATCH', withBody: true },
  { method: 'DELETE', withBody: false },
];
export function minimalBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) if (f.required) out[f.name] = canonicalValue(f);
  return out;
}

function allFieldsBody(model: RequestModel): Body {
  const out: Body = {};
  for (const f of model.fields) out[f.name] = canonicalValue(f);
  return out;
}

/** Free strings: typed string, no enum, no format. */
function freeStringFields(model: RequestModel): FieldModel[] {
  return model.fields.filter(
    (f) => f.enumValues === undefined && f.format === undefined && f.types !== undefined && f.types.includes('string'),
  );
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
  // Each violation kind's valid edge cases (enum members, uuid spellings), in registry order.
  const ctx: BoundaryContext = { model, minimal, all };
  for (const kind of VIOLATIONS)
    for (const c of kind.validCases?.(ctx) ?? []) valid(c.label, c.body, ct, 'valid', c.advisory);
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

  // ---- one schema violation each: every violation kind's cases, in registry order (./violations/index.ts) ----
  for (const kind of VIOLATIONS) for (const c of kind.invalidCases(ctx)) invalid(c.label, c.body, c.violation);

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
