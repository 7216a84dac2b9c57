import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../../src/runner/rate-limit.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('readRateLimit', () => {
  // Arrange: the spellings sandboxes use (draft-ietf-httpapi-ratelimit-headers, its older drafts, X-RateLimit-*).
  it.each([
    ['nothing said', {}, undefined],
    ['draft ≤ -06 dictionary', { ratelimit: 'limit=40, remaining=0, reset=2' }, { remaining: 0, resetS: 2 }],
    ['draft -08 on list member', { ratelimit: '"default";r=3;t=7' }, { remaining: 3, resetS: 7 }],
    [
      'draft -07 policy',
      { 'ratelimit-policy': '40;w=1, 1000;w=3600' },
      { policy: { quota: 40, windowS: 1, header: 'RateLimit-Policy' } },
    ],
    [
      'draft -08 on policy',
      { 'ratelimit-policy': '"default";q=100;w=10' },
      { policy: { quota: 100, windowS: 10, header: 'RateLimit-Policy' } },
    ],
    ['a policy without a window is no quota', { 'ratelimit-policy': '40' }, undefined],
    [
      'separate RateLimit-* fields',
      { 'ratelimit-limit': '40', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
      { remaining: 0, resetS: 1 },
    ],
    [
      'X-RateLimit-Reset as a Unix time',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 30) },
      { remaining: 0, resetS: 30 },
    ],
    [
      'X-RateLimit-Reset as seconds',
      { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '12' },
      { remaining: 5, resetS: 12 },
    ],
    ['unreadable values are ignored', { 'ratelimit-remaining': 'many', 'ratelimit-reset': '-1' }, undefined],
    [
      'RateLimit wins over the older fields',
      { ratelimit: 'remaining=2, reset=4', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': '9' },
      { remaining: 2, resetS: 4 },
    ],
  ])('%s', (_, headers: Record<string, string>, expected) => {
    // Act / Assert
    expect(readRateLimit(headers, NOW)).toEqual(expected);
  });
});
