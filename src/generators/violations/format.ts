/** `format` (JSON Schema Validation §7.3.5, `uuid` by RFC 9562 §4): strings near a uuid, and the uuid's valid spellings. */
import fc from 'fast-check';
import type { FieldModel, RequestModel } from '../model.ts';
import { uuidNearMissArb, uuidNearMisses } from '../near-miss.ts';
import { canonicalValue } from '../values.ts';
import { fieldViolation, randomDraft, withField, type ViolationKind } from './kind.ts';

/** Why a refusal of the `urn:uuid:` form is only a warning. */
const URN_UUID =
  'ajv-formats accepts the urn:uuid: form of format uuid, but common uuid parsers (.NET Guid, npm uuid) refuse it';

/** The fields whose format the generators know: `uuid`. */
function uuidFields(model: RequestModel): FieldModel[] {
  return model.fields.filter((f) => f.format === 'uuid');
}

export const format: ViolationKind = {
  keyword: 'format',
  property: 'invalid/format',
  // Hex digits are case-insensitive (RFC 9562 §4): both casings are valid, and so is `urn:uuid:` for ajv-formats.
  validCases({ model, minimal }) {
    return uuidFields(model).flatMap((f) => {
      const u = canonicalValue(f) as string; // a uuid field's canonical value is a uuid string
      return [
        { label: `valid/format/${f.name}/lowercase`, body: withField(minimal, f, u.toLowerCase()) },
        { label: `valid/format/${f.name}/uppercase`, body: withField(minimal, f, u.toUpperCase()) },
        { label: `valid/format/${f.name}/urn-uuid`, body: withField(minimal, f, `urn:uuid:${u}`), advisory: URN_UUID },
      ];
    });
  },
  invalidCases({ model, minimal }) {
    return uuidFields(model).flatMap((f) =>
      uuidNearMisses(canonicalValue(f) as string).map((nm) => ({
        label: `invalid/format/${f.name}/${nm.name}`,
        body: withField(minimal, f, nm.value),
        violation: fieldViolation(f, 'format'),
      })),
    );
  },
  arbitrary({ model, base }) {
    const branches = uuidFields(model).map((f) =>
      fc
        .tuple(uuidNearMissArb, base)
        .map(([v, body]) =>
          randomDraft(model, `invalid/format/${f.name}`, withField(body, f, v), fieldViolation(f, 'format')),
        ),
    );
    return branches.length > 0 ? fc.oneof(...branches) : undefined;
  },
};
