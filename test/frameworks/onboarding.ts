// The domain code every framework provider shares, as a team writes it once: bearer-token check, the 201
// OnboardingRequest that echoes the request, and the ConnectApiErrorResult of the spec's 400.
import { randomUUID } from 'node:crypto';

/** The token the framework providers accept. */
export const TOKEN = 'framework-token';
export const ENDPOINT = '/connect/v1/onboarding/entities';
const PRINCIPAL_ID = '5c1f8a2e-7b3d-4e6f-8a9b-0c1d2e3f4a5b';
const DEFAULT_OWNER = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

/** An EntityOnboardingRequest after the framework validated it. */
export interface EntityRequest {
  readonly type: string;
  readonly brand: string | null;
  readonly collectiveId?: string | null | undefined;
  readonly pairingCode?: string | null | undefined;
  readonly associatedEmail?: string | null | undefined;
  readonly name?: string | null | undefined;
  readonly owner?: string | null | undefined;
  readonly identifier?: string | null | undefined;
  readonly returnUrl?: string | null | undefined;
  readonly track?: string | null | undefined;
  readonly properties?: unknown;
}

/** 'ok', or why the Authorization header is refused (RFC 6750 §2.1: `Bearer <token>`). */
export function checkBearer(header: string | undefined): 'ok' | 'missing' | 'invalid' {
  if (header === undefined || header.trim() === '') return 'missing';
  const match = /^bearer +(\S+)\s*$/i.exec(header);
  return match?.[1] === TOKEN ? 'ok' : 'invalid';
}

/** A ConnectApiErrorResult with one entry. */
export function errorBody(code: string, message: string): { errors: { code: string; message: string }[] } {
  return { errors: [{ code, message }] };
}

/**
 * The deepest nesting a request may have: Node's JSON.stringify, which writes the 201, runs out of stack some
 * thousands of levels down, so deeper bodies are refused with a 400 (RFC 8259 §9 lets a parser limit nesting).
 */
export const MAX_DEPTH = 1000;

/** The 400 for a body nested deeper than MAX_DEPTH (counted without recursion), or undefined. */
export function tooDeep(value: unknown): { errors: { code: string; message: string }[] } | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return errorBody('TooDeep', `the body is nested deeper than ${MAX_DEPTH} levels`);
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** The 201 OnboardingRequest for a validated request. */
export function created(request: EntityRequest): Record<string, unknown> {
  const id = randomUUID();
  return {
    id,
    created: new Date().toISOString(),
    principalId: PRINCIPAL_ID,
    requestType: 'Entity',
    status: 'Pending',
    action: { type: 'Consent', documentationLink: null, redirectLink: `https://example.com/consent/${id}` },
    returnUrl: request.returnUrl ?? null,
    errors: [],
    data: {
      entity: {
        id: randomUUID(),
        collectiveId: request.collectiveId ?? null,
        owner: request.owner ?? DEFAULT_OWNER,
        properties: request.properties ?? null,
        type: request.type,
        information: {
          type: request.type,
          brand: request.brand,
          identifier: request.identifier ?? null,
          pairingCode: request.pairingCode ?? null,
          associatedEmail: request.associatedEmail ?? null,
          name: request.name ?? null,
          track: request.track ?? null,
        },
        reference: { brand: request.brand, type: null, identifier: request.identifier ?? null },
        systemProperties: null,
      },
    },
  };
}
