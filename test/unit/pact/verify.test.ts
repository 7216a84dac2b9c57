import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PactFileError } from '../../../src/pact/pact-file.ts';
import { ProviderUnreachableError, verifyPact, type VerifyPactResult } from '../../../src/pact/verify.ts';
import { DEFAULT_PACT as PACT } from '../../../src/cli/verify-pact.ts';
import { FULL, MINIMAL, MISSING_BRAND, NO_CREDENTIALS, REDIRECT, STATES } from '../../../contracts/interactions.ts';

// Pact is imported lazily by verifyPact, after this line has run.
process.env['PACT_DO_NOT_TRACK'] ??= 'true';

const REAL_TOKEN = 'provider-real-token-9f2c';
const ENTITY_TYPES = ['Battery', 'ChargePoint', 'EV', 'HeatPump', 'SolarPlant', 'RetrofitMeter', 'Meter', 'Inverter'];

type Fault = 'none' | 'answers-200' | 'drops-identifier';
interface Fake {
  readonly baseUrl: string;
  /** Its provider-state set-up endpoint (Pact's convention), which answers `stateStatus`. */
  readonly statesUrl: string;
  /** The Authorization header of each request received on the endpoint, in order (undefined: none). */
  readonly authorizations: (string | undefined)[];
  /** The bodies POSTed to the state endpoint, in order. */
  readonly stateChanges: unknown[];
  close(): Promise<void>;
}

