// What a target's answer says about its rate limit, in the three spellings sandboxes use: the IETF httpapi draft's
// `RateLimit` / `RateLimit-Policy` fields (draft-ietf-httpapi-ratelimit-headers; the older dictionary form
// `limit=10, remaining=3, reset=7` and the newer list form `"default";r=3;t=7`), its earlier separate
// `RateLimit-Limit` / `-Remaining` / `-Reset` fields, and the de-facto `X-RateLimit-*` ones.

/** A quota: `quota` requests per `windowS` seconds, and the field that said so. */
export interface RateLimitPolicy {
  readonly quota: number;
  readonly windowS: number;
  readonly header: string;
}

/** What one answer's headers say; every field absent when the answer says nothing of it. */
export interface RateLimitSignal {
  /** Requests left in the current window. */
  readonly remaining?: number;
  /** Seconds until the window resets (its quota is available again). */
  readonly resetS?: number;
  readonly policy?: RateLimitPolicy;
}

/** An integer or decimal ≥ 0, or undefined. */
function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The first member of a structured-field list (RFC 9651 §3.1): its bare item and its parameters. */
function firstMember(value: string): { item: string; params: Map<string, string> } {
  const [item = '', ...params] = (value.split(',')[0] ?? '').split(';');
  return {
    item: item.trim(),
    params: new Map(params.map((p) => p.split('=').map((x) => x.trim()) as [string, string])),
  };
}

/** A dictionary (RFC 9651 §3.2) of `key=value` members, as the drafts up to -06 wrote `RateLimit`. */
function dictionary(value: string): Map<string, string> {
  return new Map(
    value
      .split(/[,;]/)
      .map((m) => m.split('=').map((x) => x.trim()))
      .filter((kv): kv is [string, string] => kv.length === 2),
  );
}

/** Seconds until reset; `X-RateLimit-Reset` is often a Unix time instead (GitHub): a value past 10⁹ is read as one. */
function resetSeconds(value: string | undefined, nowMs: number): number | undefined {
  const n = num(value);
  if (n === undefined) return undefined;
  return n > 1e9 ? Math.max(0, n - nowMs / 1000) : n;
}

function policyOf(value: string | undefined, header: string): RateLimitPolicy | undefined {
  if (value === undefined) return undefined;
  const { item, params } = firstMember(value);
  // Draft -07: `10;w=1`; draft -08 on: `"default";q=10;w=1`.
  const quota = num(params.get('q')) ?? num(item);
  const windowS = num(params.get('w'));
  return quota !== undefined && quota > 0 && windowS !== undefined && windowS > 0
    ? { quota, windowS, header }
    : undefined;
}

/** Reads the rate-limit fields of an answer (header names lower-case, as the client stores them). */
export function readRateLimit(
  headers: Readonly<Record<string, string>>,
  nowMs: number = Date.now(),
): RateLimitSignal | undefined {
  const combined = headers['ratelimit'];
  let remaining: number | undefined;
  let resetS: number | undefined;
  if (combined !== undefined) {
    const { params } = firstMember(combined);
    if (params.has('r') || params.has('t')) {
      remaining = num(params.get('r'));
      resetS = num(params.get('t'));
    } else {
      const d = dictionary(combined);
      remaining = num(d.get('remaining'));
      resetS = num(d.get('reset'));
    }
  }
  for (const prefix of ['ratelimit-', 'x-ratelimit-']) {
    remaining ??= num(headers[`${prefix}remaining`]);
    resetS ??= resetSeconds(headers[`${prefix}reset`], nowMs);
  }
  const policy =
    policyOf(headers['ratelimit-policy'], 'RateLimit-Policy') ??
    policyOf(headers['x-ratelimit-policy'], 'X-RateLimit-Policy');
  if (remaining === undefined && resetS === undefined && policy === undefined) return undefined;
  return {
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetS === undefined ? {} : { resetS }),
    ...(policy === undefined ? {} : { policy }),
  };
}
