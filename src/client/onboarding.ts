import { isJsonMediaType } from '../validators/media-type.ts';
import type { EntityOnboardingRequest } from './types.ts';

export type * from './types.ts';

/** The path of the operation, relative to the server URL (`servers[0].url` in the spec). */
export const ENTITIES_PATH = '/v1/onboarding/entities';

/** How to reach the Connect Onboarding API. */
export interface OnboardingClientOptions {
  /**
   * The server URL the spec's `servers[0].url` stands for, path included, e.g. `https://api.traxes.io/connect`
   * or `http://127.0.0.1:1234/connect`. A trailing slash is ignored.
   */
  readonly baseUrl: string;
  /** A bearer token (`bearerAuth` in the spec). Without one, no `Authorization` header is sent. */
  readonly token?: string | undefined;
  /** The fetch implementation to use; defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** What the API answered, whatever the status: the client never throws for an HTTP status. */
export interface OnboardingResponse {
  readonly status: number;
  /**
   * The body: parsed JSON when the Content-Type is a JSON media type and the body parses, the text otherwise,
   * `undefined` when the body is empty. Narrow it by status: 201 → `OnboardingRequest`, 400 → `ConnectApiErrorResult`.
   */
  readonly body: unknown;
  readonly headers: Headers;
}

/** A client for `POST /v1/onboarding/entities`. */
export interface OnboardingClient {
  /**
   * Creates an Entity Onboarding Request: posts `request` as `application/json`.
   * Resolves with the answer for every HTTP status; rejects only when no answer arrives (the fetch rejects).
   */
  createEntity(request: EntityOnboardingRequest): Promise<OnboardingResponse>;
}

/** Creates a client for the Connect Onboarding API's entity onboarding (the consumer the Pact contract records). */
export function createOnboardingClient(options: OnboardingClientOptions): OnboardingClient {
  const doFetch = options.fetch ?? globalThis.fetch;
  const url = options.baseUrl.replace(/\/+$/, '') + ENTITIES_PATH;
  return {
    async createEntity(request) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`;
      const response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(request) });
      return { status: response.status, body: await readBody(response), headers: response.headers };
    },
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  if (!isJsonMediaType(response.headers.get('content-type') ?? undefined)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
