/**
 * The message's protocol: the request line's version, the Host field and the 100-continue expectation, each on a valid
 * request written byte by byte. HTTP/1.1 servers take HTTP/1.0 requests (RFC 9110 §2.5), which need no Host, so a
 * handler that reads Host (to build a URL, to pick a tenant) meets its absence there. An HTTP/1.1 request without Host
 * (RFC 9112 §3.2: refused with 400) is not sent: whether a server's HTTP layer enforces it is not the service's doing.
 */
import { emit, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';
import { HTTP_10_FAMILY } from '../case.ts';

const http10 = requestClass(
  'valid',
  'valid/http-1.0',
  'RFC 9110 §2.5',
  'a valid request as HTTP/1.0 (with Host): a server understands a request of a lower minor version (RFC 9110 §2.5) and answers without chunked framing, which an HTTP/1.0 client cannot read (RFC 9112 §6.1); 201 due, advisory, since a gateway may refuse the old version (426 or 505: Envoy by default), while a 5xx and a chunked answer fail',
  { advisory: true, family: HTTP_10_FAMILY },
);
const http10NoHost = requestClass(
  'valid',
  'valid/http-1.0/no-host',
  'RFC 9112 §3.2',
  'a valid request as HTTP/1.0 without Host, which HTTP/1.0 does not require (RFC 9112 §3.2): 201 due, advisory as for any HTTP/1.0 request; a handler that reads the Host field (to build a URL, to pick a tenant) throws on its absence, a 500',
  { advisory: true, variantOf: 'valid/http-1.0', family: HTTP_10_FAMILY },
);
const expectContinue = requestClass(
  'valid',
  'valid/expect-continue',
  'RFC 9110 §10.1.1',
  'a valid request with `Expect: 100-continue` (curl sends it before large bodies), the body written at once as a client MAY: the server answers 100 then its final status, or the final status alone, which for a valid request is 201; 417 is for expectations other than 100-continue',
);

export const protocol: Dimension = {
  name: 'protocol',
  title: 'Protocol version, Host and Expect',
  summary:
    'A valid request as HTTP/1.0, with and without Host (201 due, advisory: a gateway may refuse the old version; an answer to it must not be chunked), and one that expects 100-continue (201 due).',
  classes: [http10, http10NoHost, expectContinue],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const body = Buffer.from(m);
    const fields = { contentType: ctx.ct };
    return [
      ...emit(ctx, http10, {}, m, { wire: wire(fields, { framing: 'length', version: '1.0' }, body) }),
      ...emit(ctx, http10NoHost, {}, m, {
        wire: wire(fields, { framing: 'length', version: '1.0', noHost: true }, body),
      }),
      ...emit(ctx, expectContinue, {}, m, {
        wire: wire({ ...fields, extra: [['Expect', '100-continue']] }, undefined, body),
      }),
    ];
  },
};
