import type { Check } from './types.ts';
import { fail, waitedFor, withResponse } from './util.ts';

/**
 * A request with `Connection: close` ends its connection: "A server that receives a "close" connection option MUST
 * initiate closure of the connection after it sends the final response to the request that contained the close
 * option" (RFC 9112 §9.6). A client that waits for the close (HTTP/1.0 style, a proxy releasing the connection) waits
 * for ever on a server that keeps it open. Judged where the sender read on to the close (`Framing.awaitClose`).
 */
export const closeIsHonoured: Check = {
  name: 'close-is-honoured',
  description: 'a request with Connection: close gets its connection closed after the answer',
  scope: 'request',
  applies: (c) => c.wire?.awaitClose === true,
  judge: withResponse((_c, res) => {
    const after = res.afterAnswer;
    if (after === undefined || after.closed) return undefined;
    return fail(
      'connection-kept-open',
      'RFC 9112 §9.6',
      `the request said Connection: close, and the server kept the connection open ${waitedFor(after.waitedMs)} after its answer`,
      `the connection still open ${waitedFor(after.waitedMs)} after the answer`,
      'the connection closed by the server after its answer',
    );
  }),
};
