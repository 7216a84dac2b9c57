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
import { createOnboardingClient, type EntityOnboardingRequest } from '../src/client/onboarding.ts';
import { ONBOARDING_STATUSES } from '../src/client/types.ts';
import { differences, normalisePact, PACT_FILE_NAME } from './pact-drift.ts';
import { FULL, MINIMAL, MISSING_BRAND, NO_CREDENTIALS, REDIRECT } from './interactions.ts';

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
// RFC 3339 `date-time` (what OpenAPI's `format: date-time` means), fractional seconds allowed as .NET writes them.
const DATE_TIME = (example: string) =>
  regex(/^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/, example);
// MatchersV3.uuid's pattern is unanchored, and Pact's regex matcher looks for a match anywhere in the value.
const uuid = (example: string) =>
  regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, example);
const STATUS = (example: string) => regex(new RegExp(`^(${ONBOARDING_STATUSES.join('|')})$`), example);
const HTTP_URL = (example: string) => regex(/^https?:\/\/\S+$/, example);
const REQUEST_HEADERS = { 'Content-Type': 'application/json', Authorization: BEARER };

// A fixed, synthetic dataset.
const IDS = {
  request: '7d3c2a1e-5b4f-4e6a-9c8d-1f2e3a4b5c6d',
  principal: '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
  entity: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f',
  collective: '3f8e5a52-9c1d-4b7e-8a6f-2d4c6b8a0e13',
  owner: '8a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
} as const;
const CREATED = '2024-05-01T10:00:00Z';

/** What every full 201 of this contract carries: ids, creation time, an Entity request pending. */
function createdEnvelope() {
  return {
    id: uuid(IDS.request),
    created: DATE_TIME(CREATED),
    principalId: uuid(IDS.principal),
    requestType: 'Entity',
    status: STATUS('Pending'),
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
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
          ...createdEnvelope(),
          data: { entity: { id: uuid(IDS.entity), type: 'EV', information: { type: 'EV', brand: 'Tesla' } } },
        }),
      )
      .executeTest(async (server) => {
        const res = await client(server.url).createEntity(request);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ id: IDS.request, requestType: 'Entity', data: { entity: { type: 'EV' } } });
      });
  });

  it('creates an entity with every optional field, and the answer echoes them', async () => {
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
      .uponReceiving(FULL)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
          ...createdEnvelope(),
          // The echo: what was sent comes back, value for value (no matcher means equality).
          returnUrl: request.returnUrl,
          data: {
            entity: {
              id: uuid(IDS.entity),
              type: 'HeatPump',
              collectiveId: IDS.collective,
              owner: IDS.owner,
              properties: request.properties,
              information: {
                type: 'HeatPump',
                brand: 'Vaillant',
                identifier: 'HP-0001-EXAMPLE',
                pairingCode: 'PAIR-4821',
                associatedEmail: 'heat-pump.owner@example.com',
                name: 'Utility room heat pump',
                track: 'residential',
              },
            },
          },
        }),
      )
      .executeTest(async (server) => {
        const res = await client(server.url).createEntity(request);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
          returnUrl: request.returnUrl,
          data: { entity: { collectiveId: IDS.collective, information: { identifier: 'HP-0001-EXAMPLE' } } },
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
    await pact
      .addInteraction()
      .uponReceiving(REDIRECT)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(201, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
          id: uuid(IDS.request),
          created: DATE_TIME(CREATED),
          requestType: 'Entity',
          status: STATUS('InProgress'),
          // The meaning of this interaction: the user must be sent to the OEM's consent page.
          action: { type: 'Redirect', redirectLink: HTTP_URL('https://oem.example.com/consent?session=5b1d') },
          data: {
            entity: {
              id: uuid(IDS.entity),
              type: 'ChargePoint',
              information: { type: 'ChargePoint', brand: 'Wallbox', identifier: 'CP-7731-EXAMPLE' },
            },
          },
        }),
      )
      .executeTest(async (server) => {
        const res = await client(server.url).createEntity(request);
        expect(res.status).toBe(201);
        const body = res.body as { action?: { type?: string; redirectLink?: string } };
        expect(body.action?.type).toBe('Redirect');
        expect(new URL(body.action?.redirectLink ?? '').protocol).toBe('https:');
      });
  });

  it('is answered 400 with errors when brand is missing', async () => {
    // Deliberately invalid: `brand` is required by EntityOnboardingRequest.
    const request = { type: 'EV', identifier: 'EV-0042-EXAMPLE' } as unknown as EntityOnboardingRequest;
    await pact
      .addInteraction()
      .uponReceiving(MISSING_BRAND)
      .withRequest('POST', PATH, (b) => b.headers(REQUEST_HEADERS).jsonBody(request))
      .willRespondWith(400, (b) =>
        b.headers({ 'Content-Type': JSON_CONTENT_TYPE }).jsonBody({
          errors: eachLike({ message: string('The brand field is required.') }),
        }),
      )
      .executeTest(async (server) => {
        const res = await client(server.url).createEntity(request);
        expect(res.status).toBe(400);
        expect((res.body as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
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
        expect(res.status).toBe(401);
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
