/**
 * Values and value arbitraries. Synthetic data only: names start with `conformance-`, e-mail addresses and URLs use
 * reserved domains (RFC 2606, RFC 6761), uuids are made up; and no free string contains `@`, so nothing resembles an
 * address outside those domains.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { typeAllows, type FieldModel, type JsonType } from './model.ts';

/** The JSON type of a JSON value (`integer` for whole numbers). */
export function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

/**
 * Content over this many bytes may be refused with 413 (RFC 9110 §15.5.14): the spec sets no size limit and a server
 * may have one (Express's default is 100 KB, Flask's none, many a gateway's 64 KiB); under it a 413 is no limit this
 * operation's small documents need. The bodies sent come up to it exactly, and a check accepts 413 over it.
 */
export const LARGE_CONTENT_BYTES = 16 * 1024;

/**
 * Exactly `n` characters (ASCII, so characters = UTF-16 units = UTF-8 bytes). Words, not one run of letters: a
 * 64 KiB run of word characters makes backtracking scanners (e.g. an e-mail regex over a body) quadratic.
 */
export function longString(n: number): string {
  const head = `conformance-long-${n} `;
  const pattern = 'lorem ipsum dolor sit amet 0123456789 ';
  return (head + pattern.repeat(Math.ceil(n / pattern.length))).slice(0, n);
}

/** Repeats `unit` to exactly `n` code points (never splits a surrogate pair). */
function repeatToCodePoints(unit: string, n: number): string {
  const cps = Array.from(unit.length === 0 ? 'x' : unit);
  // Whole repeats with String#repeat, then the remainder: no per-code-point array on the hot path.
  return cps.join('').repeat(Math.floor(n / cps.length)) + cps.slice(0, n % cps.length).join('');
}

/** Letters beyond ASCII that Latin-1 holds, and nothing beyond Latin-1. */
export const LATIN_1_TEXT = 'conformance-Müller Café Ærøskøbing ½ £ © « » ÿ\u00A0nbsp';

/** Every character JSON must escape, plus the ones JavaScript source and HTML care about. */
export const JSON_SIGNIFICANT_TEXT =
  'conformance-"quoted" \\back\\slash /solidus \b\f\n\r\t nul\u0000 us\u001F del\u007F ls\u2028 ps\u2029 </script> {"a":[1]}';

