/** `enum` (JSON Schema Validation §6.1.2): a string one small step from every member (other casings, padding, look-alikes). */
import fc from 'fast-check';
import { typeAllows, type FieldModel, type RequestModel } from '../model.ts';
import { enumNearMissArb, enumNearMisses } from '../near-miss.ts';
import { fieldViolation, randomDraft, withField, type ViolationKind } from './kind.ts';

/** The string members of a string field's enum: what near misses are spelled from (none for other fields). */
function stringMembers(f: FieldModel): string[] {
  const members = (f.enumValues ?? []).filter((m): m is string => typeof m === 'string');
  return typeAllows(f.types, 'string') ? members : [];
}

/**
 * The string enums of the whole document other than `f`'s (the answer's statuses, another resource's types): what a
 * server that validates against the wrong enum, or a union of them, takes for a member.
 */
function neighbourEnums(model: RequestModel, f: FieldModel): string[][] {
  const own = JSON.stringify(stringMembers(f));
  const found = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null)
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' && Array.isArray(value) && value.every((m): m is string => typeof m === 'string')) {
          if (JSON.stringify(value) !== own) found.set(JSON.stringify(value), value);
        } else walk(value);
      }
  };
  walk(model.spec.document);
  return [...found.values()];
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
      return enumNearMisses(members, neighbourEnums(model, f)).map((nm) => ({
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
          .tuple(enumNearMissArb(members, neighbourEnums(model, f)), base)
          .map(([v, body]) =>
            randomDraft(model, `invalid/enum/${f.name}`, withField(body, f, v), fieldViolation(f, 'enum')),
          ),
      ];
    });
    return branches.length > 0 ? fc.oneof(...branches) : undefined;
  },
};
