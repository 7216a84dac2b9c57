// Problems a whole run shows as one (issue #24): when every answer on the operation's path was a redirect, no valid
// request got a 2xx, the plainest valid request failed, no invalid request was refused or the target went down, the
// causes of one core are one problem with a run-wide scope; so are those of one redirect status or of a 406 answered
// to requests of several rows (the core names the status, not what each row expected). The tally merges them at the end of the run; a baseline
// made of such a run lists the merged problem, which must list each of its causes in the next run (issue #23: a
// baseline of one seed passes another seed on an unchanged provider).
import { MINIMAL_LABEL } from '../generators/space/bodies.ts';
import type { TestCase } from '../generators/case.ts';
import { LOST, splitSignature, type Cause } from './cause.ts';

/** Every answer on the operation's path was a redirect: one problem per status (`redirectCore`). */
export const EVERY_SCOPE = 'every request on the operation’s path';
/** Some answers on the operation's path were redirects of one status, to requests of several rows (`redirectCore`). */
export const REDIRECTED_SCOPE = 'the requests redirected on the operation’s path';
/** Some answers were 406 to requests of several rows: the Accept field refused whatever each row (`notAcceptableCore`). */
export const NOT_ACCEPTABLE_SCOPE = 'the requests refused for their Accept field';
/** No invalid request was refused, and invalid ones crashed: the server errors of requests to be refused, one core. */
export const REFUSALS_SCOPE = 'every request to be refused';
/** No valid request got a 2xx: the valid requests' problems of one core. */
export const VALID_SCOPE = 'every valid request';
/** The plainest valid request failed: the valid requests failing alike. */
export const MINIMAL_SCOPE = `${MINIMAL_LABEL} and the valid requests failing alike`;
/** No invalid request was refused: the invalid requests accepted, one problem per status (`acceptedCore`). */
export const INVALID_SCOPE = 'every invalid request';
/** No valid request got a 2xx, and they were refused as unauthenticated: the run's credentials, refused alike. */
export const CREDENTIALS_SCOPE = 'every request with the run’s credentials';
/** Another method was taken by the operation's handler: the other methods' successes and body refusals, one bug. */
export const METHODS_TAKEN_SCOPE = 'the other methods on the operation’s path';
/** The target went down: the requests that got no answer. */
export const OUTAGE_SCOPE = 'the requests left unanswered when the target went down';
/** The run gave up on a target that still answered a valid request after: the requests it hangs on. */
export const HANG_SCOPE = 'the requests left unanswered while the target answered others';
/** Server errors that did not come again when requests were sent again alone: one bug that comes and goes. */
export const COMES_AND_GOES_SCOPE = 'the requests whose server error came and went';

const RUN_WIDE: ReadonlySet<string> = new Set([
  EVERY_SCOPE,
  REDIRECTED_SCOPE,
  NOT_ACCEPTABLE_SCOPE,
  REFUSALS_SCOPE,
  VALID_SCOPE,
  CREDENTIALS_SCOPE,
  MINIMAL_SCOPE,
  INVALID_SCOPE,
  OUTAGE_SCOPE,
  HANG_SCOPE,
  METHODS_TAKEN_SCOPE,
  COMES_AND_GOES_SCOPE,
]);

/** What a target that went down answers: nothing. */
export { LOST };

/** The core a redirect's problems are merged under, one per status. */
export function redirectCore(received: string): string | undefined {
  return /^3\d\d$/.test(received) ? `received ${received} | a redirect to every request` : undefined;
}

/**
 * The core every problem of a run is merged under where every answer on the operation's path had one status, an error
 * other than a refusal of credentials (those have their own merge): a Host check (Django's ALLOWED_HOSTS), a gateway or
 * a misconfiguration in front of the operation answered everything alike (DRF probe: four problems, one per row).
 */
export function sameAnswerCore(received: string): string | undefined {
  return /^[45]\d\d$/.test(received) && received !== '401' && received !== '403'
    ? `received ${received} | one answer to every request`
    : undefined;
}