/** The string classes every free string field is sent with in the boundary phase. */
export const STRING_VARIANTS: readonly {
  readonly name: string;
  readonly value: string;
  readonly singleField?: true;
  /** The value cut so that the whole body, as JSON text, is this many bytes (`bodyOfBytes`). */
  readonly bodyBytes?: number;
}[] = [
  { name: 'empty', value: '' },
  { name: 'ascii', value: "conformance-ASCII 0123456789 !#$%&'()*+,-./:;<=>?[]^_`{|}~" },
  { name: 'accents', value: 'conformance-àéîõü ÅÆØ çñß Łódź Ελληνικά Кириллица' },
  // Letters beyond ASCII that Latin-1 holds, and nothing beyond it: a writer that picks the narrowest charset that
  // fits (ISO-8859-1 here, UTF-8 otherwise) sends bytes that are not UTF-8 for this text alone (RFC 8259 §8.1).
  { name: 'latin-1', value: LATIN_1_TEXT },
  { name: 'cjk', value: 'conformance-测试数据 テスト 시험 𠀀𪚥' },
  // Surrogate pairs, a ZWJ sequence, a flag, a skin-tone modifier, a non-emoji astral character.
  { name: 'emoji', value: 'conformance-😀🔋🚗⚡ 👩‍👩‍👧 🇳🇱 👍🏽 𝄞' },
  { name: 'right-to-left', value: 'conformance-שלום مرحبا \u200Fmixed\u200E \u202Boverride\u202C' },
  { name: 'combining', value: 'conformance-e\u0301 a\u0308 n\u0303 Z\u0335\u0321\u0322 क्षि' },
  { name: 'zero-width', value: 'conformance-\u200B-\u200C-\u200D-\u2060-\uFEFF-end' },
  { name: 'json-significant', value: JSON_SIGNIFICANT_TEXT },
  // Comment markers inside a string are text: POCO 1.11's JSON parser with comments allowed strips `/*` everywhere.
  { name: 'comment-like', value: 'conformance /* not a comment */ // nor this # nor this' },
  // A URL as text: a store that parses it (`new URL()`, a URL type, a validator that normalises) writes it back in
  // its canonical form (the scheme and host in lower case, the default port and dot segments left out), and one that
  // decodes it turns its escapes and `+` into the characters they stand for (RFC 3986 §2.4: `%2F` is not `/`).
  {
    name: 'url-like',
    value: 'HTTPS://Conformance.Example.COM:443/a/./b/../c?q=Conformance&next=%2Fhome%20page+1#Part',
  },
  // A URL without a path: a URL type writes the empty path as `/` (WHATWG URL, pydantic 2's HttpUrl, Ruby's
  // URI#normalize; RFC 3986 §6.2.3 calls the two equivalent for http, not equal), so the echo gains a character.
  { name: 'url-origin', value: 'https://conformance.example' },
  // Leading and trailing white space must come back as sent (a trimming binder changes the value).
  { name: 'padded', value: '  conformance padded \t ' },
  // Backslashes as text, alone and in runs, before letters an escape would use (`\n`, `\t`, `\u0041`) and before a
  // quote (`\"`): a store that unescapes a string again, or collapses a run, changes it.
  {
    name: 'backslash-sequences',
    value: 'conformance-\\\\host\\new\\nodes \\t \\u0041 \\"quoted\\" \\\\\\\\ end',
  },
  // Device identifiers as they are printed: lower-case hex, a MAC address. A store that normalises what looks like
  // a serial or a MAC (upper case, separators dropped) changes the string.
  { name: 'hex-lowercase', value: 'deadbeef0123' },
  { name: 'mac-address', value: 'a4:cf:12:0b:9e:7d' },
  // A short code as a user types it from a device's label, in lower case: a store that normalises codes of that
  // shape (upper case, as a pairing code is printed) changes the string.
  { name: 'code-lowercase', value: 'k7m2xq' },
  // An e-mail address with capitals: its local part is case-sensitive (RFC 5321 §2.4), and a store that lower-cases
  // addresses (or only what looks like one) changes the string.
  { name: 'email-mixed-case', value: 'Conformance.Mixed@Example.COM' },
  // Text with `@` that is no address (RFC 5322 §3.4.1: one `@`, no dots in a row): the spec gives associatedEmail no
  // format, so a check of what looks like an address (PHP's FILTER_VALIDATE_EMAIL on a value with `@`) refuses a
  // request the schema admits.
  { name: 'email-like-invalid', value: 'conformance..dots@@example..invalid' },
  // Line breaks at both ends: a reader that chomps them (`rstrip('\r\n')`, a line-based parser) changes the string.
  { name: 'line-break-ends', value: '\r\nconformance line breaks\r\n' },
  // White space alone is a string like any other: a check for blank values (`not v.strip()`, `@NotBlank`) refuses it.
  { name: 'whitespace-only', value: '   ' },
  // Markup, a script URL, SQL and template syntax as text: a sanitiser (HTML escaping, tag stripping) changes the
  // echo, and a filter for unsafe input refuses a request the schema admits.
  {
    name: 'injection-like',
    value: "javascript:alert(1)<script>x</script>&amp;' OR 1=1 {{7*7}} %s",
  },
  // One length per octave from 64 to 4,096 in every free field at once: a limit or a fault that holds for a band of
  // lengths only (a column of 100, a buffer of 1 KiB) lies in one of them; the random phase draws between them.
  { name: 'long-64', value: longString(64) },
  { name: 'long-128', value: longString(128) },
  { name: 'long-256', value: longString(256) },
  { name: 'long-512', value: longString(512) },
  { name: 'long-1024', value: longString(1024) },
  { name: 'long-2048', value: longString(2048) },
  { name: 'long-4096', value: longString(4096) },
  // One field, so that the body stays just under the 16 KiB a server may refuse with 413 (LARGE_CONTENT_BYTES,
  // checks/rules.ts): a smaller body limit (Express's `limit: '10kb'`, nginx's `client_max_body_size 8k`) shows here,
  // where every other long case is over it.
  { name: 'long-15000', value: longString(15000), singleField: true },
  // The whole body at the floor itself, one field filled to it: every body limit under the floor refuses it (one of
  // 16,000 bytes lets long-15000's body through), and a 413 here is none the profile accepts.
  {
    name: `body-${LARGE_CONTENT_BYTES}`,
    value: longString(LARGE_CONTENT_BYTES),
    singleField: true,
    bodyBytes: LARGE_CONTENT_BYTES,
  },
  // 64 KiB in one field only, so the body stays near 64 KiB.
  { name: 'long-65536', value: longString(65536), singleField: true },
  // Past 100 KiB, the default body limit of Express's body-parser (413, accepted) and milliparsec (500: tinyhttp probe).
  { name: 'long-131072', value: longString(131072), singleField: true },
  // Past 512 KiB, the body limit of SvelteKit's adapter-node (a handler's catch-all answered its error 400: SvelteKit
  // probe); under the 1 MiB of Fastify, koa-bodyparser, aiohttp, Kore and Racket, past which a server that answers 413
  // early and closes with content unread (no lingering close, RFC 9112 §9.6) resets the connection at random, so that
  // a limit under 1 MiB mishandled is a failure every time.
  { name: 'long-786432', value: longString(786432), singleField: true },
  // Past those 1 MiB limits (their errors mapped to 400 or 500 by a catch-all are the departures); a close there is a
  // warning (COMMON_LIMIT_BYTES, checks/rules.ts); its echo stays under the 2 MiB an answer is read to.
  { name: 'long-1572864', value: longString(1572864), singleField: true },
];

