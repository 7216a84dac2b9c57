import type { Check } from './types.ts';
import { RULES } from './rules.ts';
import { statusIn } from './util.ts';

const judge400 = statusIn(RULES.badRequest, 'an invalid request was not rejected');

/** One schema violation, malformed JSON or an empty body is rejected: 400 (the violation's rule is cited). */
export const invalidIsRejected: Check = {
  name: 'invalid-is-rejected',
  description: 'a request with one schema violation, malformed JSON or an empty body is answered 400',
  scope: 'row',
  applies: (c) => c.kind === 'schema-violation' || c.kind === 'malformed-json' || c.kind === 'empty-body',
  judge: (c, ex, ctx) => {
    const result = judge400(c, ex, ctx);
    // Cite the broken rule itself, so the provider sees which constraint it does not enforce.
    if (result && 'kind' in result && c.violation) return { ...result, rule: c.violation.rule };
    return result;
  },
};
