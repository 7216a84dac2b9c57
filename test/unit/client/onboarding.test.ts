import { describe, expect, it } from 'vitest';
import { createOnboardingClient, readOutcome } from '../../../src/client/onboarding.ts';
import { normalisePact, differences } from '../../../contracts/pact-drift.ts';

/** A fetch that records the call and answers what it is told. */
function fakeFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

describe('createOnboardingClient', () => {
  it('posts JSON to {baseUrl}/v1/onboarding/entities with the bearer token', async () => {
    const f = fakeFetch(
      () => new Response('{"id":"x"}', { status: 201, headers: { 'Content-Type': 'application/json; charset=utf-8' } }),
    );
    const res = await createOnboardingClient({
      baseUrl: 'http://127.0.0.1:1234/connect/',
      token: 't0k',
      fetch: f.fetch,
    }).createEntity({ brand: 'Tesla', type: 'EV' });
    expect(res).toMatchObject({ status: 201, body: { id: 'x' } });
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0].url).toBe('http://127.0.0.1:1234/connect/v1/onboarding/entities');
    expect(f.calls[0].init.method).toBe('POST');
    expect(f.calls[0].init.headers).toEqual({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: 'Bearer t0k',
    });
    expect(JSON.parse(String(f.calls[0].init.body))).toEqual({ brand: 'Tesla', type: 'EV' });
  });

  it('sends no Authorization header without a token, and never throws for a status', async () => {
    const f = fakeFetch(() => new Response(null, { status: 401 }));
    const res = await createOnboardingClient({ baseUrl: 'http://127.0.0.1:1/connect', fetch: f.fetch }).createEntity({
      brand: null,
      type: 'Meter',
    });
    expect(res.status).toBe(401);
    expect(res.body).toBeUndefined();
    expect(f.calls[0].init.headers).not.toHaveProperty('Authorization');
  });

  it('gives the text of a body that is not JSON (or does not parse)', async () => {
    const text = fakeFetch(() => new Response('oops', { status: 500, headers: { 'Content-Type': 'text/plain' } }));
    expect(
      (
        await createOnboardingClient({ baseUrl: 'http://h', fetch: text.fetch }).createEntity({
          brand: 'b',
          type: 'EV',
        })
      ).body,
    ).toBe('oops');
    const broken = fakeFetch(
      () => new Response('{nope', { status: 400, headers: { 'Content-Type': 'application/problem+json' } }),
    );
    expect(
      (
        await createOnboardingClient({ baseUrl: 'http://h', fetch: broken.fetch }).createEntity({
          brand: 'b',
          type: 'EV',
        })
      ).body,
    ).toBe('{nope');
  });
});

describe('pact drift helpers', () => {
  const pact = (rust: string, key: string, status: number) => ({
    consumer: { name: 'c' },
    provider: { name: 'p' },
    interactions: [{ description: 'd', key, response: { status } }],
    metadata: { pactRust: { ffi: rust }, 'pact-js': { version: rust }, pactSpecification: { version: '4.0' } },
  });
  it('ignores the Pact versions and interaction keys, nothing else', () => {
    expect(differences(normalisePact(pact('0.5.8', 'a', 201)), normalisePact(pact('0.9.0', 'b', 201)))).toEqual([]);
    expect(differences(normalisePact(pact('0.5.8', 'a', 201)), normalisePact(pact('0.5.8', 'a', 200)))).toEqual([
      '/interactions/0/response/status: committed 201 / produced 200',
    ]);
  });
});

describe('readOutcome: the client reading an answer', () => {
  const created = {
    id: '7d3c2a1e-5b4f-4e6a-9c8d-1f2e3a4b5c6d',
    status: 'InProgress',
    action: { type: 'Redirect', redirectLink: 'https://oem.example.com/consent' },
    data: { entity: { id: 'c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f', information: { name: 'n', identifier: null } } },
  };
  it.each([
    [
      'a 201 with a redirect',
      201,
      created,
      {
        kind: 'created',
        created: {
          requestId: created.id,
          status: 'InProgress',
          entityId: created.data.entity.id,
          name: 'n',
          identifier: null,
          redirectTo: 'https://oem.example.com/consent',
        },
      },
    ],
    [
      'a 201 with a Consent action and an unknown status',
      201,
      { ...created, status: 'Done', action: { type: 'Consent', redirectLink: 'https://x.example' } },
      expect.objectContaining({ created: expect.objectContaining({ status: undefined, redirectTo: undefined }) }),
    ],
    [
      'a smallest 201 (the spec requires nothing)',
      201,
      {},
      {
        kind: 'created',
        created: {
          requestId: undefined,
          status: undefined,
          entityId: undefined,
          name: undefined,
          identifier: undefined,
          redirectTo: undefined,
        },
      },
    ],
    [
      'a 400',
      400,
      { errors: [{ message: 'a' }, { code: 'x' }, { message: 'b' }] },
      { kind: 'rejected', messages: ['a', 'b'] },
    ],
    ['a 400 that is not JSON', 400, 'oops', { kind: 'rejected', messages: [] }],
    ['a 403', 403, undefined, { kind: 'unauthorized' }],
    ['a 500', 500, 'Internal Server Error', { kind: 'unexpected', status: 500 }],
  ])('%s', (_what, status, body, outcome) => {
    expect(readOutcome(status, body)).toEqual(outcome);
  });
});