/**
 * `body` as JSON text of exactly `bytes` bytes, its member `field` filled (or cut) with ASCII to that length; the text
 * is not padded where the rest of the body alone is longer.
 */
export function bodyOfBytes(body: Readonly<Record<string, unknown>>, field: string, bytes: number): string {
  const rest = Buffer.byteLength(JSON.stringify({ ...body, [field]: '' }));
  return JSON.stringify({ ...body, [field]: longString(Math.max(0, bytes - rest)) });
}

/** A stable, made-up uuid (v4 layout) for a name. */
function uuidFor(name: string): string {
  const h = createHash('sha256').update(`conformance:${name}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A plausible valid value for a free string with a hint. */
function canonicalString(f: FieldModel): string {
  const lower = f.name.toLowerCase();
  if (f.format === 'uuid') return uuidFor(f.name);
  if (f.format === 'date-time') return '2024-01-01T00:00:00Z';
  if (f.format === 'date') return '2024-01-01';
  if (f.format === 'email' || f.hint === 'email') return `conformance-${lower}@example.com`;
  if (f.format === 'uri' || f.format === 'url' || f.hint === 'url') return `https://example.com/conformance/${lower}`;
  return `conformance-${lower}`;
}

/** The any-value (no `type`) a field gets by default. */
const CANONICAL_ANY: Readonly<Record<string, unknown>> = {
  source: 'conformance-suite',
  enabled: true,
  count: 1,
};

/** The value a field gets in the boundary phase when nothing else is being tried on it. */
export function canonicalValue(f: FieldModel): unknown {
  if (f.enumValues !== undefined) {
    const first = f.enumValues.find((v) => v !== null && typeAllows(f.types, jsonTypeOf(v)));
    return first === undefined ? null : first;
  }
  if (f.types === undefined) return { ...CANONICAL_ANY };
  const t = f.types.find((x) => x !== 'null') ?? 'null';
  switch (t) {
    case 'string':
      return canonicalString(f);
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return null;
  }
}

/** Shapes of an any-value (a schema without `type`), for the boundary phase. Numbers all round-trip through JSON. */
export const ANY_SHAPES: readonly { readonly name: string; readonly value: unknown }[] = [
  { name: 'object', value: { ...CANONICAL_ANY } },
  { name: 'empty-object', value: {} },
  {
    name: 'nested',
    value: {
      conformance: { level: 1, tags: ['a', 'b', { deeper: [null, true, 0.5, -7, { text: 'conformance-é😀"\\' }] }] },
      nulls: { a: null, b: [null] },
      'key with spaces/and~specials': 'v',
      ünïcödé: '测试',
    },
  },
  // A key in each naming style: a renderer that converts keys for a camelCase API (djangorestframework-camel-case's
  // renderer, a global snake/camel interceptor) converts the free-form ones too, where the schema's were its style.
  {
    name: 'key-styles',
    value: {
      camelCase: 1,
      snake_case: 2,
      PascalCase: 3,
      'kebab-case': 4,
      SCREAMING_SNAKE: 5,
      _leading: 6,
      trailing_: 7,
      v2_beta: 8,
    },
  },
  // Keys with a dot and a leading `$`: data in a member that takes any JSON, which a sanitiser against MongoDB
  // operator injection (express-mongo-sanitize, mongo-sanitize) strips, and a store that reads dotted paths nests.
  {
    name: 'operator-keys',
    value: { 'dotted.key': 1, $operator: 2, 'a.b': { $in: [1, 2] } },
  },
  // Arrays whose items repeat: a store that keeps an array as a set (Python's set(), Perl's uniq, `[...new Set(a)]`)
  // gives back each item once.
  {
    name: 'repeated-items',
    value: { tags: ['a', 'a', 'b'], counts: [1, 1, 2, 2], flags: [true, true, null, null] },
  },
  // 24 levels: under the common reader limits (32, 64: System.Text.Json's default), over ad-hoc ones.
  {
    name: 'deep',
    value: Array.from({ length: 24 }).reduce<unknown>(
      (inner, _, i) => (i % 2 === 0 ? { level: inner } : [inner]),
      'conformance-bottom',
    ),
  },
  {
    name: 'wide',
    value: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`key${String(i).padStart(3, '0')}`, i])),
  },
  // Exact in IEEE 754 doubles and in JSON: a store that narrows numbers (float, int32, decimal rounding) changes them.
  {
    name: 'numbers',
    value: {
      zero: 0,
      negative: -1,
      fraction: 0.1,
      big: 9007199254740991,
      huge: 1e21,
      tiny: -2.5e-8,
      int32Overflow: 2147483648,
    },
  },
  // A member whose value is null at the first level: a writer that drops null members of a map (Jackson's NON_NULL,
  // omitempty on a map) loses it (kin-openapi probe).
  { name: 'null-member', value: { conformance: 'kept', empty: null } },
  { name: 'array', value: [1, 'conformance', null, false, { a: [] }] },
  { name: 'empty-array', value: [] },
  // An array as long as the wide object is wide: a limit on array lengths (a validator's maxItems of its own) refuses it.
  { name: 'long-array', value: Array.from({ length: 300 }, (_, i) => i) },
  { name: 'string', value: 'conformance-properties' },
  // The characters JSON must escape, U+0000 among them, inside the free-form member: a store that refuses U+0000 in a
  // document (PostgreSQL's jsonb, MongoDB's keys) answers 500 where the same text in a typed field is kept.
  { name: 'json-significant-strings', value: { text: JSON_SIGNIFICANT_TEXT, list: [JSON_SIGNIFICANT_TEXT] } },
  // JSON text inside a string is text: a store that parses strings again (a JSON column read back, a reviver that
  // tries JSON.parse on every string) echoes an object.
  { name: 'json-text-string', value: '{"conformance":[1,"a"]}' },
  // Strings that look like dates and times: a reader that makes dates of them (Rails' parse_json_times, a YAML
  // loader) writes them back in its own form.
  {
    name: 'date-strings',
    value: { date: '2024-01-01', time: '2024-01-01T10:00:00Z', offset: '2024-01-01T10:00:00+01:00' },
  },
  // Strings that read as numbers, booleans or null: a store that coerces what looks like another type (form-style
  // parsing, a YAML loader, a numeric column) writes back 42, 12, true or null where strings were sent.
  {
    name: 'typed-looking-strings',
    value: { floor: '42', zip: '0012', ratio: '1.50', flag: 'true', nothing: 'null', big: '9007199254740993' },
  },
  // An object whose keys are 0 to n-1 in order: PHP's json_decode to an array and json_encode back write it as a list
  // (Symfony blind probe), here at the top and nested.
  { name: 'index-keys', value: { '0': 'conformance', '1': { '0': 'a', '1': 'b' } } },
  { name: 'number', value: 42.5 },
  { name: 'boolean', value: false },
  // Prototype-named members (JSON.parse makes `__proto__` an own key; an object literal would set the prototype):
  // valid JSON that prototype-poisoning guards (Fastify's secure-json-parse) refuse.
  { name: 'proto-key', value: JSON.parse('{"__proto__":{"x":1}}') as unknown },
  { name: 'constructor-prototype', value: JSON.parse('{"constructor":{"prototype":{}}}') as unknown },
  { name: 'prototype-key', value: JSON.parse('{"prototype":{"x":1}}') as unknown },
  // Keys that read as integers but are not 0 to n-1: PHP's array_merge renumbers them from 0 (Laravel blind probe),
  // where index-keys above come back as they went.
  { name: 'integer-keys', value: { '5': 'conformance', '10': { '7': 'a' }, a: 1 } },
  // Keys a log redactor masks (pino's redact paths, a "sensitive keys" list), at the top and nested: a redactor that
  // works on the answer, not a copy of it, echoes `[REDACTED]` (h3 blind probe). No value is a secret of the run.
  {
    name: 'sensitive-key-names',
    value: {
      password: 'conformance-p',
      secret: 'conformance-s',
      token: 'conformance-t',
      apiKey: 'conformance-k',
      nested: { api_key: 'conformance-k2', accessToken: 'conformance-a', authorization: 'conformance-z' },
    },
  },
];

