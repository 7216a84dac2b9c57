import { describe, expect, it } from 'vitest';
import { createPace, retryAfterMs, sleep } from '../../../src/runner/pace.ts';

describe('createPace', () => {
  it('never grants more than maxRequests, however many callers ask at once', async () => {
    const pace = createPace(undefined, 5);
    const granted = await Promise.all(Array.from({ length: 20 }, () => pace.acquire()));
    expect(granted.filter(Boolean)).toHaveLength(5);
    expect(pace.used).toBe(5);
    expect(pace.exhausted).toBe(true);
  });

  it('spaces requests at the given rate', async () => {
    const pace = createPace(50, undefined);
    const started = performance.now();
    for (let i = 0; i < 6; i++) await pace.acquire();
    // 6 slots at 20 ms apart: the last at ≥ 100 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('grants nothing once aborted, and does not count a slot given up while waiting', async () => {
    const pace = createPace(2, undefined);
    const controller = new AbortController();
    expect(await pace.acquire(controller.signal)).toBe(true);
    const waiting = pace.acquire(controller.signal); // the next slot is 500 ms away
    controller.abort();
    expect(await waiting).toBe(false);
    expect(await pace.acquire(controller.signal)).toBe(false);
    expect(pace.used).toBe(1);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['0', 0],
    [' 3 ', 3000],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, ms) => {
    expect(retryAfterMs(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
  });
});

describe('sleep', () => {
  it('ends at once when aborted', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const s = sleep(10_000, controller.signal);
    controller.abort();
    await s;
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('createPace under 429 (clock injected, nothing waited)', () => {
  const clockAt = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('halves on a 429, at most once a second, never below 1/s, and climbs back slowly to --rate', () => {
    // Arrange
    const c = clockAt();
    const pace = createPace(200, undefined, c.now);
    // Act / Assert: the first 429 halves; more within the same second do not.
    pace.answered(429, {});
    pace.answered(429, {});
    expect(pace.rate).toBe(100);
    c.advance(1000);
    pace.answered(429, {});
    expect(pace.rate).toBe(50);
    for (let i = 0; i < 20; i++) {
      c.advance(1000);
      pace.answered(429, {});
    }
    expect(pace.rate).toBe(1);
    // About one request a second more per second of answers without 429: 2 answers at 1/s give 1 → 2 → 2.5.
    pace.answered(201, {});
    pace.answered(201, {});
    expect(pace.rate).toBe(2.5);
    for (let i = 0; i < 100_000; i++) pace.answered(201, {});
    expect(pace.rate).toBe(200);
    expect(pace.state()).toEqual({ rateLimited: 23, settledRate: 200, ceiling: 200, lowered: 22, pausedMs: 0 });
  });

  it('a 503 lowers the pace as a 429 does, counted apart', () => {
    const c = clockAt();
    const pace = createPace(200, undefined, c.now);
    pace.answered(503, {});
    c.advance(1000);
    pace.answered(429, {});
    expect(pace.rate).toBe(50);
    expect(pace.state()).toMatchObject({ rateLimited: 1, unavailable: 1, lowered: 2 });
    // Other statuses, 500 among them, are no overload.
    pace.answered(500, {});
    expect(pace.state()).toMatchObject({ rateLimited: 1, unavailable: 1, lowered: 2 });
  });

  it('an unpaced run is paced from its first 429, at half the rate it was sending at', async () => {
    const c = clockAt();
    const pace = createPace(undefined, undefined, c.now);
    for (let i = 0; i < 11; i++) {
      await pace.acquire();
      c.advance(10);
    }
    expect(pace.rate).toBeUndefined();
    pace.answered(429, {});
    // 10 gaps of 10 ms: 100/s, halved.
    expect(pace.rate).toBe(50);
    expect(pace.state().ceiling).toBeUndefined();
  });

  it('a RateLimit-Policy caps the pace at its quota; a spent window pauses all sending until its reset', () => {
    const c = clockAt();
    const pace = createPace(500, undefined, c.now);
    pace.answered(201, { 'ratelimit-policy': '40;w=1', ratelimit: 'limit=40, remaining=0, reset=2' });
    expect(pace.rate).toBe(40);
    c.advance(500);
    pace.pause(1000); // within the pause already running: adds nothing
    expect(pace.state()).toEqual({
      rateLimited: 0,
      settledRate: 40,
      ceiling: 40,
      lowered: 0,
      pausedMs: 2000,
      policy: '40 per 1 s (RateLimit-Policy)',
    });
  });
});
