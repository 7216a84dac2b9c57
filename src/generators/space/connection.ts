/**
 * The connection after an answer (RFC 9112 §9.3): HTTP/1.1 connections persist, so a message is written without the
 * close option and, once its answer is complete, a request without credentials is sent on the same connection, then
 * alone on a connection of its own: the two answers must agree (a request with credentials and an empty body too: no
 * body may be carried over, RFC 9110 §3.3), and a server that closed the plainest one's
 * connection must have said so (§9.6: FPC's fcl-web server serves one request a connection, unannounced). The server must have read the first message to the
 * end its framing gives (RFC 9112 §6.3): the last chunk's empty line (`valid/framing/chunked` sends its next message)
 * and a trailer (a Guile server left them, and waited for ever on the next request), a body it answered without
 * reading, by its length or chunked (a refusal of credentials or of the media type before the body is read), or after
 * refusing a 100-continue expectation (a Tcl server took the body for the next request), a GET's content (cohttp left it).
 */
import type { Draft } from '../draft.ts';
import { otherMedia } from '../model.ts';
import { emit, SPEC, requestClass, type Dimension, type SpaceContext } from './class.ts';
import type { NextMessage } from '../../wire.ts';
import { VALID_AUTHORIZATION, wire } from './wire.ts';
import { MINIMAL_LABEL } from './bodies.ts';
import { underEveryMember } from './rotation.ts';

/** A chunked body may be refused with 411 (RFC 9112 §6.3), as in the framing classes. */
const CHUNKED_ACCEPT: readonly number[] = [201, 411];
/** How a class with a next message says so (`valid/framing/chunked` too). */
export const NEXT =
  'then, on the same connection, a valid body without credentials, which must get the answer it gets on a connection of its own (connection-is-reusable)';

const keptAlive = requestClass(
  'valid',
  'valid/connection/kept-alive',
  'RFC 9112 §9.3',
  `the plainest valid body, framed by Content-Length, on a connection kept open, ${NEXT}: HTTP/1.1 connections persist, and a server that closes them anyway MUST say so with the close option in its answer (RFC 9112 §9.6)`,
  { variantOf: MINIMAL_LABEL },
);
const keptAliveByMember = requestClass(
  'valid',
  'valid/connection/kept-alive/<member>',
  'RFC 9112 §9.3',
  `the plainest valid body with each other member of an enum (each entity type), on a connection kept open, ${NEXT}: a server that closes the connection after some answers only (one type's handler) MUST say so with the close option (RFC 9112 §9.6)`,
  { variantOf: MINIMAL_LABEL },
);
const keptAliveByMedia = requestClass(
  'valid',
  'valid/connection/kept-alive/media/<media>',
  'RFC 9112 §9.3',
  `the plainest valid body under each other declared media type, on a connection kept open, ${NEXT}: a server that closes the connection after the answers to one media type only (its reader for that type) MUST say so with the close option (RFC 9112 §9.6)`,
  { variantOf: MINIMAL_LABEL },
);
const crlfAfterBody = requestClass(
  'valid',
  'valid/connection/crlf-after-body',
  'RFC 9112 §2.2',
  `a valid body framed by Content-Length, followed in the same write by the empty line old clients send after a POST, on a connection kept open, ${NEXT}: the message ends where its Content-Length says (RFC 9112 §6.3), so 201 is due to it (FPC’s fcl-web server waited for more, for ever); a server expecting the next request line SHOULD ignore the empty line (§2.2), so another answer to the next request, or the connection closed on it (Guile, Hunchentoot), is a warning`,
  { variantOf: MINIMAL_LABEL },
);
const afterTrailer = requestClass(
  'valid',
  'valid/connection/after-trailer',
  'RFC 9112 §7.1.2',
  `a valid chunked body with a trailer field, on a connection kept open, ${NEXT}: the trailer section is part of the chunked body (411 accepted, as for any chunked body)`,
  // A variant: `valid/framing/chunked` sends a request next on its connection first (framing.ts).
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked', family: 'valid/framing/trailer' },
);
// The close option spelt as RFC 9110 §7.6.1 allows (a case-insensitive token in a list): the server MUST close after
// its answer (RFC 9112 §9.6). A lone `Close` is error; in a list, advice, for HTTP layers read only a lone token
// (Python's http.server under Django's runserver and Flask's, Puma 5, Twisted, libevent).
const CLOSE_SPELT = 'a valid request, read on to the close, whose Connection field asks for the close';
const closeUpperCase = requestClass(
  'valid',
  'valid/connection/close/upper-case',
  'RFC 9112 §9.6',
  `${CLOSE_SPELT} as \`Close\` (connection options are case-insensitive tokens, RFC 9110 §7.6.1; .NET Framework’s HttpWebRequest wrote it so): 201 due, and the server MUST close the connection after it (RFC 9112 §9.6); a server that compares the field with \`close\` keeps it open, and the client waits for the close`,
  { variantOf: MINIMAL_LABEL },
);
const closeListed = requestClass(
  'valid',
  'valid/connection/close/listed',
  'RFC 9112 §9.6',
  `${CLOSE_SPELT} in a list, \`TE,close\` beside \`TE: trailers\` (the Connection field is a list, RFC 9110 §7.6.1; Perl’s LWP writes \`TE, close\`): 201 due, and the server MUST close the connection after it (RFC 9112 §9.6); advice, since HTTP layers that read only a lone token (Python’s http.server under Django’s and Flask’s development servers, Puma 5, Twisted, libevent) keep it open`,
  { variantOf: MINIMAL_LABEL, advisory: true },
);

