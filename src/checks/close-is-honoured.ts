import type { Check } from './types.ts';
import { fieldValue } from '../wire.ts';
import { fail, waitedFor, warn, withResponse } from './util.ts';

/**
 * A request with `Connection: close` ends its connection: "A server that receives a "close" connection option MUST
 * initiate closure of the connection after it sends the final response to the request that contained the close
 * option" (RFC 9112 §9.6). A client that waits for the close (HTTP/1.0 style, a proxy releasing the connection) waits
 * for ever on a server that keeps it open. Judged where the sender read on to the close (`Framing.awaitClose`), as is
 * a message framed by both Transfer-Encoding and Content-Length, after which the server MUST close (RFC 9112 §6.1).
 */
export const closeIsHonoured: Check = {
  name: 'close-is-honoured',
  description: 'a request with Connection: close gets its connection closed after the answer',
  scope: 'request',
  applies: (c) => c.wire?.awaitClose === true,
  judge: withResponse((c, res) => {
    const after = res.afterAnswer;
    if (after === undefined || after.closed) return undefined;
    // The request's own spelling of the option, where it has one (`Close`, `TE,close`); the sender writes `close`.
    const fields = c.wire?.headers ?? [];
    const asked = fieldValue(fields, 'connection') ?? 'close';
    const has = (name: string) => fieldValue(fields, name) !== undefined;
    // Framed both ways and not asked closed: the server MUST close all the same (RFC 9112 §6.1), advice since Go's
    // net/http and Netty keep the connection open.
    if ((c.wire?.framing === 'chunked' || has('transfer-encoding')) && has('content-length') && !/close/i.test(asked))
      return warn(
        'connection-kept-open',
        'RFC 9112 §6.1',
        `the request was framed by both Transfer-Encoding and Content-Length, and the server kept the connection open ${waitedFor(after.waitedMs)} after its answer (RFC 9112 §6.1: it MUST close, since a proxy may have read the other framing; advice, as Go's net/http and Netty keep it open)`,
        `the connection still open ${waitedFor(after.waitedMs)} after the answer`,
        'the connection closed by the server after its answer',
      );
    // In a list, advice: HTTP layers that read only a lone token (Python's http.server, Puma 5, Twisted) miss it.
    const listed = asked.includes(',');
    return (listed ? warn : fail)(
      'connection-kept-open',
      'RFC 9112 §9.6',
      `the request said Connection: ${asked}, and the server kept the connection open ${waitedFor(after.waitedMs)} after its answer${listed ? ' (a close option in a list, RFC 9110 §7.6.1: an HTTP layer that reads only a lone `close` keeps it open, hence advice)' : ''}`,
      `the connection still open ${waitedFor(after.waitedMs)} after the answer`,
      'the connection closed by the server after its answer',
    );
  }),
};
