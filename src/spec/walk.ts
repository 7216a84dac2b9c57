import { pointerToken } from './load.ts';

/** Visits every Schema Object under the document's components and the operation, with its JSON pointer. */
export function walkSchemas(
  root: unknown,
  at: string,
  visit: (schema: Record<string, unknown>, ptr: string) => void,
): void {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return;
  const schema = root as Record<string, unknown>;
  visit(schema, at);
  if (typeof schema['$ref'] === 'string') return;
  for (const key of ['items', 'not', 'additionalProperties'] as const) walkSchemas(schema[key], `${at}/${key}`, visit);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((s, i) => walkSchemas(s, `${at}/${key}/${i}`, visit));
  }
  const props = schema['properties'];
  if (props !== null && typeof props === 'object') {
    for (const [name, sub] of Object.entries(props)) walkSchemas(sub, `${at}/properties/${pointerToken(name)}`, visit);
  }
}

/** Every named component schema with its pointer. */
export function componentSchemas(document: {
  components?: { schemas?: Record<string, unknown> };
}): [string, unknown][] {
  return Object.entries(document.components?.schemas ?? {}).map(([name, s]) => [
    `/components/schemas/${pointerToken(name)}`,
    s,
  ]);
}
