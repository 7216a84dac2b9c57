// The operation under test as a value: which one a run judges, how it is named, and where it sits in the document.
// The suite judges one operation per run; `DEFAULT_OPERATION` is the one it was built for.

/** One operation of an OpenAPI document (report.json → `operation`): the HTTP method as sent, the path template. */
export interface OperationRef {
  /** The method in upper case, as HTTP spells it (`POST`); the document's key is its lower case (OpenAPI 3.0.4 §4.8.9). */
  readonly method: string;
  /** The path template as the document's `paths` key spells it (`/v1/onboarding/entities`). */
  readonly path: string;
  /** The document's `operationId`, when it gives one (OpenAPI 3.0.4 §4.8.10). */
  readonly operationId?: string;
}

/** The operation the suite judges when none is given (and the one every report without `operation` judged). */
export const DEFAULT_OPERATION: OperationRef = Object.freeze({ method: 'POST', path: '/v1/onboarding/entities' });

/** The methods a Path Item holds operations under (OpenAPI 3.0.4 §4.8.9: its fixed fields, in lower case there). */
export const OPERATION_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

/** `POST /v1/onboarding/entities`: how people and titles name an operation. */
export function operationName(op: Pick<OperationRef, 'method' | 'path'>): string {
  return `${op.method} ${op.path}`;
}

/** Whether two operations are one (method and path; the operationId is only a name for it). */
export function sameOperation(
  a: Pick<OperationRef, 'method' | 'path'>,
  b: Pick<OperationRef, 'method' | 'path'>,
): boolean {
  return a.method.toUpperCase() === b.method.toUpperCase() && a.path === b.path;
}

/**
 * Reads `METHOD /path` (`POST /v1/onboarding/entities`; the method in any case); undefined when it is not of that form.
 * Whether the document has it is `loadSpec`'s to say.
 */
export function parseOperation(text: string): OperationRef | undefined {
  const m = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(text);
  if (!m) return undefined;
  const method = m[1].toUpperCase();
  if (!(OPERATION_METHODS as readonly string[]).includes(method)) return undefined;
  return { method, path: m[2] };
}

/**
 * The operation of a report: its `operation`, or for a report written before reports named one, the default one
 * (every earlier version judged `POST /v1/onboarding/entities` only).
 */
export function operationOf(r: { readonly operation?: OperationRef }): OperationRef {
  return r.operation ?? DEFAULT_OPERATION;
}
