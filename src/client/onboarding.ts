import { isJsonMediaType } from '../validators/media-type.ts';
import { ONBOARDING_STATUSES, type EntityOnboardingRequest, type OnboardingStatus } from './types.ts';

export type * from './types.ts';

/** The path of the operation, relative to the server URL (`servers[0].url` in the spec). */
const ENTITIES_PATH = '/v1/onboarding/entities';

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
  /**
   * What the client makes of the answer ({@link readOutcome}): the fields it reads, and the only ones the consumer
   * contract asks a provider for. `body` is the raw answer, outside the contract.
   */
  readonly outcome: OnboardingOutcome;
}

/** What the client takes from a `201 Created` (an `OnboardingRequest`); each field undefined when the answer lacks it. */
export interface CreatedOnboarding {
  /** `id`: the onboarding request, to follow it up. */
  readonly requestId: string | undefined;
  /** `status`, when it is an `OnboardingStatus`. */
  readonly status: OnboardingStatus | undefined;
  /** `data.entity.id`: the Entity created. */
  readonly entityId: string | undefined;
  /** `data.entity.information.name` and `.identifier`: shown back to the user, so they must be what was sent. */
  readonly name: string | null | undefined;
  readonly identifier: string | null | undefined;
  /** `action.redirectLink` when `action.type` is `Redirect`: where the user must go to give the OEM consent. */
  readonly redirectTo: string | undefined;
}

/** The answer as the client understands it. */
export type OnboardingOutcome =
  | { readonly kind: 'created'; readonly created: CreatedOnboarding }
  /** 400: the `message` of each of `errors`, to show the user. */
  | { readonly kind: 'rejected'; readonly messages: readonly string[] }
  /** 401 or 403: nothing is read of the body. */
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'unexpected'; readonly status: number };

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
      const body = await readBody(response);
      return { status: response.status, body, headers: response.headers, outcome: readOutcome(response.status, body) };
    },
  };
}

/**
 * The client's reading of an answer: every field it uses is read here and nowhere else, which is what lets the
 * contract tests record the reads (src/pact/reads.ts) and hold the contract to them.
 */
export function readOutcome(status: number, body: unknown): OnboardingOutcome {
  if (status === 201) {
    const request = asObject(body);
    const entity = asObject(asObject(request?.['data'])?.['entity']);
    const information = asObject(entity?.['information']);
    const action = asObject(request?.['action']);
    const state = request?.['status'];
    return {
      kind: 'created',
      created: {
        requestId: asString(request?.['id']),
        status: ONBOARDING_STATUSES.find((s) => s === state),
        entityId: asString(entity?.['id']),
        name: asNullableString(information?.['name']),
        identifier: asNullableString(information?.['identifier']),
        redirectTo: action?.['type'] === 'Redirect' ? asString(action['redirectLink']) : undefined,
      },
    };
  }
  if (status === 400) {
    const errors = asObject(body)?.['errors'];
    const messages = Array.isArray(errors) ? errors.map((e) => asString(asObject(e)?.['message'])) : [];
    return { kind: 'rejected', messages: messages.filter((m) => m !== undefined) };
  }
  if (status === 401 || status === 403) return { kind: 'unauthorized' };
  return { kind: 'unexpected', status };
}

function asObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>) // a JSON object: string keys, unknown values
    : undefined;
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asNullableString = (value: unknown): string | null | undefined => (value === null ? null : asString(value));

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
