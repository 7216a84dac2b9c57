/**
 * How the body is framed (RFC 9112 §6): chunked in one chunk and in odd sizes, with chunk extensions, and not framed
 * at all. Each message is written byte by byte by the raw sender; a Content-Length that disagrees with the body is
 * never sent (it would desynchronise the connection, and say nothing about the service).
 */
import { emit, SPEC, requestClass, type Dimension } from './class.ts';
import { framedBody } from '../../wire.ts';
import { wire } from './wire.ts';
import { NEXT, nextMessage } from './connection.ts';
import { longString } from '../values.ts';

/**
 * A chunked body may be refused with 411: "A server MAY reject a request that contains a message body but not a
 * Content-Length" (RFC 9112 §6.3), and CherryPy's JSON tool does.
 */
const CHUNKED_ACCEPT: readonly number[] = [201, 411];

const chunked = requestClass(
  'valid',
  'valid/framing/chunked',
  'RFC 9112 §7.1',
  `a valid body sent chunked, in one chunk: every HTTP/1.1 recipient must be able to parse chunked (RFC 9112 §6.1); a server MAY refuse a body without Content-Length with 411 (RFC 9112 §6.3), which is accepted; on a connection kept open, ${NEXT}: the chunked body ends with its last chunk and an empty line, which the server must read`,
  { accept: CHUNKED_ACCEPT },
);
const chunkedMedia = requestClass(
  'valid',
  'valid/framing/chunked/<media>',
  'RFC 9112 §7.1',
  'a valid body sent chunked under each other declared media type and spelling: the framing and the media type are independent, so 201 is due (411 accepted, as for any chunked body); a stack whose reader for one media type reads only a Content-Length body fails there alone',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const largeChunked = requestClass(
  'valid',
  'valid/framing/chunked-large',
  'RFC 9112 §7.1',
  'a valid body of 12 KiB sent chunked, in chunks of 4 KiB and the rest: the body is their concatenation, however long (411 accepted, as for any chunked body); a reader that takes a fixed buffer or the first chunk only (kin-openapi probe: 1 KiB) cuts it and refuses it',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const beyondBuffers = requestClass(
  'valid',
  'valid/framing/chunked-beyond-buffers',
  'RFC 9112 §7.1',
  'a valid body of 64 KiB sent chunked, in chunks of 8 KiB: past the read-ahead a proxy or a server spools before it hands the body on (Apache’s mod_proxy_http passes a chunked body over 16 KiB on chunked, and an application that reads CONTENT_LENGTH alone, Django under gunicorn, reads none and refuses it); 201 due, 413 accepted as for any content over 16 KiB, 411 as for any chunked body',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const upperCaseSizes = requestClass(
  'valid',
  'valid/framing/chunk-size-upper-case',
  'RFC 9112 §7.1',
  'a valid body sent chunked in chunks of 26 and 171 bytes and the rest, each size in upper-case hex digits (`1A`, `AB`), as .NET’s HttpClient writes them: chunk-size is HEXDIG, either case (RFC 9112 §7.1; RFC 5234 §2.3), so 201 is due (411 accepted, as for any chunked body); a chunk reader written by hand that takes only `[0-9a-f]` refuses it',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const chunkedWithLength = requestClass(
  'valid',
  'valid/framing/chunked-with-length',
  'RFC 9112 §6.1',
  'a valid body sent chunked with a Content-Length of the JSON text’s own length too, on a connection not asked closed: the server MUST read it by the Transfer-Encoding (201) or refuse it (400; 411 accepted, as for any chunked body), then MUST close the connection (RFC 9112 §6.1); one that reads the Content-Length instead takes the chunk-size line for the body and the rest for a request of its own (a request smuggled past a proxy), and one that keeps the connection open is warned, since Go’s net/http and Netty do',
  {
    accept: [201, 400, 411],
    httpLayer: true,
    variantOf: 'valid/framing/chunked',
    family: 'valid/framing/chunked-with-length',
  },
);
const lengthAfterChunked = requestClass(
  'valid',
  'valid/framing/length-after-chunked',
  'RFC 9112 §6.1',
  'the same message with its Transfer-Encoding written before its Content-Length: the order of the fields changes nothing (RFC 9112 §6.1: Transfer-Encoding overrides), so 201, 400 or 411 and a close are due as to the other order; a header reader where the last framing field wins reads this one by its Content-Length (and the other by its chunks), the request smuggled past a proxy',
  {
    accept: [201, 400, 411],
    httpLayer: true,
    variantOf: 'valid/framing/chunked',
    family: 'valid/framing/chunked-with-length',
  },
);
const codingCase = requestClass(
  'valid',
  'valid/framing/coding-case',
  'RFC 9112 §7',
  'a valid body sent chunked under `Transfer-Encoding: Chunked`: transfer-coding names are case-insensitive (RFC 9112 §7), so 201 is due (411 accepted, as for any chunked body); an HTTP layer that compares the field with `chunked` exactly (cohttp 4.0) reads no body, or the chunks as the body, and refuses it',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const oddChunks = requestClass(
  'valid',
  'valid/framing/odd-chunks',
  'RFC 9112 §7.1',
  'a valid body, its free strings in text beyond ASCII, cut into chunks of 1, 2, 3, 5, 8 and 13 bytes over its whole length, splitting tokens and UTF-8 sequences: the body is their concatenation (411 accepted, as for any chunked body); a reader that decodes each chunk on its own (`text += chunk` on Node’s data events, one a chunk) turns the split characters into U+FFFD',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const extension = requestClass(
  'valid',
  'valid/framing/chunk-extension',
  'RFC 9112 §7.1.1',
  'a valid chunked body with a chunk extension on every chunk: a recipient must ignore extensions it does not know (411 accepted, as for any chunked body)',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked' },
);
const trailer = requestClass(
  'valid',
  'valid/framing/trailer',
  'RFC 9112 §7.1.2',
  `a valid chunked body with two trailer fields after its last chunk: the trailer section is part of the chunked coding every HTTP/1.1 recipient must parse (RFC 9112 §6.1, §7.1.2), and a field it does not know is ignored; a reader that expects \`0\` and an empty line at once waits for ever or refuses it (411 accepted, as for any chunked body); on a connection kept open, ${NEXT}: a reader that leaves a trailer line behind answers it as a request`,
  // Its own family: a reader that refuses a trailer is another bug than one that refuses an extension (fasthttp: both).
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked', family: 'valid/framing/trailer' },
);
// The trailer announced, as a sender SHOULD (RFC 9110 §6.6.2): a server that refuses a request announcing one (Twisted
// third round) refuses a valid chunked body; of the trailer's family, as the same reader's bug.
const trailerAnnounced = requestClass(
  'valid',
  'valid/framing/trailer/announced',
  'RFC 9110 §6.6.2',
  'a valid chunked body with a trailer field after its last chunk, announced by a `Trailer` field in the header section as a sender SHOULD (RFC 9110 §6.6.2): the trailer is part of the chunked coding every HTTP/1.1 recipient must parse (RFC 9112 §6.1), which MAY keep or discard its fields (§7.1.2) but does not refuse the message for them (411 accepted, as for any chunked body)',
  { accept: CHUNKED_ACCEPT, variantOf: 'valid/framing/chunked', family: 'valid/framing/trailer' },
);
const emptyChunked = requestClass(
  'empty-body',
  'empty-body/chunked',
  `${SPEC.requestBody}/required`,
  'chunked with the last chunk only: a body of no bytes, as the required body is missing (411 accepted, as for any chunked body)',
  { accept: [400, 411] },
);
const unframed = requestClass(
  'empty-body',
  'empty-body/no-framing',
  'RFC 9112 §6.3',
  "a body with neither Content-Length nor Transfer-Encoding: a request without framing has no body (RFC 9112 §6.3), so the required body is missing; 411 Length Required is the other answer RFC 9110 §15.5.12 gives, and the bytes that follow are a malformed next request, which a server's HTTP layer may refuse first",
  { accept: [400, 411], httpLayer: true },
);

const headersOnly = requestClass(
  'empty-body',
  'empty-body/headers-only',
  'RFC 9112 §6.3',
  "the JSON Content-Type and nothing after the header section: neither Content-Length nor Transfer-Encoding nor a byte of content (what `curl -X POST -H 'Content-Type: application/json'` sends): a request without framing has no content (RFC 9112 §6.3), so the required body is missing and 400 is due (411 accepted, as for any request without Content-Length); a stack that leaves the body unset when there is none (Express 5's `req.body` undefined, where 4 gave `{}`) and a handler that reads a member of it answer 500",
  // The empty body's rule by another framing, not `no-framing`'s: with no bytes after the head no HTTP layer refuses a
  // next request first, so the handler itself meets the missing body (Express 5 + VineJS probe: masked there, 500 here).
  { accept: [400, 411], httpLayer: true, variantOf: 'empty-body' },
);

const transferCoding = requestClass(
  'malformed-json',
  'malformed/transfer-coding/<form>',
  'RFC 9112 §6.3',
  'a Transfer-Encoding whose final coding is not chunked, over a chunked valid body: the length cannot be determined, and the server MUST answer 400 (RFC 9112 §6.3; 501 to a coding it does not implement, §6.1, is also right, and so is 411, a refusal of a body without Content-Length); a server that looks for the word chunked anywhere in the field, or at its end (Bottle), reads the chunks and creates it',
  // The same rule as a body without framing (RFC 9112 §6.3: the length cannot be determined), by another header.
  { accept: [400, 411, 501], httpLayer: true, variantOf: 'empty-body/no-framing' },
);

const codingWithLength = requestClass(
  'empty-body',
  'empty-body/transfer-coding-with-length/<form>',
  'RFC 9112 §6.3',
  'a Transfer-Encoding whose final coding is not chunked beside a Content-Length that frames the valid body: Transfer-Encoding overrides Content-Length (RFC 9112 §6.1), so the length cannot be determined and the server MUST answer 400 and close (RFC 9112 §6.3; 501 to a coding it does not implement, §6.1, and 411 are right too); a server that falls back to the Content-Length when it does not know the coding (cohttp 4.0) creates it, which is how a request is smuggled past a proxy that reads the other field',
  { accept: [400, 411, 501], httpLayer: true, variantOf: 'empty-body/no-framing' },
);

const fieldNameSpace = requestClass(
  'empty-body',
  'empty-body/field-name-whitespace',
  'RFC 9112 §5.1',
  'a valid body framed only by a Content-Length line with white space between the field name and the colon (`Content-Length : 46`): a server MUST answer 400 to such a line (RFC 9112 §5.1: a proxy that read the name otherwise smuggles a request through), and without it the request has no framing, so no body (411 accepted, as for any body without Content-Length); a lenient parser strips the space, reads the body and creates it (Jetty’s legacy compliance mode)',
  // Its own family: a parser that strips the space is another bug than one that takes either of two lengths.
  { accept: [400, 411], httpLayer: true, variantOf: 'empty-body/no-framing', family: 'empty-body/field-name' },
);

const contentLength = requestClass(
  'empty-body',
  'empty-body/invalid-content-length',
  'RFC 9112 §6.3',
  'a Content-Length that is not a number (Content-Length = 1*DIGIT, RFC 9110 §8.6) before a valid body: the framing is invalid, no body can be read, and the server MUST answer 400 and close the connection (RFC 9112 §6.3; 411, a refusal that asks for a valid length, is accepted too); a bare int() of the field (Bottle on wsgiref) raises, 500',
  { accept: [400, 411], httpLayer: true, variantOf: 'empty-body/no-framing' },
);

const lengthForm = requestClass(
  'empty-body',
  'empty-body/content-length-form/<form>',
  'RFC 9112 §6.3',
  'the body’s length written with a sign (`+46`) or a digit separator (`4_6`), which Content-Length = 1*DIGIT (RFC 9110 §8.6) does not allow: the framing is invalid and 400 is due (RFC 9112 §6.3; 411 accepted); advice only, since a reader that takes it (Python’s int(), SWI-Prolog’s http library) reads the length the client meant, and only a proxy that reads it otherwise desynchronises',
  // One family with `abc`: a server that refuses or closes on an invalid length does so however it is written.
  {
    advisory: true,
    accept: [400, 411],
    httpLayer: true,
    variantOf: 'empty-body/no-framing',
    family: 'empty-body/invalid-content-length',
  },
);

/** Content-Length values a lenient number parser reads as the body's length: a sign, a digit separator (Python's int()). */
const LENGTH_FORMS: readonly (readonly [string, (n: number) => string])[] = [
  ['plus-sign', (n) => `+${n}`],
  ['digit-separator', (n) => `${String(n).slice(0, 1)}_${String(n).slice(1)}`],
];

const twoLengths = requestClass(
  'empty-body',
  'empty-body/conflicting-content-length/<order>',
  'RFC 9112 §6.3',
  'two Content-Length lines with different values before a valid body: the framing is invalid, and the server MUST answer 400 and close the connection (RFC 9112 §6.3); a server that takes either line reads a body of the wrong length (uWebSockets never answers)',
  { accept: [400], httpLayer: true, variantOf: 'empty-body/no-framing' },
);

const chunkSize = requestClass(
  'malformed-json',
  'malformed/chunk-size/<form>',
  'RFC 9112 §7.1',
  'a chunked body whose chunk-size line is not hexadecimal (`zz`): the chunked coding cannot be read (chunk-size = 1*HEXDIG), so the message is malformed, and the server SHOULD answer 400 (RFC 9112 §2.2), which its HTTP layer may give (411, a refusal of any chunked body, is accepted too); a handler that answers the failed read with 500 (Go’s `io.ReadAll` error passed on as one) fails, one that closes without an answer is warned (hyper’s `to_bytes` unwrapped)',
  // 411 as for any chunked body: a server MAY refuse a body without Content-Length (RFC 9112 §6.3) before reading it.
  { accept: [400, 411], httpLayer: true, variantOf: 'empty-body/no-framing' },
);

/**
 * Transfer-Encoding values whose last coding is not chunked: chunked then another (a test for the word, or for the
 * first coding, takes it), and a coding whose name ends in chunked (a test of the field's end takes it).
 */
const TRANSFER_CODINGS: readonly (readonly [string, string])[] = [
  ['chunked-then-gzip', 'chunked, gzip'],
  ['xchunked', 'xchunked'],
];

/** The orders of two Content-Length lines that differ: the body's length first, or one byte more first. */
const LENGTH_ORDERS: readonly (readonly [string, (n: number) => number[]])[] = [
  ['true-first', (n) => [n, n + 1]],
  ['longer-first', (n) => [n + 1, n]],
];

/** Odd chunk sizes, repeated over the whole body: they split the JSON text anywhere, multi-byte characters included. */
const ODD = [1, 2, 3, 5, 8, 13];
/** Characters of two, three and four bytes in UTF-8, in every free string of the odd-chunks body. */
const MULTIBYTE = 'conformance-Ünïcödé-测试-😀🔋';

/** `ODD` repeated until the sizes cover `length` bytes. */
function oddChunksOver(length: number): number[] {
  const out: number[] = [];
  for (let sum = 0, i = 0; sum < length; i++) {
    const size = ODD[i % ODD.length];
    out.push(size);
    sum += size;
  }
  return out;
}

export const framing: Dimension = {
  name: 'framing',
  title: 'Framing',
  summary:
    'How the body is delimited on the wire (written byte by byte): chunked bodies, in any chunk sizes, with chunk extensions and with a trailer field, are valid requests (201 due, and 411 accepted: RFC 9112 §6.3 lets a server refuse a body without Content-Length); a body without any framing, or a chunked body of no bytes, is a request without its required body (400 due, 411 accepted); a field line with white space before its colon, and a chunk-size line that is not hexadecimal, are refused (400).',
  classes: [
    chunked,
    chunkedMedia,
    largeChunked,
    beyondBuffers,
    upperCaseSizes,
    codingCase,
    chunkedWithLength,
    lengthAfterChunked,
    oddChunks,
    extension,
    trailer,
    trailerAnnounced,
    emptyChunked,
    unframed,
    headersOnly,
    transferCoding,
    codingWithLength,
    contentLength,
    lengthForm,
    twoLengths,
    fieldNameSpace,
    chunkSize,
  ],
  drafts(ctx) {
    const all = JSON.stringify(ctx.all);
    const m = JSON.stringify(ctx.minimal);
    const odd = JSON.stringify({ ...ctx.all, ...Object.fromEntries(ctx.strings.map((f) => [f.name, MULTIBYTE])) });
    const framed = (f: Parameters<typeof wire>[1]) => ({ wire: wire({ contentType: ctx.ct }, f) });
    // The minimal body written unframed after length lines of the case's own (the sender adds none).
    const bytes = Buffer.byteLength(m);
    const ownLength = (lines: readonly (readonly [string, string])[]) => ({
      wire: wire({ contentType: ctx.ct, extra: lines }, { framing: 'none' }, Buffer.from(m)),
    });
    return [
      // On a connection kept open, a request after it (RFC 9112 §9.3): the last chunk's empty line must be read too.
      ...emit(ctx, chunked, {}, all, framed({ framing: 'chunked', next: nextMessage(ctx) })),
      ...ctx.model.media
        .filter((x) => x.contentType !== ctx.ct)
        .flatMap((x) =>
          emit(ctx, chunkedMedia, { media: x.slug }, m, {
            contentType: x.contentType,
            wire: wire({ contentType: x.contentType }, { framing: 'chunked' }),
          }),
        ),
      // Chunked by the sender under a Transfer-Encoding line of its own, which stands for the sender's.
      ...emit(ctx, codingCase, {}, m, {
        wire: wire({ contentType: ctx.ct, extra: [['Transfer-Encoding', 'Chunked']] }, { framing: 'chunked' }),
      }),
      // Read on to the close, on a connection the request does not ask closed: both framings MUST end it (§6.1).
      ...emit(ctx, chunkedWithLength, {}, m, {
        wire: wire(
          {
            contentType: ctx.ct,
            extra: [
              ['Content-Length', String(bytes)],
              ['Connection', 'keep-alive'],
            ],
          },
          { framing: 'chunked', awaitClose: true },
        ),
      }),
      // The message's own Transfer-Encoding stands for the sender's (src/wire.ts), so it comes before the length here.
      ...emit(ctx, lengthAfterChunked, {}, m, {
        wire: wire(
          {
            contentType: ctx.ct,
            extra: [
              ['Transfer-Encoding', 'chunked'],
              ['Content-Length', String(bytes)],
              ['Connection', 'keep-alive'],
            ],
          },
          { framing: 'chunked', awaitClose: true },
        ),
      }),
      ...emit(ctx, oddChunks, {}, odd, framed({ framing: 'chunked', chunks: oddChunksOver(Buffer.byteLength(odd)) })),
      ...(ctx.strings.length > 0
        ? emit(
            ctx,
            largeChunked,
            {},
            JSON.stringify({ ...ctx.minimal, [ctx.strings[0].name]: longString(12 * 1024) }),
            framed({ framing: 'chunked', chunks: [4096, 4096] }),
          )
        : []),
      ...(ctx.strings.length > 0
        ? emit(
            ctx,
            beyondBuffers,
            {},
            JSON.stringify({ ...ctx.minimal, [ctx.strings[0].name]: longString(64 * 1024) }),
            framed({ framing: 'chunked', chunks: Array<number>(8).fill(8192) }),
          )
        : []),
      ...emit(
        ctx,
        upperCaseSizes,
        {},
        all,
        framed({ framing: 'chunked', chunks: [26, 171], chunkSizeUpperCase: true }),
      ),
      // Read on to the close: a reader that stops at the extension may take the rest for another request and answer
      // it too.
      ...emit(
        ctx,
        extension,
        {},
        m,
        framed({ framing: 'chunked', chunks: [4], chunkExtension: ';conformance=1', awaitClose: true }),
      ),
      // Two trailer fields, then a request on the same connection: a reader that stops at the trailer (Bun) or skips
      // one line after the last chunk (POCO) takes the rest for a request line, and the next request gets its answer.
      ...emit(
        ctx,
        trailer,
        {},
        m,
        framed({
          framing: 'chunked',
          trailer: 'Conformance-Trailer: 1\r\nConformance-Trailer-Second: 2',
          next: nextMessage(ctx),
        }),
      ),
      ...emit(ctx, emptyChunked, {}, '', framed({ framing: 'chunked' })),
      ...emit(ctx, unframed, {}, m, framed({ framing: 'none' })),
      ...emit(ctx, headersOnly, {}, undefined, framed({ framing: 'none' })),
      // Written unframed with a framing field of the case's own (the sender adds none): a Content-Length before the
      // body, a Transfer-Encoding over its bytes in the chunked coding.
      ...emit(ctx, contentLength, {}, m, ownLength([['Content-Length', 'abc']])),
      ...LENGTH_FORMS.flatMap(([form, length]) =>
        emit(ctx, lengthForm, { form }, m, ownLength([['Content-Length', length(bytes)]])),
      ),
      // The body's own length and one byte more, each on a line of its own, in both orders: a server that takes the
      // first line reads the body whole in one order and waits for a byte that never comes in the other.
      ...LENGTH_ORDERS.flatMap(([order, extra]) =>
        emit(
          ctx,
          twoLengths,
          { order },
          m,
          ownLength(extra(bytes).map((n): [string, string] => ['Content-Length', String(n)])),
        ),
      ),
      // Written unframed with its own Content-Length line, a space before the colon.
      ...emit(ctx, fieldNameSpace, {}, m, ownLength([['Content-Length ', String(bytes)]])),
      // Written unframed with its own Transfer-Encoding: chunked, over a chunk whose size line is no number.
      ...emit(ctx, chunkSize, { form: 'not-hex' }, m, {
        wire: wire(
          { contentType: ctx.ct, extra: [['Transfer-Encoding', 'chunked']] },
          { framing: 'none' },
          Buffer.from(`zz\r\n${m}\r\n0\r\n\r\n`),
        ),
      }),
      ...TRANSFER_CODINGS.flatMap(([form, te]) =>
        emit(ctx, transferCoding, { form }, m, {
          wire: wire(
            { contentType: ctx.ct, extra: [['Transfer-Encoding', te]] },
            { framing: 'none' },
            framedBody({ framing: 'chunked' }, Buffer.from(m)),
          ),
        }),
      ),
      // The same codings over the body as it is, framed by its own Content-Length line too.
      ...TRANSFER_CODINGS.flatMap(([form, te]) =>
        emit(
          ctx,
          codingWithLength,
          { form },
          m,
          ownLength([
            ['Transfer-Encoding', te],
            ['Content-Length', String(bytes)],
          ]),
        ),
      ),
      ...emit(ctx, trailerAnnounced, {}, m, {
        wire: wire(
          { contentType: ctx.ct, extra: [['Trailer', 'Conformance-Trailer']] },
          { framing: 'chunked', trailer: 'Conformance-Trailer: 1' },
        ),
      }),
    ];
  },
};