/**
 * Lone surrogate escapes: valid JSON (RFC 8259 §7 allows any \uXXXX), which RFC 8259 §8.2 says parsers handle
 * unpredictably. JSON.stringify writes a lone surrogate as its escape, so the bytes sent are ASCII.
 */
export const LONE_SURROGATES: readonly { readonly name: string; readonly value: string }[] = [
  { name: 'high', value: 'conformance-\uD800' },
  { name: 'low-then-text', value: 'conformance-\uDC00x' },
  { name: 'reversed-pair', value: 'conformance-\uDC00\uD800' },
];

/** Number literals JavaScript and Python write but JSON does not have (RFC 8259 §6): a body carrying one is not JSON. */
export const NON_JSON_NUMBERS: readonly { readonly name: string; readonly literal: string }[] = [
  { name: 'nan', literal: 'NaN' },
  { name: 'infinity', literal: 'Infinity' },
  { name: 'negative-infinity', literal: '-Infinity' },
];

// ---- arbitraries ----

const noAt = (s: string): string => s.replaceAll('@', '\uFF20');

const SPECIAL_UNITS = [
  '"',
  '\\',
  '/',
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\u0000',
  '\u001F',
  '\u007F',
  '\u2028',
  '\u2029',
  'é',
  'e\u0301',
  '测',
  'テ',
  '😀',
  '👩‍👩‍👧',
  '🇳🇱',
  '\u200B',
  '\u200D',
  '\uFEFF',
  'א',
  'ع',
  '\u202E',
  ' ',
  '\u00A0',
  'Ω',
] as const;

