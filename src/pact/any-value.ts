import type { OpenAPIV3 } from 'openapi-types';
import { resolvePointer, type LoadedSpec } from '../spec/load.ts';

/**
 * Pact paths (`$.data.entity.properties`) of every response field whose schema has no `type`: it admits any value
 * (OpenAPI 3.0.4 §4.8.24), so a mock's example of another JSON type is no mismatch of shape.
 */
export function anyValuePaths(spec: LoadedSpec): string[] {
  const out = new Set<string>();
  const visit = (schema: unknown, path: string, depth: number): void => {
    if (depth > 20 || schema === null || typeof schema !== 'object') return;
    let s = schema as Record<string, unknown>;
    if (typeof s['$ref'] === 'string')
      s = (resolvePointer(spec.document, s['$ref'].slice(1)) ?? {}) as Record<string, unknown>;
    if (
      s['type'] === undefined &&
      s['properties'] === undefined &&
      s['items'] === undefined &&
      s['enum'] === undefined &&
      path !== '$'
    )
      out.add(path);
    for (const [name, sub] of Object.entries((s['properties'] ?? {}) as Record<string, unknown>))
      visit(sub, `${path}.${name}`, depth + 1);
    if (s['items']) visit(s['items'], `${path}[*]`, depth + 1);
  };
  for (const response of Object.values(spec.operation.responses ?? {})) {
    for (const media of Object.values((response as OpenAPIV3.ResponseObject).content ?? {}))
      visit(media.schema, '$', 0);
  }
  return [...out];
}
