// The request body schema as a team hands it to a framework's Ajv: spec/openapi.yaml read with `yaml`, local $refs
// inlined, and OpenAPI 3.0's `nullable` kept only beside a `type` (Ajv's own `nullable` keyword; without a `type` it
// changes nothing, OpenAPI 3.0.4 §4.8.24). Deliberately not the suite's converter: a team would not have it.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** spec/openapi.yaml, the document every framework provider is built from. */
export const SPEC_PATH = new URL('../../spec/openapi.yaml', import.meta.url);

type Node = unknown;

function inline(node: Node, root: Record<string, unknown>): Node {
  if (Array.isArray(node)) return node.map((n) => inline(n, root));
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>; // a YAML mapping
  if (typeof object.$ref === 'string') return inline(lookup(object.$ref, root), root);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'nullable' && !('type' in object)) continue;
    out[key] = inline(value, root);
  }
  return out;
}

function lookup(ref: string, root: Record<string, unknown>): Node {
  let at: unknown = root;
  for (const token of ref.replace(/^#\//, '').split('/'))
    at = (at as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')]; // a YAML mapping
  return at;
}

/** spec/openapi.yaml as an object. */
export function readSpec(): Record<string, unknown> {
  return parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>; // the spec is a YAML mapping
}

/** The spec with every `nullable` that has no `type` beside it removed ($refs kept): Ajv refuses such a schema. */
export function withoutTypelessNullable(node: Node): Node {
  if (Array.isArray(node)) return node.map(withoutTypelessNullable);
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>; // a YAML mapping
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object))
    if (!(key === 'nullable' && !('type' in object) && !('$ref' in object))) out[key] = withoutTypelessNullable(value);
  return out;
}

/** The `application/json` request schema of POST /v1/onboarding/entities, self-contained. */
export function requestSchema(): Record<string, unknown> {
  const spec = readSpec();
  const operation = lookup('#/paths/~1v1~1onboarding~1entities/post', spec);
  const schema = lookup('#/requestBody/content/application~1json/schema', operation as Record<string, unknown>);
  return inline(schema, spec) as Record<string, unknown>; // a schema object stays an object
}