/**
 * Any Unicode scalar value (every code point but the surrogates), as a string unit. fast-check's own `'binary'` unit
 * builds a reverse map of all 1.1 million code points when constructed (0.6 s of start-up).
 */
const codePointArb: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n >= 0xd800 ? n + 0x800 : n));

/** Strings for free string fields: ASCII, any grapheme, any code point (controls included), JSON specials, long. */
export const freeStringArb: fc.Arbitrary<string> = fc
  .oneof(
    // Cross-shrink: a failing long or exotic string may also shrink to a short ASCII one.
    { withCrossShrink: true },
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 32 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
    { weight: 2, arbitrary: fc.string({ unit: codePointArb, maxLength: 16 }) },
    {
      weight: 2,
      arbitrary: fc.string({
        unit: fc.oneof(
          fc.constantFrom(...SPECIAL_UNITS),
          fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
        ),
        maxLength: 16,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...STRING_VARIANTS.filter((v) => v.value.length <= 256).map((v) => v.value)),
    },
    // Strings that read as numbers or JSON words: a run of digits of any length (a branch for six-digit codes), a
    // number's spellings, `null`, `true`, an empty array or object as text.
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 12 }),
        fc.constantFrom('-1', '1.0', '1e3', '0x10', 'NaN', 'null', 'true', 'false', 'undefined', '[]', '{}'),
      ),
    },
    // Long strings: up to 4,096 code points of a repeated random unit, every octave (1, 2–3, …, 2,048–4,095) as likely,
    // so that a band of lengths (33–255, say) is drawn as often as the longest ones; the length shrinks to 1, so a
    // failure on a long run of one character ends as that one character.
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 0, max: 11 }),
          fc.integer({ min: 0, max: 2 ** 11 - 1 }),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
        )
        .map(([octave, offset, u]) => repeatToCodePoints(u, 2 ** octave + (offset % 2 ** octave))),
    },
  )
  .map(noAt);

