/**
 * Near misses: values one small step outside a constraint (enum members in other spellings, uuids in forms that
 * `format: uuid` rejects, property names in other casings). Each is a candidate: certification decides.
 */
import fc from 'fast-check';
import { freeStringArb } from './values.ts';

/** Latin letters and the Cyrillic letters that look the same. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  A: '\u0410',
  B: '\u0412',
  C: '\u0421',
  E: '\u0415',
  H: '\u041D',
  K: '\u041A',
  M: '\u041C',
  O: '\u041E',
  P: '\u0420',
  T: '\u0422',
  X: '\u0425',
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043E',
  p: '\u0440',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
  s: '\u0455',
  j: '\u0458',
};

/** Replaces the first letter (from `from` on, wrapping) that has a look-alike; the word itself when none has. */
export function homoglyph(word: string, from = 0): string {
  const chars = Array.from(word);
  for (let k = 0; k < chars.length; k++) {
    const i = (from + k) % chars.length;
    const g = HOMOGLYPHS[chars[i]];
    if (g !== undefined) {
      chars[i] = g;
      return chars.join('');
    }
  }
  return word;
}

export interface NearMiss {
  readonly name: string;
  readonly value: string;
}

/** Names a server's own enum commonly has that a document's does not (its zero value, a catch-all). */
const PLACEHOLDERS = ['Unknown', 'None', 'Other', 'Unspecified'] as const;

/**
 * Kinds of energy asset beside the ones this API onboards, which a server's own enum may have grown ahead of the
 * document (six blind probes planted one: Gateway four times, Car, Gas); sent to every string enum, as no member.
 */
const DOMAIN_WORDS = [
  'Gateway',
  'Car',
  'Gas',
  'Thermostat',
  'Boiler',
  'Generator',
  'WindTurbine',
  'SmartPlug',
] as const;

/** `word` (Pascal case) in the letter case of `member`: upper case, snake upper, lower case, or as it is. */
function styledAs(member: string, word: string): string {
  if (/^[A-Z0-9_]+$/.test(member) && /[A-Z]/.test(member)) return word.toUpperCase();
  if (/^[a-z]/.test(member)) return word.toLowerCase();
  return word;
}

/**
 * The boundary enum near misses of a set of string members (none of them a member). `neighbours` are the document's
 * other enums: the first member of each that is not one of these is sent too (a server that checks against the wrong
 * enum, or a union of them, takes it).
 */
