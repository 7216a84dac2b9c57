import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { specFile } from '../package.ts';
import type { OpenAPIV3 } from 'openapi-types';
import { DEFAULT_OPERATION, OPERATION_METHODS, operationName, type OperationRef } from './operation.ts';

/**
 * The default operation in the document's spelling (lower-case method key).
 * @deprecated Kept for the public API: pass an {@link OperationRef} to {@link loadSpec}; `DEFAULT_OPERATION` is the default.
 */
export const OPERATION = { path: '/v1/onboarding/entities', method: 'post' } as const;

/** A loaded OpenAPI document with what the suite derives from it once. */
export interface LoadedSpec {
  /** Path the document was read from. */
  readonly path: string;
  /** SHA-256 of the file's bytes, so a report names exactly the document it judged. */
  readonly sha256: string;
  /** The document as published (refs unresolved). */
  readonly document: OpenAPIV3.Document;
  /** The operation under test: method, path and the document's operationId (report.json → `operation`). */
  readonly operationRef: OperationRef;
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

/** JSON pointer of an operation in its document: `/paths/<path>/<method in lower case>` (OpenAPI 3.0.4 §4.8.8). */
export function operationPointer(op: Pick<OperationRef, 'method' | 'path'>): string {
  return pointer('paths', op.path, op.method.toLowerCase());
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

/**
 * Reads, parses and sanity-checks an OpenAPI 3.0.x document holding the operation under test (by default
 * `POST /v1/onboarding/entities`); a document without that operation is a `SpecError`.
 */
export async function loadSpec(path: string, operation: OperationRef = DEFAULT_OPERATION): Promise<LoadedSpec> {
  let bytes: Buffer;
  try {
    // A report's name for the bundled spec (`connect-onboarding-conformance/spec/openapi.yaml`) reads the installed one.
    bytes = await readFile(specFile(path));
  } catch (e) {
    throw new SpecError(`cannot read spec ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseSpec(bytes, path, operation);
}

/** Parses a document already in memory (see {@link loadSpec}). */
export function parseSpec(bytes: Buffer | string, path: string, op: OperationRef = DEFAULT_OPERATION): LoadedSpec {
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
  const method = op.method.toLowerCase();
  // Only the Path Item's method fields hold operations (OpenAPI 3.0.4 §4.8.9): not `parameters`, `servers`, `$ref`.
  const operation = isMethod(method) ? document.paths?.[op.path]?.[method] : undefined;
  if (!operation || typeof operation !== 'object') {
    throw new SpecError(`spec ${path} has no operation ${operationName(op)}`);
  }
  const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
  return {
    path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    document,
    operationRef: {
      method: method.toUpperCase(),
      path: op.path,
      ...(operationId === undefined ? {} : { operationId }),
    },
    operationPointer: operationPointer(op),
    operation,
  };
}

function isMethod(key: string): key is OpenAPIV3.HttpMethods {
  return (OPERATION_METHODS as readonly string[]).includes(key.toUpperCase());
}