/** A tiny provider of POST /connect/v1/onboarding/entities: conforming, or with one fault. */
/** `acceptedToken` null: any bearer token is accepted. */
async function startFake(fault: Fault, acceptedToken: string | null = REAL_TOKEN, stateStatus = 200): Promise<Fake> {
  const authorizations: (string | undefined)[] = [];
  const stateChanges: unknown[] = [];
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const send = (status: number, json?: unknown) => {
        res.writeHead(status, json === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (req.method === 'POST' && req.url === '/_pact/provider-states') {
        stateChanges.push(body);
        return send(stateStatus, {});
      }
      if (req.method !== 'POST' || req.url !== '/connect/v1/onboarding/entities') return send(404);
      authorizations.push(req.headers.authorization);
      const auth = req.headers.authorization;
      if (
        auth === undefined ||
        !auth.startsWith('Bearer ') ||
        (acceptedToken !== null && auth !== `Bearer ${acceptedToken}`)
      )
        return send(401);
      const b = body as Record<string, unknown> | undefined;
      if (!b || typeof b !== 'object' || !('brand' in b) || !ENTITY_TYPES.includes(b['type'] as string)) {
        return send(400, {
          errors: [{ code: 'Validation', description: null, message: 'The brand field is required.' }],
        });
      }
      const information: Record<string, unknown> = { type: b['type'], brand: b['brand'] };
      for (const k of ['identifier', 'pairingCode', 'associatedEmail', 'name', 'track']) information[k] = b[k] ?? null;
      if (fault === 'drops-identifier') delete information['identifier'];
      const chargePoint = b['type'] === 'ChargePoint';
      const id = randomUUID();
      send(fault === 'answers-200' ? 200 : 201, {
        id,
        created: new Date().toISOString(),
        principalId: randomUUID(),
        requestType: 'Entity',
        status: chargePoint ? 'InProgress' : 'Pending',
        returnUrl: b['returnUrl'] ?? null,
        ...(chargePoint
          ? {
              action: {
                type: 'Redirect',
                redirectLink: `https://oem.example.com/consent?session=${id}`,
                documentationLink: null,
              },
            }
          : {}),
        data: {
          entity: {
            id: randomUUID(),
            type: b['type'],
            collectiveId: b['collectiveId'] ?? null,
            owner: b['owner'] ?? randomUUID(),
            properties: b['properties'] ?? null,
            information,
          },
        },
        errors: [],
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/connect`,
    statesUrl: `http://127.0.0.1:${port}/_pact/provider-states`,
    authorizations,
    stateChanges,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Verify the committed pact against the fake, its states set up through its own endpoint. */
const withStates = (f: Fake) => ({ pactFile: PACT, providerBaseUrl: f.baseUrl, providerStatesSetupUrl: f.statesUrl });

const verdict = (result: VerifyPactResult, description: string) =>
  result.interactions.find((i) => i.description === description);

let fake: Fake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('verifyPact', () => {
  it('verifies a conforming provider under a base path, swapping in the real token except where none was recorded', async () => {
    fake = await startFake('none');
    const result = await verifyPact({ ...withStates(fake), token: REAL_TOKEN });
    expect(result.interactions.filter((i) => !i.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, verdict: 'verified' });
    expect(result.interactions.map((i) => i.description).sort()).toEqual(
      [FULL, MINIMAL, MISSING_BRAND, NO_CREDENTIALS, REDIRECT].sort(),
    );
    // Four interactions carry credentials (now the real token), the "without credentials" one none at all.
    expect(fake.authorizations.filter((a) => a === `Bearer ${REAL_TOKEN}`)).toHaveLength(4);
    expect(fake.authorizations.filter((a) => a === undefined)).toHaveLength(1);
    expect(fake.authorizations.some((a) => a?.includes('contract-test-token'))).toBe(false);
  });

  it('sends the pact’s synthetic token when given none (base URL with a trailing slash)', async () => {
    fake = await startFake('none', null);
    const result = await verifyPact({ ...withStates(fake), providerBaseUrl: `${fake.baseUrl}/` });
    expect(result.ok).toBe(true);
    expect(fake.authorizations.filter((a) => a === 'Bearer contract-test-token')).toHaveLength(4);
  });

  it('fails the interactions whose echo of identifier is dropped, naming them', async () => {
    fake = await startFake('drops-identifier');
    const result = await verifyPact({ ...withStates(fake), token: REAL_TOKEN });
    expect(result).toMatchObject({ ok: false, verdict: 'not-verified' });
    for (const d of [FULL, REDIRECT]) {
      expect(verdict(result, d)).toEqual({
        description: d,
        ok: false,
        outcome: 'failed',
        providerStates: expect.any(Array),
        message: expect.stringMatching(/body \$\.data\.entity\.information: .*identifier/),
      });
    }
    for (const d of [MINIMAL, MISSING_BRAND, NO_CREDENTIALS])
      expect(verdict(result, d)).toEqual({ description: d, ok: true, outcome: 'verified', providerStates: [] });
  });

  it('fails the interactions answered 200 instead of 201', async () => {
    fake = await startFake('answers-200');
    const result = await verifyPact({ ...withStates(fake), token: REAL_TOKEN });
    expect(result.ok).toBe(false);
    for (const d of [MINIMAL, FULL, REDIRECT])
      expect(verdict(result, d)?.message).toContain('status: expected 201 but was 200');
    expect(verdict(result, MISSING_BRAND)?.ok).toBe(true);
  });

  it('fails the authenticated interactions when the real token is missing', async () => {
    fake = await startFake('none');
    const result = await verifyPact(withStates(fake));
    expect(
      result.interactions
        .filter((i) => !i.ok)
        .map((i) => i.description)
        .sort(),
    ).toEqual([FULL, MINIMAL, MISSING_BRAND, REDIRECT].sort());
    expect(verdict(result, MINIMAL)?.message).toContain('expected 201 but was 401');
  });
});

describe('verifyPact and provider states', () => {
  it('sets each state up through the set-up URL, with Pact’s body, and tears it down after', async () => {
    fake = await startFake('none');
    await verifyPact({ ...withStates(fake), token: REAL_TOKEN });
    const changes = fake.stateChanges as { state: string; action: string; params: unknown }[];
    expect(changes.filter((c) => c.state === STATES.redirectingOem)).toEqual([
      { state: STATES.redirectingOem, params: { brand: 'Wallbox' }, action: 'setup' },
      { state: STATES.redirectingOem, params: { brand: 'Wallbox' }, action: 'teardown' },
    ]);
    expect(new Set(changes.map((c) => c.state))).toEqual(new Set(Object.values(STATES)));
  });

  it('without a set-up URL, sends no interaction that needs one: they need provider state, the rest verified', async () => {
    fake = await startFake('none');
    const result = await verifyPact({ pactFile: PACT, providerBaseUrl: fake.baseUrl, token: REAL_TOKEN });
    expect(result).toMatchObject({ ok: false, verdict: 'incomplete' });
    expect(verdict(result, REDIRECT)).toEqual({
      description: REDIRECT,
      ok: false,
      outcome: 'needs-provider-state',
      providerStates: [STATES.redirectingOem],
      message: `needs provider state "${STATES.redirectingOem}"`,
    });
    expect(verdict(result, FULL)?.message).toBe(`needs provider states "${STATES.collective}", "${STATES.owner}"`);
    for (const d of [MINIMAL, MISSING_BRAND, NO_CREDENTIALS]) expect(verdict(result, d)?.outcome).toBe('verified');
    expect(fake.authorizations).toHaveLength(3);
    expect(fake.stateChanges).toEqual([]);
  });

  it('a failure elsewhere makes it not verified, whatever waits for states', async () => {
    fake = await startFake('answers-200');
    const result = await verifyPact({ pactFile: PACT, providerBaseUrl: fake.baseUrl, token: REAL_TOKEN });
    expect(result.verdict).toBe('not-verified');
    expect(verdict(result, REDIRECT)?.outcome).toBe('needs-provider-state');
  });

  it('fails the interactions whose state the provider could not set up, naming the state', async () => {
    fake = await startFake('none', REAL_TOKEN, 500);
    const result = await verifyPact({ ...withStates(fake), token: REAL_TOKEN });
    expect(result.verdict).toBe('not-verified');
    expect(verdict(result, REDIRECT)?.message).toBe(
      `provider state "${STATES.redirectingOem}" was not set up: POST ${fake.statesUrl} answered 500: {}`,
    );
    expect(verdict(result, MINIMAL)?.outcome).toBe('verified');
  });

  it('hands what Pact’s verifier prints to onVerifierOutput, and to nothing else', async () => {
    fake = await startFake('none');
    let printed = '';
    await verifyPact({ ...withStates(fake), token: REAL_TOKEN, onVerifierOutput: (t) => (printed += t) });
    expect(printed).toContain('Verifying a pact between');
  });
});

describe('verifyPact throws a typed error when it cannot verify', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'verify-pact-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('for an unreachable provider', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    await expect(verifyPact({ pactFile: PACT, providerBaseUrl: `http://127.0.0.1:${port}/connect` })).rejects.toThrow(
      ProviderUnreachableError,
    );
    await expect(verifyPact({ pactFile: PACT, providerBaseUrl: 'not a url' })).rejects.toThrow(
      ProviderUnreachableError,
    );
  });

  it('for an unusable pact file', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ nope');
    const notPact = join(dir, 'not-pact.json');
    await writeFile(notPact, JSON.stringify({ openapi: '3.0.4' }));
    for (const pactFile of [join(dir, 'missing.json'), notJson, notPact]) {
      await expect(verifyPact({ pactFile, providerBaseUrl: 'http://127.0.0.1:9/connect' })).rejects.toThrow(
        PactFileError,
      );
    }
  });
});