// A request judged on its own content next on the connection: the empty body must be refused as it is alone.
const thenEmptyBody = requestClass(
  'valid',
  'valid/connection/then-empty-body',
  'RFC 9110 §3.3',
  'the plainest valid body, framed by Content-Length, on a connection kept open, then, on the same connection, a request with the same credentials and an empty body (Content-Length: 0), which must get the answer it gets on a connection of its own (connection-is-reusable): a message means what it says whatever connection carries it (RFC 9110 §3.3); a server that keeps a body with its connection (a hug probe: an empty body read as the previous one) creates the entity again',
  { variantOf: MINIMAL_LABEL },
);

const afterUnreadBody = requestClass(
  'auth',
  'auth/connection/after-unread-body',
  SPEC.security,
  `a valid body without credentials, on a connection kept open, ${NEXT}: a server that refuses the credentials before reading the body must still read it, or close the connection (RFC 9112 §9.3, §6.3)`,
  { variantOf: 'auth/none' },
);
const afterUnreadMedia = requestClass(
  'media-type',
  'media/connection/after-unread-body',
  SPEC.requestContent,
  `a valid body as text/plain, on a connection kept open, ${NEXT}: a server that refuses the media type before reading the body must still read it, or close the connection (RFC 9112 §9.3, §6.3)`,
  { variantOf: 'media/<type>' },
);
// The same, chunked: a server that reads off only a body of known length (Cheroot) leaves the chunks to be taken for
// the next request (CherryPy probe); a chunked body may be refused with 411 first (RFC 9112 §6.3).
const afterUnreadChunkedBody = requestClass(
  'auth',
  'auth/connection/after-unread-chunked-body',
  SPEC.security,
  `a valid chunked body without credentials, on a connection kept open, ${NEXT}: a server that refuses the credentials before reading the body must still read its chunks to the last, or close the connection (RFC 9112 §9.3, §7.1); 403 accepted as for any refused credentials, 411 as for any chunked body`,
  { accept: [401, 403, 411], variantOf: 'auth/none' },
);
const afterUnreadChunkedMedia = requestClass(
  'media-type',
  'media/connection/after-unread-chunked-body',
  SPEC.requestContent,
  `a valid chunked body as text/plain, on a connection kept open, ${NEXT}: a server that refuses the media type before reading the body must still read its chunks to the last, or close the connection (RFC 9112 §9.3, §7.1); 411 accepted, as for any chunked body`,
  { accept: [415, 400, 411], variantOf: 'media/<type>' },
);

// The refusal of a request that expects 100-continue, answered before the body (RFC 9110 §10.1.1 lets a server answer
// the final status at once), while the client sent the body anyway, as it MAY: the body is still the message's.
const EXPECT_REFUSED =
  'with `Expect: 100-continue`, the body written at once as a client MAY (RFC 9110 §10.1.1), on a connection kept open';
const afterExpectRefused = requestClass(
  'auth',
  'auth/connection/after-expect-refused',
  SPEC.security,
  `a valid body without credentials ${EXPECT_REFUSED}, ${NEXT}: a server that answers the expectation with its refusal of the credentials, before the body, must still read the body that came, or close the connection (RFC 9112 §9.3, §6.3); one that keeps the connection and reads the body as the next request answers that request wrongly`,
  { variantOf: 'auth/none' },
);
const afterExpectRefusedMedia = requestClass(
  'media-type',
  'media/connection/after-expect-refused',
  SPEC.requestContent,
  `a valid body as text/plain ${EXPECT_REFUSED}, ${NEXT}: a server that answers the expectation with its refusal of the media type, before the body, must still read the body that came, or close the connection (RFC 9112 §9.3, §6.3)`,
  { variantOf: 'media/<type>' },
);

const afterGetBody = requestClass(
  'method',
  'method/connection/get-with-body',
  'RFC 9112 §6.3',
  `GET with a Content-Length and a valid body, on a connection kept open, ${NEXT}: content in a GET has no meaning (RFC 9110 §9.3.1) but is part of the message, which the server reads to its end whatever it does with it (cohttp left it, and took it for the start of the next request); 405 like any other method, or 501, or a refusal of the content (400, or the close RFC 9110 §9.3.1 foresees, a warning)`,
  { accept: [405, 501, 400], httpLayer: true, variantOf: 'method/<method>' },
);

/**
 * The message sent next on a connection kept open (`Framing.next`): the plainest valid body without credentials, so
 * that it creates nothing; its answer is compared with the same message's on a connection of its own.
 */
