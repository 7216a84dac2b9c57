/** `format` (JSON Schema Validation §7.3.5, `uuid` by RFC 9562 §4): strings near a uuid (its valid spellings: `../space/formats.ts`). */
import fc from 'fast-check';
import type { FieldModel, RequestModel } from '../model.ts';
import { uuidNearMissArb, uuidNearMisses } from '../near-miss.ts';
import { canonicalValue } from '../values.ts';
import { fieldViolation, randomDraft, withField, type ViolationKind } from './kind.ts';

/** The fields whose format the generators know: `uuid`. */
function uuidFields(model: RequestModel): FieldModel[] {
  return model.fields.filter((f) => f.format === 'uuid');
}

export const format: ViolationKind = {
  keyword: 'format',
  property: 'invalid/format',
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
