/** Bodies that are not JSON (RFC 8259 §2), and no body at all: 400 is due. */
import type { Draft } from '../draft.ts';
import { otherMedia } from '../model.ts';
import { longString, NON_JSON_NUMBERS } from '../values.ts';
import type { Body } from '../violations/kind.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';
import { wire } from './wire.ts';

const form = requestClass(
  'malformed-json',
  'malformed/<form>',
  'RFC 8259 §2',
  'not a JSON text (truncated, a trailing comma, single quotes, two values, a BOM or white space only, a NUL or a form feed after the value that a trim takes off…)',
);
const large = requestClass(
  'malformed-json',
  'malformed/large/<form>',
  'RFC 8259 §2',
  'not a JSON text, in a body of 20 KiB (a free string carries the length): the forms of `malformed/<form>` where the body’s size does not hide them, 400 due; a server that checks small bodies strictly and hands large ones to another reader, or checks only their first buffer (a cohttp probe: a strict pre-check skipped over 4 KiB, then Yojson’s extensions), creates it',
  { variantOf: 'malformed/<form>' },
);
const extension = requestClass(
  'malformed-json',
  'malformed/<extension>',
  'RFC 8259 §9',
  'a comment, or an escape JSON does not define (`\\x41`): not JSON, so 400 is due, but a parser MAY accept non-JSON extensions (RFC 8259 §9; Ruby’s json, under Rails, Sinatra and Grape, takes both), hence advice',
  { advisory: true },
);
const nonJsonNumber = requestClass(
  'malformed-json',
  'malformed/<literal>/<where>',
  'RFC 8259 §6',
  'NaN and the infinities are JavaScript and Python, not JSON: in every member, nested and inside an array',
);
const elsewhere = requestClass(
  'malformed-json',
  'malformed/as/<media>/<form>',
  'RFC 8259 §2',
  'the forms a lenient JSON reader takes (a trailing comma, single quotes, NaN in the free-form member, text after the value, a raw tab in a string) under each other declared media type: 400 due as under the primary one; a branch that reads `text/json` or `application/*+json` with a reader of its own (Python’s json.loads takes NaN; JSON5 the rest) creates them (a 415 is accepted: a refused declared type is the valid cases’ failure)',
  { accept: [400, 415], variantOf: 'malformed/<form>' },
);
const emptyBody = requestClass(
  'empty-body',
  'empty-body',
  `${SPEC.requestBody}/required`,
  'the request body is required: no body at all is refused',
);
const emptyWithoutType = requestClass(
  'empty-body',
  'empty-body/no-content-type',
  `${SPEC.requestBody}/required`,
  'no body and no Content-Type (`Content-Length: 0`), as a client sends a POST it gives no body: the required body is missing, so 400 is due (415 accepted: no media type either); a validator that runs only for a JSON Content-Type (Hono’s, with `required: false`) or a binder that makes an empty object of no body creates it',
  { accept: [400, 415], variantOf: 'empty-body' },
);

/**
 * Numbers RFC 8259 §6 does not write, where no type check stands behind the parser (an untyped member): a leading
 * zero (Jackson's ALLOW_NUMERIC_LEADING_ZEROS), a decimal point with no digit after it (lua-cjson reads `1.`) or before
 * it, a plus sign, hexadecimal (JSON5).
 */
const UNTYPED_NUMBERS: readonly (readonly [string, string])[] = [
  ['leading-zero-untyped', '01'],
  ['trailing-dot-untyped', '1.'],
  ['leading-dot-untyped', '.5'],
  ['plus-sign-untyped', '+1'],
  ['hexadecimal-untyped', '0x10'],
];

/** The length of the long string in `malformed/large/<form>`: past the 4, 8 and 16 KiB buffers readers switch at. */
const LARGE = 20 * 1024;

