/** `additionalProperties: false` (JSON Schema Core §10.3.2.3): a property the closed schema does not name. */
import fc from 'fast-check';
import type { FieldModel } from '../model.ts';
import { nameVariants, unknownNameArb } from '../near-miss.ts';
import { canonicalValue, jsonValueArb } from '../values.ts';
import { randomDraft, rootViolation, type Body, type InvalidCandidate, type ViolationKind } from './kind.ts';

export const additionalProperties: ViolationKind = {
  keyword: 'additionalProperties',
  property: 'invalid/additionalProperties',
  invalidCases({ model, minimal }) {
    if (!model.closed) return [];
    const known = model.fields.map((f) => f.name);
    const out: InvalidCandidate[] = [];
    const additional = (label: string, key: string, value: unknown, replaces?: FieldModel) => {
      if (known.includes(key)) return;
      const body: Body = { ...minimal };
      if (replaces && !replaces.required) delete body[replaces.name];
      body[key] = value;
      out.push({
        label: `invalid/additionalProperties/${label}`,
        body,
        violation: rootViolation(model, 'additionalProperties'),
      });
    };
    additional('unknown', 'conformanceExtra', 'conformance');
    // Other casings of known names (ASP.NET binds case-insensitively by default): an optional field is renamed,
    // a required one stays and gets a twin, so that `required` stays satisfied.
    for (const f of model.fields)
      additional(nameVariants(f.name).pascal, nameVariants(f.name).pascal, canonicalValue(f), f);
    for (const f of model.fields)
      if (f.required) additional(nameVariants(f.name).upper, nameVariants(f.name).upper, canonicalValue(f), f);
    // snake_case twins of compound names (pydantic's alias generators, Rails' parameter conventions bind them).
    for (const f of model.fields)
      if (nameVariants(f.name).snake !== f.name)
        additional(nameVariants(f.name).snake, nameVariants(f.name).snake, canonicalValue(f), f);
    additional('empty-name', '', 'conformance');
    // The members frameworks read as a method override (Laravel's and Symfony's `_method`, Slim's `_METHOD`).
    for (const name of ['_method', '_METHOD']) additional(name, name, 'DELETE');
    return out;
  },
  arbitrary({ model, base }) {
    if (!model.closed) return undefined;
    const known = model.fields.map((f) => f.name);
    return fc
      .tuple(unknownNameArb(known), jsonValueArb(2), base)
      .map(([key, v, body]) =>
        randomDraft(
          model,
          'invalid/additionalProperties',
          { ...body, [key]: v },
          rootViolation(model, 'additionalProperties'),
        ),
      );
  },
};
