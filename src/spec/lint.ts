import type { OpenAPIV3 } from 'openapi-types';
import { pointer, resolvePointer, type LoadedSpec } from './load.ts';
import { componentSchemas, walkSchemas } from './walk.ts';

/** A quirk of the spec that matters for testing; reported, never failing a run. */
export interface SpecWarning {
  readonly code: 'required-nullable' | 'nullable-without-type' | 'undocumented-status' | 'response-without-required';
  readonly rule: string;
  readonly message: string;
  /** Every place the quirk occurs (`rule` is the first), for a quirk reported once for all its places. */
  readonly pointers?: readonly string[];
}

/**
 * Lists the spec's quirks that change how a provider can be judged. `profileStatuses`: the statuses the verdict
 * profile allows (checks/rules.ts); those the spec does not document are a quirk of the spec.
 */
export function lintSpec(spec: LoadedSpec, profileStatuses: readonly number[]): SpecWarning[] {
  const warnings: SpecWarning[] = [];
  const schemaPointers = new Set<string>();
  const untypedNullable: string[] = [];
  for (const [at, schema] of componentSchemas(spec.document)) {
    walkSchemas(schema, at, (s, ptr) => {
      schemaPointers.add(ptr);
      const required = Array.isArray(s['required']) ? (s['required'] as string[]) : [];
      const props = (s['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const name of required) {
        if (props[name]?.['nullable'] === true) {
          warnings.push({
            code: 'required-nullable',
            rule: `${ptr}/properties/${name}`,
            message: `"${name}" is required and nullable: a body must carry the key, but null is a valid value (a provider that refuses null is wrong by the spec)`,
          });
        }
      }
      // OpenAPI 3.0.4 §4.8.24.2.3: nullable only takes effect where type is defined in the same object.
      if (s['nullable'] === true && s['type'] === undefined && s['$ref'] === undefined) untypedNullable.push(ptr);
    });
  }
  // One quirk, one warning: its places are listed in it, not repeated as copies of one text.
  const [firstUntyped] = untypedNullable;
  if (firstUntyped !== undefined) {
    warnings.push({
      code: 'nullable-without-type',
      rule: firstUntyped,
      message: `nullable without type has no effect: the schema admits any JSON value (some tools fail open on it; Ajv 8, and the validators built on it, refuse to load the document), at ${untypedNullable.join(', ')}`,
      pointers: untypedNullable,
    });
  }
  const responses = spec.operation.responses ?? {};
  const documented = Object.keys(responses);
  const missing = profileStatuses.filter((s) => !documented.includes(String(s)));
  if (missing.length > 0) {
    warnings.push({
      code: 'undocumented-status',
      rule: `${spec.operationPointer}/responses`,
      message: `statuses a real server sends are not documented: ${missing.join(', ')} (allowed by the verdict profile, reported as spec gaps)`,
    });
  }
  for (const [status, response] of Object.entries(responses)) {
    for (const [mediaType, media] of Object.entries((response as OpenAPIV3.ResponseObject).content ?? {})) {
      const target =
        media.schema && '$ref' in media.schema
          ? resolvePointer(spec.document, media.schema.$ref.slice(1))
          : media.schema;
      if (target && typeof target === 'object' && !('required' in target)) {
        warnings.push({
          code: 'response-without-required',
          rule: spec.operationPointer + pointer('responses', status, 'content', mediaType, 'schema'),
          // Only a success answer echoes the request; an error answer's empty body is merely uninformative.
          message: `the ${status} ${mediaType} schema requires no property: even {} is a valid answer, ${
            /^2/.test(status)
              ? 'so echo checks can only judge what is present'
              : 'so an error answer may say nothing of what was wrong'
          }`,
        });
      }
    }
  }
  return warnings;
}
