import { afterEach, describe, expect, it } from 'vitest';
import { oauthClientCredentials } from '../../../src/runner/oauth.ts';
import { TargetError } from '../../../src/targets/types.ts';
import {
  endlessBody,
  redirect,
  startServer,
  startTokenEndpoint,
  UNRESOLVABLE_HOST,
  type TestServer,
} from '../../robustness/servers.ts';

const CLIENT = { clientId: 'suite client:1', clientSecret: 'cl1ent-s3cret&=+' };
const open: TestServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function endpoint(lifetimeS = 3600, fail?: { status: number; body: string }) {
  const e = await startTokenEndpoint({ ...CLIENT, lifetimeS, ...(fail ? { fail } : {}) });
  open.push(e);
  return e;
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('should have failed'),
    (e: unknown) => e as Error,
  );

describe('oauthClientCredentials', () => {
  it('asks for a client_credentials grant with form-encoded HTTP Basic client authentication (RFC 6749 §2.3.1, §4.4.2)', async () => {
    // Arrange
    const e = await endpoint();
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT, scope: 'onboarding:write' });
    // Act
    const token = await creds.token();
    // Assert: the endpoint answers 401 unless the Basic credentials are exactly the form-encoded pair.
    expect(token).toBe(e.issued[0]);
    expect(Object.fromEntries(e.forms[0])).toEqual({ grant_type: 'client_credentials', scope: 'onboarding:write' });
  });

  it('omits scope when none is given', async () => {
    const e = await endpoint();
    await oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT }).token();
    expect(Object.fromEntries(e.forms[0])).toEqual({ grant_type: 'client_credentials' });
  });

  it('caches the token, and concurrent callers share one request', async () => {
    const e = await endpoint();
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT });
    const tokens = await Promise.all([creds.token(), creds.token(), creds.token()]);
    expect(await creds.token()).toBe(tokens[0]);
    expect(new Set(tokens).size).toBe(1);
    expect(e.requests()).toBe(1);
  });

  it('fetches a new token shortly before expires_in runs out', async () => {
    // Arrange: a 100 s token on a fake clock; renewal comes at most a quarter of the lifetime early.
    const e = await endpoint(100);
    let clock = 1_000_000;
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT, now: () => clock });
    const first = await creds.token();
    // Act / Assert
    clock += 70_000;
    expect(await creds.token()).toBe(first);
    clock += 6_000; // 76 s: under a quarter of the lifetime left
    const second = await creds.token();
    expect(second).not.toBe(first);
    expect(e.requests()).toBe(2);
  });

  it('refresh(rejected) fetches a new token once, however many cases were refused with the old one', async () => {
    // Arrange
    const e = await endpoint();
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT });
    const first = await creds.token();
    // Act: two cases refused at once, then a late one still carrying the first token.
    expect(await Promise.all([creds.refresh(first), creds.refresh(first)])).toEqual([true, true]);
    expect(await creds.refresh(first)).toBe(true);
    const second = await creds.token();
    // Assert
    expect(second).not.toBe(first);
    expect(e.requests()).toBe(2);
    // The new token refused too: another one is fetched.
    expect(await creds.refresh(second)).toBe(true);
    expect(await creds.token()).not.toBe(second);
    expect(e.requests()).toBe(3);
  });

  it('lists the client secret and every token it obtained for redaction', async () => {
    const e = await endpoint();
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT });
    await creds.refresh(await creds.token());
    expect([...creds.secrets()].sort()).toEqual([CLIENT.clientSecret, ...e.issued].sort());
  });

  it('a refused client: one line with the RFC 6749 error code, never the secret nor the server’s description', async () => {
    const e = await endpoint(60, {
      status: 401,
      body: JSON.stringify({ error: 'invalid_client', error_description: `secret ${CLIENT.clientSecret} is wrong` }),
    });
    const err = await failure(oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT }).token());
    expect(err).toBeInstanceOf(TargetError);
    expect(err.message).toMatch(
      /^token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth\/token answered 401 \(invalid_client\)/,
    );
    expect(err.message).not.toContain(CLIENT.clientSecret);
    expect(err.message).not.toContain('\n');
  });

  it.each([
    ['not JSON', 200, '<html>hello</html>', /without an access_token/],
    ['no access_token', 200, JSON.stringify({ token_type: 'Bearer' }), /without an access_token/],
    [
      'not a bearer token',
      200,
      JSON.stringify({ access_token: 'mac-token-value', token_type: 'mac' }),
      /type "mac", not Bearer/,
    ],
    ['a server error', 503, 'down', /answered 503:/],
  ])('an answer that is %s is a TargetError', async (_name, status, body, message) => {
    const e = await endpoint(60, { status, body });
    const err = await failure(oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT }).token());
    expect(err).toBeInstanceOf(TargetError);
    expect(err.message).toMatch(message);
  });

  it('a token endpoint that refuses connections, or does not resolve, is one line', async () => {
    const s = await startServer(() => undefined);
    await s.close();
    const refused = await failure(oauthClientCredentials({ tokenUrl: `${s.origin}/token`, ...CLIENT }).token());
    expect(refused.message).toMatch(/^token endpoint .* failed: ECONNREFUSED$/);
    const dns = await failure(
      oauthClientCredentials({ tokenUrl: `https://${UNRESOLVABLE_HOST}/token`, ...CLIENT }).token(),
    );
    expect(dns.message).toMatch(/failed: ENOTFOUND$/);
  });

  it('a token endpoint that does not answer in time is one line', async () => {
    const s = await startServer(() => undefined);
    open.push(s);
    const err = await failure(
      oauthClientCredentials({ tokenUrl: `${s.origin}/token`, ...CLIENT, timeoutMs: 200 }).token(),
    );
    expect(err.message).toMatch(/no answer within 200 ms/);
  });

  it('never follows a redirect (the client credentials would go with it)', async () => {
    const e = await endpoint();
    const r = await redirect(307, e.tokenUrl);
    open.push(r);
    const err = await failure(oauthClientCredentials({ tokenUrl: `${r.origin}/token`, ...CLIENT }).token());
    expect(err.message).toMatch(/answered 307/);
    expect(e.requests()).toBe(0);
  });

  it('keeps using a still-valid token when an early renewal fails, and fails once it has expired', async () => {
    // Arrange: a 100 s token, then the endpoint goes away.
    const e = await endpoint(100);
    let clock = 0;
    const creds = oauthClientCredentials({ tokenUrl: e.tokenUrl, ...CLIENT, now: () => clock });
    const first = await creds.token();
    await e.close();
    // Act / Assert
    clock = 80_000;
    expect(await creds.token()).toBe(first);
    clock = 101_000;
    expect(await failure(creds.token())).toBeInstanceOf(TargetError);
  });

  it('reads a token answer that never ends only up to its cap: one line, no hang', async () => {
    const s = await endlessBody();
    open.push(s);
    const e = await failure(oauthClientCredentials({ tokenUrl: s.url, ...CLIENT }).token());
    expect(e).toBeInstanceOf(TargetError);
    expect(e.message).toMatch(/answered 201 without an access_token/);
  });

  it.each([
    ['not a URL', 'token', /is not a URL/],
    ['plain http to another host', 'http://auth.example.com/token', /only over https/],
    ['credentials in the URL', 'https://id:secret@auth.example.com/token', /do not belong in the URL/],
  ])('refuses a token URL that is %s before sending anything', (_name, tokenUrl, message) => {
    expect(() => oauthClientCredentials({ tokenUrl, ...CLIENT, fetchImpl: () => expect.unreachable() })).toThrow(
      message,
    );
  });
});
