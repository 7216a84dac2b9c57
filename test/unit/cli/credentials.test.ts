import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/args.ts';
import { credentialsFrom } from '../../../src/cli/credentials.ts';

describe('credentialsFrom', () => {
  it('takes --token before CONNECT_TOKEN', async () => {
    expect(await credentialsFrom({ token: 'flag-token' }, { CONNECT_TOKEN: 'env-token' }).token()).toBe('flag-token');
    expect(await credentialsFrom({}, { CONNECT_TOKEN: 'env-token' }).token()).toBe('env-token');
  });
  it('treats an empty CONNECT_TOKEN as none', async () => {
    expect(await credentialsFrom({}, { CONNECT_TOKEN: '' }).token()).toBeUndefined();
  });
  it('builds OAuth2 client credentials from --token-url and the environment, fetching nothing yet', () => {
    const creds = credentialsFrom(
      { 'token-url': 'https://auth.example.com/token', scope: 's' },
      { CONNECT_CLIENT_ID: 'id', CONNECT_CLIENT_SECRET: 'client-secret', CONNECT_TOKEN: 'ignored' },
    );
    expect(creds.secrets()).toEqual(['client-secret']);
  });
  it.each([
    [{ 'token-url': 'https://auth.example.com/token' }, {}, 'CONNECT_CLIENT_ID is not set'],
    [
      { 'token-url': 'https://auth.example.com/token' },
      { CONNECT_CLIENT_ID: 'id', CONNECT_CLIENT_SECRET: '' },
      'CONNECT_CLIENT_SECRET is not set',
    ],
    [{ 'token-url': 'https://auth.example.com/token', token: 't' }, {}, 'either --token or --token-url'],
    [{ scope: 'x' }, {}, '--scope goes with --token-url'],
    [{ token: ' ' }, {}, '--token is empty'],
  ])('%j %j: %s', (flags, env, message) => {
    expect(() => credentialsFrom(flags, env)).toThrow(UsageError);
    expect(() => credentialsFrom(flags, env)).toThrow(message);
  });
});
