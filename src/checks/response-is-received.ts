import type { Check } from './types.ts';
import type { TestCase } from '../generators/case.ts';
import type { OperationProfile } from './profile.ts';
import { COMMON_LIMIT_BYTES, isOverCommonLimits, rulesOf } from './rules.ts';
import { warn } from './util.ts';

/**
 * Every request gets an answer in time: a timeout, a reset or a refused connection is a failure of its own kind. A
 * message the server's HTTP layer may refuse itself (`TestCase.httpLayer`) that it answers by closing the connection
 * is a warning: RFC 9112 §2.2 says a server SHOULD answer an unparseable message with 400, then close (RFC 9110 §9.1:
 * a method it does not know, 501). But not one it MUST refuse (`mustAnswer400`): invalid framing (RFC 9112 §6.3) or
 * white space before a field's colon (§5.1), answered 400 before the close. Nor is a reset to content over the body
 * limits common stacks set (`COMMON_LIMIT_BYTES`): RFC 9110 §15.5.14 lets a server close the connection to refuse it.
 * And a header section that expects 100-continue is answered at once, by a 100 (Continue) or a final status (RFC 9110
 * §10.1.1: an origin server MUST); a server that waits for the body instead is advice, since the client sends it after
 * a wait of its own (curl: 1 s) and the request is answered.
 */
export function responseIsReceived(p: OperationProfile): Check {
  const rule = rulesOf(p).responses;
  return {
    name: 'response-is-received',
    description: 'every request is answered (no timeout, reset or refused connection)',
    scope: 'request',
    applies: () => true,
    judge: (c, ex) => {
      const wait = ex.response?.continueWait;
      if (wait !== undefined && !wait.answered)
        return warn(
          'continue-withheld',
          'RFC 9110 §10.1.1',
          `neither a 100 (Continue) nor a final status within ${wait.ms} ms of a header section that expects 100-continue: an origin server MUST send one at once (RFC 9110 §10.1.1); a client that waits for it (curl: 1 s) loses that time on every such request`,
          `nothing within ${wait.ms} ms`,
          '100 (Continue), or the final status, at once',
        );
      if (!ex.error) return undefined;
      // A path next to the operation's is a well-formed request its router answers (404): a close is no leniency.
      const layer = c.httpLayer === true && c.kind !== 'path';
      const must = layer && ex.error.kind === 'connection-reset' ? mustAnswer400(c) : undefined;
      const closed = layer && ex.error.kind === 'connection-reset' && must === undefined;
      const tooLarge = !closed && ex.error.kind === 'connection-reset' && isOverCommonLimits(c);
      // A malformed chunked body (`zz` for a size) left unanswered breaks the same SHOULD as a close (regression probe:
      // Starman waits); framing a server MUST refuse stays a failure, and so does a hang on any other message.
      const waited =
        layer && c.kind === 'malformed-json' && ex.error.kind === 'timeout' && mustAnswer400(c) === undefined;
      return {
        kind: ex.error.kind,
        severity: closed || waited || tooLarge ? 'warning' : 'error',
        rule,
        // A bare "ECONNRESET" among the warnings read as a fault of the transport: say why it is only a warning, and
        // why the same close of a message the server must refuse is a failure.
        message: closed
          ? `${ex.error.message}: closed without an answer, which a server may do to a message its HTTP layer will not read (${shouldAnswer(c)})`
          : tooLarge
            ? `${ex.error.message}: closed without an answer to content over ${COMMON_LIMIT_BYTES} bytes, which a server may do to refuse content too large (RFC 9110 §15.5.14); a 413 first, and a close once the content is read, says why (RFC 9112 §9.6)`
            : waited
              ? `${ex.error.message}: left unanswered, which breaks only a SHOULD for a message its HTTP layer will not read (${shouldAnswer(c)} and close)`
              : must !== undefined
                ? `${ex.error.message}: closed without the 400 a server MUST answer to ${must}`
                : ex.error.message,
        received: ex.error.kind,
      };
    },
  };
}

/** What the server should have answered instead of closing: a method it does not know is well formed, not unparseable. */
function shouldAnswer(c: Pick<TestCase, 'kind'>): string {
  return c.kind === 'method' ? 'RFC 9110 §9.1: it SHOULD answer 501' : 'RFC 9112 §2.2: it SHOULD answer 400';
}

/**
 * Why a server MUST answer the request 400 (and close), if it must: its framing fields are invalid (RFC 9112 §6.3: a
 * Transfer-Encoding whose final coding is not chunked, a Content-Length that is not a number, `1*DIGIT` by RFC 9110
 * §8.6, or Content-Length lines that differ), or a field name is followed by white space before its colon (RFC 9112
 * §5.1; httpuv and Beast closed the connection, a warning until 2026-12-05).
 */
function mustAnswer400(c: Pick<TestCase, 'wire'>): string | undefined {
  const headers = c.wire?.headers ?? [];
  const lengths = new Set(headers.filter(([name]) => /^content-length$/i.test(name)).map(([, v]) => v.trim()));
  if (headers.some(([name]) => /\s$/.test(name))) return 'white space before a field’s colon (RFC 9112 §5.1)';
  return lengths.size > 1 ||
    headers.some(
      ([name, value]) =>
        (/^transfer-encoding$/i.test(name) && !/(?:^|,)\s*chunked\s*$/i.test(value)) ||
        (/^content-length$/i.test(name) && !/^\s*\d+\s*$/.test(value)),
    )
    ? 'a message whose framing is invalid (RFC 9112 §6.3)'
    : undefined;
}
