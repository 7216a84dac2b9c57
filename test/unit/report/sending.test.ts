import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/report/model.ts';
import { pacingLine, tlsLine } from '../../../src/report/sending.ts';
import { fixtureReport } from './fixture.ts';

describe('pacingLine', () => {
  const base = fixtureReport();
  const at = (pacing: Report['pacing'], rate?: number): Report => ({
    ...base,
    summary: { ...base.summary, requests: 400 },
    options: { concurrency: 4, timeoutMs: 1000, ...(rate === undefined ? {} : { rate }) },
    ...(pacing ? { pacing } : {}),
  });

  it.each([
    ['an unpaced run that met no limit says nothing', at({ rateLimited: 0, lowered: 0, pausedMs: 0 }), undefined],
    ['an older report says nothing', at(undefined), undefined],
    [
      '--rate and no 429',
      at({ rateLimited: 0, settledRate: 10, ceiling: 10, lowered: 0, pausedMs: 0 }, 10),
      '429s: 0 of 400 requests (0.0%); the pace settled at 10/s, under --rate 10/s',
    ],
    [
      '429s that lowered the pace',
      at({ rateLimited: 8, settledRate: 31.5, ceiling: 200, lowered: 3, pausedMs: 3000 }, 200),
      '429s: 8 of 400 requests (2.0%); the pace settled at 31.5/s, under --rate 200/s, lowered 3×; all sending paused 3.0 s in all',
    ],
    [
      '503s taken for an overload',
      at({ rateLimited: 0, unavailable: 5, settledRate: 20, ceiling: 200, lowered: 2, pausedMs: 1500 }, 200),
      '429s: 0 of 400 requests (0.0%); 503s taken for an overload: 5; the pace settled at 20/s, under --rate 200/s, lowered 2×; all sending paused 1.5 s in all',
    ],
    [
      'the target’s quota',
      at({
        rateLimited: 0,
        settledRate: 40,
        ceiling: 40,
        lowered: 0,
        pausedMs: 0,
        policy: '40 per 1 s (RateLimit-Policy)',
      }),
      "429s: 0 of 400 requests (0.0%); the pace settled at 40/s; the target's quota: 40 per 1 s (RateLimit-Policy)",
    ],
  ])('%s', (_, r, line) => {
    expect(pacingLine(r)).toBe(line);
  });
});

describe('tlsLine', () => {
  it('is said only for --insecure', () => {
    const r = fixtureReport();
    expect(tlsLine({ ...r, target: { ...r.target, insecure: false } })).toBeUndefined();
    expect(tlsLine({ ...r, target: { ...r.target, insecure: true } })).toMatch(
      /^--insecure: TLS certificates were not verified/,
    );
  });
});
