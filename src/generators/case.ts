import {
  basicPassword,
  basicUsername,
  REDACTED,
  REDACTED_BASIC_PASSWORD,
  REDACTED_BASIC_USERNAME,
  REDACTED_SWAPPED,
  REDACTED_TRUNCATED,
  swapCase,
  truncate,
} from '../secrets.ts';
import type { AuthMode } from '../types.ts';
import type { Framing } from '../wire.ts';

/** What a case is meant to show; the verdict profile maps each kind to the answers it allows. */
export type CaseKind =
  /** A schema-valid body, valid credentials, a declared media type. */
  | 'valid'
  /** Exactly one violation of the request schema. */
  | 'schema-violation'
  /** Bytes that are not JSON. */
  | 'malformed-json'
  /** No body at all. */
  | 'empty-body'
  /** Missing, wrong, empty or non-Bearer credentials on an otherwise valid request. */
  | 'auth'
  /** An undeclared Content-Type on an otherwise valid request. */
  | 'media-type'
  /** Another HTTP method on the path. */
  | 'method'
  /** A valid request to a path the spec does not define, next to the operation's (`TestCase.pathSuffix`). */
  | 'path';

/** The one schema violation an invalid case carries, certified by the request validator. */
export interface Violation {
  /** Ajv keyword that must reject it: `required`, `type`, `enum`, `format`, `additionalProperties`. */
  readonly keyword: string;
  /** JSON pointer into the spec of the rule broken. */
  readonly rule: string;
  /** JSON pointer into the body where it is broken. */
  readonly instancePath: string;
}

/**
 * A message the HTTP client cannot express, written byte by byte by the raw sender (`src/runner/raw.ts`): no framing,
 * odd chunking, repeated or unusual header fields, a body of bytes that are not its UTF-8 text (a content coding, a
 * byte-order mark, invalid UTF-8).
 */
export interface Wire extends Framing {
  /**
   * Every header field in order (Host, the framing fields and `Connection: close` are added by the sender), values as
   * byte strings (one character per byte); `WIRE_TOKEN` in a value stands for the run's token.
   */
  readonly headers: readonly (readonly [string, string])[];
  /** The body's exact bytes, base64, when they are not the UTF-8 of `body` (which then holds a readable form). */
  readonly bodyBase64?: string;
}

/** The problem family of a valid request under another media type or spelling (`TestCase.family`). */
export const MEDIA_FAMILY = 'valid/media';
/**
 * The problem family of a valid request as HTTP/1.0 (`TestCase.family`): a 5xx to it is its own bug (a handler reading
 * the Host field), never counted with the crashes of valid requests a server may refuse, though a refusal of the old
 * version is only advice (regression helper: a Host crash hid under `valid/depth/10000/arrays and 2 more classes`).
 */
export const HTTP_10_FAMILY = 'valid/http-1.0';

/** Stands for the run's token in a `Wire` header value: replaced when sent, shown redacted. */
export const WIRE_TOKEN = '\u0000token\u0000';
/** Stands for the run's token with its letters' case swapped (`swapCase`, src/secrets.ts) in a wire value. */
export const WIRE_TOKEN_SWAPPED = '\u0000token-swapped\u0000';
/** Stands for the run's token without its last character (`truncate`, src/secrets.ts) in a wire value. */
export const WIRE_TOKEN_TRUNCATED = '\u0000token-truncated\u0000';
/** Stands for Basic credentials with the run's token as the password (`basicPassword`, src/secrets.ts). */
export const WIRE_TOKEN_BASIC_PASSWORD = '\u0000token-basic-password\u0000';
/** Stands for Basic credentials with the run's token as the user name (`basicUsername`, src/secrets.ts). */
export const WIRE_TOKEN_BASIC_USERNAME = '\u0000token-basic-username\u0000';

/** A token placeholder: the spelling of the token it stands for when sent, and the form a report shows. */
export interface WireToken {
  readonly mark: string;
  readonly spell: (token: string) => string;
  readonly shown: string;
}

/**
 * The token placeholders of a wire value or a query string (and replay reads the shown forms back). The only table of
 * them: curl and the replay script spell the same in the shell.
 */
