import { describe, expect, it } from 'vitest';
import { redactDeep, redactor, staticToken } from '../../../src/runner/credentials.ts';

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

describe('redactor', () => {
  it('replaces every occurrence, longest secret first, and leaves secrets under 4 characters alone', () => {
    // Arrange: one secret contains another; redacting the short one first would leave "-long" behind.
    const redact = redactor(() => ['abcd', 'abcd-long', 'ab']);
    // Act / Assert
    expect(redact('x abcd-long y abcd z ab')).toBe('x [REDACTED] y [REDACTED] z ab');
  });
  it('reads the secrets on every call (OAuth tokens appear mid-run)', () => {
    const secrets = ['first-token'];
    const redact = redactor(() => secrets);
    secrets.push('second-token');
    expect(redact('first-token second-token')).toBe('[REDACTED] [REDACTED]');
  });
});

describe('redactDeep', () => {
  it('redacts every string at any depth, keys included, and keeps other values', () => {
    const redact = redactor(() => ['s3cr3t']);
    const value = { a: 's3cr3t', b: [1, null, true, { 'x-s3cr3t': 'Bearer s3cr3t' }], c: { d: 'fine' } };
    expect(redactDeep(value, redact)).toEqual({
      a: '[REDACTED]',
      b: [1, null, true, { 'x-[REDACTED]': 'Bearer [REDACTED]' }],
      c: { d: 'fine' },
    });
    expect(value.a).toBe('s3cr3t'); // a copy
  });
});
