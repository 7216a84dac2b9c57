// The committed pact, verified with Pact's Verifier against the embedded Prism (by shape) and the reference provider.
import './pact-env.ts';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../src/spec/load.ts';
import { startPrism } from '../src/targets/prism.ts';
import { anyValuePaths } from '../src/pact/any-value.ts';
import { verifyPact } from '../src/pact/verify.ts';
import { DEFAULT_PACT } from '../src/cli/verify-pact.ts';
import { startProvider } from '../test/provider/server.ts';
import { FULL, MINIMAL } from './interactions.ts';

describe('the committed pact against providers', () => {
  it('is verified against the embedded Prism, bodies by shape', async () => {
    const spec = await loadSpec('spec/openapi.yaml');
    const prism = await startPrism(spec);
    try {
      const result = await verifyPact({
        pactFile: DEFAULT_PACT,
        providerBaseUrl: prism.baseUrl,
        token: 'prism-token',
        shapeOnly: true,
        anyValuePaths: anyValuePaths(spec),
      });
      // Every interaction, provider states aside: a mock has no data to set up, so it is judged by shape alone.
      expect(result.interactions.filter((i) => !i.ok)).toEqual([]);
      expect(result.verdict).toBe('verified');
    } finally {
      await prism.stop();
    }
  });

  it('is verified in full against the conforming reference provider, its provider states set up', async () => {
    const provider = await startProvider({ token: 'pact-token', providerStates: true });
    try {
      const result = await verifyPact({
        pactFile: DEFAULT_PACT,
        providerBaseUrl: provider.url,
        token: 'pact-token',
        providerStatesSetupUrl: provider.statesUrl,
      });
      expect(result.interactions.filter((i) => !i.ok)).toEqual([]);
      expect(result.verdict).toBe('verified');
    } finally {
      await provider.close();
    }
  });

  it.each([
    ['status-200', MINIMAL],
    ['identifier-overwritten-by-pairing-code', FULL],
  ])('fails against the %s fault, naming the interaction', async (fault, interaction) => {
    const provider = await startProvider({ token: 'pact-token', fault, providerStates: true });
    try {
      const result = await verifyPact({
        pactFile: DEFAULT_PACT,
        providerBaseUrl: provider.url,
        token: 'pact-token',
        providerStatesSetupUrl: provider.statesUrl,
      });
      expect(result.ok).toBe(false);
      expect(result.interactions.filter((i) => !i.ok).map((i) => i.description)).toContain(interaction);
    } finally {
      await provider.close();
    }
  });
});
