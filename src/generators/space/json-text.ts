/** JSON text forms (RFC 8259): the same value written differently must be read as the same value. */
import type { Draft } from '../draft.ts';
import { STRING_VARIANTS } from '../values.ts';
import type { Body } from '../violations/kind.ts';
import { RawJson, writeJson } from '../json-writer.ts';
import { emit, requestClass, type Dimension } from './class.ts';

const pretty = requestClass(
  'valid',
  'valid/pretty-printed',
  'RFC 8259 §2',
  'insignificant whitespace (indentation, newlines before and after the value) changes nothing',
);
const unicodeEscaped = requestClass(
  'valid',
  'valid/unicode-escaped',
  'RFC 8259 §7',
  'every non-ASCII character written as \\uXXXX escapes (astral ones as surrogate pairs) is the same string',
);

const whitespace = requestClass(
  'valid',
  'valid/json-text/whitespace-everywhere',
  'RFC 8259 §2',
  'space, tab, CR and LF are allowed before and after every structural character and around the value',
  { variantOf: 'valid/pretty-printed' },
);
const escapedForms = requestClass(
  'valid',
  'valid/json-text/escaped-forms',
  'RFC 8259 §7',
  '`\\u0062rand` is `brand` and `\\/` is `/`: member names and strings are compared after unescaping',
);
const duplicate = requestClass(
  'valid',
  'valid/json-text/duplicate-member/<where>',
  'RFC 8259 §4',
  'names SHOULD be unique (RFC 8259 §4), not MUST: a repeated member with the same value is taken or refused (400)',
  { advisory: true, accept: [201, 400] },
);

/** Walks a JSON text, calling `outside` for each character outside strings and `inside` for each inside one. */
function rewrite(json: string, outside: (c: string) => string, inside: (c: string, first: boolean) => string): string {
  let out = '';
  let inString = false;
  let first = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (!inString) {
      if (c === '"') {
        inString = true;
        first = true;
        out += c;
      } else out += outside(c);
      continue;
    }
    if (c === '\\') {
      // An escape is copied whole (\uXXXX or one character).
      const len = json[i + 1] === 'u' ? 6 : 2;
      out += json.slice(i, i + len);
      i += len - 1;
      first = false;
    } else if (c === '"') {
      inString = false;
      out += c;
    } else {
      out += inside(c, first);
      first = false;
    }
  }
  return out;
}

const WS = ' \t\r\n';
/** Insignificant whitespace around every structural character and the value (RFC 8259 §2). */
export function spacedOut(json: string): string {
  return `${WS}${rewrite(
    json,
    (c) => ('{}[],:'.includes(c) ? `${WS}${c}${WS}` : c),
    (c) => c,
  )}${WS}`;
}

/** The first letter of every string (member names included) as a \u escape, every `/` as `\/` (RFC 8259 §7). */
export function escapedOut(json: string): string {
  return rewrite(
    json,
    (c) => c,
    (c, first) =>
      c === '/' ? '\\/' : first && /[A-Za-z]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c,
  );
}

/** Escapes every non-ASCII character as \uXXXX (surrogate pairs as two escapes): the same JSON value. */
function asciiEscaped(json: string): string {
  return json.replace(/[\u007F-\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const jsonText: Dimension = {
  name: 'json-text',
  title: 'JSON text forms',
  summary:
    'One value, written in the ways RFC 8259 allows (whitespace, escapes, a repeated member): each is the same request, so 201 and an exact echo are due; a repeated member may also be refused. A top-level value that is not an object is a schema violation (`invalid/type/root/…`).',
  classes: [pretty, unicodeEscaped, whitespace, escapedForms, duplicate],
  drafts(ctx) {
    const out: Draft[] = [...emit(ctx, pretty, {}, `\n${JSON.stringify(ctx.all, null, 2)}\n`)];
    if (ctx.strings.length > 0) {
      // Astral characters and accents, so that the escapes include surrogate pairs.
      const variant = (name: string) => STRING_VARIANTS.find((v) => v.name === name)?.value ?? '';
      const body: Body = { ...ctx.minimal };
      for (const f of ctx.strings) body[f.name] = `${variant('emoji')} ${variant('accents')}`;
      out.push(...emit(ctx, unicodeEscaped, {}, asciiEscaped(JSON.stringify(body))));
    }
    const all = JSON.stringify(ctx.all);
    out.push(...emit(ctx, whitespace, {}, spacedOut(all)), ...emit(ctx, escapedForms, {}, escapedOut(all)));
    // A repeated member with the same value: the value is the same whichever occurrence a parser keeps.
    const [first] = Object.entries(ctx.minimal);
    if (first !== undefined) {
      const m = JSON.stringify(ctx.minimal);
      out.push(
        ...emit(
          ctx,
          duplicate,
          { where: 'top-level' },
          `${m.slice(0, -1)},${JSON.stringify(first[0])}:${JSON.stringify(first[1])}}`,
        ),
      );
    }
    for (const f of ctx.untyped)
      out.push(
        ...emit(
          ctx,
          duplicate,
          { where: f.name },
          writeJson({ ...ctx.minimal, [f.name]: new RawJson('{"conformance":1,"conformance":1}') }),
        ),
      );
    return out;
  },
};
