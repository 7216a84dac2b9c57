/**
 * Methods (RFC 9110 §9): another method on the operation's path is refused with 405 and an `Allow` header, or with 501
 * by a server that does not implement the method at all (§9.1: every method but GET and HEAD is optional). A method
 * outside RFC 9110 may also meet a parser built with a fixed list (aiohttp's, older llhttp), which answers 400.
 */
import type { Draft } from '../draft.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';

const other = requestClass(
  'method',
  'method/<method>',
  SPEC.pathItem,
  'the path defines POST only: any other method is answered 405 (RFC 9110 §15.5.6), with or without a body; 501 from a server that implements the method nowhere (RFC 9110 §9.1)',
  { accept: [405, 501] },
);
const options = requestClass(
  'method',
  'method/OPTIONS',
  'RFC 9110 §9.3.7',
  'OPTIONS asks what the path supports: 405 like any other method (or 501), or 200/204, whose Allow header (a SHOULD: none is a warning) must list POST',
  { accept: [405, 200, 204, 501] },
);
const trace = requestClass(
  'method',
  'method/TRACE',
  'RFC 9110 §9.3.8',
  'TRACE asks the server to reflect the request: 405 like any other method (or 501), or 200 with the request as message/http (§9.3.8: the final recipient SHOULD reflect it); sent without credentials, which a client MUST NOT put in a TRACE (§9.3.8), so 401 and 403 are right too; and 400 from a server built on the Fetch API, whose Request refuses TRACE as a forbidden method (SvelteKit’s adapter-node), as a parser that knows only some methods does',
  { accept: [405, 501, 200, 401, 403, 400] },
);
const unregistered = requestClass(
  'method',
  'method/<registered>',
  'RFC 9110 §9.1',
  'a method registered outside RFC 9110 (WebDAV, QUERY): 405 or 501 like any other, or a 400 from a parser that knows only the methods it was built with (aiohttp, older llhttp)',
  { accept: [405, 400, 501], httpLayer: true },
);
const unknownToken = requestClass(
  'method',
  'method/unknown-token',
  'RFC 9110 §9.1',
  'a method token no registry defines: 501 is the answer RFC 9110 §9.1 names for an unrecognized method, and 405 and a 400 from a parser that knows only registered methods are also right',
  { accept: [405, 400, 501], httpLayer: true },
);
const lowerCase = requestClass(
  'method',
  'method/lower-case',
  'RFC 9110 §9.1',
  'the operation’s own method in lower case (`post`), with valid credentials and a valid body: the method token is case-sensitive (RFC 9110 §9.1), so `post` is a method the server does not know: 501, 405 or a parser’s 400 are due; advice only, since Werkzeug, Django, Symfony, Hunchentoot and Racket’s dispatcher upper-case or lower-case the method by design and create it (RFC 9110 orders nothing there)',
  { accept: [405, 400, 501], httpLayer: true, advisory: true, variantOf: 'method/unknown-token' },
);

/** Methods written byte by byte (the HTTP client refuses some, and would frame others its own way). */
const RAW: readonly { readonly method: string; readonly withBody: boolean; readonly known: boolean }[] = [
  { method: 'HEAD', withBody: false, known: true },
  // Registered methods a parser may not know (IANA HTTP Method Registry): QUERY carries a body, PROPFIND is WebDAV's.
  { method: 'QUERY', withBody: true, known: false },
  { method: 'PROPFIND', withBody: false, known: false },
];
/** A token no registry defines (RFC 9110 §9.1: method = token). */
const UNKNOWN_METHOD = 'CONFORMANCE';

/** Other methods on the path. */
const OTHER: readonly { readonly method: string; readonly withBody: boolean }[] = [
  { method: 'GET', withBody: false },
  { method: 'PUT', withBody: true },
  { method: 'PATCH', withBody: true },
  { method: 'DELETE', withBody: false },
];

export const methods: Dimension = {
  name: 'methods',
  title: 'Methods',
  summary:
    'Another method on the path, every one RFC 9110 defines and registered ones a router may not know: 405 is due (TRACE, sent without credentials, may also be reflected with 200), with an `Allow` header (a missing or empty one is a warning), or 501 from a server that does not implement the method at all (RFC 9110 §9.1); to a method outside RFC 9110 and to an unknown token, a parser that knows only its built-in methods may answer 400.',
  classes: [other, unregistered, options, trace, unknownToken, lowerCase],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    const out: Draft[] = [];
    for (const { method, withBody } of OTHER)
      out.push(
        ...(withBody
          ? emit(ctx, other, { method }, m, { method })
          : emit(ctx, other, { method }, undefined, { method, contentType: undefined })),
      );
    // CONNECT is left out: its request target is an authority, never a path (RFC 9112 §3.2.3), so sent to the path it
    // is a malformed request, not a method the operation refuses.
    const bare = wire({ contentType: undefined });
    for (const { method, withBody, known } of RAW) {
      const [cls, fills] = known ? [other, { method }] : [unregistered, { registered: method }];
      // HEAD's answer ends with its fields (RFC 9110 §9.3.2): read on to the close, to see any content after them.
      const w = method === 'HEAD' ? wire({ contentType: undefined }, { framing: 'length', awaitClose: true }) : bare;
      out.push(
        ...(withBody
          ? emit(ctx, cls, fills, m, { method, wire: wire({ contentType: ctx.ct }, undefined, Buffer.from(m)) })
          : emit(ctx, cls, fills, undefined, { method, contentType: undefined, wire: w })),
      );
    }
    // No credentials: the answer may reflect the request, fields and all (RFC 9110 §9.3.8).
    out.push(
      ...emit(ctx, trace, {}, undefined, {
        method: 'TRACE',
        contentType: undefined,
        auth: 'none',
        wire: wire({ contentType: undefined, authorization: [] }),
      }),
    );
    out.push(...emit(ctx, unknownToken, {}, undefined, { method: UNKNOWN_METHOD, contentType: undefined, wire: bare }));
    // The method every draft sends (draft.ts) in lower case: written byte by byte (the client upper-cases it).
    out.push(
      ...emit(ctx, lowerCase, {}, m, {
        method: 'post',
        wire: wire({ contentType: ctx.ct }, undefined, Buffer.from(m)),
      }),
    );
    // OPTIONS last: its Allow is judged against every method refused before it (a servlet's default doOptions lists
    // TRACE, which the resource refuses: Jetty probe).
    out.push(...emit(ctx, options, {}, undefined, { method: 'OPTIONS', contentType: undefined, wire: bare }));
    return out;
  },
};
