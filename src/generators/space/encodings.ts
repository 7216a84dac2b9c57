/**
 * How the body's bytes are encoded: a content coding (RFC 9110 §8.4), a byte-order mark before the JSON text, and
 * bytes that are not UTF-8 (RFC 8259 §8.1). Each message is written byte by byte by the raw sender.
 */
import type { Draft } from '../draft.ts';
import { otherMedia } from '../model.ts';
import type { Body } from '../violations/kind.ts';
import { emit, labelOf, requestClass, type Dimension } from './class.ts';
import { CODINGS } from './codings.ts';
import { wire } from './wire.ts';

const coded = requestClass(
  'valid',
  'valid/encoding/<coding>',
  'RFC 9110 §8.4',
  'a valid body in a registered content coding (gzip, x-gzip, deflate, br): decoded it is a valid request; a server that does not support the coding answers 415 (RFC 9110 §15.5.16), and both are common',
  { advisory: true, accept: [201, 415] },
);
const unknownCoding = requestClass(
  'media-type',
  'media/unknown-coding',
  'RFC 9110 §8.4',
  'a Content-Encoding no registry defines, over a plain JSON body: the representation cannot be decoded, and 415 is the answer RFC 9110 §8.4 gives to a coding that is not acceptable (a MAY, hence advice); stacks that ignore the field parse the bytes anyway',
  { advisory: true, accept: [415] },
);
const undecodable = requestClass(
  'media-type',
  'media/undecodable/<coding>',
  'RFC 9110 §8.4',
  'a registered Content-Encoding over bytes that are not in it (plain JSON labelled gzip, deflate or br): the representation cannot be decoded, so 400 or 415 is due, never a 5xx; stacks that ignore the field parse the bytes anyway, hence advice',
  { advisory: true, accept: [400, 415] },
);
const bom = requestClass(
  'valid',
  'valid/encoding/bom',
  'RFC 8259 §8.1',
  'a byte-order mark before a valid JSON text: senders MUST NOT add one, parsers MAY ignore it, so both 201 and 400 are right',
  { accept: [201, 400] },
);
const invalidUtf8 = requestClass(
  'malformed-json',
  'malformed/invalid-utf8/<bytes>/<where>',
  'RFC 8259 §8.1',
  'bytes that are not UTF-8 inside a string: JSON text exchanged between systems MUST be UTF-8, so the body is not JSON (400 due); many stacks decode it leniently (U+FFFD), hence advice',
  { advisory: true },
);
const invalidUtf8Elsewhere = requestClass(
  'malformed-json',
  'malformed/invalid-utf8-as/<media>',
  'RFC 8259 §8.1',
  'the first bytes that are not UTF-8 under each other declared media type: advice as under the primary one, but where the same bytes under the primary media type were refused, creating them fails (`media-types-agree`): the body is read by another decoder on that branch (a handler that decodes `text/json` itself, leniently)',
  { advisory: true, variantOf: 'malformed/invalid-utf8/<bytes>/<where>' },
);

const otherEncoding = requestClass(
  'malformed-json',
  'malformed/encoding/<form>',
  'RFC 8259 §8.1',
  'a valid body encoded in UTF-16 or UTF-32 (as RFC 4627 once allowed): JSON text exchanged between systems MUST be UTF-8, so the body is not JSON (400 due); readers that detect the encoding accept it, hence advice',
  { advisory: true },
);

/** The byte-order mark a BOM case puts before the body's UTF-8 (RFC 8259 §8.1). */
export const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A content coding no registry defines (RFC 9110 §16.6.1). */
export const UNKNOWN_CODING = 'x-conformance-unknown';

/** Byte sequences UTF-8 forbids (RFC 3629 §3, §10), each named for its label. */
const NOT_UTF8: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'bad-continuation', bytes: [0xc3, 0x28] },
  { name: 'lone-continuation', bytes: [0x80] },
  { name: 'overlong', bytes: [0xc0, 0xaf] },
  { name: 'surrogate', bytes: [0xed, 0xa0, 0x80] },
  { name: 'truncated', bytes: [0xe2, 0x82] },
  { name: 'ff', bytes: [0xff] },
];

const MARK = 'conformance-not-utf8';

/** A text in UTF-32LE: each code point in four bytes. */
function utf32le(text: string): Buffer {
  const points = [...text].map((ch) => ch.codePointAt(0) ?? 0);
  const out = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => out.writeUInt32LE(p, i * 4));
  return out;
}