export function enumNearMisses(
  members: readonly string[],
  neighbours: readonly (readonly string[])[] = [],
): NearMiss[] {
  const nonEmpty = members.filter((m) => m.length > 0);
  if (nonEmpty.length === 0) return [{ name: 'unknown', value: 'conformance-unknown' }];
  const shortest = nonEmpty.reduce((a, b) => (b.length < a.length ? b : a));
  const first = nonEmpty[0];
  const camel = nonEmpty.find((m) => /[A-Z]/.test(m.slice(1)) && /^[A-Z]/.test(m)) ?? first;
  const candidates: NearMiss[] = [
    { name: 'lowercase', value: shortest.toLowerCase() },
    { name: 'uppercase', value: first.toUpperCase() },
    { name: 'camel-case', value: camel[0].toLowerCase() + camel.slice(1) },
    { name: 'leading-space', value: ` ${shortest}` },
    { name: 'trailing-space', value: `${shortest} ` },
    { name: 'homoglyph', value: homoglyph(shortest) },
    // A pattern ending in `$` (Perl, Python, PHP, Ruby) matches before a final newline.
    { name: 'trailing-newline', value: `${shortest}\n` },
    { name: 'zero-width', value: `${shortest.slice(0, 1)}\u200B${shortest.slice(1)}` },
    { name: 'numeric-string', value: String(members.indexOf(shortest)) },
    { name: 'empty', value: '' },
    { name: 'unknown', value: 'conformance-unknown' },
    // The members a server's own enum adds beyond the document's, spelt as the members are: the zero value of a .NET
    // or Java enum (`Unknown = 0`, `None`), protobuf's `UNSPECIFIED`, a catch-all `Other`.
    ...PLACEHOLDERS.map((p) => ({ name: `placeholder-${p.toLowerCase()}`, value: styledAs(first, p) })),
    ...DOMAIN_WORDS.map((w) => ({ name: `domain-${w.toLowerCase()}`, value: styledAs(first, w) })),
    ...neighbours.flatMap((other) => {
      const value = other.find((m) => !members.includes(m));
      return value === undefined ? [] : [{ name: `other-enum-${value}`, value }];
    }),
    // A name every JavaScript object has: membership by `in` or a lookup on a plain object map (`value in TYPES`,
    // `TYPES[value]`) takes it (Elysia blind probe); and Python's, for `hasattr(Type, value)` or `getattr`.
    { name: 'prototype-name', value: 'constructor' },
    { name: 'dunder-name', value: '__class__' },
    // A member, a NUL, more: a C string comparison (strcmp on jansson's JSON_ALLOW_NUL strings) stops at the NUL.
    { name: 'nul-suffix', value: `${shortest}\u0000x` },
    // The first half of a member, no other's start: R's match.arg (plumber probe) and abbreviation matchers take it.
    ...uniquePrefix(nonEmpty).map((value) => ({ name: 'prefix', value })),
    // Every other member in another letter case as well: a lookup with aliases, or a parser per member, folds the
    // case of one member only.
    ...nonEmpty
      .filter((m) => m !== shortest)
      .map((m) =>
        m === m.toLowerCase()
          ? { name: `${m}-uppercase`, value: m.toUpperCase() }
          : { name: `${m}-lowercase`, value: m.toLowerCase() },
      ),
    // Every member with more after it: a match on its start (`startsWith`, a pattern without `$`) takes it.
    ...nonEmpty.map((m) => ({ name: `${m}-suffixed`, value: `${m}Conformance` })),
    // And with more before it: a match on its end (`endsWith`, a pattern without `^`) takes it (JDK HttpServer probe).
    ...nonEmpty.map((m) => ({ name: `${m}-prefixed`, value: `Conformance${m}` })),
  ];
  const seen = new Set<string>(members);
  return candidates.filter((c) => (seen.has(c.value) ? false : (seen.add(c.value), true)));
}

/** The first half (at least) of the longest member that starts no other member and is none: none when there is no such. */
function uniquePrefix(members: readonly string[]): string[] {
  const longest = members.reduce((a, b) => (b.length > a.length ? b : a));
  for (let k = Math.ceil(longest.length / 2); k < longest.length; k++) {
    const p = longest.slice(0, k);
    if (members.filter((m) => m.startsWith(p)).length === 1 && !members.includes(p)) return [p];
  }
  return [];
}

/** 128 bits (32 hex digits) in Crockford's base32, 26 characters (a ULID's spelling). */
function base32Crockford(hex: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const n = BigInt(`0x${hex}`);
  return Array.from({ length: 26 }, (_, i) => alphabet[Number((n >> BigInt(5 * (25 - i))) & 31n)]).join('');
}

