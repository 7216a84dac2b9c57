/**
 * OpenAPI 3.0.x Schema Object → JSON Schema (draft-07, as Ajv compiles it).
 *
 * Follows OpenAPI 3.0.4 §4.8.24 (Schema Object) to the letter, because this spec is a trap for loose converters:
 * - `nullable: true` takes effect only where `type` is explicitly defined in the same object; there it adds `null`
 *   to the allowed types, and other keywords (e.g. `enum`) keep their meaning, so they may still reject `null`;
 * - `nullable` without `type` changes nothing: such a schema admits any value;
 * - names under `properties` are data, never keywords (`properties`, `type`, `description` are field names here);
 * - a `$ref` object's siblings are ignored (§4.8.23 Reference Object);
 * - boolean `exclusiveMinimum`/`exclusiveMaximum` are the draft-04 forms.
 */

import { pointerToken } from './load.ts';

/** Base URI under which converted schemas are registered; an Ajv schemaPath under it is a spec pointer. */
export const SPEC_BASE = 'https://openapi.spec.local';

/** OpenAPI-only annotations that JSON Schema (and Ajv strict mode) does not know; they never affect validation. */
const ANNOTATIONS_DROPPED = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'nullable']);

/** Keywords whose value is one schema. */
const SCHEMA_VALUED = new Set(['items', 'not', 'additionalProperties']);
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAY_VALUED = new Set(['allOf', 'anyOf', 'oneOf']);
/** Keywords whose value maps names (data) to schemas. */
const SCHEMA_MAP_VALUED = new Set(['properties']);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Turns a local `#/components/...` reference into the absolute id it is registered under. */
function refToId(ref: string): string {
  if (!ref.startsWith('#/')) {
    throw new Error(`convertSchema supports only local $refs ("#/..."), got ${JSON.stringify(ref)}`);
  }
  return SPEC_BASE + ref.slice(1);
}

/** Where each converted schema object came from in the spec; Ajv's `parentSchema` is looked up here. */
export type SchemaOrigins = WeakMap<object, string>;

/**
 * Converts one OpenAPI 3.0 schema (and everything below it) into JSON Schema draft-07.
 * `at` is the schema's JSON pointer in the spec; every converted object is recorded in `origins` under its pointer.
 */
export function convertSchema(schema: unknown, at = '', origins: SchemaOrigins = new WeakMap()): Json {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema)) {
    throw new Error(`convertSchema expects a Schema Object, got ${JSON.stringify(schema)}`);
  }
  if (typeof schema['$ref'] === 'string') {
    const ref: JsonObject = { $ref: refToId(schema['$ref']) };
    origins.set(ref, at);
    return ref;
  }

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS_DROPPED.has(key) || key.startsWith('x-')) continue;
    const here = `${at}/${pointerToken(key)}`;
    if (SCHEMA_VALUED.has(key) && typeof value !== 'boolean') out[key] = convertSchema(value, here, origins);
    else if (SCHEMA_ARRAY_VALUED.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub, i) => convertSchema(sub, `${here}/${i}`, origins));
    } else if (SCHEMA_MAP_VALUED.has(key) && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries(value))
        props[name] = convertSchema(sub, `${here}/${pointerToken(name)}`, origins);
      out[key] = props;
    } else out[key] = value;
  }
  // §4.8.24.2.3 nullable: "only takes effect if type is explicitly defined within the same Schema Object".
  if (schema['nullable'] === true && typeof schema['type'] === 'string') out['type'] = [schema['type'], 'null'];
  // OpenAPI 3.0 booleans exclusiveMinimum/Maximum are modifiers of minimum/maximum (JSON Schema draft-04 style).
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[flag] === 'boolean') {
      delete out[flag];
      if (schema[flag] === true && typeof schema[bound] === 'number') {
        out[flag] = schema[bound];
        delete out[bound];
      }
    }
  }
  origins.set(out, at);
  return out;
}
