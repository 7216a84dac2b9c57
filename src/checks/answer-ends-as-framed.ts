import type { Check } from './types.ts';
import { fail, withResponse } from './util.ts';

/**
 * An answer ends where its framing says, and nothing follows it: an answer to HEAD has no content ("the server MUST NOT
 * send content in the response", RFC 9110 §9.3.2), and the content of an answer with Content-Length is that many bytes
 * (RFC 9112 §6.3). A client reads the bytes beyond as the start of the next answer on the connection, so a HEAD
 * answered with the GET's body, or a length counted in characters rather than bytes, breaks the answers after it. A
 * second answer after the first says the server read part of the message as another request, which it MUST NOT
 * process after a request with the close option (RFC 9112 §9.6).
 */
export const answerEndsAsFramed: Check = {
  name: 'answer-ends-as-framed',
  description: 'no bytes follow the end of an answer (no content to a HEAD, none past Content-Length)',
  scope: 'request',
  // Read on to the close, or up to the request sent next on the connection (`Framing.next`).
  applies: (c) => c.wire?.awaitClose === true || c.wire?.next !== undefined,
  judge: withResponse((c, res) => {
    const after = res.afterAnswer;
    if (after === undefined || !after.endKnown)
      return { skip: 'the answer’s end cannot be told from its fields (chunked, or delimited by the close)' };
    const surplus = after.surplusBytes;
    if (surplus === undefined) return undefined;
    // An answer to the empty line old clients send after the body: ignoring it is a SHOULD (connection-is-reusable).
    if (c.wire?.afterBody !== undefined && c.wire.awaitClose !== true)
      return {
        skip: 'what followed answers the empty line after the body, which a server SHOULD ignore (RFC 9112 §2.2)',
      };
    if (c.method === 'HEAD')
      return fail(
        'content-in-head-answer',
        'RFC 9110 §9.3.2',
        `the answer to HEAD (status ${res.status}) carries ${surplus} bytes of content after its header fields`,
        `${surplus} bytes after the header fields`,
        'no content: the answer to HEAD ends with its header fields',
      );
    // Another answer after the first: the server took the rest of the message for a second request, which it MUST NOT
    // process after a request with the close option (RFC 9112 §9.6); Bun reads a chunked body's trailer so. On a
    // connection kept open, before anything else was sent, it read the message otherwise than its framing (§6.3).
    const head = after.surplusHead ?? '';
    if (/^HTTP\/\d\.\d \d{3}/.test(head))
      return c.wire?.awaitClose === true
        ? fail(
            'answer-after-close',
            'RFC 9112 §9.6',
            `a second answer (${head}) followed the answer (status ${res.status}): the server read part of this one message as another request, and answered it on a connection the request asked closed`,
            head,
            'one answer, then the close',
          )
        : fail(
            'answer-before-request',
            'RFC 9112 §6.3',
            `a second answer (${head}) followed the answer (status ${res.status}) before another request was sent: the server read part of this one message as another request (the message ends where its framing says, a chunked body with its trailer section)`,
            head,
            'one answer, then nothing until the next request',
          );
    // A 204 or 304 has no content whatever its fields say (RFC 9110 §6.4.1); other answers here have a Content-Length.
    const end =
      res.status === 204 || res.status === 304
        ? `a ${res.status} answer, which has no content`
        : `${res.headers['content-length'] ?? '?'} bytes of content, as its Content-Length says`;
    return fail(
      'bytes-beyond-framing',
      'RFC 9112 §6.3',
      `the server sent ${surplus} bytes after the end of its answer (${end})`,
      `${surplus} bytes past the answer's end`,
      `nothing after the answer's end (${end})`,
    );
  }),
};
