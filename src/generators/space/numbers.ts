/**
 * Numbers at the edges of JSON (RFC 8259 §6), inside the untyped members: valid JSON and valid by the schema, each
 * written as its token (`../json-writer.ts`: JSON.stringify cannot write 1e400 or a 5,000-digit integer). Within the
 * double range an echo is judged as a double (`1.0` → 1, `1E2` → 100 are the same number); beyond it no double
 * parser can keep the value, so refusing it is a choice (advisory, 400 accepted) and any echoed number or null is
 * taken, but a 5xx or a 201 whose body is not JSON still fails.
 */
import type { Draft } from '../draft.ts';
import { rawNumber, writeJson } from '../json-writer.ts';
import { emit, requestClass, type Dimension, type RequestClass } from './class.ts';

const inRange = requestClass(
  'valid',
  'valid/number/<token>',
  'RFC 8259 §6',
  'a number a double holds (maybe rounded): 201 and an echo of the same double are due (one a step or two off in its last place, as a parser that does not round correctly reads it, or kept to 15 significant digits, is a warning: RFC 8259 §6)',
);
const beyond = requestClass(
  'valid',
  'valid/number/beyond-double/<token>',
  'RFC 8259 §9',
  'beyond the double range no common parser keeps the value (RFC 8259 §9 lets a parser limit numbers): a 400 is a choice',
  { advisory: true, accept: [201, 400] },
);

const beyondInt64 = requestClass(
  'valid',
  'valid/number/2^64',
  'RFC 8259 §9',
  'an integer a double holds exactly but 64 bits do not: RFC 8259 §9 lets a parser limit numbers, and readers that keep integers in 64 bits refuse it (jansson by default), so a 400 is a choice; a 201 must echo the same number',
  { accept: [201, 400] },
);

/** Tokens a double holds, exactly or rounded; a row of another class names it. */
const IN_RANGE: readonly (readonly [name: string, token: string, cls?: RequestClass])[] = [
  // First the one a float32 or decimal store changes: the scheduler sends each class's first case early.
  ['long-fraction', '0.1000000000000000055511151231257827021181583404541015625'],
  ['above-2^53', '9007199254740993'],
  // 2^64, exact in a double: a reader that keeps integers in 64 bits refuses it, or turns it into a string or a
  // float (PHP's json_decode with JSON_BIGINT_AS_STRING, Symfony's Request::toArray()).
  ['2^64', '18446744073709551616', beyondInt64],
  // 17 significant digits that a parser without correct rounding reads one step off (serde_json without its
  // float_roundtrip feature; the fast paths of hand-written readers).
  ['hard-to-round', '1030101.3790750963'],
  ['negative-zero', '-0'],
  ['capital-exponent', '1E2'],
  ['signed-exponent', '25e+1'],
  ['trailing-zero-fraction', '1.0'],
  ['tiny-decimal', `0.${'0'.repeat(40)}1`],
  ['huge-decimal', '123456789012345678901234567890.5'],
  ['max-double', '1.7976931348623157e308'],
];
/** Tokens no double holds: past the largest double, or below the smallest. */
const BEYOND: readonly (readonly [name: string, token: string])[] = [
  ['5000-digit-integer', `9${'0'.repeat(4999)}`],
  ['1e400', '1e400'],
  ['-1e400', '-1e400'],
  ['1e-400', '1e-400'],
  // An exponent of a billion: a reader that keeps numbers exactly (Haskell's Scientific) is fine until the value is made
  // an integer, which writes a billion digits (Scotty probe: `1e10000000` echoed as 10 MB); a double reader gets Infinity.
  ['huge-exponent', '1e1000000000'],
];

export const numbers: Dimension = {
  name: 'numbers',
  title: 'Numbers at the edges of JSON',
  summary:
    'Number tokens inside each untyped member, written as tokens: valid, so 201 is due; a double-equal echo within the double range (2^64, which 64-bit integer readers refuse, may get 400); beyond it a 400 is accepted and the echo is not compared.',
  classes: [inRange, beyondInt64, beyond],
  drafts(ctx) {
    const out: Draft[] = [];
    if (ctx.untyped.length === 0) return out;
    // Every untyped member carries the token (one case per token, whatever the number of such members).
    const body = (token: string) => {
      const b: Record<string, unknown> = { ...ctx.minimal };
      for (const f of ctx.untyped) b[f.name] = { conformance: rawNumber(token) };
      return writeJson(b);
    };
    for (const [token, raw, cls = inRange] of IN_RANGE) out.push(...emit(ctx, cls, { token }, body(raw)));
    for (const [token, raw] of BEYOND) out.push(...emit(ctx, beyond, { token }, body(raw)));
    return out;
  },
};