/** 128 bits (32 hex digits) in base58 (Bitcoin's alphabet), 22 characters, padded with its zero. */
function base58(hex: string): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${hex}`);
  let out = '';
  for (; n > 0n; n /= 58n) out = alphabet[Number(n % 58n)] + out;
  return out.padStart(22, '1');
}

/** The boundary near misses of `format: uuid`, around one valid uuid. */
export function uuidNearMisses(u: string): NearMiss[] {
  const hex = u.replaceAll('-', '');
  return [
    // First one spelling that each common parser reads as a uuid, so that a request budget meets every parser early:
    // hex alone (.NET's "N", Python's uuid.UUID, a lax pattern), braces (.NET's "B", Python).
    { name: 'no-hyphens', value: hex },
    { name: 'braces', value: `{${u}}` },
    // A digit that is not ASCII (fullwidth 0), hyphens too many after the four in place: Python's uuid.UUID reads them
    // all (int(), hyphens stripped), and jsonschema's format checker is uuid.UUID and the four places.
    { name: 'fullwidth-digit', value: `\uff10${u.slice(1)}` },
    // Its 16 bytes in base64: Jackson's UUID deserializer reads a 24-character string so.
    { name: 'base64', value: Buffer.from(hex, 'hex').toString('base64') },
    // Symfony's Uuid::fromString reads 26 characters as base32 (Crockford's, a ULID's), 22 as base58 and any 16 as
    // its bytes (a Symfony blind probe).
    { name: 'base32', value: base32Crockford(hex) },
    { name: 'base58', value: base58(hex) },
    { name: 'sixteen-bytes', value: 'conformance-uuid' },
    // One digit short: Java's UUID.fromString pads short groups.
    { name: 'too-short', value: u.slice(0, -1) },
    // A pattern ending in `$` (Python, PHP, Ruby) matches before a final newline.
    { name: 'trailing-newline', value: `${u}\n` },
    { name: 'parentheses', value: `(${u})` },
    { name: 'too-long', value: `${u}0` },
    { name: 'non-hex-digit', value: `${u.slice(0, -1)}g` },
    {
      name: 'misplaced-hyphens',
      value: `${hex.slice(0, 4)}-${hex.slice(4, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    },
    { name: 'extra-hyphen', value: `${u.slice(0, 28)}-${u.slice(28)}` },
    // The last hyphen left out, the first in place: Joi's guid() makes every hyphen after the first optional (Koa probe).
    { name: 'missing-hyphen', value: `${u.slice(0, 23)}${u.slice(24)}` },
    { name: 'trailing-hyphen', value: `${u}-` },
    { name: 'leading-space', value: ` ${u}` },
    { name: 'urn-oid', value: 'urn:oid:2.25.329800735698586629295641978511506172918' },
    { name: 'urn-uuid-without-colon', value: `urn:uuid${u}` },
    // The word null: a binder that compares the null side of `T | null` by String() (tsoa) stores null.
    { name: 'null-string', value: 'null' },
    { name: 'empty', value: '' },
    { name: 'not-a-uuid', value: 'conformance-not-a-uuid' },
    // A uuid, a NUL, more: C's uuid_parse checks strlen, which stops at the NUL.
    { name: 'nul-suffix', value: `${u}\u0000x` },
  ];
}

/** A media type in mixed case (`Application/JSON`): the same type, as RFC 9110 §8.3.1 compares them. */
export function mixedCaseMediaType(contentType: string): string {
  const [type = '', subtype = ''] = contentType.split('/');
  return `${type.slice(0, 1).toUpperCase()}${type.slice(1)}/${subtype.toUpperCase()}`;
}

/** Other spellings of a property name: PascalCase, UPPER CASE, lower case, snake_case. */
export function nameVariants(name: string): { pascal: string; upper: string; lower: string; snake: string } {
  return {
    pascal: name.slice(0, 1).toUpperCase() + name.slice(1),
    upper: name.toUpperCase(),
    lower: name.toLowerCase(),
    snake: name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(),
  };
}

// ---- random near misses ----

function flipCase(word: string, flips: readonly boolean[]): string {
  return Array.from(word)
    .map((ch, i) => (flips[i % flips.length] ? (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) : ch))
    .join('');
}

const PADDING = [' ', '\t', '\n', '\r\n', '\u00A0', '\u200B', '\uFEFF'] as const;

/**
 * Strings near (and not equal to) enum members: other casings, padding, look-alikes, insertions, deletions, ordinals,
 * members of the document's other enums (`neighbours`), anything.
 */