const WIRE_TOKENS: readonly WireToken[] = [
  { mark: WIRE_TOKEN_SWAPPED, spell: swapCase, shown: REDACTED_SWAPPED },
  { mark: WIRE_TOKEN_TRUNCATED, spell: truncate, shown: REDACTED_TRUNCATED },
  { mark: WIRE_TOKEN_BASIC_PASSWORD, spell: basicPassword, shown: REDACTED_BASIC_PASSWORD },
  { mark: WIRE_TOKEN_BASIC_USERNAME, spell: basicUsername, shown: REDACTED_BASIC_USERNAME },
  { mark: WIRE_TOKEN, spell: (token) => token, shown: REDACTED },
];

/** Whether `s` holds a token placeholder. */
export function hasTokenMark(s: string): boolean {
  return WIRE_TOKENS.some((t) => s.includes(t.mark));
}

/** `s` with each placeholder replaced by what `as` makes of it: the token as sent, its shown form, either encoded. */
export function fillTokens(s: string, as: (t: WireToken) => string): string {
  return WIRE_TOKENS.reduce((out, t) => out.replaceAll(t.mark, as(t)), s);
}

/** `s` with what `from` makes of each placeholder (its shown form, encoded or not) turned back into the placeholder. */
export function markTokens(s: string, from: (t: WireToken) => string): string {
  return WIRE_TOKENS.reduce((out, t) => out.replaceAll(from(t), t.mark), s);
}

/** One request the suite sends, with what it is meant to show. */
export interface TestCase {
  /** Stable id within a run, e.g. `b0012` (boundary) or `r0345` (random). */
  readonly id: string;
  readonly phase: 'preflight' | 'boundary' | 'random';
  readonly kind: CaseKind;
  /** Short class label, stable across runs, e.g. `valid/text-json` or `invalid/enum/type`. */
  readonly label: string;
  readonly method: string;
  /** The Content-Type header sent, or undefined for none. */
  readonly contentType: string | undefined;
  /** The exact body sent (UTF-8), or undefined for none. */
  readonly body: string | undefined;
  /** The JSON value behind `body`, when the body is JSON (left out by the generation worker: read it with `caseValue`). */
  readonly value?: unknown;
  readonly auth: AuthMode;
  readonly violation?: Violation;
  /**
   * Set when the case tests a rule of HTTP that the verdict profile does not list (e.g. RFC 9110's case-insensitive
   * auth scheme): its failures are reported as warnings, so that a provider is not failed on a rule beyond the profile.
   */
  readonly advisory?: string;
  /**
   * Set when the HTTP layer (the server's parser, before any routing) may refuse the message itself, e.g. an unknown
   * method token or a body without framing: a 4xx is then not held to the operation's documented content.
   */
  readonly httpLayer?: true;
  /**
   * The statuses accepted on the case's row where an RFC leaves the server a choice (e.g. `[201, 400]` for duplicate
   * member names, RFC 8259 §4); the row's own statuses (`ROW_STATUSES`, src/checks/rules.ts) when absent.
   */
  readonly accept?: readonly number[];
  /** The request-space class the case is of (its label pattern, `src/generators/space/`); boundary cases only. */
  readonly class?: string;
  /**
   * The problem family its failures count under when its label's prefix does not say it: the media-type spellings of a
   * valid request (`valid/text-json`, `valid/media/quoted-charset`, a random case under another media type) are one
   * family, `valid/media` (see `familyOf`, src/report/cause.ts).
   */
  readonly family?: string;
  /** A query string sent with the request (without `?`): the operation defines no query parameter. */
  readonly query?: string;
  /** Appended to the operation's path: the request goes to a path the spec does not define (kind `path`). */
  readonly pathSuffix?: string;
  /**
   * The operation's path as sent, spelt another way (its letters in another case, its slashes repeated): a path the
   * spec does not define (kind `path`). With its repeated slashes made one, of the operation path's length, so that it
   * takes that path's place at the end of the target's URL.
   */
  readonly pathSpelling?: string;
  /**
   * The label of the case this one's answer must agree with (`media-types-agree`): the same bytes under the primary
   * media type, whose case carries its own label here.
   */
  readonly agreeWith?: string;
  /** Set when the message is written byte by byte (`src/runner/raw.ts`); `body` is then its readable form. */
  readonly wire?: Wire;
  /** fast-check replay path of a random case (with the run's seed), for shrinking. */
  readonly counterexamplePath?: string;
}
