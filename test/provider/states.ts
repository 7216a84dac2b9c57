// Provider states for Pact verification (test mode only: `startProvider({ providerStates: true })`,
// `main.ts --provider-states`). Pact's convention: the verifier POSTs `{ state, params, action }` to a set-up
// endpoint before ("setup") and after ("teardown") each interaction given a state; the provider makes its data so.
// Here the data is which OEM brands need their own consent page: their entities are answered with a Redirect
// action, every other entity with Consent. A state this provider does not know is refused (400), so that a typo in
// a pact fails its verification instead of passing unset.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonReply, type Behaviour, type Reply } from './behaviour.ts';
import { buildCreated, FULL_CONSENT, FULL_REDIRECT, singleError } from './respond.ts';

/** Where the set-up endpoint listens (outside the API's base path). */
export const STATES_PATH = '/_pact/provider-states';

/** The provider's data that states set up. */
export interface StateStore {
  /** Brands whose OEM requires a consent redirect. */
  readonly redirectingBrands: Set<string>;
  /** Collectives and owners (uuids) known to exist; the reference accepts any, so these are only recorded. */
  readonly collectives: Set<string>;
  readonly owners: Set<string>;
}

export const createStateStore = (): StateStore => ({
  redirectingBrands: new Set(),
  collectives: new Set(),
  owners: new Set(),
});

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
/** The states this provider knows, by the name the pact gives them; each picks the set it adds to or removes from. */
const KNOWN: readonly [RegExp, (store: StateStore) => Set<string>][] = [
  [/^the OEM of brand (.+) requires a consent redirect$/, (s) => s.redirectingBrands],
  [new RegExp(`^collective ${UUID} exists$`), (s) => s.collectives],
  [new RegExp(`^owner ${UUID} exists$`), (s) => s.owners],
];

/** Applies one state change (`{ state, params, action }`) and says how it went. */
export function changeState(store: StateStore, change: unknown): Reply {
  const { state, action } = (change ?? {}) as { state?: unknown; action?: unknown };
  if (typeof state !== 'string' || (action !== 'setup' && action !== 'teardown'))
    return jsonReply(400, singleError('BadStateChange', 'Expected {"state": "...", "action": "setup"|"teardown"}.'));
  for (const [pattern, set] of KNOWN) {
    const key = pattern.exec(state)?.[1];
    if (key === undefined) continue;
    if (action === 'setup') set(store).add(key);
    else set(store).delete(key);
    return jsonReply(200, {});
  }
  return jsonReply(400, singleError('UnknownState', `Unknown provider state: ${state}`));
}

/** Answers a request to STATES_PATH (POST, JSON body). */
export async function handleStateRequest(store: StateStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const reply =
    req.method === 'POST' ? changeState(store, body) : jsonReply(405, singleError('MethodNotAllowed', 'Use POST.'));
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, { ...reply.headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** The behaviour with its data in `store`: a Redirect action exactly for the brands whose OEM requires one. */
export function withProviderStates(b: Behaviour, store: StateStore): Behaviour {
  return {
    ...b,
    buildCreated: (request, ctx) =>
      buildCreated(
        request,
        ctx,
        request.brand !== null && store.redirectingBrands.has(request.brand) ? FULL_REDIRECT : FULL_CONSENT,
      ),
  };
}
