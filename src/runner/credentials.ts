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
  /** Set for OAuth2 client credentials: where tokens come from (the repeat line and replay's hints name it). */
  readonly oauth?: { readonly tokenUrl: string; readonly scope?: string };
}

/** A fixed token (`--token` or `CONNECT_TOKEN`); a 401 is a verdict, never a reason to retry. */
export function staticToken(token: string | undefined): Credentials {
  return {
    token: async () => token,
    refresh: async () => false,
    secrets: () => (token ? [token] : []),
  };
}
