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
  'ajv-formats accepts the urn:uuid: form of format uuid, but common uuid parsers (.NET Guid, npm uuid) refuse it',
  { advisory: true },
);

/** The fields whose format the generators know: `uuid`. */
function uuidFields(fields: readonly FieldModel[]): FieldModel[] {
  return fields.filter((f) => f.format === 'uuid');
}

export const formats: Dimension = {
  name: 'formats',
  title: 'Formats',
  summary:
    'Every spelling a format admits as the request validator (ajv-formats) reads it, each a valid request: 201 and an echo of the same value are due.',
  classes: [spelling, urnUuid],
  drafts(ctx) {
    const out: Draft[] = [];
    for (const f of uuidFields(ctx.model.fields)) {
      const u = canonicalValue(f) as string; // a uuid field's canonical value is a uuid string
      const body = (v: string) => JSON.stringify({ ...ctx.minimal, [f.name]: v });
      out.push(
        ...emit(ctx, spelling, { field: f.name, spelling: 'lowercase' }, body(u.toLowerCase())),
        ...emit(ctx, spelling, { field: f.name, spelling: 'uppercase' }, body(u.toUpperCase())),
        ...emit(ctx, urnUuid, { field: f.name }, body(`urn:uuid:${u}`)),
      );
    }
    return out;
  },
};
