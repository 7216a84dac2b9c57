import { describe, expect, it } from 'vitest';
import { staticToken } from '../../../src/runner/credentials.ts';

describe('staticToken', () => {
  it('gives its token, never refreshes, and lists it as a secret', async () => {
    const creds = staticToken('t0ken-value');
    expect(await creds.token()).toBe('t0ken-value');
    expect(await creds.refresh()).toBe(false);
    expect(creds.secrets()).toEqual(['t0ken-value']);
  });
  it('without a token gives undefined and no secrets', async () => {
    const creds = staticToken(undefined);
    expect(await creds.token()).toBeUndefined();
    expect(creds.secrets()).toEqual([]);
  });
});