/** The encodings other than UTF-8 a JSON text was once allowed in (RFC 4627 §3), each named for its label. */
const OTHER_ENCODINGS: readonly (readonly [string, (text: string) => Buffer])[] = [
  ['utf-16le-bom', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
  ['utf-16be', (t) => Buffer.from(t, 'utf16le').swap16()],
  ['utf-32le', utf32le],
];

export const encodings: Dimension = {
  name: 'encodings',
  title: 'Encodings',
  summary:
    'The bytes of an otherwise valid body (written byte by byte): in a content coding (201 or 415), an unknown coding (415 due, advisory), a registered coding the bytes are not in (400 or 415, advisory), after a byte-order mark (201 or 400), with bytes that are not UTF-8 or in UTF-16 or UTF-32 (400 due, advisory; the first bytes that are not UTF-8 under each other declared media type too, where creating what the primary one refused fails).',
  classes: [coded, unknownCoding, undecodable, bom, invalidUtf8, invalidUtf8Elsewhere, otherEncoding],
  drafts(ctx) {
    const all = JSON.stringify(ctx.all);
    const utf8 = Buffer.from(all, 'utf8');
    const out: Draft[] = [];
    for (const c of CODINGS) {
      const w = wire({ contentType: ctx.ct, extra: [['Content-Encoding', c.name]] }, undefined, c.encode(utf8));
      out.push(...emit(ctx, coded, { coding: c.name }, all, { wire: w }));
    }
    const m = JSON.stringify(ctx.minimal);
    out.push(
      ...emit(ctx, unknownCoding, {}, m, {
        wire: wire({ contentType: ctx.ct, extra: [['Content-Encoding', UNKNOWN_CODING]] }, undefined, Buffer.from(m)),
      }),
    );
    // Each registered coding over the plain bytes: a decoder that throws must not turn into a 500.
    for (const c of CODINGS.filter((x) => x.name !== 'x-gzip'))
      out.push(
        ...emit(ctx, undecodable, { coding: c.name }, m, {
          wire: wire({ contentType: ctx.ct, extra: [['Content-Encoding', c.name]] }, undefined, Buffer.from(m)),
        }),
      );
    const bomBytes = Buffer.concat([BOM, utf8]);
    out.push(...emit(ctx, bom, {}, all, { wire: wire({ contentType: ctx.ct }, undefined, bomBytes) }));
    // In the first free string and in a string inside each untyped member: where a validator reads text.
    const places: [string, Body][] = [];
    const first = ctx.strings[0];
    if (first) places.push([first.name, { ...ctx.minimal, [first.name]: MARK }]);
    for (const u of ctx.untyped) places.push([`${u.name}/nested`, { ...ctx.minimal, [u.name]: { conformance: MARK } }]);
    // And in member names, inside an untyped member and at the top level: a stack that checks values only reads a
    // name as text when it renders an error or the answer (Rails: a 500).
    for (const u of ctx.untyped) places.push([`${u.name}/member-name`, { ...ctx.minimal, [u.name]: { [MARK]: 1 } }]);
    places.push(['member-name', { ...ctx.minimal, [MARK]: 1 }]);
    // The first of them is the one the other declared media types are sent with, and the answers must agree.
    let reference: { label: string; bytes: Buffer } | undefined;
    for (const n of NOT_UTF8) {
      for (const [where, body] of places) {
        const [before = '', after = ''] = JSON.stringify(body).split(MARK);
        const bytes = Buffer.concat([Buffer.from(`${before}conformance-`), Buffer.from(n.bytes), Buffer.from(after)]);
        const label = labelOf(invalidUtf8, { bytes: n.name, where });
        reference ??= { label, bytes };
        out.push(
          ...emit(ctx, invalidUtf8, { bytes: n.name, where }, bytes.toString('utf8'), {
            wire: wire({ contentType: ctx.ct }, undefined, bytes),
            ...(reference.label === label ? { agreeWith: label } : {}),
          }),
        );
      }
    }
    // Each other declared media type without parameters (its charset-labelled spelling is the same branch).
    if (reference !== undefined)
      for (const m of otherMedia(ctx.model))
        out.push(
          ...emit(ctx, invalidUtf8Elsewhere, { media: m.slug }, reference.bytes.toString('utf8'), {
            contentType: m.contentType,
            wire: wire({ contentType: m.contentType }, undefined, reference.bytes),
            agreeWith: reference.label,
          }),
        );
    for (const [form, encode] of OTHER_ENCODINGS)
      out.push(...emit(ctx, otherEncoding, { form }, m, { wire: wire({ contentType: ctx.ct }, undefined, encode(m)) }));
    return out;
  },
};
