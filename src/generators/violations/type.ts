/** `type` (JSON Schema Validation §6.1.1): a value of a JSON type the schema does not allow, on the body or a field. */
import fc from 'fast-check';
import type { Draft } from '../draft.ts';
import { typeAllows, type FieldModel, type JsonType } from '../model.ts';
import { canonicalValue, jsonTypeOf, valueOfTypeArb } from '../values.ts';
import { interleave } from '../order.ts';
import {
  fieldViolation,
  randomDraft,
  rootViolation,
  withField,
  type InvalidCandidate,
  type ViolationKind,
} from './kind.ts';

/** Wrong JSON types tried on a typed field, in this order (both phases). */
const WRONG_TYPES: readonly JsonType[] = ['number', 'boolean', 'array', 'object', 'string', 'null'];
/** Wrong types of the body itself in the random phase, in the order its seeds replay. */
const RANDOM_ROOT_TYPES: readonly JsonType[] = ['array', 'string', 'number', 'boolean', 'null'];
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

/** Every JSON type a typed field refuses (null counts as allowed on a nullable one). */
function refusedTypes(f: FieldModel): JsonType[] {
  if (f.types === undefined) return [];
  return WRONG_TYPES.filter((t) => !typeAllows(f.types, t) && !(t === 'null' && f.nullable));
}

/**
 * Wrong JSON types for a typed field at the boundary: every one for plain fields; for a formatted one the shapes
 * coercing validators turn into strings (number, boolean, array) and null when refused.
 */
function wrongTypes(f: FieldModel): JsonType[] {
  const wrong = refusedTypes(f);
  return f.format !== undefined ? wrong.filter((t) => t !== 'object' && t !== 'string') : wrong;
}

/**
 * A value of JSON type `t` for field `f` (enum fields get a plausible ordinal as their number). A field's scalars are
 * falsy (`0`, `false`): a check skipped for falsy values (`if (value && …)`, express-validator's
 * `optional({ values: 'falsy' })`) lets them through, and a coercion makes strings of them as of any other.
 */
function wrongValue(f: FieldModel | undefined, t: JsonType, inner: unknown): unknown {
  switch (t) {
    case 'number':
      if (f !== undefined && typeAllows(f.types, 'integer')) return 0.5;
      if (f === undefined) return 5;
      return f.enumValues !== undefined ? Math.min(2, f.enumValues.length - 1) : 0;
    case 'integer':
      return f === undefined ? 5 : 0;
    case 'boolean':
      return f === undefined;
    case 'array':
      return [inner];
    case 'object':
      // An enum field gets a member's name as the key: serde's externally tagged form of a unit variant, which a
      // derived Rust enum reads as that member.
      return f?.enumValues !== undefined ? { [String(f.enumValues[0])]: null } : { value: inner };
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

export const type: ViolationKind = {
  keyword: 'type',
  property: 'invalid/type',
  invalidCases({ model, minimal }) {
    const roots = WRONG_TYPES.filter((t) => !typeAllows(model.rootTypes, t)).map((t) => ({
      label: `invalid/type/root/${t}`,
      body: wrongValue(undefined, t, minimal),
      violation: rootViolation(model, 'type'),
    }));
    // The object as a list of [name, value] pairs: Python's dict() and pydantic v1's parse_obj make the object of it.
    // Sent second: another behaviour than a scalar refused, where a second scalar is the same branch.
    // And the members' values alone, in the schema's order (null for those not sent): serde reads a struct from such a
    // sequence.
    const pairs = typeAllows(model.rootTypes, 'array')
      ? []
      : [
          { label: 'invalid/type/root/pairs', body: Object.entries(minimal), violation: rootViolation(model, 'type') },
          {
            label: 'invalid/type/root/values',
            body: model.fields.map((f) => minimal[f.name] ?? null),
            violation: rootViolation(model, 'type'),
          },
        ];
    // The object's JSON text inside a JSON string: a string, which a reader that parses a string body once more
    // (routing-controllers with body-parser's strict: false) takes for the object.
    const encoded = typeAllows(model.rootTypes, 'string')
      ? []
      : [
          {
            label: 'invalid/type/root/json-in-string',
            body: JSON.stringify(minimal),
            violation: rootViolation(model, 'type'),
          },
        ];
    const fieldCases = (f: FieldModel): InvalidCandidate[] => {
      const out: InvalidCandidate[] = [];
      const tried = new Set<string>();
      for (const t of wrongTypes(f)) {
        const value = wrongValue(f, t, canonicalValue(f));
        tried.add(shapeOf(value));
        out.push({
          label: `invalid/type/${f.name}/${t}`,
          body: withField(minimal, f, value),
          violation: fieldViolation(f, 'type'),
        });
      }
      // `true` in an enum field too: PHP's loose in_array(true, $members) finds it equal to any non-empty string.
      if (f.enumValues !== undefined && !typeAllows(f.types, 'boolean'))
        out.push({
          label: `invalid/type/${f.name}/boolean-true`,
          body: withField(minimal, f, true),
          violation: fieldViolation(f, 'type'),
        });
      if (f.types === undefined || typeAllows(f.types, 'array')) return out;
      for (const a of COERCIBLE_ARRAYS)
        if (!tried.has(shapeOf(a.value)))
          out.push({
            label: `invalid/type/${f.name}/${a.name}`,
            body: withField(minimal, f, a.value),
            violation: fieldViolation(f, 'type'),
          });
      return out;
    };
    // An enum field's wrong types alternate with those of the other plain fields: a number there is an ordinal that
    // Jackson and System.Text.Json bind by default, another behaviour than a number coerced to a string. Formatted
    // fields last (as `space/schema-violations.ts` sorts them).
    const on = (keep: (f: FieldModel) => boolean) => model.fields.filter(keep).flatMap(fieldCases);
    return [
      ...interleave(roots, pairs, encoded),
      ...interleave(
        on((f) => f.enumValues === undefined && f.format === undefined),
        on((f) => f.enumValues !== undefined),
      ),
      ...on((f) => f.enumValues === undefined && f.format !== undefined),
    ];
  },
  arbitrary({ model, base }) {
    const branches: fc.Arbitrary<Draft>[] = [];
    for (const t of RANDOM_ROOT_TYPES) {
      if (typeAllows(model.rootTypes, t)) continue;
      const value =
        t === 'array'
          ? fc.oneof(fc.array(base, { minLength: 1, maxLength: 2 }), valueOfTypeArb('array'))
          : valueOfTypeArb(t);
      branches.push(value.map((v) => randomDraft(model, `invalid/type/root/${t}`, v, rootViolation(model, 'type'))));
    }
    // Every wrong type, formatted fields included (the boundary phase keeps to the coercible shapes there).
    for (const f of model.fields)
      for (const t of refusedTypes(f)) {
        const value =
          t === 'number' && typeAllows(f.types, 'integer')
            ? valueOfTypeArb('number').filter((n) => !Number.isInteger(n))
            : valueOfTypeArb(t);
        branches.push(
          fc
            .tuple(value, base)
            .map(([v, body]) =>
              randomDraft(model, `invalid/type/${f.name}/${t}`, withField(body, f, v), fieldViolation(f, 'type')),
            ),
        );
      }
    return branches.length > 0 ? fc.oneof(...branches) : undefined;
  },
};