const LOCAL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const RESERVED_DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'conformance.test',
  'onboarding.invalid',
] as const;

/** E-mail-like strings on reserved domains only. */
const emailArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...LOCAL_CHARS), minLength: 1, maxLength: 12 }),
    fc.constantFrom('', '+tag', '.dot'),
    fc.constantFrom(...RESERVED_DOMAINS),
  )
  .map(([local, extra, domain]) => `conformance-${local}${extra}@${domain}`);

/** URLs on reserved domains only. */
const urlArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      'https://example.com',
      'https://app.example.org',
      'http://return.example.net:8080',
      'https://callback.test',
    ),
    fc.string({ unit: fc.constantFrom(...LOCAL_CHARS), maxLength: 12 }),
    fc.option(fc.string({ unit: fc.constantFrom(...LOCAL_CHARS), minLength: 1, maxLength: 8 }), { nil: undefined }),
  )
  .map(([origin, path, state]) => `${origin}/conformance/${path}${state === undefined ? '' : `?state=${state}`}`);

const HEX_DIGITS = '0123456789abcdef'.split('');
/** Any 32 hex digits in the 8-4-4-4-12 layout: every version and variant digit, as format uuid admits (ajv-formats). */
const anyHexUuidArb: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...HEX_DIGITS), minLength: 32, maxLength: 32 })
  .map((h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);

/**
 * Uuids from the whole space format uuid admits: RFC 9562 layouts (`fc.uuid()`: versions 1-8, variant 10xx), any hex
 * digit in the version and variant places, the nil and the max uuid; lower case mostly, upper and mixed case too (hex
 * digits are case-insensitive, RFC 9562 §4). The `urn:uuid:` form that ajv-formats also accepts is left to an advisory
 * boundary case: .NET's Guid.Parse and npm's uuid.validate refuse it, so a random valid case carrying it would fail
 * correct providers.
 */
const uuidArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: anyHexUuidArb },
      {
        weight: 1,
        arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
      },
    ),
    fc.constantFrom('lower', 'lower', 'lower', 'upper', 'mixed'),
  )
  .map(([u, spelling]) =>
    spelling === 'upper'
      ? u.toUpperCase()
      : spelling === 'mixed'
        ? u.replace(/[a-f]/g, (c, i: number) => (i % 2 === 0 ? c.toUpperCase() : c))
        : u,
  );

