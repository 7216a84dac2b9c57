/** Where the bearer token comes from: a static token, or an OAuth2 client-credentials flow that refreshes it. */
export interface Credentials {
  /** The current token, or undefined when the run has none. */
  token(): Promise<string | undefined>;
  /**
   * Called once on a 401 to a valid-credential request, with the token that request carried: true when a fresh token
   * is to be had (retry), false otherwise.
   */
  refresh(rejected?: string): Promise<boolean>;
  /** Every secret value seen so far (tokens, client secret), to redact from every output. */
  secrets(): readonly string[];
}

/** A fixed token (`--token` or `CONNECT_TOKEN`); a 401 is a verdict, never a reason to retry. */
export function staticToken(token: string | undefined): Credentials {
  return {
    token: async () => token,
    refresh: async () => false,
    secrets: () => (token ? [token] : []),
  };
}

/** Replaces every secret of 4 characters or more in a string (longest first, so that no part of one survives). */
export function redactor(secrets: () => readonly string[]): (s: string) => string {
  return (s) =>
    [...new Set(secrets())]
      .filter((x) => x.length >= 4)
      .sort((a, b) => b.length - a.length)
      .reduce((acc, x) => acc.replaceAll(x, '[REDACTED]'), s);
}

/**
 * A copy of a JSON-like value with `redact` applied to every string in it, keys included: the last guard that no
 * token reaches a report, wherever a provider echoed it (a body, a header, a message, a `received` value).
 */
export function redactDeep<T>(value: T, redact: (s: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}