export function nextMessage(ctx: Pick<SpaceContext, 'ct' | 'minimal'>): NextMessage {
  return {
    headers: [
      ['Accept', 'application/json'],
      ['Content-Type', ctx.ct],
    ],
    bodyBase64: Buffer.from(JSON.stringify(ctx.minimal)).toString('base64'),
  };
}

/** `nextMessage`'s fields with the run's credentials and an empty body, sent next on a connection kept open: 400 due alone. */
function emptyNextMessage(ctx: Pick<SpaceContext, 'ct' | 'minimal'>): NextMessage {
  return { headers: [...nextMessage(ctx).headers, ['Authorization', VALID_AUTHORIZATION]], bodyBase64: '' };
}

export const connection: Dimension = {
  name: 'connection',
  title: 'The connection after an answer',
  summary:
    'Messages written byte by byte on a connection kept open (no close option; a plain chunked body is the framing dimension’s), each followed, once its answer is complete, by a request without credentials on the same connection (or, after the plainest one, with them and an empty body), which must get what it gets on a connection of its own: the server reads every message to the end its framing gives (a chunked body with or without a trailer, a body answered before it was read, with or without a 100-continue expectation, content in a GET), or closes the connection; after a 201 to the plainest message, only once its answer said so.',
  classes: [
    keptAlive,
    keptAliveByMember,
    keptAliveByMedia,
    crlfAfterBody,
    afterTrailer,
    afterUnreadBody,
    afterUnreadMedia,
    afterUnreadChunkedBody,
    afterUnreadChunkedMedia,
    afterExpectRefused,
    afterExpectRefusedMedia,
    afterGetBody,
    closeUpperCase,
    closeListed,
    thenEmptyBody,
  ],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const next = nextMessage(ctx);
    const expect = [['Expect', '100-continue']] as const;
    // A body as the plainest message carries it, the next request after it on the connection.
    const plain = (text: string, contentType = ctx.ct) =>
      wire({ contentType }, { framing: 'length', next }, Buffer.from(text));
    const out: Draft[] = [
      ...emit(ctx, keptAlive, {}, m, { wire: plain(m) }),
      ...underEveryMember(ctx, ctx.minimal).flatMap(({ member, body }) => {
        const text = JSON.stringify(body);
        return emit(ctx, keptAliveByMember, { member }, text, { wire: plain(text) });
      }),
      // A kept-alive connection after each other declared media type (kin-openapi probe: closed after text/json only).
      ...otherMedia(ctx.model).flatMap((x) =>
        emit(ctx, keptAliveByMedia, { media: x.slug }, m, {
          contentType: x.contentType,
          wire: plain(m, x.contentType),
        }),
      ),
      ...emit(ctx, crlfAfterBody, {}, m, {
        wire: wire({ contentType: ctx.ct }, { framing: 'length', afterBody: '\r\n', next }, Buffer.from(m)),
      }),
      ...emit(ctx, afterTrailer, {}, m, {
        wire: wire({ contentType: ctx.ct }, { framing: 'chunked', trailer: 'Conformance-Trailer: 1', next }),
      }),
      ...emit(ctx, afterUnreadBody, {}, m, {
        auth: 'none',
        wire: wire({ contentType: ctx.ct, authorization: [] }, { framing: 'length', next }, Buffer.from(m)),
      }),
      ...emit(ctx, afterUnreadMedia, {}, m, {
        contentType: 'text/plain',
        wire: wire({ contentType: 'text/plain' }, { framing: 'length', next }, Buffer.from(m)),
      }),
      ...emit(ctx, afterUnreadChunkedBody, {}, m, {
        auth: 'none',
        wire: wire({ contentType: ctx.ct, authorization: [] }, { framing: 'chunked', next }),
      }),
      ...emit(ctx, afterUnreadChunkedMedia, {}, m, {
        contentType: 'text/plain',
        wire: wire({ contentType: 'text/plain' }, { framing: 'chunked', next }),
      }),
      ...emit(ctx, afterExpectRefused, {}, m, {
        auth: 'none',
        wire: wire(
          { contentType: ctx.ct, authorization: [], extra: expect },
          { framing: 'length', next },
          Buffer.from(m),
        ),
      }),
      ...emit(ctx, afterExpectRefusedMedia, {}, m, {
        contentType: 'text/plain',
        wire: wire({ contentType: 'text/plain', extra: expect }, { framing: 'length', next }, Buffer.from(m)),
      }),
      ...emit(ctx, afterGetBody, {}, m, { method: 'GET', wire: plain(m) }),
      ...(
        [
          [closeUpperCase, [['Connection', 'Close']]],
          [
            closeListed,
            [
              ['TE', 'trailers'],
              ['Connection', 'TE,close'],
            ],
          ],
        ] as const
      ).flatMap(([cls, extra]) =>
        emit(ctx, cls, {}, m, {
          wire: wire({ contentType: ctx.ct, extra }, { framing: 'length', awaitClose: true }, Buffer.from(m)),
        }),
      ),
      ...emit(ctx, thenEmptyBody, {}, m, {
        wire: wire({ contentType: ctx.ct }, { framing: 'length', next: emptyNextMessage(ctx) }, Buffer.from(m)),
      }),
    ];
    return out;
  },
};
