// The engine session: how one run (or one replay) talks to its target. Created once, it owns the transport (undici and
// the raw sender), the credentials (static, OAuth2, the mock's stand-in), the pace and the request budget, and the
// rules that stop sending (Ctrl-C, the dead-target watch, the budget, the time limit) or the whole run (an
// unreachable target). Preflight, the plan, shrinking and replay all send through one.
import type { TestCase } from '../generators/case.ts';
import type { Pacing, Report, StopReason } from '../report/model.ts';
import type { Secrets } from '../secrets.ts';
import { MOCK_TOKEN, TargetError, tokenFor } from '../targets/index.ts';
import type { Credentials } from './credentials.ts';
import type { Exchange } from '../types.ts';
import { createDeadTargetWatch, isUpAfter, UNREACHABLE } from './give-up.ts';
import { createHttpClient, MAX_BODY_BYTES } from './http.ts';
import { createPace } from './pace.ts';
import { headerSets, sendCase, type OnAttempt, type SendDeps } from './send.ts';
import { probeTls, speaksTls } from './tls.ts';

/** Everything a session needs: where the target is, how to reach it, and how much may be sent. */
export interface SessionOptions {
  /** The target's base URL (the spec's `servers[0].url` stands for it). */
  readonly baseUrl: string;
  /** The operation's path, appended to `baseUrl`. */
  readonly path: string;
  /** The embedded mock: a run without a token sends the mock's stand-in (any well-formed bearer does there). */
  readonly mock: boolean;
  readonly credentials: Credentials;
  /** The run's secrets: every token the session sends is added, every credential's secret tracked. */
  readonly secrets: Secrets;
  /** Per-request timeout, ms. */
  readonly timeoutMs: number;
  readonly insecure: boolean;
  /** Extra trusted CA certificates, PEM (`--ca`). */
  readonly ca?: string | undefined;
  /** Requests in flight at most (one keep-alive connection each). */
  readonly concurrency: number;
  readonly rate?: number | undefined;
  /** Hard cap on requests sent, retries included. */
  readonly maxRequests?: number | undefined;
  readonly maxBodyBytes?: number | undefined;
  /** Most 429 answers waited out for one case before giving up on it (5). */
  readonly max429Retries?: number | undefined;
  /** Longest single wait for a 429, ms (30,000). */
  readonly max429WaitMs?: number | undefined;
  /** Consecutive exchanges without a usable answer before the session gives up on the target (8; 0 never). */
  readonly giveUpAfter?: number | undefined;
  /** Nothing more is sent from this time on (ms since the epoch; `--time-limit`). */
  readonly deadline?: number | undefined;
  /** Ctrl-C: nothing more is sent or waited for. */
  readonly signal?: AbortSignal | undefined;
}

/** One target's session: send cases, ask whether sending must stop, and why. */
export interface Session {
  /** Where every case is sent: the base URL and the operation's path. */
  readonly url: string;
  readonly baseUrl: string;
  /**
   * The bearer token valid-credential cases carry (OAuth2: fetched now, or cached): the credentials', else the mock's
   * stand-in on the embedded mock, else undefined. Whatever it is, it is a secret from now on.
   */
  token(): Promise<string | undefined>;
  /**
   * Sends one case (429s waited out, one credential refresh on a 401, the dead-target watch told); undefined when
   * nothing more may be sent.
   */
  send(c: TestCase, onAttempt?: OnAttempt): Promise<Exchange | undefined>;
  /** Before any case: a TLS target whose certificate the run does not trust is one line with its hint. */
  handshake(): Promise<void>;
  /**
   * Throws a `TargetError` when an exchange says the target cannot be reached at all (refused, no such host, TLS), or,
   * for the `first` exchange of a run over http://, that the port speaks TLS.
   */
  reachable(ex: Exchange, first?: boolean): Promise<void>;
  /** Nothing more may be sent: interrupted, given up on the target, budget spent or time up. */
  stopped(): boolean;
  /** Why sending stopped, when it did. */
  stopReason(): StopReason | undefined;
  /** Requests the budget (--max-requests) still allows; Infinity without one. */
  left(): number;
  /** Ctrl-C was pressed. */
  readonly interrupted: boolean;
  /** Requests sent (or about to be), retries included. */
  readonly requests: number;
  readonly budgetExhausted: boolean;
  /** How the pace stood: 429s, the rate settled at, pauses. */
  pacing(): Pacing;
  /** The watch's verdict, once it gave up on the target. */
  gaveUp(): Report['gaveUp'];
  /**
   * Once the watch gave up: one case sent past it (the budget and Ctrl-C still hold, the watch is not told), and its
   * answer kept for `gaveUp()`: a target that answers it is up, and hangs on some requests rather than went down.
   */
  sendPastWatch(c: TestCase): Promise<Exchange | undefined>;
  /** Closes the connections. */
  close(): void;
}

