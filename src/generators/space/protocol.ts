/**
 * The message's protocol: the request line's version and target form, the Host field and the 100-continue expectation, each on a valid
 * request written byte by byte; on two of them the sender reads on until the server closes the connection, as the
 * request's `Connection: close` asks (RFC 9112 §9.6). HTTP/1.1 servers take HTTP/1.0 requests (RFC 9110 §2.5), which need no Host, so a
 * handler that reads Host (to build a URL, to pick a tenant) meets its absence there. An HTTP/1.1 request without Host
 * MUST be refused with 400 (RFC 9112 §3.2): advice, since whether a server's HTTP layer enforces it is not the service's doing.
 */
import { emit, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';
import { bodyOfBytes, LARGE_CONTENT_BYTES } from '../values.ts';
import { HTTP_10_FAMILY } from '../case.ts';
import { MINIMAL_LABEL } from './bodies.ts';

const http10 = requestClass(
  'valid',
  'valid/http-1.0',
  'RFC 9110 §2.5',
  'a valid request as HTTP/1.0 (with Host): a server understands a request of a lower minor version (RFC 9110 §2.5) and answers without chunked framing, which an HTTP/1.0 client cannot read (RFC 9112 §6.1); 201 due, advisory, since a gateway may refuse the old version (426 Upgrade Required: Envoy by default), while a 5xx (505 too: RFC 9110 §15.6.6 is for another major version) and a chunked answer fail',
  // The HTTP layer may refuse the old version itself, in its own format (Kore's empty 400 to one without Host).
  { advisory: true, family: HTTP_10_FAMILY, httpLayer: true },
);
const http10NoHost = requestClass(
  'valid',
  'valid/http-1.0/no-host',
  'RFC 9112 §3.2',
  'a valid request as HTTP/1.0 without Host, which HTTP/1.0 does not require (RFC 9112 §3.2): 201 due, advisory as for any HTTP/1.0 request; a handler that reads the Host field (to build a URL, to pick a tenant) throws on its absence, a 500',
  { advisory: true, variantOf: 'valid/http-1.0', family: HTTP_10_FAMILY, httpLayer: true },
);
const http10Large = requestClass(
  'valid',
  'valid/http-1.0/large',
  'RFC 9112 §6.1',
  'a valid request of 16 KiB as HTTP/1.0 (with Host), every member sent: its echo is an answer of several KiB, which a server that streams large answers chunked (a writer that switches to chunked past a buffer) must still frame without chunked for an HTTP/1.0 client (RFC 9112 §6.1); 201 due, advisory as for any HTTP/1.0 request, while a chunked answer fails',
  { advisory: true, family: HTTP_10_FAMILY, httpLayer: true, variantOf: 'valid/http-1.0' },
);
// RFC 9112 §3.2: 400 to an HTTP/1.1 request without Host. Advice: Python's http.server (under Flask's and Django's
// development servers), Puma and waitress take it, Node, Go and h11 refuse it (a Tcl blind probe's server took it).
const http11NoHost = requestClass(
  'empty-body',
  'malformed/http-1.1/no-host',
  'RFC 9112 §3.2',
  'a valid request as HTTP/1.1 without Host, which every HTTP/1.1 request MUST carry: the server MUST answer 400 (RFC 9112 §3.2); advice, since the HTTP layers of Python’s http.server (under Flask’s and Django’s development servers), Puma and waitress serve it, which is not the service’s doing, while a 5xx fails (a handler that reads the Host field throws on its absence)',
  { accept: [400], advisory: true, httpLayer: true, variantOf: 'valid/http-1.0' },
);
const absoluteForm = requestClass(
  'valid',
  'valid/absolute-form',
  'RFC 9112 §3.2.2',
  'a valid request whose target is in absolute form (`POST http://host/path`), which a server MUST accept (RFC 9112 §3.2.2) as it would the path alone: 201 due, advisory, since some HTTP layers route on the raw target (uvicorn, Slim 3 on REQUEST_URI answer 404, a status the operation does not document) as does a handler that compares the target with its path (libmicrohttpd, cpp-httplib): the fix is to route on the path, scheme and authority left out; a 5xx fails',
  // The minimal request with its target spelled another way: it waits for the second pass, as spellings do.
  { advisory: true, httpLayer: true, variantOf: MINIMAL_LABEL },
);
const expectContinue = requestClass(
  'valid',
  'valid/expect-continue',
  'RFC 9110 §10.1.1',
  'a valid request with `Expect: 100-continue` (curl sends it before large bodies), the body written at once as a client MAY: the server answers 100 then its final status, or the final status alone, which for a valid request is 201; 417 is for expectations other than 100-continue',
);
const expectContinueAwaited = requestClass(
  'valid',
  'valid/expect-continue/awaited',
  'RFC 9110 §10.1.1',
  'a valid request with `Expect: 100-continue` whose body is written only once a 100 (Continue) or a final status came, or after 1 s, as curl writes it: 201 due; an origin server MUST answer the header section at once, with 100 or its final status (RFC 9110 §10.1.1), and one that waits for the body instead is warned (`response-is-received`), since the client sends it after its own wait and the request is answered',
  { variantOf: 'valid/expect-continue' },
);
const expectContinueLarge = requestClass(
  'valid',
  'valid/expect-continue/large',
  'RFC 9110 §10.1.1',
  'a valid request of 16 KiB (the size under which the profile accepts no 413) with `Expect: 100-continue`, as curl sends it before a body over 1 KiB (its threshold until 8.x) or 1 MiB, the body written at once: 100 then 201, or 201 alone, is due; a server that answers the expectation by the body’s size (417 over a limit of its own, a `checkContinue` handler that refuses) refuses a valid request; 417 is for expectations other than 100-continue (RFC 9110 §10.1.1)',
  { variantOf: 'valid/expect-continue' },
);
const expectContinueMedia = requestClass(
  'valid',
  'valid/expect-continue/media/<media>',
  'RFC 9110 §10.1.1',
  'a valid request with `Expect: 100-continue` under each other declared media type and spelling, the body written at once: the expectation and the media type are independent, so 100 then 201, or 201 alone, is due; a server that decides the expectation by the Content-Type (a `checkContinue` handler that knows one media type) refuses a valid request',
  { variantOf: 'valid/expect-continue' },
);

const expectContinueCase = requestClass(
  'valid',
  'valid/expect-continue/mixed-case',
  'RFC 9110 §10.1.1',
  'a valid request with `Expect: 100-Continue`, the body written at once: the Expect field value is case-insensitive (RFC 9110 §10.1.1), so it is the expectation 100-continue, and 100 then 201, or 201 alone, is due; a handler that compares the field with `100-continue` exactly answers 417, which is for expectations the server cannot meet',
  { variantOf: 'valid/expect-continue' },
);

// The expectation beside a refusal: a handler that decides it by the Content-Type (one that knows JSON only) answers
// 417 where the media type's refusal is due (cpp-httplib blind probe).
const expectContinueRefused = requestClass(
  'media-type',
  'media/expect-continue',
  'RFC 9110 §10.1.1',
  'a valid JSON body as text/plain with `Expect: 100-continue`, the body written at once: the expectation and the media type are independent, so the refusal of the media type is due (415, or 400), with or without 100 before it; a handler that decides the expectation by the Content-Type (an expect-continue handler that knows JSON only) answers 417, which is for expectations the server cannot meet',
  { variantOf: 'media/<type>' },
);

export const protocol: Dimension = {
  name: 'protocol',
  title: 'Protocol version, Host, request target and Expect',
  summary:
    'A valid request as HTTP/1.0, with and without Host (201 due, advisory: a gateway may refuse the old version; an answer to it must not be chunked), one as HTTP/1.1 without Host (400 due, advisory: some HTTP layers serve it), one whose target is in absolute form (201 due, advisory: some HTTP layers route on the raw target), and one that expects 100-continue (201 due, under each declared media type; under text/plain, the refusal of the media type); on the HTTP/1.0 one with Host and the 100-continue one, the server must close the connection after its answer, as their `Connection: close` asks.',
  classes: [
    http10,
    http10NoHost,
    http10Large,
    http11NoHost,
    absoluteForm,
    expectContinue,
    expectContinueAwaited,
    expectContinueLarge,
    expectContinueMedia,
    expectContinueCase,
    expectContinueRefused,
  ],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const body = Buffer.from(m);
    const fields = { contentType: ctx.ct };
    // A body with `Expect: 100-continue`, read on to the close its `Connection: close` asks for.
    const expecting = (bytes: Buffer, contentType = ctx.ct, expect = '100-continue') =>
      wire({ contentType, extra: [['Expect', expect]] }, { framing: 'length', awaitClose: true }, bytes);
    // The every-member body with its first free string filled so that the body is at the 16 KiB floor under which a
    // 413 is no limit the profile accepts: a limit on the expectation or on HTTP/1.0 content under it refuses it.
    const [text] = ctx.strings;
    const large = text === undefined ? undefined : bodyOfBytes(ctx.all, text.name, LARGE_CONTENT_BYTES);
    return [
      // An HTTP/1.0 request without keep-alive, and one of 1.1 with `Connection: close` (every raw message has it): the
      // sender reads on to the close, which the server MUST initiate (RFC 9112 §9.3, §9.6).
      ...emit(ctx, http10, {}, m, {
        wire: wire(fields, { framing: 'length', version: '1.0', awaitClose: true }, body),
      }),
      ...emit(ctx, http10NoHost, {}, m, {
        wire: wire(fields, { framing: 'length', version: '1.0', noHost: true }, body),
      }),
      ...(large === undefined
        ? []
        : emit(ctx, http10Large, {}, large, {
            wire: wire(fields, { framing: 'length', version: '1.0', awaitClose: true }, Buffer.from(large)),
          })),
      ...emit(ctx, http11NoHost, {}, m, { wire: wire(fields, { framing: 'length', noHost: true }, body) }),
      ...emit(ctx, absoluteForm, {}, m, { wire: wire(fields, { framing: 'length', absoluteTarget: true }, body) }),
      ...emit(ctx, expectContinue, {}, m, { wire: expecting(body) }),
      ...emit(ctx, expectContinueAwaited, {}, m, {
        wire: wire(
          { ...fields, extra: [['Expect', '100-continue']] },
          { framing: 'length', awaitContinue: true },
          body,
        ),
      }),
      ...(large === undefined
        ? []
        : emit(ctx, expectContinueLarge, {}, large, { wire: expecting(Buffer.from(large)) })),
      ...emit(ctx, expectContinueCase, {}, m, { wire: expecting(body, ctx.ct, '100-Continue') }),
      ...ctx.model.media
        .filter((x) => x.contentType !== ctx.ct)
        .flatMap((x) =>
          emit(ctx, expectContinueMedia, { media: x.slug }, m, {
            contentType: x.contentType,
            wire: expecting(body, x.contentType),
          }),
        ),
      ...emit(ctx, expectContinueRefused, {}, m, { contentType: 'text/plain', wire: expecting(body, 'text/plain') }),
    ];
  },
};
