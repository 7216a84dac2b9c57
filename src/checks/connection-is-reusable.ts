import type { Check, Finding } from './types.ts';
import { hasTokenMark, type TestCase } from '../generators/case.ts';
import type { ReceivedResponse } from '../types.ts';
import { fail, waitedFor, warn, withResponse } from './util.ts';
import { closedUnannounced } from './close-is-announced.ts';

/**
 * A close no answer announced, where nothing but the server's not keeping connections explains it: a 2xx in HTTP/1.1 to
 * a message framed by Content-Length and nothing after it (a chunked upload or an error may be closed over, RFC 9112
 * §9.5), the same request answered on a connection of its own (no 429 or 503: a limit answers by time).
 */
function closesUnannounced(c: TestCase, res: ReceivedResponse, alone: number | undefined): boolean {
  const plain = c.wire?.framing === 'length' && c.wire.afterBody === undefined;
  return plain && keptFor(res, alone);
}

/** A 2xx in HTTP/1.1 without the close option, the next request answered alone (no 429 or 503): the connection was due. */
function keptFor(res: ReceivedResponse, alone: number | undefined): boolean {
  const answered = alone !== undefined && alone !== 429 && alone !== 503;
  return answered && res.version === undefined && res.status >= 200 && res.status < 300;
}

/**
 * The empty line an old client sends after a POST's body came before the next request: ignoring it is a SHOULD (RFC
 * 9112 §2.2), so what the server made of it (`what`: an answer to it, or the close) is a warning.
 */
function emptyLineNotIgnored(res: ReceivedResponse, what: string, received: string, due: string): Finding {
  return warn(
    'empty-line-not-ignored',
    'RFC 9112 §2.2',
    `the answer (status ${res.status}) kept the connection open, and after the empty line old clients send after a POST's body ${what}: a server expecting a request line SHOULD ignore at least one empty line before it (RFC 9112 §2.2)`,
    received,
    due,
  );
}

/**
 * A connection the answer kept open carries the next request: HTTP/1.1 connections persist unless the close option is
 * sent (RFC 9112 §9.3), and a server reads each message to the end its framing gives (RFC 9112 §6.3), the last chunk's
 * empty line and trailer included (§7.1), a body it answered without reading too. A server that leaves bytes behind
 * reads them as the start of the next request: it refuses a request that is fine, or waits for ever. Judged where the
 * sender sent a message on the same connection after the answer (`Framing.next`), against what the same message got
 * on a connection of its own: the server's answer to it, whatever that is, is due. A server may close the connection
 * instead (RFC 9112 §9.5), unless it closes every connection: then its answers say so (§9.6).
 */