/** A refusal of a request's content: what a create handler answers a bodiless request (RFC 9110 §15.5.1, §15.5.12, §15.5.14, §15.5.16; RFC 4918 §11.2's 422). */
const CONTENT_REFUSED: ReadonlySet<string> = new Set(['400', '411', '413', '415', '422']);
/** The status check of the method row, whose cores this merge reads (`method-is-not-allowed`'s unexpected status). */
const METHOD_STATUS = /^received (\d{3}) \| method-is-not-allowed unexpected-status(?: |$)/;

/**
 * The core another method's answer is merged under, in a run where one was a success: a route bound to every method
 * (Express's `app.all`, a view without a method guard) creates from a PUT and refuses a bodiless GET as it would a
 * bodiless POST (two problems, 201 and 415). `core` is the cause's own.
 */
export function methodTakenCore(core: string): string | undefined {
  const status = METHOD_STATUS.exec(core)?.[1];
  return status !== undefined && (/^2\d\d$/.test(status) || CONTENT_REFUSED.has(status))
    ? 'another method taken by the operation’s handler | method-is-not-allowed unexpected-status'
    : undefined;
}

/** The core a 406's problems are merged under: RFC 9110 §15.5.7 answers the Accept field with it, whatever the body. */
export function notAcceptableCore(received: string): string | undefined {
  return received === '406' ? 'received 406 | a refusal of the Accept field' : undefined;
}

/**
 * The core a refusal of credentials is merged under (RFC 9110 §15.5.2, §15.5.4), in a run where no valid request got
 * a 2xx: the credentials were refused, whatever else each request was due.
 */
export function credentialsCore(received: string): string | undefined {
  return received === '401' || received === '403' ? `received ${received} | the run’s credentials refused` : undefined;
}

/** The core an invalid request accepted is merged under, in a run where no invalid request was refused. */
export function acceptedCore(c: Pick<TestCase, 'kind'>, received: string): string | undefined {
  return c.kind === 'schema-violation' && /^2\d\d$/.test(received)
    ? `received ${received} | invalid-is-rejected unexpected-status`
    : undefined;
}

/** Whether a problem's signature has a run-wide scope: one bug of the whole run. */
export function isRunWide(signature: string): boolean {
  return runWide(signature) !== undefined;
}

/** `core | in scope`, split at its run-wide scope; undefined for any other signature. */
function runWide(signature: string): { core: string; scope: string } | undefined {
  const split = splitSignature(signature);
  return RUN_WIDE.has(split.scope) ? split : undefined;
}

/**
 * Whether a baseline entry of a run-wide scope lists a cause: the cause would be merged under the entry's core (its
 * own; a redirect's or an accepted invalid request's by status; any lost answer, for an outage). The entry keeps
 * listing the causes of the run's one bug when the next run draws other cases of it.
 */
export function listsRunWide(
  signature: string,
  cause: Pick<Cause, 'core'> & Partial<Pick<Cause, 'signature'>>,
): boolean {
  const entry = runWide(signature);
  if (entry === undefined) return false;
  // A refusal's crash, not a valid request's (whose scope is its family: `valid/…`).
  if (entry.scope === REFUSALS_SCOPE)
    return entry.core === cause.core && !splitSignature(cause.signature ?? '').scope.startsWith('valid');
  const received = (core: string) => /^received (\S+) \| /.exec(core)?.[1] ?? '';
  if (entry.scope === METHODS_TAKEN_SCOPE) return entry.core === methodTakenCore(cause.core);
  if (entry.scope === OUTAGE_SCOPE || entry.scope === HANG_SCOPE)
    return LOST.has(received(entry.core)) && LOST.has(received(cause.core));
  return (
    entry.core === cause.core ||
    entry.core === redirectCore(received(cause.core)) ||
    entry.core === sameAnswerCore(received(cause.core)) ||
    entry.core === notAcceptableCore(received(cause.core)) ||
    entry.core === credentialsCore(received(cause.core)) ||
    (entry.scope === INVALID_SCOPE && cause.core.startsWith(`${entry.core} `))
  );
}