/** Opens a session to a target; nothing is sent until a case is. */
export function createSession(o: SessionOptions): Session {
  const http = createHttpClient({
    timeoutMs: o.timeoutMs,
    maxBodyBytes: o.maxBodyBytes ?? MAX_BODY_BYTES,
    insecure: o.insecure,
    ca: o.ca,
    maxSockets: o.concurrency,
  });
  const pace = createPace(o.rate, o.maxRequests);
  const watch = createDeadTargetWatch(o.giveUpAfter);
  o.secrets.track(() => o.credentials.secrets());
  const token = async () => {
    const t = tokenFor(await o.credentials.token(), o.mock);
    o.secrets.add(t);
    return t;
  };
  // A case that carries no token (replay of a probe without the run's token) still fills its header set with one.
  const bearer = async () => (await o.credentials.token()) ?? MOCK_TOKEN;
  const deps: SendDeps = {
    url: o.baseUrl + o.path,
    http,
    pace,
    credentials: { token: bearer, refresh: (rejected) => o.credentials.refresh(rejected) },
    signal: o.signal ? AbortSignal.any([o.signal, watch.signal]) : watch.signal,
    max429Retries: o.max429Retries,
    max429WaitMs: o.max429WaitMs,
    watch,
    unavailableJudged: { count: 0 },
    wireHeaders: headerSets(o.secrets.redact),
    redact: o.secrets.redact,
  };
  // What the case sent past the watch got (`sendPastWatch`).
  let after: number | undefined;
  const timeUp = () => o.deadline !== undefined && Date.now() >= o.deadline;
  const interrupted = () => o.signal?.aborted === true;
  const base = new URL(o.baseUrl);
  return {
    url: deps.url,
    baseUrl: o.baseUrl,
    token,
    send: (c, onAttempt) => sendCase(c, deps, onAttempt),
    async handshake() {
      if (base.protocol !== 'https:') return;
      const failed = await probeTls(base, { insecure: o.insecure, ca: o.ca }, o.timeoutMs);
      if (failed !== undefined) throw new TargetError(`target ${o.baseUrl}: TLS handshake failed: ${failed}`);
    },
    async reachable(ex, first = false) {
      if (ex.error && UNREACHABLE.includes(ex.error.kind)) {
        // Reached before, refused now: it went down on a probe (a handler's throw killed Polka's process), which the
        // watch and the run's verdict tell; an unusable run would say nothing of the request that did it.
        if (watch.reached) return;
        throw new TargetError(`target ${o.baseUrl} is unreachable: ${ex.error.message}`);
      }
      // http:// to a port that speaks TLS: the server hangs up on the plain request; a handshake there says why.
      if (
        first &&
        ex.error?.kind === 'connection-reset' &&
        base.protocol === 'http:' &&
        (await speaksTls(base, o.timeoutMs))
      )
        throw new TargetError(`target ${o.baseUrl}: the port speaks TLS; use https://`);
    },
    stopped: () => interrupted() || watch.gaveUp || pace.exhausted || timeUp(),
    left: () => (o.maxRequests === undefined ? Infinity : Math.max(0, o.maxRequests - pace.used)),
    stopReason: () =>
      interrupted()
        ? 'interrupted'
        : watch.gaveUp
          ? 'gave-up'
          : pace.exhausted
            ? 'max-requests'
            : timeUp()
              ? 'time-limit'
              : undefined,
    get interrupted() {
      return interrupted();
    },
    get requests() {
      return pace.used;
    },
    get budgetExhausted() {
      return pace.exhausted;
    },
    pacing: () => pace.state(),
    gaveUp: () =>
      watch.message === undefined
        ? undefined
        : {
            after: watch.limit,
            message: (isUpAfter(after) ? watch.messageWhenUp(after) : undefined) ?? watch.message,
            answered: watch.answered,
            ...(watch.wentDown ? { wentDown: true as const } : {}),
            ...(watch.suspects.length ? { suspects: watch.suspects } : {}),
            ...(after === undefined ? {} : { answeredAfter: after }),
          },
    async sendPastWatch(c) {
      // A 429 or 503 is no answer to wait out here: it says nothing of whether the target is up.
      const ex = await sendCase(c, { ...deps, signal: o.signal, watch: undefined, max429Retries: 0, max503Retries: 0 });
      if (ex?.response) after = ex.response.status;
      return ex;
    },
    close: () => http.close(),
  };
}
