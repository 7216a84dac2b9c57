// Runs Pact's Verifier in a child process of verifyPact (verify.ts). Pact's Rust core writes its report straight to
// the process's stdout (ANSI colours, TTY or not) and pact-js logs deprecations on stderr; in a child, both land in
// pipes the parent reads, so they reach the user only when asked for (`verify-pact --verbose`).
// Protocol: one ChildRequest in over IPC, one ChildReply out, then exit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VerifierOptions } from '@pact-foundation/pact';

/** What the parent asks for. The token travels over IPC, never in argv or the environment. */
export interface ChildRequest {
  readonly pactFile: string;
  readonly providerBaseUrl: string;
  readonly token: string | undefined;
  readonly timeoutMs: number;
  /** Pact's provider-state convention: each state is POSTed here as `{ state, params, action }` before and after. */
  readonly providerStatesSetupUrl: string | undefined;
  /** Every provider state the pact names (a handler is registered for each). */
  readonly states: readonly string[];
  readonly logLevel: 'error' | 'info';
}

/** A state the provider could not set up (or tear down). */
export interface StateFailure {
  readonly state: string;
  readonly action: 'setup' | 'teardown';
  readonly message: string;
}

/** What the child answers: the verifier's JSON report, or why it could not run. */
export type ChildReply =
  | { readonly kind: 'report'; readonly raw: string; readonly stateFailures: readonly StateFailure[] }
  | { readonly kind: 'error'; readonly message: string };

async function verify(request: ChildRequest): Promise<ChildReply> {
  const { Verifier } = await import('@pact-foundation/pact');
  const { token, providerStatesSetupUrl: setupUrl } = request;
  const stateFailures: StateFailure[] = [];
  const requestFilter = (req: IncomingMessage, _res: ServerResponse, next: () => void): void => {
    if (token !== undefined && /^bearer\s/i.test(req.headers.authorization ?? ''))
      req.headers.authorization = `Bearer ${token}`;
    next();
  };
  // Handlers that forward to the provider's own setup endpoint. They never throw: pact-js would print the error
  // and carry on as if the state were set up; a failure is kept and fails the interactions given that state.
  const forward = (state: string, action: StateFailure['action']) => async (params?: unknown) => {
    if (setupUrl === undefined) return undefined;
    const fail = (message: string) => void stateFailures.push({ state, action, message });
    try {
      const res = await fetch(setupUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ state, params: params ?? {}, action }),
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) return fail(`POST ${setupUrl} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
      // Pact lets a setup answer values for the interaction (`fromProviderState`): a JSON object, if any.
      const values: unknown = text ? JSON.parse(text) : undefined;
      return values !== null && typeof values === 'object' && !Array.isArray(values)
        ? (values as Record<string, string>) // Pact's JsonMap
        : undefined;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return fail(`POST ${setupUrl} failed: ${cause ?? (e as Error).message}`);
    }
  };
  const stateHandlers: NonNullable<VerifierOptions['stateHandlers']> = {
    // Pact asks for the empty state before every stateless interaction: nothing to set up.
    '': () => Promise.resolve(undefined),
  };
  for (const s of request.states) stateHandlers[s] = { setup: forward(s, 'setup'), teardown: forward(s, 'teardown') };
  const verifier = new Verifier({
    providerBaseUrl: request.providerBaseUrl,
    pactUrls: [request.pactFile],
    requestFilter,
    stateHandlers,
    logLevel: request.logLevel,
    timeout: request.timeoutMs,
    failIfNoPactsFound: true,
  });
  try {
    return { kind: 'report', raw: await verifier.verifyProvider(), stateFailures };
  } catch (e) {
    // A failed verification rejects with an Error whose message is the verifier's JSON report.
    return { kind: 'report', raw: e instanceof Error ? e.message : String(e), stateFailures };
  }
}

// The parent gone (killed, interrupted): nothing is left to answer to.
process.once('disconnect', () => process.exit(1));
process.once('message', (request: ChildRequest) => {
  void verify(request)
    .catch((e: unknown): ChildReply => ({ kind: 'error', message: e instanceof Error ? e.message : String(e) }))
    .then((reply) => process.send?.(reply, () => process.exit(0)));
});
