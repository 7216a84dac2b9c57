/** `required` (JSON Schema Validation §6.5.3): a required property left out. */
import fc from 'fast-check';
import { rootViolation, randomDraft, type ViolationKind } from './kind.ts';

export const required: ViolationKind = {
  keyword: 'required',
  property: 'invalid/required',
  invalidCases({ model, minimal, all }) {
    if (model.required.length === 0) return [];
    const violation = rootViolation(model, 'required');
    const out = model.required.map((r) => {
      const body = { ...minimal };
      delete body[r];
      return { label: `invalid/required/${r}`, body, violation };
    });
    if (model.required.length > 1) {
      const body = { ...all };
      for (const r of model.required) delete body[r];
      out.push({ label: 'invalid/required/all', body, violation });
    }
    out.push({ label: 'invalid/required/empty-object', body: {}, violation });
    return out;
  },
  arbitrary({ model, base }) {
    const present = model.required.filter((r) => model.fields.some((f) => f.name === r));
    if (present.length === 0) return undefined;
    return fc.tuple(fc.subarray(present, { minLength: 1 }), base).map(([missing, body]) => {
      const b = { ...body };
      for (const r of missing) delete b[r];
      return randomDraft(model, `invalid/required/${missing.join('+')}`, b, rootViolation(model, 'required'));
    });
  },
};
