// The size rule that lets 413 through: content over the 16 KiB floor, counted in bytes as sent, whether the case
// carries its body as text or as a raw message's bytes (base64, whose padding is no content).
import { describe, expect, it } from 'vitest';
import { isLargeContent } from '../../../src/checks/rules.ts';
import { LARGE_CONTENT_BYTES } from '../../../src/generators/values.ts';

const text = (n: number, unit = 'a') => ({ body: unit.repeat(n) });
const raw = (n: number) => ({
  body: '',
  wire: { headers: [], framing: 'length' as const, bodyBase64: Buffer.alloc(n, 0x61).toString('base64') },
});

describe('isLargeContent', () => {
  it.each<[string, Parameters<typeof isLargeContent>[0], boolean]>([
    ['text at the floor', text(LARGE_CONTENT_BYTES), false],
    ['text one byte over', text(LARGE_CONTENT_BYTES + 1), true],
    ['text under it in characters, over it in UTF-8 bytes', text(5462, '€'), true],
    ['raw bytes at the floor (base64 padded)', raw(LARGE_CONTENT_BYTES), false],
    ['raw bytes one under the floor (base64 padded)', raw(LARGE_CONTENT_BYTES - 1), false],
    ['raw bytes one over', raw(LARGE_CONTENT_BYTES + 1), true],
    ['no body', { body: '' }, false],
  ])('%s: %s', (_, c, large) => {
    expect(isLargeContent(c)).toBe(large);
  });
});
