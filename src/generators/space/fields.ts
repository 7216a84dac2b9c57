/**
 * Other request fields a client or a browser adds to a valid request, each a rule of RFC 9110 the server's middleware
 * meets before the handler: Accept-Encoding (a compression layer answers in a coding, which the suite undoes), Origin
 * (a CORS layer; a browser sends it on every cross-origin POST), Range (defined for GET only, so a POST's answer is
 * whole), Accept-Charset (JSON is UTF-8 whatever it asks), Date (the client's clock, which `created` must not take) and
 * the method-override fields (the request line's method is the request's). 201 is due to each, as to the same request
 * without the field.
 */
import type { Draft } from '../draft.ts';
import { emit, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';
import { WIRE_UNIQUE } from '../../wire.ts';
import { MINIMAL_LABEL } from './bodies.ts';
import { LATIN_1_TEXT, longString } from '../values.ts';

const acceptEncoding = requestClass(
  'valid',
  'valid/accept-encoding/<form>',
  'RFC 9110 §12.5.3',
  'a valid request that takes gzip, deflate or br back (as browsers and most HTTP clients say), deflate alone, identity alone, or `gzip;q=0, identity` (these two with 4 KiB in the untyped member, over the size compression layers start at): 201 due, in a coding the field accepts or none (`coding-is-accepted`: a layer that looks for the word gzip answers gzip to gzip;q=0); the answer is judged once its coding is undone (a compression layer that labels a body it did not compress, or raw DEFLATE as deflate, which RFC 9110 §8.4.1.2 defines as the zlib format: chi’s Compress, fails)',
);

/** Accept-Encoding values: what browsers and most clients say, and deflate alone (a server then has no gzip to pick). */
const CODINGS: readonly (readonly [string, string])[] = [
  ['gzip-deflate-br', 'gzip, deflate, br'],
  ['deflate', 'deflate'],
];
/** Accept-Encoding values that leave no coding but identity acceptable: an answer in gzip there is unreadable. */
const UNCODED: readonly (readonly [string, string])[] = [
  ['identity', 'identity'],
  ['gzip-refused', 'gzip;q=0, identity'],
];
const origin = requestClass(
  'valid',
  'valid/origin',
  'RFC 6454 §7',
  'a valid request with the Origin a browser adds to a cross-origin POST: 201 due, or 403 from a server that refuses an origin it does not trust; a CORS layer whose origin check throws answers 500',
  { accept: [201, 403] },
);
const nullOrigin = requestClass(
  'valid',
  'valid/origin/null',
  'RFC 6454 §7.1',
  'a valid request with the opaque origin `null`, which a browser sends from a sandboxed frame, a `file:` page or after a cross-origin redirect: 201 due, or 403 as to any origin a server does not trust; a CORS layer that parses every Origin as a URL throws on it (500)',
  { accept: [201, 403], variantOf: 'valid/origin' },
);
const range = requestClass(
  'valid',
  'valid/range/<form>',
  'RFC 9110 §14.2',
  'a valid request with a Range field, well-formed or not: range handling is defined for GET only, and a server MUST ignore the field on any other method, so 201 is due with the whole answer (cpp-httplib applies it to a POST: 206 or 416)',
);

const methodOverride = requestClass(
  'valid',
  'valid/method-override/<field>',
  'RFC 9110 §9.1',
  'a valid request with a method-override field naming DELETE (X-HTTP-Method-Override, X-HTTP-Method, X-Method-Override), which the operation does not define: the request line’s method is the request’s (RFC 9110 §9.1), so 201 is due (a 400 to a field the server will not take is also right); a framework that honours the field (Symfony’s Request::getMethod(), Express’s method-override) routes it as DELETE, a 405',
  { accept: [201, 400], variantOf: 'valid/query-members' },
);

const largeFields = requestClass(
  'valid',
  'valid/fields/large',
  'RFC 9110 §5.4',
  'a valid request with one extension field of about 3 KiB (the size of a signed bearer token or a session cookie): a server may refuse fields larger than it wishes to process (431, RFC 9110 §5.4), but the whole request stays under every common default (4 KiB for the request line and fields in fasthttp and Fiber, and for the whole request in Pistache; 8 KiB in Tomcat, Jetty and per line in Apache, 16 KiB in Node), so 201 is due; a front end whose header buffer was set small (nghttpx’s --request-header-field-buffer) refuses ordinary clients',
  // The minimal request with fields added: it waits for the second pass, so that a budget keeps the classes that differ more.
  { variantOf: MINIMAL_LABEL },
);
const manyFields = requestClass(
  'valid',
  'valid/fields/many',
  'RFC 9110 §5.4',
  'a valid request with 30 extension fields of 100 bytes, about 3 KiB in all (tracing and forwarding fields add up so): under every common limit on the fields’ size and number (4 KiB in fasthttp, Apache’s 100 fields), so 201 is due',
  { variantOf: MINIMAL_LABEL },
);

const acceptCharset = requestClass(
  'valid',
  'valid/accept-charset',
  'RFC 8259 §8.1',
  'a valid request whose text Latin-1 holds, with `Accept-Charset: iso-8859-1` (a field RFC 9110 §12.5.2 keeps for old clients): JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1), so 201 is due with the answer in UTF-8 (406 accepted: a server may refuse what the field asks); a writer that honours the field answers in Latin-1, which is no JSON text',
  { accept: [201, 406], variantOf: MINIMAL_LABEL },
);

const requestDate = requestClass(
  'valid',
  'valid/date',
  'RFC 9110 §6.6.1',
  'a valid request with the Date field a client may send (RFC 9110 §6.6.1), the RFC’s own example of 1994: it is the client’s clock, not the time the request was created, so 201 is due with `created` the server’s own time (`created-is-now`); a handler that takes the request’s Date for it (a “request time” read from the message) writes 1994',
  { variantOf: MINIMAL_LABEL },
);

// No User-Agent at all (hug blind probe: a "bot filter" answered 403): the field is a SHOULD for user agents (RFC 9110
// §10.1.5), and WAF rule sets refuse requests without it (AWS's core rule set), so a refusal is advice only.
const noUserAgent = requestClass(
  'valid',
  'valid/no-user-agent',
  'RFC 9110 §10.1.5',
  'a valid request without a User-Agent field, which a user agent SHOULD send but an API client may leave out (RFC 9110 §10.1.5): nothing in the operation depends on it, so 201 is due; advice, since WAF rule sets refuse such requests (AWS’s core rule set) in front of servers that would take them',
  { variantOf: MINIMAL_LABEL, advisory: true },
);

const acceptLanguage = requestClass(
  'valid',
  'valid/accept-language',
  'RFC 9110 §12.5.4',
  'a valid request with the Accept-Language a browser sends (German first): a server may localise its texts by it, but the answer’s data is the same, so 201 is due with the echo and a `created` of the server’s own time (a handler that takes a locale’s time zone, or labels UTC with its offset, writes another instant)',
  { variantOf: MINIMAL_LABEL },
);

const clientField = requestClass(
  'valid',
  'valid/client-field/<field>',
  'RFC 9110 §5.1',
  'a valid request with one field an API client, a gateway or a tracer adds (an Idempotency-Key drawn afresh each time, an X-Request-ID and an X-Correlation-ID, the same uuid X-Request-ID on two creations as a retry keeps it, an Accept-Language with the wildcard range, a script’s X-Requested-With, a preflight’s Access-Control-Request-Method on the POST itself, a W3C traceparent, `Prefer: return=representation`, `return=minimal` and `respond-async`, `Cache-Control: no-cache`, X-Forwarded-For, `Accept-Charset: UTF-8`): a recipient ignores a field it does not take (RFC 9110 §5.1) or acts on it without changing what a first request gets, so 201 is due with the echo (a keyed request answered 200 as if replayed, a tracer that chokes on the context, a store keyed by the forwarded address, a 204 to a preference for a minimal answer or a 202 to one for an asynchronous answer where the operation documents a 201 with its body (RFC 7240 §2: a preference is honoured within the operation’s semantics), a 406 to UTF-8 in capitals (charset names are case-insensitive, RFC 9110 §8.3.2), the request id taken for the created request’s id, so that two creations share it, depart)',
  { variantOf: MINIMAL_LABEL },
);

/**
 * A request id in the form Envoy and AWS's load balancers write (a uuid), sent with two creations: a server that takes
 * it for the created request's id (a tracing middleware's id reused, LoopBack blind probe) answers one id twice.
 */
const REQUEST_ID_UUID = 'c0f0c0f0-7e57-4c0d-9a1e-000000000001';

/**
 * The fields a client or what stands between it and the server commonly adds to a create: draft-ietf-httpapi-
 * idempotency-key-header, W3C Trace Context, RFC 7240, RFC 9111 §5.2.1.4, the de-facto request-id and forwarding
 * fields; the key is drawn when sent (a server remembers a key, and a run sent again must be a first request again).
 */
const CLIENT_FIELDS: readonly (readonly [string, string, string])[] = [
  ['idempotency-key', 'Idempotency-Key', WIRE_UNIQUE],
  // Request ids as gateways and clients write them, not uuids: a server that takes one for its own id answers it.
  ['x-request-id', 'X-Request-ID', 'conformance-request-1'],
  ['x-correlation-id', 'X-Correlation-ID', 'conformance-correlation-1'],
  ['traceparent', 'traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ['prefer', 'Prefer', 'return=representation'],
  ['cache-control', 'Cache-Control', 'no-cache'],
  ['x-forwarded-for', 'X-Forwarded-For', '203.0.113.195, 198.51.100.17'],
  // A preference for a minimal answer (RFC 7240 §4.2), which a server MAY honour within what the operation documents:
  // its 201 and body (the spec documents no 204; go-restful blind probe answered 204 with nothing).
  ['prefer-minimal', 'Prefer', 'return=minimal'],
  // UTF-8 named in capitals, as Spring's RestTemplate and Apache HttpClient write it: charset names are
  // case-insensitive (RFC 9110 §8.3.2), so the JSON the server writes is acceptable (hug blind probe: 406).
  ['accept-charset-utf-8', 'Accept-Charset', 'UTF-8'],
  // The same uuid request id on two creations (a client's retry keeps it): two requests created, two ids.
  ['x-request-id-uuid', 'X-Request-ID', REQUEST_ID_UUID],
  ['x-request-id-uuid-again', 'X-Request-ID', REQUEST_ID_UUID],
  // A language range with the wildcard, which RFC 9110 §12.5.4 allows (`*` matches any tag): a catalogue lookup that
  // takes every range for a tag crashes on it (Elysia blind probe: 500).
  ['accept-language-any', 'Accept-Language', 'de-CH, *;q=0.5'],
  // What a browser's script library adds (jQuery, Angular's old default): a framework that takes the request for an
  // AJAX one answers it on another branch (Laravel's and AdonisJS's `ajax()`, Rails' `xhr?`), which must create alike.
  ['x-requested-with', 'X-Requested-With', 'XMLHttpRequest'],
  // A CORS preflight's field on the POST itself, as a client that copies every header of a preflight sends it: only
  // an OPTIONS is a preflight (Fetch §4.8), so a CORS layer that takes any request with it for one answers 204 and
  // creates nothing (openapi-glue blind probe).
  ['access-control-request-method', 'Access-Control-Request-Method', 'POST'],
  // A preference for an asynchronous answer (RFC 7240 §4.1), which a server MAY honour within what the operation
  // documents: its 201 (the spec documents no 202; oRPC blind probe answered 202 and created nothing visible).
  ['prefer-respond-async', 'Prefer', 'respond-async'],
];

/** What a browser set to German sends. */
const BROWSER_LANGUAGES = 'de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7';

/** RFC 9110 §5.6.7's example date: a client's clock decades off. */
const CLIENT_DATE = 'Sun, 06 Nov 1994 08:49:37 GMT';

/** About the header bytes a large-fields request adds: the whole request stays under the smallest common default (fasthttp's 4 KiB). */
const LARGE_FIELDS_BYTES = 3000;
/** How many fields the many-fields shape spreads them over: under Apache's LimitRequestFields of 100. */
const MANY_FIELDS = 30;

/** The method-override fields in use (Google and Express; OData; IBM), each sent naming DELETE. */
const OVERRIDES = ['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'] as const;

/** Range values: a well-formed byte range, and one no range-unit parser reads. */
const RANGES: readonly (readonly [string, string])[] = [
  ['bytes-0-9', 'bytes=0-9'],
  ['malformed', 'bytes=x-'],
];

export const fields: Dimension = {
  name: 'fields',
  title: 'Other request fields',
  summary:
    'Accept-Encoding, Origin (a site’s, and the opaque `null`), Range and method-override fields on an otherwise valid request: the middleware that reads them (compression, CORS, range handling, method override) must leave the answer as it is without them, 201 due (403 accepted to an origin a server refuses); an Accept-Charset of Latin-1, answered in UTF-8 all the same (406 accepted); a Date of 1994, which the creation time must not follow; a browser’s Accept-Language, which changes no data; the fields clients, gateways and tracers add (an Idempotency-Key, a request id, a trace context, a preference for a full or a minimal answer, a forwarded address, UTF-8 named in capitals as an acceptable charset), 201 due; no User-Agent at all, 201 due (advice); and about 3 KiB of extension fields, under every common limit, 201 due.',
  classes: [
    acceptEncoding,
    origin,
    range,
    methodOverride,
    acceptCharset,
    noUserAgent,
    nullOrigin,
    acceptLanguage,
    requestDate,
    clientField,
    largeFields,
    manyFields,
  ],
  drafts(ctx) {
    const m = JSON.stringify(ctx.minimal);
    // Written byte by byte: the HTTP client writes no Accept-Encoding, and would not write a field it has its own use for.
    const rawWith = (extra: readonly (readonly [string, string])[], body = m) => ({
      wire: wire({ contentType: ctx.ct, extra }, undefined, Buffer.from(body)),
    });
    const raw = (name: string, value: string) => rawWith([[name, value]]);
    const out: Draft[] = [];
    for (const [form, value] of CODINGS)
      out.push(...emit(ctx, acceptEncoding, { form }, m, raw('Accept-Encoding', value)));
    out.push(...emit(ctx, origin, {}, m, raw('Origin', 'https://conformance.invalid')));
    for (const [form, value] of RANGES) out.push(...emit(ctx, range, { form }, m, raw('Range', value)));
    for (const field of OVERRIDES)
      out.push(...emit(ctx, methodOverride, { field: field.toLowerCase() }, m, raw(field, 'DELETE')));
    // The first free string in letters Latin-1 holds and ASCII does not: a Latin-1 answer differs from UTF-8 there.
    const [text] = ctx.strings;
    if (text !== undefined) {
      const latin = JSON.stringify({ ...ctx.minimal, [text.name]: LATIN_1_TEXT });
      out.push(...emit(ctx, acceptCharset, {}, latin, rawWith([['Accept-Charset', 'iso-8859-1']], latin)));
    }
    out.push(...emit(ctx, requestDate, {}, m, raw('Date', CLIENT_DATE)));
    out.push(...emit(ctx, acceptLanguage, {}, m, raw('Accept-Language', BROWSER_LANGUAGES)));
    for (const [field, name, value] of CLIENT_FIELDS)
      out.push(...emit(ctx, clientField, { field }, m, raw(name, value)));
    // Extension fields, which a recipient ignores (RFC 9110 §5.1): only their size is asked about.
    const padding = (n: number) => 'c'.repeat(n);
    out.push(
      ...emit(ctx, largeFields, {}, m, raw('X-Conformance-Padding', padding(LARGE_FIELDS_BYTES))),
      ...emit(
        ctx,
        manyFields,
        {},
        m,
        rawWith(
          Array.from({ length: MANY_FIELDS }, (_, i) => {
            const name = `X-Conformance-Field-${String(i + 1).padStart(2, '0')}`;
            // Each field line is `name: value` and CRLF, its share of the bytes.
            return [name, padding(LARGE_FIELDS_BYTES / MANY_FIELDS - name.length - ': \r\n'.length)] as const;
          }),
        ),
      ),
    );
    // Last, so that the cases before keep their places: fields that accept no compression, with 4 KiB of text in the
    // first untyped member (no length limit a string may have meets it), so that the answer is over the size from which
    // compression layers code (Spring Boot's and Tomcat's 2 KiB, Express's 1 KiB, Flask-Compress's 500 bytes).
    const [free] = ctx.untyped;
    const coded =
      free === undefined ? m : JSON.stringify({ ...ctx.minimal, [free.name]: { conformance: longString(4096) } });
    for (const [form, value] of UNCODED)
      out.push(...emit(ctx, acceptEncoding, { form }, coded, rawWith([['Accept-Encoding', value]], coded)));
    out.push(
      ...emit(ctx, noUserAgent, {}, m, {
        wire: wire({ contentType: ctx.ct, userAgent: null }, undefined, Buffer.from(m)),
      }),
    );
    out.push(...emit(ctx, nullOrigin, {}, m, raw('Origin', 'null')));
    return out;
  },
};
