// One collector and one redactor for every output: by structure for credential headers, by value elsewhere.
import { describe, expect, it } from 'vitest';
import { escapeMarkup, escapeText } from '../../src/report/text.ts';
import { createSecrets, redactHeaderValue } from '../../src/secrets.ts';

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

describe('redactHeaderValue (by structure)', () => {
  it.each([
    ['Authorization', 'Bearer x', 'Bearer [REDACTED]'],
    ['authorization', 'bearer x', 'bearer [REDACTED]'],
    ['authorization', 'Bearer ', 'Bearer [REDACTED]'],
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
