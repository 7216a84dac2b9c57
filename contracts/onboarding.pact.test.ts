// Consumer contract of `entity-onboarding-client` (src/client) with `connect-onboarding-api`, Pact V4.
// The pact is written to a fresh temporary directory, then compared with the committed copy under contracts/pacts/
// (the last describe): `UPDATE_PACTS=1 npm test` copies the fresh pact over the committed one instead.
import './pact-env.ts';
import { mkdtempSync } from 'node:fs';
import { copyFile, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOnboardingClient, readOutcome, type EntityOnboardingRequest } from '../src/client/onboarding.ts';
import { keepFields, recordReads } from '../src/pact/reads.ts';
import { ONBOARDING_STATUSES } from '../src/client/types.ts';
import { differences, normalisePact, PACT_FILE_NAME } from './pact-drift.ts';
import {
  COLLECTIVE_ID,
  FULL,
  MINIMAL,
  MISSING_BRAND,
  NO_CREDENTIALS,
  OWNER_ID,
  REDIRECT,
  STATES,
} from './interactions.ts';

const { eachLike, regex, string } = MatchersV3;

const COMMITTED = fileURLToPath(new URL(`./pacts/${PACT_FILE_NAME}`, import.meta.url));
const freshDir = mkdtempSync(join(tmpdir(), 'onboarding-pact-'));
const FRESH = join(freshDir, PACT_FILE_NAME);
const UPDATE = process.env['UPDATE_PACTS'] === '1' || process.env['UPDATE_PACTS'] === 'true';

const PATH = '/v1/onboarding/entities';
/** A synthetic token: at verification time `verifyPact` swaps it for the provider's real one. */
const CONTRACT_TOKEN = 'contract-test-token';

// Matchers: shape and meaning, not example values.
const JSON_CONTENT_TYPE = regex(/^application\/json(\s*;.*)?$/, 'application/json; charset=utf-8');
const BEARER = regex(/^Bearer [A-Za-z0-9\-._~+/]+=*$/, `Bearer ${CONTRACT_TOKEN}`);
// MatchersV3.uuid's pattern is unanchored, and Pact's regex matcher looks for a match anywhere in the value.
const uuid = (example: string) =>
  regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, example);
const STATUS = (example: string) => regex(new RegExp(`^(${ONBOARDING_STATUSES.join('|')})$`), example);
const HTTP_URL = (example: string) => regex(/^https?:\/\/\S+$/, example);
const REQUEST_HEADERS = { 'Content-Type': 'application/json', Authorization: BEARER };

/**
 * How a field the client reads is matched, by its path: what the provider mints (ids, status, links) by kind;
 * every other field by value, because its value is the meaning (the echo of what was sent, `action.type`).
 */
const MATCHERS: Readonly<Record<string, (example: never) => unknown>> = {
  '$.id': uuid,
  '$.data.entity.id': uuid,
  '$.status': STATUS,
  '$.action.redirectLink': HTTP_URL,
  '$.errors': ([first]: unknown[]) => eachLike(first),
  '$.errors[*].message': string,
};

/**
 * The body the contract expects: an example answer cut down to the fields the client reads of it (recorded by
 * running the client's own `readOutcome` over it), with the matchers above. So the contract holds what the client
 * relies on and nothing else (contracts/README.md; test/unit/pact/reads.test.ts holds the pact to it).
 */
function expectedBody(status: number, example: unknown): unknown {
  const { reads } = recordReads(example, (body) => readOutcome(status, body));
  const withMatchers = (value: unknown, path: string): unknown => {
    let v = value;
    if (Array.isArray(v)) v = v.map((item) => withMatchers(item, `${path}[*]`));
    else if (v !== null && typeof v === 'object')
      v = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withMatchers(x, `${path}.${k}`)]));
    const matcher = MATCHERS[path];
    return matcher ? matcher(v as never) : v;
  };
  return withMatchers(keepFields(example, reads), '$');
}

// A fixed, synthetic dataset.
const IDS = {
  request: '7d3c2a1e-5b4f-4e6a-9c8d-1f2e3a4b5c6d',
  principal: '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
  entity: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
  collective: COLLECTIVE_ID,
  owner: OWNER_ID,
} as const;

/**
 * A provider's whole answer to `request`, as the reference provider writes it: more than the client reads
 * (`expectedBody` keeps what it does). `action` only where the scenario is about one.
 */
function exampleCreated(request: EntityOnboardingRequest, action?: Record<string, unknown>) {
  const { type, collectiveId, owner, properties, returnUrl, ...information } = request;
  return {
    id: IDS.request,
    created: '2024-05-01T10:00:00Z',
    principalId: IDS.principal,
    requestType: 'Entity',
    status: action ? 'InProgress' : 'Pending',
    returnUrl,
    ...(action ? { action } : {}),
    data: {
      entity: { id: IDS.entity, type, collectiveId, owner, properties, information: { type, ...information } },
    },
  };
}

const client = (baseUrl: string) => createOnboardingClient({ baseUrl, token: CONTRACT_TOKEN });

/** Set when a consumer test fails: the fresh pact then lacks interactions and must not replace the committed one. */
let consumerFailed = false;

