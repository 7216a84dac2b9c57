/** Client-side pacing: at most `rate` requests a second and at most `maxRequests` in all, counted before sending. */
export interface Pace {
  /** Waits for the next slot; false when the budget is spent (then nothing may be sent). */
  acquire(signal?: AbortSignal): Promise<boolean>;
  /** Requests sent (or about to be). */
  readonly used: number;
  readonly exhausted: boolean;
}

export function createPace(rate: number | undefined, maxRequests: number | undefined): Pace {
  let used = 0;
  let exhausted = false;
  let next = 0;
  const gap = rate ? 1000 / rate : 0;
  return {
    get used() {
      return used;
    },
    get exhausted() {
      return exhausted;
    },
    async acquire(signal) {
      if (signal?.aborted) return false;
      if (maxRequests !== undefined && used >= maxRequests) {
        exhausted = true;
        return false;
      }
      // Counted before waiting, so that concurrent callers never overrun the budget.
      used++;
      if (gap > 0) {
        const now = performance.now();
        const at = Math.max(now, next);
        next = at + gap;
        if (at > now) await sleep(at - now, signal);
      }
      if (signal?.aborted) {
        // Interrupted while waiting for its slot: nothing was sent.
        used--;
        return false;
      }
      return true;
    },
  };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Seconds (or an HTTP date) from a Retry-After header, as ms; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
