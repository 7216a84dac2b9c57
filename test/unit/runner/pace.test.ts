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