/** Numbers that survive JSON.stringify → JSON.parse unchanged: no -0, NaN, infinities or integers beyond 2^53. */
export const safeNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.maxSafeInteger(),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
);

/**
 * Object keys: any grapheme, no `@`. `__proto__` is kept (fast-check biases towards it and `constructor`): fc.dictionary
 * defines it as an own key, JSON.stringify writes it and JSON.parse reads it back as one, so it reaches the wire.
 */
const keyArb: fc.Arbitrary<string> = fc
  .oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 }))
  .map(noAt);

/** Any JSON value up to `maxDepth` levels of arrays and objects. */
export function jsonValueArb(maxDepth = 3): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(fc.constant(null), fc.boolean(), safeNumberArb, freeStringArb);
  return fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ maxDepth, depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(keyArb, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  })).value;
}

/** A non-null value of one JSON type (for wrong-type cases and for typed fields). */
export function valueOfTypeArb(t: JsonType): fc.Arbitrary<unknown> {
  switch (t) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: -1_000_000, max: 1_000_000 });
    case 'number':
      return safeNumberArb;
    case 'string':
      return freeStringArb;
    case 'array':
      return fc.array(jsonValueArb(2), { maxLength: 3 });
    case 'object':
      return fc.dictionary(keyArb, jsonValueArb(2), { maxKeys: 3, noNullPrototype: true });
  }
}

function stringFieldArb(f: FieldModel): fc.Arbitrary<string> {
  switch (f.format) {
    case 'uuid':
      return uuidArb;
    case 'email':
      return emailArb;
    case 'uri':
    case 'url':
      return urlArb;
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case undefined:
      break;
    default:
      // A format the generators do not know: its canonical value (the certification filter has the last word).
      return fc.constant(canonicalString(f));
  }
  if (f.hint === 'email') return fc.oneof({ weight: 3, arbitrary: emailArb }, { weight: 1, arbitrary: freeStringArb });
  if (f.hint === 'url') return fc.oneof({ weight: 3, arbitrary: urlArb }, { weight: 1, arbitrary: freeStringArb });
  return freeStringArb;
}

/** Valid values of one field, driven by its schema: enum members, each allowed type (null rarely), any JSON when untyped. */
export function fieldValueArb(f: FieldModel): fc.Arbitrary<unknown> {
  if (f.enumValues !== undefined) {
    const members = f.enumValues.filter((v) => (v === null ? f.nullable : typeAllows(f.types, jsonTypeOf(v))));
    return members.length === 0 ? fc.constant(canonicalValue(f)) : fc.constantFrom(...members);
  }
  if (f.types === undefined) return jsonValueArb(3);
  const options: fc.WeightedArbitrary<unknown>[] = [];
  for (const t of f.types) {
    if (t === 'string') options.push({ weight: 8, arbitrary: stringFieldArb(f) });
    else options.push({ weight: t === 'null' ? 1 : 4, arbitrary: valueOfTypeArb(t) });
  }
  return options.length === 0 ? fc.constant(canonicalValue(f)) : fc.oneof({ withCrossShrink: true }, ...options);
}
