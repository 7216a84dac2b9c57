/** `required` (JSON Schema Validation §6.5.3): a required property left out. */
import fc from 'fast-check';
import { mixedCaseMediaType } from '../near-miss.ts';
import { rootViolation, randomDraft, type InvalidCandidate, type ViolationKind } from './kind.ts';

export const required: ViolationKind = {
  keyword: 'required',
  property: 'invalid/required',
  invalidCases({ model, minimal, all }) {
    if (model.required.length === 0) return [];
    const violation = rootViolation(model, 'required');
    const without = (r: string) => {
      const body = { ...minimal };
      delete body[r];
      return body;
    };
    const out: InvalidCandidate[] = model.required.map((r) => ({
      label: `invalid/required/${r}`,
      body: without(r),
      violation,
    }));
    // The same member in the query string instead (a string-valued one: a query carries text).
    for (const r of model.required)
      if (typeof minimal[r] === 'string') {
        const query = new URLSearchParams({ [r]: minimal[r] }).toString();
        out.push({ label: `invalid/required/${r}/in-query`, body: without(r), violation, query });
      }
    // Each required member missing beside every other member of an enum the body carries: a provider that validates
    // per entity type (a schema or a branch per member) checks a member on some branches only.
    for (const r of model.required)
      for (const e of model.fields)
        if (e.name !== r && e.name in minimal && e.enumValues !== undefined)
          for (const m of e.enumValues)
            if (typeof m === 'string' && m !== minimal[e.name])
              out.push({
                label: `invalid/required/${r}/${e.name}-${m}`,
                body: { ...without(r), [e.name]: m },
                violation,
              });
    // With curl's `Accept: */*`: a framework that renders its errors by Accept answers a browser's redirect or page.
    const [first] = model.required;
    if (first !== undefined)
      out.push({ label: `invalid/required/${first}/accept-any`, body: without(first), violation, accept: '*/*' });
    if (model.required.length > 1) {
      const body = { ...all };
      for (const r of model.required) delete body[r];
      out.push({ label: 'invalid/required/all', body, violation });
    }
    out.push({ label: 'invalid/required/empty-object', body: {}, violation });
    // The same under every other declared media type, and the primary in upper case (RFC 9110 §8.3.1).
    const media: [string, string][] = [
      ...model.media.filter((m) => m !== model.primary).map((m): [string, string] => [m.slug, m.contentType]),
      [`${model.primary.slug}-mixed-case`, mixedCaseMediaType(model.primary.contentType)],
    ];
    for (const [slug, contentType] of media)
      out.push({ label: `invalid/required/empty-object/${slug}`, body: {}, violation, contentType });
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
