/** JSON text forms (RFC 8259): the same value written differently must be read as the same value. */
import type { Draft } from '../draft.ts';
import { STRING_VARIANTS } from '../values.ts';
import type { Body } from '../violations/kind.ts';
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

/** Escapes every non-ASCII character as \uXXXX (surrogate pairs as two escapes): the same JSON value. */
function asciiEscaped(json: string): string {
  return json.replace(/[\u007F-\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const jsonText: Dimension = {
  name: 'json-text',
  title: 'JSON text forms',
  summary:
    'One value, written in the ways RFC 8259 allows: each is the same request, so 201 and an exact echo are due.',
  classes: [pretty, unicodeEscaped],
  drafts(ctx) {
    const out: Draft[] = [...emit(ctx, pretty, {}, `\n${JSON.stringify(ctx.all, null, 2)}\n`)];
    if (ctx.strings.length > 0) {
      // Astral characters and accents, so that the escapes include surrogate pairs.
      const variant = (name: string) => STRING_VARIANTS.find((v) => v.name === name)?.value ?? '';
      const body: Body = { ...ctx.minimal };
      for (const f of ctx.strings) body[f.name] = `${variant('emoji')} ${variant('accents')}`;
      out.push(...emit(ctx, unicodeEscaped, {}, asciiEscaped(JSON.stringify(body))));
    }
    return out;
  },
};
