import { describe, expect, it } from 'vitest';
import type { Failure } from '../../../src/checks/types.ts';
import { causesOf, familyOf } from '../../../src/report/cause.ts';

const RESPONSES = '/paths/~1v1~1onboarding~1entities/post/responses';
const serverError: Failure = {
  check: 'not-a-server-error',
  kind: 'server-error',
  severity: 'error',
  rule: RESPONSES,
  message: 'a server error',
  received: '500',
  documented: '201',
};

const validCase = (label: string) => ({ kind: 'valid' as const, label, phase: 'boundary' as const });

describe('familyOf', () => {
  it.each([
    ['valid', 'valid/string/cjk', 'valid/string'],
    ['valid', 'valid/string/emoji', 'valid/string'],
    ['valid', 'valid/string/long-256', 'valid/string/long'],
    ['valid', 'valid/string/long-65536', 'valid/string/long'],
    ['schema-violation', 'invalid/format/owner/braces', 'invalid/format'],
    ['malformed-json', 'malformed/truncated', 'malformed'],
  ] as const)('%s %s is of %s', (kind, label, family) => {
    expect(familyOf({ kind, label })).toBe(family);
  });
});

describe('causesOf', () => {
  it('a 500 on a long string and a 500 on other characters are two causes; the long variants one', () => {
    // Act
    const [long256] = causesOf(validCase('valid/string/long-256'), '500', [serverError]);
    const [long4096] = causesOf(validCase('valid/string/long-4096'), '500', [serverError]);
    const [emoji] = causesOf(validCase('valid/string/emoji'), '500', [serverError]);
    // Assert
    expect(long256.signature).toBe(long4096.signature);
    expect(long256.signature).not.toBe(emoji.signature);
    expect(long256.core).toBe(emoji.core);
  });
});
