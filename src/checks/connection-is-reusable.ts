import type { Check } from './types.ts';
import { fail, withResponse } from './util.ts';

/**
 * A connection the answer kept open carries the next request: HTTP/1.1 connections persist unless the close option is
 * sent (RFC 9112 §9.3), and a server reads each message to the end its framing gives (RFC 9112 §6.3), the last chunk's
 * empty line and trailer included (§7.1), a body it answered without reading too. A server that leaves bytes behind
 * reads them as the start of the next request: it refuses a request that is fine, or waits for ever. Judged where the
 * sender sent a message on the same connection after the answer (`Framing.next`), against what the same message got
 * on a connection of its own: the server's answer to it, whatever that is, is due. A server may close the connection
 * instead (RFC 9112 §9.5).
 */
export const connectionIsReusable: Check = {
  name: 'connection-is-reusable',
  description:
    'the request sent next on a connection the answer kept open is answered as it is on a connection of its own',
  scope: 'request',
  applies: (c) => c.wire?.next !== undefined,
  judge: withResponse((_c, res) => {
    const next = res.next;
    if (next === undefined)
      return { skip: 'the answer closed the connection (or said it would): nothing was sent next' };
    if (next.closed && next.status === undefined)
      return { skip: 'the server closed the connection before answering the next request, as it may (RFC 9112 §9.5)' };
    const alone = next.alone?.status;
    // Without the same message's answer on a connection of its own (the budget, or none came), nothing is judged.
    if (alone === undefined)
      return { skip: 'the same request on a connection of its own got no answer to compare with (or was not sent)' };
    if (next.status === alone) return undefined;
    // A rate limit (429, or 503 as an overload: RFC 6585 §4, RFC 9110 §15.6.4) answers by time, not by the message.
    if ([next.status, alone].some((s) => s === 429 || s === 503))
      return { skip: 'a rate limit answered one of the two: nothing to compare' };
    const due = `status ${alone}, as the same request got on a connection of its own`;
    if (next.timedOut)
      return fail(
        'next-request-unanswered',
        'RFC 9112 §6.3',
        `the answer (status ${res.status}) kept the connection open, and the request sent next on it got no answer in ${next.waitedMs} ms (${alone} on a connection of its own): the server did not read this message to its end, and waits for bytes or reads the next request from the wrong place`,
        next.head === undefined
          ? `no answer in ${next.waitedMs} ms`
          : `no status line in ${next.waitedMs} ms: ${next.head}`,
        due,
      );
    const got = next.status === undefined ? `bytes that are no answer (${next.head ?? ''})` : `status ${next.status}`;
    return fail(
      'next-request-misread',
      'RFC 9112 §6.3',
      `the answer (status ${res.status}) kept the connection open, and the request sent next on it got ${got} where the same request on a connection of its own got ${alone}: the server read bytes this message left behind as the start of the next`,
      next.head ?? got,
      due,
    );
  }),
};