export const malformed: Dimension = {
  name: 'malformed',
  title: 'Not JSON, no body',
  summary:
    'Bytes that JSON.parse refuses, sent as the primary media type (the forms a lenient reader takes under each other declared one too), and an empty body: 400 is due.',
  classes: [form, large, extension, nonJsonNumber, elsewhere, emptyBody, emptyWithoutType],
  drafts(ctx) {
    const { minimal, model } = ctx;
    const m = JSON.stringify(minimal);
    // A literal JSON.stringify cannot write (NaN, 01) where MARK stands in a body.
    const MARK = 'conformance-non-json-number';
    const withField = (name: string, value: unknown): Body => ({ ...minimal, [name]: value });
    const withLiteral = (body: Body, literal: string) => JSON.stringify(body).replace(JSON.stringify(MARK), literal);
    const firstKey = Object.keys(minimal)[0] ?? 'conformance';
    const firstValue = JSON.stringify(minimal[firstKey] ?? 'conformance');
    // The body `text` with its first member's value written `raw`.
    const firstAs = (text: string, raw: string) => text.replace(`"${firstKey}":${firstValue}`, `"${firstKey}":${raw}`);
    const withFirst = (raw: string) => firstAs(m, raw);
    const out: Draft[] = [];
    // The forms a body's size does not hide, of `text` (`malformed/large/<form>` too).
    const sized = (text: string): [string, string][] => [
      ['truncated', text.slice(0, -1)],
      ['trailing-comma', `${text.slice(0, -1)},}`],
      ['single-quotes', text.replaceAll('"', "'")],
      ['unquoted-keys', text.replace(/"([^"]+)":/g, '$1:')],
      ['nan', firstAs(text, 'NaN')],
      // Text after the value: a reader that stops at the end of the first value (Go's json.Decoder, Python's
      // raw_decode) or cuts at the last brace takes the object; RFC 8259 §2 allows only white space there.
      ['trailing-characters', `${text}x`],
      // A tab as it is inside a string: RFC 8259 §7 escapes every control character (Jackson's
      // ALLOW_UNQUOTED_CONTROL_CHARS reads it).
      ['raw-control-character', firstAs(text, '"conformance\tvalue"')],
    ];
    const forms: [string, string][] = [
      ...sized(m),
      ['leading-zero', withFirst('01')],
      ['unterminated-string', `{"${firstKey}":"conformance}`],
      ['concatenated', m + m],
      ['extra-closing-brace', `${m}}`],
      ['bare-word', 'conformance'],
      ['bom-only', '\uFEFF'],
      ['whitespace-only', ' \r\n\t '],
    ];
    // Numbers JSON does not write where no type check stands behind the parser: inside an untyped member. In a typed
    // field the schema refuses the number whatever the parser did.
    const [untyped] = ctx.untyped;
    if (untyped !== undefined)
      for (const [name, literal] of UNTYPED_NUMBERS)
        forms.push([name, withLiteral(withField(untyped.name, { conformance: MARK }), literal)]);
    for (const [name, body] of forms) out.push(...emit(ctx, form, { form: name }, body));
    // The same forms around a long free string other than the first member (which some of them rewrite).
    const pad = ctx.strings.find((f) => f.name !== firstKey);
    if (pad !== undefined)
      for (const [name, body] of sized(JSON.stringify(withField(pad.name, longString(LARGE)))))
        out.push(...emit(ctx, large, { form: name }, body));
    const extensions: [string, string][] = [
      ['invalid-escape', withFirst('"\\x41"')],
      ['comment', `/* conformance */${m}`],
    ];
    for (const [name, body] of extensions) out.push(...emit(ctx, extension, { extension: name }, body));
    // NaN and the infinities in every position, not only the first key: Python's json.loads takes them all.
    // The untyped members first: a lenient parser's NaN there still passes the schema (elsewhere it breaks a type).
    const positions: [string, Body][] = ctx.untyped.flatMap((f): [string, Body][] => [
      [f.name, withField(f.name, MARK)],
      [`${f.name}/nested`, withField(f.name, { conformance: MARK })],
      [`${f.name}/array`, withField(f.name, [MARK])],
    ]);
    for (const f of model.fields) if (!ctx.untyped.includes(f)) positions.push([f.name, withField(f.name, MARK)]);
    for (const n of NON_JSON_NUMBERS)
      for (const [where, body] of positions)
        out.push(...emit(ctx, nonJsonNumber, { literal: n.name, where }, withLiteral(body, n.literal)));
    // The forms a lenient reader takes, the primary media type's own bytes, under each other declared media type
    // without parameters (its charset-labelled spelling is the same branch); NaN where no type check stands behind the
    // reader (`malformed/nan/<untyped>/nested`).
    const plain = new Map(sized(m));
    const nested = positions.find(([where]) => where === `${untyped?.name}/nested`)?.[1];
    const lenient: [string, string | undefined][] = [
      ['trailing-comma', plain.get('trailing-comma')],
      ['single-quotes', plain.get('single-quotes')],
      ['nan', nested && withLiteral(nested, 'NaN')],
      ['trailing-characters', plain.get('trailing-characters')],
    ];
    for (const media of otherMedia(model))
      for (const [name, body] of lenient)
        if (body !== undefined)
          out.push(
            ...emit(ctx, elsewhere, { media: media.slug, form: name }, body, { contentType: media.contentType }),
          );
    // Characters a reader's trim takes off but JSON's white space is not (RFC 8259 §2: space, tab, LF, CR only): a NUL
    // after the value (Ruby's String#strip, a C string's end), a vertical tab and form feed after it (JavaScript's
    // trim, Python's strip), a no-break space before it. Emitted last, so that no earlier case's rotation moves.
    const trimmed: [string, string][] = [
      ['trailing-nul', `${m}\u0000`],
      ['trailing-form-feed', `${m}\u000b\u000c`],
      ['leading-no-break-space', `\u00a0${m}`],
    ];
    for (const [name, body] of trimmed) out.push(...emit(ctx, form, { form: name }, body));
    out.push(...emit(ctx, emptyBody, {}, ''));
    // Written byte by byte: the HTTP client would add a Content-Type of its own.
    out.push(
      ...emit(ctx, emptyWithoutType, {}, '', {
        contentType: undefined,
        wire: wire({ contentType: undefined }, undefined, Buffer.alloc(0)),
      }),
    );
    // A raw tab inside a string under each other declared type too (Python's `json.loads(strict=False)` on a vendor
    // type's branch: hug probe). Last, so that no earlier case's rotation moves.
    const control = plain.get('raw-control-character');
    if (control !== undefined)
      for (const media of otherMedia(model))
        out.push(
          ...emit(ctx, elsewhere, { media: media.slug, form: 'raw-control-character' }, control, {
            contentType: media.contentType,
          }),
        );
    return out;
  },
};
