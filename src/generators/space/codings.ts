/**
 * The registered content codings the suite applies and undoes (RFC 9110 §8.4.1): the encodings dimension sends bodies
 * in them and plain bytes labelled with them, the certification decodes them, the fixtures re-encode a body in its
 * case's coding.
 */
import { brotliCompressSync, brotliDecompressSync, deflateSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';

/** A registered content coding (RFC 9110 §18.6): how to apply and undo it. */
export interface Coding {
  readonly name: string;
  readonly encode: (b: Buffer) => Buffer;
  readonly decode: (b: Buffer) => Buffer;
}

/** The content codings coded cases are sent in. */
export const CODINGS: readonly Coding[] = [
  { name: 'gzip', encode: (b) => gzipSync(b), decode: (b) => gunzipSync(b) },
  // RFC 9110 §8.4.1.3: a recipient SHOULD consider "x-gzip" to be equivalent to "gzip".
  { name: 'x-gzip', encode: (b) => gzipSync(b), decode: (b) => gunzipSync(b) },
  { name: 'deflate', encode: (b) => deflateSync(b), decode: (b) => inflateSync(b) },
  { name: 'br', encode: (b) => brotliCompressSync(b), decode: (b) => brotliDecompressSync(b) },
];