export function enumNearMissArb(
  members: readonly string[],
  neighbours: readonly (readonly string[])[] = [],
): fc.Arbitrary<string> {
  const member = fc.constantFrom(...members);
  const others = [...new Set(neighbours.flat())].filter((m) => !members.includes(m));
  return fc
    .oneof(
      fc.tuple(member, fc.array(fc.boolean(), { minLength: 1, maxLength: 16 })).map(([m, flips]) => flipCase(m, flips)),
      fc
        .tuple(member, fc.constantFrom(...PADDING), fc.constantFrom('lead', 'trail', 'both'))
        .map(([m, p, where]) => (where === 'lead' ? p + m : where === 'trail' ? m + p : p + m + p)),
      fc.tuple(member, fc.nat()).map(([m, i]) => homoglyph(m, i)),
      fc.tuple(member, fc.nat(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 })).map(([m, i, s]) => {
        const at = i % (m.length + 1);
        return m.slice(0, at) + s + m.slice(at);
      }),
      fc.tuple(member, fc.nat()).map(([m, i]) => {
        const cps = Array.from(m);
        cps.splice(i % Math.max(1, cps.length), 1);
        return cps.join('');
      }),
      fc.nat({ max: members.length * 2 }).map(String),
      freeStringArb,
      ...(others.length > 0 ? [fc.constantFrom(...others)] : []),
    )
    .filter((s) => !members.includes(s));
}

const NON_HEX = ['g', 'z', 'G', 'Z', '_', ' ', 'x', '\u00E9', '\uFF10', '.'] as const;
const WRAPS = [
  ['{', '}'],
  ['(', ')'],
  ['[', ']'],
  ['"', '"'],
  ['<', '>'],
] as const;
const PREFIXES = ['urn:oid:', 'urn:uuid', 'uuid:', 'urn:guid:', 'urn:uuid::', '0x', 'urn:'] as const;

/** Strings near a uuid that `format: uuid` should reject (certification checks each). */
export const uuidNearMissArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.uuid(), fc.boolean()).map(([u, upper]) => (upper ? u.toUpperCase() : u).replaceAll('-', '')),
  fc.tuple(fc.uuid(), fc.constantFrom(...WRAPS)).map(([u, [a, b]]) => a + u + b),
  fc.tuple(fc.uuid(), fc.integer({ min: 1, max: 35 })).map(([u, k]) => u.slice(0, u.length - k)),
  fc
    .tuple(fc.uuid(), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 1, maxLength: 4 }))
    .map(([u, more]) => u + more),
  fc.tuple(fc.uuid(), fc.nat(), fc.constantFrom(...NON_HEX)).map(([u, i, ch]) => {
    const positions = [...u].flatMap((c, k) => (c === '-' ? [] : [k]));
    const at = positions[i % positions.length];
    return u.slice(0, at) + ch + u.slice(at + 1);
  }),
  fc.tuple(fc.uuid(), fc.constantFrom(...PADDING), fc.boolean()).map(([u, p, lead]) => (lead ? p + u : u + p)),
  fc.tuple(fc.constantFrom(...PREFIXES), fc.uuid()).map(([p, u]) => p + u),
  fc.tuple(fc.uuid(), fc.nat(), fc.nat()).map(([u, from, to]) => {
    const hyphens = [8, 13, 18, 23];
    const without = u.slice(0, hyphens[from % 4]) + u.slice(hyphens[from % 4] + 1);
    const at = 1 + (to % (without.length - 1));
    return without.slice(0, at) + '-' + without.slice(at);
  }),
  freeStringArb,
);

/** Property names that are not among `known`: other casings of known names, or anything. */
export function unknownNameArb(known: readonly string[]): fc.Arbitrary<string> {
  const name = fc.constantFrom(...(known.length > 0 ? known : ['conformance']));
  return fc
    .oneof(
      fc.tuple(name, fc.array(fc.boolean(), { minLength: 1, maxLength: 16 })).map(([n, flips]) => flipCase(n, flips)),
      name.map((n) => nameVariants(n).snake),
      fc.tuple(name, fc.constantFrom(' ', '_', '-', '$', '.')).map(([n, p]) => n + p),
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => s.replaceAll('@', '_')),
      fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => s.replaceAll('@', '_')),
    )
    .filter((n) => !known.includes(n) && n !== '__proto__');
}
