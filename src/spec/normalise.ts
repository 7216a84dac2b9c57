import type { LoadedSpec } from './load.ts';
import { componentSchemas, walkSchemas } from './walk.ts';

/** One change made to the copy of the spec fed to Prism, with why. */
export interface Normalisation {
  readonly rule: string;
  readonly change: string;
  readonly reason: string;
}

/**
 * A copy of the document that Prism 5 enforces as the original means.
 * Prism fails open on `nullable` without `type` (it then validates no request at all); dropping that `nullable`
 * keeps the meaning, since per OpenAPI 3.0.4 §4.8.24.2.3 it has no effect without `type`.
 */
export function normaliseForPrism(spec: LoadedSpec): { document: unknown; normalisations: Normalisation[] } {
  const document = structuredClone(spec.document) as unknown as { components?: { schemas?: Record<string, unknown> } };
  const normalisations: Normalisation[] = [];
  for (const [at, schema] of componentSchemas(document)) {
    walkSchemas(schema, at, (s, ptr) => {
      if (s['nullable'] !== undefined && s['type'] === undefined && s['$ref'] === undefined) {
        delete s['nullable'];
        normalisations.push({
          rule: `${ptr}/nullable`,
          change: 'removed `nullable` (no `type` beside it)',
          reason:
            'Prism 5 skips request validation for the whole operation on it; without `type` it has no effect (OpenAPI 3.0.4 §4.8.24.2.3)',
        });
      }
    });
  }
  return { document, normalisations };
}
