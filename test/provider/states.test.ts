// The reference provider's Pact provider-state endpoint (test mode only).
import { afterEach, describe, expect, it } from 'vitest';
import { startProvider, type RunningProvider } from './server.ts';

let provider: RunningProvider | undefined;
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

async function actionFor(p: RunningProvider, brand: string): Promise<unknown> {
  const res = await post(
    `${p.url}/v1/onboarding/entities`,
    { brand, type: 'ChargePoint' },
    { Authorization: 'Bearer t' },
  );
  return ((await res.json()) as { action?: { type?: string } }).action?.type;
}

describe('provider states', () => {
  it('are not served by default', async () => {
    provider = await startProvider({ token: 't' });
    expect(provider.statesUrl).toBeUndefined();
    expect((await post(`http://127.0.0.1:${provider.port}/_pact/provider-states`, {})).status).toBe(404);
  });

  it('make the OEM of a brand redirect from setup to teardown; without one, nothing redirects', async () => {
    provider = await startProvider({ token: 't', providerStates: true });
    const url = provider.statesUrl!;
    expect(await actionFor(provider, 'Wallbox')).toBe('Consent');
    const state = 'the OEM of brand Wallbox requires a consent redirect';
    expect((await post(url, { state, params: { brand: 'Wallbox' }, action: 'setup' })).status).toBe(200);
    expect(await actionFor(provider, 'Wallbox')).toBe('Redirect');
    expect(await actionFor(provider, 'Easee')).toBe('Consent');
    expect((await post(url, { state, action: 'teardown' })).status).toBe(200);
    expect(await actionFor(provider, 'Wallbox')).toBe('Consent');
  });

  it('refuse a state the provider does not know, and a body that is not a state change', async () => {
    provider = await startProvider({ token: 't', providerStates: true });
    const res = await post(provider.statesUrl!, { state: 'collective nope exists', action: 'setup' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('Unknown provider state: collective nope exists');
    expect((await post(provider.statesUrl!, { state: 'x', action: 'explode' })).status).toBe(400);
    const accepted = await post(provider.statesUrl!, {
      state: 'collective 3f8e5a52-9c1d-4b7e-8a6f-2d4c6b8a0e13 exists',
      action: 'setup',
    });
    expect(accepted.status).toBe(200);
  });
});
