/**
 * Types shared by several stages (generators, runner, checks, report), defined here so that no stage imports
 * another's internals for them, nor a later stage's.
 */
import type { SentWire } from './wire.ts';

/** 1-based shard index and count: a shard takes every `count`-th case of the plan, from the `index`-th. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** A JSON object (not null, not an array): the one test for it that every stage shares. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** How the request authenticates. */
export type AuthMode = 'valid' | 'none' | 'wrong' | 'basic' | 'empty-bearer' | 'lowercase-scheme';

/** Whether a case of `auth` carries the run's token (the scheme in lower case is the same credential: RFC 9110 §11.1). */
export function carriesToken(auth: AuthMode): boolean {
  return auth === 'valid' || auth === 'lowercase-scheme';
}

// One request and its answer, as the runner sends it and the checks judge it: defined here, below both, so that
// the checks need nothing from the runner.

/** What was sent, with secrets already replaced (see `redact`). */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** Set when the message was written byte by byte (the raw sender): what went on the wire, redacted. */
  readonly wire?: SentWire;
}

/** What came back. */
export interface ReceivedResponse {
  readonly status: number;
  /** The status line's version when it is not HTTP/1.1 (an answer to an HTTP/1.0 request may say 1.0). */
  readonly version?: '1.0';
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (UTF-8), capped; see `truncated`. */
  readonly body: string;
  /** True when the body was longer than the cap and was cut. */
  readonly truncated: boolean;
  /** The body's bytes are not UTF-8 (`body` holds U+FFFD in their place); never set on a cut body. */
  readonly notUtf8?: true;
  /** Beside `notUtf8`: the bytes are UTF-8 but for a character begun at their very end (a body cut short there). */
  readonly endsInCharacter?: true;
  /** The body does not decode in the Content-Encoding the answer names (`body` is the bytes as they came). */
  readonly undecodable?: true;
  /**
   * Fields that came on more than one line although they are no list (RFC 9110 §5.3: e.g. Content-Type, §8.3), lower
   * case; `headers` joins their lines with ", ".
   */
  readonly repeated?: readonly string[];
  /** Read on to the close (a raw message's `awaitClose`): what the server did after the answer was complete. */
  readonly afterAnswer?: AfterAnswer;
  /** What the message sent next on the connection got (a raw message's `next`), when it was sent. */
  readonly next?: NextAnswer;
  /**
   * A raw message's `awaitContinue`: how long the sender waited before the body, and whether a 100 (Continue) or a
   * final answer ended the wait (false: it ran out, `CONTINUE_WAIT_MS`).
   */
  readonly continueWait?: { readonly ms: number; readonly answered: boolean };
}

/** The answer to the message sent on the connection after a complete answer (`Framing.next`). */
export interface NextAnswer {
  /** Its status, when a status line came. */
  readonly status?: number;
  /** Its first line (latin1, 80 characters at most), when bytes came. */
  readonly head?: string;
  /** No status line within the run's timeout, the connection still open. */
  readonly timedOut?: true;
  /** The server closed the connection (or reset it) before a status line came. */
  readonly closed?: true;
  /** The server had closed the connection before the message could be sent on it (`closed` too). */
  readonly unsent?: true;
  /** From writing it to its status line, the close or the timeout. */
  readonly waitedMs: number;
  /** The same message sent on a connection of its own after it, when it was sent: what it gets with nothing before it. */
  readonly alone?: { readonly status?: number; readonly timedOut?: true };
}

/**
 * The statuses of the requests a raw case sends beside its own: the one next on its connection and the same one on a
 * connection of its own. The target answered them too, so their 429s and 503s count as any other's.
 */
export function sideStatuses(res: ReceivedResponse | undefined): number[] {
  return [res?.next?.status, res?.next?.alone?.status].filter((s): s is number => s !== undefined);
}

/** What came after a complete answer on a connection the request asked closed (`Connection: close`). */
export interface AfterAnswer {
  /** The server closed the connection within the wait (`CLOSE_WAIT_MS`, src/wire.ts). */
  readonly closed: boolean;
  /** From the answer's end to the close, or to the end of the wait. */
  readonly waitedMs: number;
  /** Whether the answer's end could be told from its fields (not chunked, not delimited by the close). */
  readonly endKnown: boolean;
  /** Bytes sent past the answer's end (content to a HEAD, more than Content-Length), when there were any. */
  readonly surplusBytes?: number;
  /** The first line of those bytes (latin1, 80 characters at most): `HTTP/1.1 400 Bad Request` is another answer. */
  readonly surplusHead?: string;
}

/** Why no answer could be judged. */
export type TransportErrorKind =
  'timeout' | 'connection-reset' | 'connection-refused' | 'dns' | 'tls' | 'rate-limited' | 'other';

/** One request and its answer (or the transport error in its place). */
export interface Exchange {
  readonly request: SentRequest;
  readonly response?: ReceivedResponse;
  readonly error?: { readonly kind: TransportErrorKind; readonly message: string };
  readonly durationMs: number;
  /** 429 answers waited out before this one. */
  readonly rateLimited: number;
  /**
   * The kept-alive connection this request was first written on had been closed by the server after an answer that
   * did not say so (its status; how long after it ended the request went out): it was sent again on a fresh one.
   */
  readonly closedUnannounced?: { readonly status: number; readonly idleMs: number };
}