export const connectionIsReusable: Check = {
  name: 'connection-is-reusable',
  description:
    'the request sent next on a connection the answer kept open is answered as it is on a connection of its own',
  scope: 'request',
  applies: (c) => c.wire?.next !== undefined,
  judge: withResponse((c, res) => {
    const next = res.next;
    if (next === undefined)
      return { skip: 'nothing was sent next: the answer said the connection closes (or the request budget was spent)' };
    const alone = next.alone?.status;
    if (next.closed && next.status === undefined) {
      // Guile, Hunchentoot, cohttp and Racket close on the empty line: the plain message's connection they keep.
      if (c.wire?.afterBody !== undefined && keptFor(res, alone))
        return emptyLineNotIgnored(
          res,
          `the server closed the connection, where the request sent next got ${alone} on a connection of its own`,
          'the connection closed',
          `the connection kept open, and status ${alone} to the next request`,
        );
      // A chunked upload's 2xx closed over without a word: a server may (RFC 9112 §9.5), but should say so (Beast probe).
      if (c.wire?.framing === 'chunked' && keptFor(res, alone))
        return closedUnannounced(
          res.status,
          `the request sent next on it got no answer (${alone} on a connection of its own), after a chunked body`,
        );
      if (!closesUnannounced(c, res, alone))
        return {
          skip: 'the server closed the connection before answering the next request, as it may (RFC 9112 §9.5)',
        };
      return fail(
        'closed-without-close-option',
        'RFC 9112 §9.6',
        `the server closed the connection after a ${res.status} that did not say so (no close option, HTTP/1.1, the plainest message)${next.unsent === true ? ', before the next request could be sent on it' : ', the request sent next on it unanswered'} (${alone} on a connection of its own): a server that does not keep connections open MUST send the close option in every answer (RFC 9112 §9.6), or an HTTP/1.1 client reusing the connection, as it may (§9.3), loses its next request`,
        'the connection closed after the answer, which has no `Connection: close`',
        '`Connection: close` in an answer after which the server closes the connection (RFC 9112 §9.6), or the connection kept open (§9.3)',
      );
    }
    // Without the same message's answer on a connection of its own (the budget, or none came), nothing is judged.
    if (alone === undefined)
      return { skip: 'the same request on a connection of its own got no answer to compare with (or was not sent)' };
    if (next.status === alone) return undefined;
    // A rate limit (429, or 503 as an overload: RFC 6585 §4, RFC 9110 §15.6.4) answers by time, not by the message.
    if ([next.status, alone].some((s) => s === 429 || s === 503))
      return { skip: 'a rate limit answered one of the two: nothing to compare' };
    const due = `status ${alone}, as the same request got on a connection of its own`;
    // The empty line an old client sends after a POST came before the next request: ignoring it is a SHOULD (§2.2).
    // What came may answer the empty line itself (Guile's 400 came before the next request was written).
    if (c.wire?.afterBody !== undefined)
      return emptyLineNotIgnored(
        res,
        `the connection gave ${next.status === undefined ? (next.timedOut ? `no answer in ${waitedFor(next.waitedMs)}` : 'bytes that are no answer') : `status ${next.status}`}, where the request sent next got ${alone} on a connection of its own`,
        next.head ?? (next.status === undefined ? 'no answer' : `status ${next.status}`),
        due,
      );
    if (next.timedOut)
      return fail(
        'next-request-unanswered',
        'RFC 9112 §6.3',
        `the answer (status ${res.status}) kept the connection open, and the request sent next on it got no answer in ${waitedFor(next.waitedMs)} (${alone} on a connection of its own): the server did not read this message to its end, and waits for bytes or reads the next request from the wrong place`,
        next.head === undefined
          ? `no answer in ${waitedFor(next.waitedMs)}`
          : `no status line in ${waitedFor(next.waitedMs)}: ${next.head}`,
        due,
      );
    const got = next.status === undefined ? `bytes that are no answer (${next.head ?? ''})` : `status ${next.status}`;
    // A next request with the case's credentials is judged on its own content: another answer to it on this connection
    // is something of this request carried over (hug probe: an empty body answered as the previous one).
    const sentNext = c.wire?.next;
    if (sentNext?.headers.some(([, v]) => hasTokenMark(v)) === true && next.status !== undefined)
      return fail(
        'next-request-answered-from-previous',
        'RFC 9110 §3.3',
        `the answer (status ${res.status}) kept the connection open, and the request sent next on it, with the same credentials and ${sentNext.bodyBase64 === '' ? 'an empty body' : 'a body of its own'}, got ${got} where the same request on a connection of its own got ${alone}: the server carried something of this request over to the next (a body kept with the connection), or read bytes it left behind; a message means what it says whatever connection carries it (RFC 9110 §3.3)`,
        next.head ?? got,
        due,
      );
    return fail(
      'next-request-misread',
      'RFC 9112 §6.3',
      `the answer (status ${res.status}) kept the connection open, and the request sent next on it got ${got} where the same request on a connection of its own got ${alone}: the server read bytes this message left behind as the start of the next`,
      next.head ?? got,
      due,
    );
  }),
};
