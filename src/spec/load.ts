import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { OpenAPIV3 } from 'openapi-types';

/** The operation under test: the suite covers exactly this one. */
export const OPERATION = { path: '/v1/onboarding/entities', method: 'post' } as const;

/** A loaded OpenAPI document with what the suite derives from it once. */
export interface LoadedSpec {
  /** Path the document was read from. */
  readonly path: string;
  /** SHA-256 of the file's bytes, so a report names exactly the document it judged. */
  readonly sha256: string;
  /** The document as published (refs unresolved). */
  readonly document: OpenAPIV3.Document;
  /** JSON pointer of the operation under test, e.g. `/paths/~1v1~1onboarding~1entities/post`. */
  readonly operationPointer: string;
  readonly operation: OpenAPIV3.OperationObject;
}

/** A spec that cannot be used: the CLI turns this into one line and exit code 2. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
}

/** Escapes one JSON pointer token (RFC 6901 §4). */
export function pointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Builds a JSON pointer from raw tokens. */
export function pointer(...tokens: readonly string[]): string {
  return tokens.map((t) => '/' + pointerToken(t)).join('');
}

/** Reads the value at a JSON pointer, or undefined. */
export function resolvePointer(root: unknown, ptr: string): unknown {
  if (ptr === '' || ptr === '#') return root;
  const tokens = ptr
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = root;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

/** Reads, parses and sanity-checks an OpenAPI 3.0.x document holding the operation under test. */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new SpecError(`cannot read spec ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseSpec(bytes, path);
}

/** Parses a document already in memory (see {@link loadSpec}). */
export function parseSpec(bytes: Buffer | string, path: string): LoadedSpec {
  let doc: unknown;
  try {
    doc = parse(bytes.toString(), { maxAliasCount: 100 });
  } catch (e) {
    throw new SpecError(`spec ${path} is not YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SpecError(`spec ${path} is not an OpenAPI document (not a mapping)`);
  }
  const version = (doc as { openapi?: unknown }).openapi;
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    throw new SpecError(`spec ${path} is not OpenAPI 3.0 (openapi: ${JSON.stringify(version ?? null)})`);
  }
  const document = doc as OpenAPIV3.Document;
  const operation = document.paths?.[OPERATION.path]?.[OPERATION.method];
  if (!operation) {
    throw new SpecError(`spec ${path} has no operation POST ${OPERATION.path}`);
  }
  return {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    document,
    operationPointer: pointer('paths', OPERATION.path, OPERATION.method),
    operation,
  };
}
