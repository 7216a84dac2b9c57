/**
 * Depth: the untyped members nested 10, 62, 98, 100, 500, 510, 1,000 and 10,000 levels (objects, arrays), a small body each. JSON
 * sets no limit (RFC 8259 §9 lets a parser set one): 10 levels are within every common limit, so 201 and an exact echo are
 * due; deeper, a documented limit answered 400 is a choice (advisory), but a 5xx or a dropped connection fails. And
 * the same depth where a string is due: a type violation, whose 400 must not depend on walking or printing the value.
 */
import type { Draft } from '../draft.ts';
import { RawJson, writeJson } from '../json-writer.ts';
import { emit, requestClass, SPEC, type Dimension } from './class.ts';
import { fieldViolation } from '../violations/kind.ts';

const shallow = requestClass(
  'valid',
  'valid/depth/10/<shape>',
  'RFC 8259 §9',
  '10 levels are within every common parser limit (32, 64, 512…): 201 and an exact echo are due',
  // `valid/any/<field>/deep` sends 24 levels first.
  { variantOf: 'valid/any/<field>/deep' },
);
const deep = requestClass(
  'valid',
  'valid/depth/<levels>/<shape>',
  'RFC 8259 §9',
  'RFC 8259 §9 lets a parser limit nesting: a documented limit answered 400 is a choice, a 5xx or a dropped connection is not; 510 levels pass a reader limited to 512 (PHP’s json_decode) and not a writer with the same limit (json_encode), since the echo nests them deeper; 62 and 98 do the same for limits of 64 (System.Text.Json, Newtonsoft) and 100 (Ruby’s json)',
  { advisory: true, accept: [201, 400] },
);

const wrongTyped = requestClass(
  'schema-violation',
  'invalid/type/<field>/nested-<levels>',
  `${SPEC.field}/type`,
  'an array nested 1,000 and 10,000 levels deep where a string is due: a type error, 400 due; an error message that prints the value sent (yup’s default) or a validator that walks it crashes on it, where the untyped members’ depth cases never reach it',
);

/** `levels` nested containers of one shape around a string, as JSON text (built as text: nothing recurses). */
export function nested(levels: number, shape: 'objects' | 'arrays'): string {
  const [open, close] = shape === 'objects' ? ['{"level":', '}'] : ['[', ']'];
  return `${open.repeat(levels)}"conformance-bottom"${close.repeat(levels)}`;
}

export const depth: Dimension = {
  name: 'depth',
  title: 'Depth',
  summary:
    'Each untyped member nested 10, 62, 98, 100, 500, 510, 1,000 and 10,000 levels deep, in objects and in arrays: valid at every depth; and a required string given an array nested 1,000 and 10,000 levels deep: a type error.',
  classes: [shallow, deep, wrongTyped],
  drafts(ctx) {
    const out: Draft[] = [];
    if (ctx.untyped.length === 0) return out;
    // The deepest first within its class: the scheduler sends each class's first case early.
    // 510, 98 and 62: under a reader's limit (512, 100, 64) by the request's own levels, over it in the echo, which nests
    // the member two levels deeper (Sinatra probe: Ruby's json raises at 101 levels when it writes).
    for (const levels of [10, 10000, 1000, 500, 100, 510, 98, 62])
      for (const shape of ['objects', 'arrays'] as const) {
        const b: Record<string, unknown> = { ...ctx.minimal };
        for (const f of ctx.untyped) b[f.name] = new RawJson(nested(levels, shape));
        const fills = { levels: String(levels), shape };
        out.push(...emit(ctx, levels === 10 ? shallow : deep, fills, writeJson(b)));
      }
    // One field: the first required free string (the one every body carries), else the first free string.
    const f = ctx.strings.find((x) => x.required) ?? ctx.strings[0];
    if (f !== undefined)
      for (const levels of [10000, 1000]) {
        const b: Record<string, unknown> = { ...ctx.minimal, [f.name]: new RawJson(nested(levels, 'arrays')) };
        out.push(
          ...emit(ctx, wrongTyped, { field: f.name, levels: String(levels) }, writeJson(b), {
            violation: fieldViolation(f, 'type'),
          }),
        );
      }
    return out;
  },
};
