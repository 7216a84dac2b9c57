// One collector and one redactor for every output: by structure for credential headers, by value elsewhere.
import { describe, expect, it } from 'vitest';
import { escapeMarkup, escapeText } from '../../src/report/text.ts';
import { createSecrets, redactHeaderValue, secretsFrom, swapCase } from '../../src/secrets.ts';

describe('redact (every spelling)', () => {
  const token = 'tok_"a&b<c>\'d';
  it('removes a secret in every spelling a writer gives it: as is, JSON-escaped, markup-escaped', () => {
    const text = [
      token,
      JSON.stringify(token),
      escapeMarkup(token),
      escapeText(token),
      escapeMarkup(JSON.stringify(token)),
    ].join(' | ');
    const out = createSecrets([token]).redact(text);
    expect(out).not.toContain('tok_');
    expect(out.match(/\[REDACTED\]/g)).toHaveLength(5);
  });
  it('removes the token with its letters in the other case, which the suite sends to find a case-insensitive check', () => {
    expect(swapCase('SeCrEt-Tok3n')).toBe('sEcReT-tOK3N');
    expect(swapCase('12345')).toBe('123450');
    expect(createSecrets(['SeCrEt-Tok3n']).redact('got sEcReT-tOK3N')).toBe('got [REDACTED]');
  });
  it('leaves short values alone in free text (a 1-character secret would shred the report)', () => {
    expect(createSecrets(['abc']).redact('abc abcd')).toBe('abc abcd');
  });
  it('replaces the longer of two overlapping secrets whole', () => {
    expect(createSecrets(['secret', 'secret-token-long']).redact('secret-token-long')).toBe('[REDACTED]');
  });
  it('asks the tracked sources on every call (OAuth tokens appear mid-run)', () => {
    const issued = ['first-token'];
    const secrets = createSecrets();
    secrets.track(() => issued);
    expect(secrets.redact('first-token second-token')).toBe('[REDACTED] second-token');
    issued.push('second-token');
    expect(secrets.redact('first-token second-token')).toBe('[REDACTED] [REDACTED]');
  });
});

describe('redact (encoded spellings a server may echo)', () => {
  const token = 'tok/en+with=odd chars~Ω-0123456789';
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  it.each([
    ['URL-encoded', encodeURIComponent(token)],
    ['form-encoded', new URLSearchParams({ t: token }).toString().slice(2)],
    ['base64', b64(token)],
    ['base64 unpadded', b64(token).replace(/=+$/, '')],
    ['base64url', b64url(token)],
    ['base64url padded', b64url(token).padEnd(Math.ceil(b64url(token).length / 4) * 4, '=')],
    ['base64 of the Authorization value', b64(`Bearer ${token}`)],
    ['base64url of the Authorization value', b64url(`Bearer ${token}`)],
    ['base64 of the Authorization value, JSON-escaped', JSON.stringify(b64(`Bearer ${token}`))],
  ])('%s', (_name, spelled) => {
    const shown = spelled.startsWith('"') ? '"[REDACTED]"' : '[REDACTED]';
    expect(createSecrets([token]).redact(`echo: ${spelled}.`)).toBe(`echo: ${shown}.`);
  });

  // A secret inside a longer base64 string is spelled by its bytes from the next multiple of 3 (RFC 4648 §4).
  it.each([0, 1, 2, 3, 4, 5])(
    'inside a longer base64 string, after %i bytes: no more than 2 bytes of it survive',
    (k) => {
      const encoded = b64(`${'p'.repeat(k)}{"authorization":"Bearer ${token}"}`);
      const out = createSecrets([token]).redact(encoded);
      expect(out).toContain('[REDACTED]');
      const windows = Array.from({ length: token.length - 2 }, (_, i) => token.slice(i, i + 3));
      for (const piece of out.split('[REDACTED]'))
        for (let i = 0; i < 4; i++) {
          const decoded = Buffer.from(piece.slice(i), 'base64').toString('utf8');
          expect(windows.filter((w) => decoded.includes(w))).toEqual([]);
        }
    },
  );

  it("the OAuth2 client's id:secret pair, as HTTP Basic carries it (RFC 6749 §2.3.1)", () => {
    const env = { CONNECT_CLIENT_ID: 'suite client', CONNECT_CLIENT_SECRET: 'cl1ent&s3cret' };
    const secrets = createSecrets(secretsFrom(undefined, env));
    const basic = b64('suite+client:cl1ent%26s3cret');
    expect(secrets.redact(`Basic ${basic} ${b64('suite client:cl1ent&s3cret')}`)).toBe('Basic [REDACTED] [REDACTED]');
  });
});

describe('redactHeaderValue (by structure)', () => {
  it.each([
    ['Authorization', 'Bearer x', 'Bearer [REDACTED]'],
    ['authorization', 'bearer x', 'bearer [REDACTED]'],
    // A scheme alone holds no credentials: shown as sent, so that a curl line and a replay send it again.
    ['authorization', 'Bearer ', 'Bearer '],
    ['authorization', 'Bearer', 'Bearer'],
    ['authorization', 'Token', 'Token'],
    ['authorization', 'x', '[REDACTED]'],
    ['authorization', '', '[REDACTED]'],
    ['Proxy-Authorization', 'Basic dXNlcjpwYXNz', 'Basic [REDACTED]'],
    ['cookie', 'session=x', '[REDACTED]'],
    ['set-cookie', 'session=x; HttpOnly', '[REDACTED]'],
    ['x-other', 'x', 'x'],
  ])('%s: %j is shown as %j', (name, value, shown) => {
    expect(redactHeaderValue(name, value)).toBe(shown);
  });
});

describe('deep', () => {
  it('redacts every string at any depth (keys included) and credential headers whatever their value', () => {
    const secrets = createSecrets(['s3cr3t', 'x']);
    const value = {
      a: 's3cr3t',
      b: [1, null, true, { 'x-s3cr3t': 'Bearer s3cr3t', authorization: 'Bearer x' }],
      c: { d: 'fine x' },
    };
    expect(secrets.deep(value)).toEqual({
      a: '[REDACTED]',
      b: [1, null, true, { 'x-[REDACTED]': 'Bearer [REDACTED]', authorization: 'Bearer [REDACTED]' }],
      c: { d: 'fine x' },
    });
    expect(value.a).toBe('s3cr3t'); // a copy
  });
});
