import { describe, expect, it } from 'vitest';
import { createOnboardingClient } from '../../../src/client/onboarding.ts';
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
