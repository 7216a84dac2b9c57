/** `enum` (JSON Schema Validation §6.1.2): a string one small step from every member (other casings, padding, look-alikes). */
import fc from 'fast-check';
import { typeAllows, type FieldModel } from '../model.ts';
import { enumNearMissArb, enumNearMisses } from '../near-miss.ts';
import { fieldViolation, randomDraft, withField, type ViolationKind } from './kind.ts';

/** The string members of a string field's enum: what near misses are spelled from (none for other fields). */
function stringMembers(f: FieldModel): string[] {
  const members = (f.enumValues ?? []).filter((m): m is string => typeof m === 'string');
  return typeAllows(f.types, 'string') ? members : [];
}

export const enumKind: ViolationKind = {
  keyword: 'enum',
  property: 'invalid/enum',
  // Every member is sent once as a valid case: a provider must accept each one.
  validCases({ model, minimal }) {
    return model.fields.flatMap((f) =>
      (f.enumValues ?? [])
        .filter((member) => member !== null)
        .map((member) => ({
          label: `valid/enum/${f.name}/${typeof member === 'string' ? member : JSON.stringify(member)}`,
          body: withField(minimal, f, member),
        })),
    );
  },
  invalidCases({ model, minimal }) {
    return model.fields.flatMap((f) => {
      const members = stringMembers(f);
      if (members.length === 0) return [];
      return enumNearMisses(members).map((nm) => ({
        label: `invalid/enum/${f.name}/${nm.name}`,
        body: withField(minimal, f, nm.value),
        violation: fieldViolation(f, 'enum'),
      }));
    });
  },
  arbitrary({ model, base }) {
    const branches = model.fields.flatMap((f) => {
      const members = stringMembers(f);
      if (members.length === 0) return [];
      return [
        fc
          .tuple(enumNearMissArb(members), base)
          .map(([v, body]) =>
            randomDraft(model, `invalid/enum/${f.name}`, withField(body, f, v), fieldViolation(f, 'enum')),
          ),
      ];
    });
    return branches.length > 0 ? fc.oneof(...branches) : undefined;
  },
};
