/**
 * Formats (JSON Schema Validation §7.3): valid values drawn from a format's whole value space as the validator reads
 * it, not from one library's habit. Invalid near misses are the `format` violation kind's (schema violations).
 */
import type { Draft } from '../draft.ts';
import type { FieldModel } from '../model.ts';
import { canonicalValue } from '../values.ts';
import { emit, SPEC, requestClass, type Dimension } from './class.ts';

const spelling = requestClass(
  'valid',
  'valid/format/<field>/<spelling>',
  `${SPEC.field}/format`,
  'hex digits are case-insensitive (RFC 9562 §4): lower and upper case are the same uuid',
);
const urnUuid = requestClass(
  'valid',
  'valid/format/<field>/urn-uuid',
  `${SPEC.field}/format`,
  'the urn:uuid: form, which ajv-formats takes for format uuid where RFC 9562 §4’s string form is the bare 8-4-4-4-12 (and .NET Guid and npm uuid refuse it): 400 due, advisory, since validators built on ajv-formats (Fastify’s, express-openapi-validator’s) create it, a warning; a 5xx or a wrong echo of it fails',
  { advisory: true, accept: [400] },
);

const wholeSpace = requestClass(
  'valid',
  'valid/format/uuid/<spelling>',
  `${SPEC.field}/format`,
  'format uuid as ajv-formats reads it: any hex digit in the version and variant places, nil, max, any case; a validator strict to RFC 9562 versions refuses them',
);

/** A uuid with the hex digit at `i` replaced. */
const at = (u: string, i: number, digit: string) => `${u.slice(0, i)}${digit}${u.slice(i + 1)}`;
/** Where the version and the variant digits are (RFC 9562 §4.1, §4.2). */
const VERSION = 14;
const VARIANT = 19;

/** The uuid spellings beyond the common v1–v8 layout, each from a base uuid. */
export const UUID_SPACE: readonly (readonly [name: string, spell: (u: string) => string])[] = [
  // First one a strict RFC 9562 validator refuses (it takes nil and max): the scheduler sends it early.
  ['version-0', (u) => at(u, VERSION, '0')],
  ['nil', () => '00000000-0000-0000-0000-000000000000'],
  ['max', () => 'ffffffff-ffff-ffff-ffff-ffffffffffff'],
  ['version-9', (u) => at(u, VERSION, '9')],
  ['version-f', (u) => at(u, VERSION, 'f')],
  ['variant-0', (u) => at(u, VARIANT, '0')],
  ['variant-c', (u) => at(u, VARIANT, 'c')],
  ['variant-f', (u) => at(u, VARIANT, 'f')],
  ['mixed-case', (u) => u.replace(/[a-f]/g, (c, i: number) => (i % 2 === 0 ? c.toUpperCase() : c))],
];

/** The fields whose format the generators know: `uuid`. */
function uuidFields(fields: readonly FieldModel[]): FieldModel[] {
  return fields.filter((f) => f.format === 'uuid');
}

export const formats: Dimension = {
  name: 'formats',
  title: 'Formats',
  summary:
    'Every spelling a format admits as the request validator (ajv-formats) reads it, each a valid request: 201 and an echo of the same value are due.',
  classes: [spelling, urnUuid, wholeSpace],
  drafts(ctx) {
    const out: Draft[] = [];
    for (const f of uuidFields(ctx.model.fields)) {
      const u = canonicalValue(f) as string; // a uuid field's canonical value is a uuid string
      const body = (v: string) => JSON.stringify({ ...ctx.minimal, [f.name]: v });
      out.push(
        // Upper case first: every valid body already carries lower-case uuids.
        ...emit(ctx, spelling, { field: f.name, spelling: 'uppercase' }, body(u.toUpperCase())),
        ...emit(ctx, spelling, { field: f.name, spelling: 'lowercase' }, body(u.toLowerCase())),
        ...emit(ctx, urnUuid, { field: f.name }, body(`urn:uuid:${u}`)),
      );
    }
    // The whole value space, every uuid field spelt the same way in one case.
    const fields = uuidFields(ctx.model.fields);
    if (fields.length > 0)
      for (const [name, spell] of UUID_SPACE) {
        const body: Record<string, unknown> = { ...ctx.minimal };
        for (const f of fields) body[f.name] = spell((canonicalValue(f) as string).toLowerCase());
        out.push(...emit(ctx, wholeSpace, { spelling: name }, JSON.stringify(body)));
      }
    return out;
  },
};