describe('consumer contract: entity-onboarding-client → connect-onboarding-api', () => {
  const pact = new PactV4({
    consumer: 'entity-onboarding-client',
    provider: 'connect-onboarding-api',
    dir: freshDir,
    logLevel: 'warn',
  });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      consumerFailed = true;
    });
  });

  it('creates an entity from the two required fields only', async () => {
    const request: EntityOnboardingRequest = { brand: 'Tesla', type: 'EV' };
    await pact
      .addInteraction()
      .uponReceiving(MINIMAL)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(expectedBody(201, exampleCreated(request))),
      )
      .executeTest(async (server) => {
        const { outcome } = await client(server.url).createEntity(request);
        expect(outcome).toEqual({
          kind: 'created',
          created: expect.objectContaining({ requestId: IDS.request, entityId: IDS.entity, status: 'Pending' }),
        });
      });
  });

  it('creates an entity with every optional field, and shows back what the provider recorded', async () => {
    const request: EntityOnboardingRequest = {
      brand: 'Vaillant',
      type: 'HeatPump',
      collectiveId: IDS.collective,
      owner: IDS.owner,
      identifier: 'HP-0001-EXAMPLE',
      pairingCode: 'PAIR-4821',
      associatedEmail: 'heat-pump.owner@example.com',
      name: 'Utility room heat pump',
      track: 'residential',
      returnUrl: 'https://app.example.com/onboarding/done',
      properties: { site: 'home', priority: 2, tags: ['heating'] },
    };
    await pact
      .addInteraction()
      // The collective and the owner named in the request are the provider's data: they must exist there.
      .given(STATES.collective, { id: IDS.collective })
      .given(STATES.owner, { id: IDS.owner })
      .uponReceiving(FULL)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(expectedBody(201, exampleCreated(request))),
      )
      .executeTest(async (server) => {
        const { outcome } = await client(server.url).createEntity(request);
        expect(outcome).toEqual({
          kind: 'created',
          created: expect.objectContaining({ name: 'Utility room heat pump', identifier: 'HP-0001-EXAMPLE' }),
        });
      });
  });

  it('creates a ChargePoint whose onboarding answers with a Redirect action', async () => {
    const request: EntityOnboardingRequest = {
      brand: 'Wallbox',
      type: 'ChargePoint',
      identifier: 'CP-7731-EXAMPLE',
      returnUrl: 'https://app.example.com/onboarding/done',
    };
    const redirect = {
      type: 'Redirect',
      redirectLink: 'https://oem.example.com/consent?session=5b1d',
      documentationLink: null,
    };
    await pact
      .addInteraction()
      .given(STATES.redirectingOem, { brand: 'Wallbox' })
      .uponReceiving(REDIRECT)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(expectedBody(201, exampleCreated(request, redirect))),
      )
      .executeTest(async (server) => {
        const { outcome } = await client(server.url).createEntity(request);
        expect(outcome.kind === 'created' && new URL(outcome.created.redirectTo ?? '').protocol).toBe('https:');
      });
  });

  it('is answered 400 with errors when brand is missing', async () => {
    // Deliberately invalid: `brand` is required by EntityOnboardingRequest.
    const request = { type: 'EV', identifier: 'EV-0042-EXAMPLE' } as unknown as EntityOnboardingRequest;
    const example = { errors: [{ code: 'Required', description: '$.brand', message: 'The brand field is required.' }] };
    await pact
      .addInteraction()
      .uponReceiving(MISSING_BRAND)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(400, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody(expectedBody(400, example)),
      )
      .executeTest(async (server) => {
        const { outcome } = await client(server.url).createEntity(request);
        expect(outcome).toEqual({ kind: 'rejected', messages: ['The brand field is required.'] });
      });
  });

  it('is answered 401 without credentials', async () => {
    const request: EntityOnboardingRequest = { brand: 'Tesla', type: 'EV' };
    await pact
      .addInteraction()
      .uponReceiving(NO_CREDENTIALS)
      .withRequest('POST', PATH, (b) => b.headers({ 'Content-Type': 'application/json' }).jsonBody(request))
      .willRespondWith(401)
      .executeTest(async (server) => {
        // Pact's mock server tolerates extra headers: check that the client really sent no credentials.
        const sent: Headers[] = [];
        const recordingFetch: typeof fetch = (input, init) => (
          sent.push(new Headers(init?.headers)),
          fetch(input, init)
        );
        const res = await createOnboardingClient({ baseUrl: server.url, fetch: recordingFetch }).createEntity(request);
        expect(res.outcome).toEqual({ kind: 'unauthorized' });
        expect(sent.map((h) => h.has('authorization'))).toEqual([false]);
      });
  });
});

// Runs after the consumer tests above (vitest runs a file's tests in order): compares what THIS run wrote.
describe('committed pact', () => {
  afterAll(async () => {
    await rm(freshDir, { recursive: true, force: true });
  });

  it(`contracts/pacts/${PACT_FILE_NAME} is what the consumer tests produce`, async () => {
    const fresh = await readFile(FRESH, 'utf8').catch(() => undefined);
    expect(
      consumerFailed || fresh === undefined,
      'a consumer test above failed (or did not run): fix it first; the pact it wrote is incomplete',
    ).toBe(false);
    if (UPDATE) {
      // Copy then rename: other test files read the committed pact meanwhile.
      await copyFile(FRESH, `${COMMITTED}.tmp`);
      await rename(`${COMMITTED}.tmp`, COMMITTED);
      return;
    }
    const committed = await readFile(COMMITTED, 'utf8').catch(() => undefined);
    const update = `\`UPDATE_PACTS=1 npm test -- contracts\` and commit contracts/pacts/${PACT_FILE_NAME}`;
    expect(committed, `contracts/pacts/${PACT_FILE_NAME} is missing: write it with ${update}.`).toBeDefined();
    const how = `The consumer contract changed. If that is intended, update the committed pact with ${update}.`;
    const diff = differences(normalisePact(JSON.parse(committed!)), normalisePact(JSON.parse(fresh!)));
    expect(diff, `${how}\nDifferences (committed vs produced):\n  ${diff.join('\n  ')}`).toEqual([]);
  });
});
