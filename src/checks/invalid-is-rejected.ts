import type { Check } from './types.ts';
import type { OperationProfile } from './profile.ts';
import { rowStatuses, rulesOf } from './rules.ts';
import { statusIn } from './util.ts';

/** One schema violation, malformed JSON or an empty body is rejected: 400 (the violation's rule is cited). */
export function invalidIsRejected(p: OperationProfile): Check {
  // A 4xx is a refusal, by the wrong status: the message says which of the two it is (a 403 read as "not rejected").
  const judge400 = statusIn(
    rulesOf(p).badRequest,
    (_c, status) =>
      status >= 400 && status < 500
        ? 'an invalid request was refused with another status'
        : 'an invalid request was not rejected',
    rowStatuses(p),
  );
  return {
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
}
