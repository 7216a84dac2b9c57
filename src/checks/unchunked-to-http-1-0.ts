import type { Check } from './types.ts';
import { fail, withResponse } from './util.ts';

/**
 * An answer to an HTTP/1.0 request carries no Transfer-Encoding: "A server MUST NOT send a response containing
 * Transfer-Encoding unless the corresponding request indicates HTTP/1.1" (RFC 9112 §6.1), since an HTTP/1.0 client
 * reads the chunk-size lines as the body. A server that sets the field by hand (to stream) sends it to every client.
 */
export const unchunkedToHttp10: Check = {
  name: 'unchunked-to-http-1-0',
  description: 'an answer to an HTTP/1.0 request has no Transfer-Encoding',
  scope: 'request',
  applies: (c) => c.wire?.version === '1.0',
  judge: withResponse((_c, res) => {
    const te = res.headers['transfer-encoding'];
    if (te === undefined) return undefined;
    return fail(
      'transfer-coding-to-http-1-0',
      'RFC 9112 §6.1',
      `the answer to an HTTP/1.0 request carries Transfer-Encoding: ${te}, which an HTTP/1.0 client cannot read`,
      `Transfer-Encoding: ${te}`,
      'no Transfer-Encoding (the body delimited by Content-Length or by closing the connection)',
    );
  }),
};
