import type { Pacing } from '../report/model.ts';
import { readRateLimit } from './rate-limit.ts';

/**
 * Client-side pacing shared by every sender of a run: at most `maxRequests` in all (counted before sending) and at
 * most `rate` a second, lowered when the target says it is too fast. A 429 pauses all sending for its Retry-After
 * (RFC 6585 §4, RFC 9110 §10.2.3) and halves the pace, and so does a 503 (RFC 9110 §15.6.4: a temporary overload;
 * nginx's `limit_req` and ASP.NET Core's rate limiter answer it by default); other answers let it climb back by about
 * one request a second per second (additive increase, multiplicative decrease), never above `rate`.
 */
export interface Pace {
  /** Waits for the next slot; false when the budget is spent (then nothing may be sent). */
  acquire(signal?: AbortSignal): Promise<boolean>;
  /**
   * An answer came back: a 429 or 503 lowers the pace (a 503 only while `overload`: see `PERSISTENT_503`), anything
   * else lets it climb; rate-limit headers are heeded.
   */
  answered(status: number, headers: Readonly<Record<string, string>>, overload?: boolean): void;
  /** Nothing at all is sent for `ms` from now (a Retry-After, or the back-off after a 429 or 503 without one). */
  pause(ms: number): void;
  /** Requests sent (or about to be). */
  readonly used: number;
  readonly exhausted: boolean;
  /** Requests per second now; undefined while unpaced. */
  readonly rate: number | undefined;
  state(): Pacing;
}

/** The pace is never cut below one request a second. */
const MIN_RATE = 1;
/** At most one cut per this long: 429s to requests sent at the old pace say nothing new (like TCP's once per RTT). */
const CUT_INTERVAL_MS = 1000;
/** Send times kept to estimate an unpaced run's rate at its first 429. */
const RECENT = 64;

export function createPace(
  rate: number | undefined,
  maxRequests: number | undefined,
  clock: () => number = () => performance.now(),
): Pace {
  let used = 0;
  let exhausted = false;
  let next = 0;
  let ceiling = rate ?? Infinity;
  let current = rate;
  let pausedUntil = 0;
  let pausedMs = 0;
  let rateLimited = 0;
  let unavailable = 0;
  let lowered = 0;
  let lastCut = -Infinity;
  let policy: string | undefined;
  const recent = new Float64Array(RECENT);
  let sent = 0;

  /** The rate an unpaced run was sending at: its recent send times. */
  const observedRate = () => {
    const n = Math.min(sent, RECENT);
    if (n < 2) return MIN_RATE * 2;
    const span = recent[(sent - 1) % RECENT] - recent[(sent - n) % RECENT];
    return ((n - 1) * 1000) / Math.max(1, span);
  };
  const pause = (ms: number) => {
    const now = clock();
    const until = now + Math.max(0, ms);
    if (until <= pausedUntil) return;
    pausedMs += until - Math.max(now, pausedUntil);
    pausedUntil = until;
  };

  return {
    get used() {
      return used;
    },
    get exhausted() {
      return exhausted;
    },
    get rate() {
      return current;
    },
    pause,
    answered(status, headers, overload = true) {
      const now = clock();
      const said = readRateLimit(headers);
      if (said?.policy) {
        const allowed = said.policy.quota / said.policy.windowS;
        if (allowed < ceiling) {
          ceiling = allowed;
          policy = `${said.policy.quota} per ${said.policy.windowS} s (${said.policy.header})`;
        }
        if (current === undefined || current > ceiling) current = ceiling;
      }
      // The window's quota is spent: nobody sends until it resets, rather than collect the 429s.
      if (said?.remaining === 0 && said.resetS !== undefined) pause(said.resetS * 1000);
      if (status === 429 || status === 503) {
        if (status === 429) rateLimited++;
        else unavailable++;
        if (status === 503 && !overload) return;
        if (now - lastCut < CUT_INTERVAL_MS) return;
        lastCut = now;
        lowered++;
        current = Math.max(MIN_RATE, Math.min(current ?? observedRate(), ceiling) / 2);
        return;
      }
      if (current !== undefined && current < ceiling) current = Math.min(ceiling, current + 1 / current);
    },
    state() {
      return {
        rateLimited,
        ...(unavailable === 0 ? {} : { unavailable }),
        ...(current === undefined ? {} : { settledRate: Math.round(current * 10) / 10 }),
        ...(ceiling === Infinity ? {} : { ceiling: Math.round(ceiling * 10) / 10 }),
        lowered,
        pausedMs: Math.round(pausedMs),
        ...(policy === undefined ? {} : { policy }),
      };
    },
    async acquire(signal) {
      if (signal?.aborted) return false;
      if (maxRequests !== undefined && used >= maxRequests) {
        exhausted = true;
        return false;
      }
      // Counted before waiting, so that concurrent callers never overrun the budget.
      used++;
      // A slot is reserved, then waited for; a pause that began meanwhile sends the caller back for a later one.
      for (;;) {
        const now = clock();
        const at = Math.max(now, pausedUntil, current === undefined ? now : next);
        if (current !== undefined) next = at + 1000 / current;
        if (at > now) await sleep(at - now, signal);
        if (signal?.aborted) {
          // Interrupted while waiting for its slot: nothing was sent.
          used--;
          return false;
        }
        if (pausedUntil <= clock()) break;
      }
      recent[sent++ % RECENT] = clock();
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
